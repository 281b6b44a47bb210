using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>A failure the user can act on. The cmdlet layer turns it into an ErrorRecord; it is never shown as a stack trace.</summary>
    public class PartnerException : Exception
    {
        public PartnerException(string errorId, PartnerErrorCategory category, string message, object? target, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }

        public PartnerErrorCategory Category { get; }

        /// <summary>The object the failure is about: a customer, a subscription, a store path or the id that was asked for.</summary>
        public object? Target { get; }

        /// <summary>What the user can do about it; shown as the error's recommended action.</summary>
        public string? RecommendedAction { get; internal set; }
    }

    /// <summary>Removal refused because subscriptions are still active; the blocking subscriptions come along as data.</summary>
    public sealed class RemovalBlockedException : PartnerException
    {
        public RemovalBlockedException(string message, Customer customer, IReadOnlyList<Subscription> blockingSubscriptions)
            : base(PartnerErrorId.ActiveSubscriptionsBlockRemoval, PartnerErrorCategory.InvalidOperation, message, customer)
        {
            BlockingSubscriptions = blockingSubscriptions;
            Data["BlockingSubscriptions"] = blockingSubscriptions;
        }

        public IReadOnlyList<Subscription> BlockingSubscriptions { get; }
    }
}
