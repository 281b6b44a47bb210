using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>
    /// A failure the user can act on, built complete in <see cref="PartnerErrors"/> and never changed afterwards. The
    /// cmdlet layer turns it into an ErrorRecord; it is never shown as a stack trace.
    /// </summary>
    public class PartnerException : Exception
    {
        /// <param name="service">What the service said, when the failure came from a request; its ids end the message.</param>
        public PartnerException(string errorId, PartnerErrorCategory category, string message, object? target,
            string? recommendedAction = null, ServiceDetails? service = null, Exception? inner = null)
            : base(WithIds(message, service), inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
            RecommendedAction = recommendedAction;
            Service = service;
        }

        public string ErrorId { get; }

        public PartnerErrorCategory Category { get; }

        /// <summary>The object the failure is about: a customer, a subscription, a store path or the id that was asked for.</summary>
        public object? Target { get; }

        /// <summary>What the user can do about it; shown as the error's recommended action.</summary>
        public string? RecommendedAction { get; }

        /// <summary>What the service said, when the failure came from a Partner Center or token request; null otherwise.</summary>
        public ServiceDetails? Service { get; }

        /// <summary>The HTTP status of the Partner Center (or token endpoint) response, when the failure came from one.</summary>
        public int? HttpStatusCode => Service?.HttpStatusCode;

        /// <summary>The service's own error code, e.g. "3000" or "invalid_grant".</summary>
        public string? ServiceErrorCode => Service?.ServiceErrorCode;

        /// <summary>The MS-RequestId sent with the failed request (the same on each retry of it).</summary>
        public string? RequestId => Service?.RequestId;

        /// <summary>The MS-CorrelationId sent with the failed request.</summary>
        public string? CorrelationId => Service?.CorrelationId;

        /// <summary>How long the service asked to wait (Retry-After), when it throttled the request.</summary>
        public TimeSpan? RetryAfter => Service?.RetryAfter;

        /// <summary>How many HTTP attempts were made before giving up (1 when the failure was not retried).</summary>
        public int? Attempts => Service?.Attempts;

        /// <summary>
        /// A Partner Center failure names the request and the command's correlation id, which Microsoft support asks
        /// for: at the end of the message, once (a message built from this request's error carries them already).
        /// </summary>
        private static string WithIds(string message, ServiceDetails? service)
        {
            var ids = service?.Ids() ?? string.Empty;
            if (ids.Length == 0 || message.IndexOf(ids, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return message;
            }

            return message.TrimEnd() + (message.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? " " : ". ") + ids;
        }
    }

    /// <summary>
    /// Removal refused before anything changed, because the offboarding plan still has open steps; the plan, the
    /// blocking steps and their subscriptions come along as data.
    /// </summary>
    public sealed class RemovalBlockedException : PartnerException
    {
        internal RemovalBlockedException(string errorId, string message, string recommendedAction, Customer customer, OffboardingPlan plan, IReadOnlyList<OffboardingStep> blockingSteps)
            : base(errorId, PartnerErrorCategory.InvalidOperation, message, customer, recommendedAction)
        {
            Plan = plan;
            BlockingSteps = blockingSteps;
            BlockingSubscriptions = blockingSteps.Select(s => s.Subscription).Distinct().ToList();
            Data["Plan"] = plan;
            Data["BlockingSubscriptions"] = BlockingSubscriptions;
        }

        /// <summary>The customer's whole plan, as found when removal was refused.</summary>
        public OffboardingPlan Plan { get; }

        /// <summary>The steps the removal was not allowed (or able) to take.</summary>
        public IReadOnlyList<OffboardingStep> BlockingSteps { get; }

        public IReadOnlyList<Subscription> BlockingSubscriptions { get; }
    }
}
