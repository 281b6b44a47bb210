using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>Which status changes are allowed, and for whom.</summary>
    internal static class StatusChangeRules
    {
        /// <summary>How many times one status change is read and written again when it keeps being changed meanwhile.</summary>
        public const int MaxWriteRounds = 3;

        /// <summary>
        /// The status a subscription must have for the change: active can be suspended, suspended resumed; the target
        /// state itself is a no-op; everything else is refused.
        /// </summary>
        public static string RequiredStatusFor(Subscription subscription, string targetStatus)
        {
            if (KnownValues.AreEqual(subscription.Status, targetStatus))
            {
                return targetStatus;
            }

            var from = KnownValues.AreEqual(targetStatus, SubscriptionStatus.Suspended) ? SubscriptionStatus.Active
                : KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active) ? SubscriptionStatus.Suspended
                : null;
            if (from == null || !KnownValues.AreEqual(subscription.Status, from))
            {
                throw PartnerErrors.SubscriptionStatusCannotChange(subscription, targetStatus);
            }

            return from;
        }

        /// <summary>
        /// Whether a change to <paramref name="newStatus"/> can be changed back: a cancellation (status deleted)
        /// cannot, so an operation that is undone keeps it, as Partner Center does.
        /// </summary>
        public static bool CanBeUndone(string newStatus) => !KnownValues.AreEqual(newStatus, SubscriptionStatus.Deleted);

        /// <summary>The customer, if the partner still has a relationship; resuming for a removed customer says why it is refused.</summary>
        public static Customer RequireRelationshipFor(IPartnerBackend backend, Guid customerId, Guid subscriptionId, string targetStatus) =>
            CustomerLookup.RequireRelationship(backend, customerId, customer => RelationshipRefusal(customer, customerId, subscriptionId, targetStatus));

        /// <summary>Why a change is refused for a customer without a relationship (null when the backend does not know it at all).</summary>
        public static PartnerException RelationshipRefusal(Customer? customer, Guid customerId, Guid subscriptionId, string targetStatus) =>
            customer != null && KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active)
                ? PartnerErrors.ResumeRequiresRelationship(customer, subscriptionId)
                : PartnerErrors.CustomerRelationshipNotFound(customerId);
    }
}
