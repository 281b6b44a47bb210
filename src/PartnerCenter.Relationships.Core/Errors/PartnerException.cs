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

        /// <summary>The HTTP status of the Partner Center (or token endpoint) response, when the failure came from one.</summary>
        public int? HttpStatusCode { get; internal set; }

        /// <summary>The service's own error code: Partner Center's <c>code</c> (e.g. "3000") or the token endpoint's <c>error</c> (e.g. "invalid_grant").</summary>
        public string? ServiceErrorCode { get; internal set; }

        /// <summary>The MS-RequestId sent with the failed request (the same on each retry of it).</summary>
        public string? RequestId { get; internal set; }

        /// <summary>The MS-CorrelationId sent with the failed request.</summary>
        public string? CorrelationId { get; internal set; }

        /// <summary>How long the service asked to wait (Retry-After), when it throttled the request.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>How many HTTP attempts were made before giving up (1 when the failure was not retried).</summary>
        public int? Attempts { get; internal set; }

        /// <summary>
        /// Carries the Partner Center request details of <paramref name="serviceError"/> over to this error: the module
        /// names the failure in its own terms (same ErrorId as on the local store) and keeps the ids support asks for.
        /// </summary>
        public PartnerException WithServiceDetails(PartnerException serviceError)
        {
            HttpStatusCode = serviceError.HttpStatusCode;
            ServiceErrorCode = serviceError.ServiceErrorCode;
            RequestId = serviceError.RequestId;
            CorrelationId = serviceError.CorrelationId;
            Attempts = serviceError.Attempts;
            return this;
        }
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
