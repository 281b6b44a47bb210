using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>Which status changes are allowed, and for whom; what a change does not do that a user should be told.</summary>
    public static class StatusChangeRules
    {
        /// <summary>How many times one status change is read and written again when it keeps being changed meanwhile.</summary>
        internal const int MaxWriteRounds = 3;

        /// <summary>
        /// The status a subscription must have for the change: active can be suspended, suspended resumed, and a
        /// new-commerce one active or suspended cancelled (made deleted) inside its window; the target state itself is
        /// a no-op; everything else is refused. An Azure plan is suspended only once no Azure subscription under it is
        /// active (<paramref name="activeAzureSubscriptions"/>, asked only then).
        /// </summary>
        internal static string RequiredStatusFor(Subscription subscription, string targetStatus, DateTime now, Func<Subscription, int>? activeAzureSubscriptions = null)
        {
            if (KnownValues.AreEqual(subscription.Status, targetStatus))
            {
                return targetStatus;
            }

            if (KnownValues.AreEqual(targetStatus, SubscriptionStatus.Deleted))
            {
                return RequiredForCancellation(subscription, now);
            }

            var from = KnownValues.AreEqual(targetStatus, SubscriptionStatus.Suspended) ? SubscriptionStatus.Active
                : KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active) ? SubscriptionStatus.Suspended
                : null;
            if (from == null || !KnownValues.AreEqual(subscription.Status, from))
            {
                throw PartnerErrors.SubscriptionStatusCannotChange(subscription, targetStatus);
            }

            if (from == SubscriptionStatus.Active && CommitmentTerms.IsAzurePlan(subscription) && activeAzureSubscriptions != null &&
                activeAzureSubscriptions(subscription) is int active && active > 0)
            {
                throw PartnerErrors.AzurePlanHasActiveSubscriptions(subscription, active);
            }

            return from;
        }

        /// <summary>
        /// What a user should know before the change that it does not do: suspending a new-commerce subscription
        /// stops the customer's use of it but not the partner's bill, nor does it clear the way for removal. Null
        /// when there is nothing to say.
        /// </summary>
        public static string? WarningFor(Subscription subscription, string targetStatus)
        {
            if (!KnownValues.AreEqual(targetStatus, SubscriptionStatus.Suspended) || !CommitmentTerms.HasCancellationWindow(subscription))
            {
                return null;
            }

            var end = subscription.CommitmentEndDate is DateTime date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "its commitment end";
            return $"it is a new-commerce subscription: Partner Center keeps billing it while suspended, until its commitment ends on {end}, " +
                "and the reseller relationship cannot be removed until it is cancelled (Stop-PartnerSubscription, inside its cancellation window) or expired.";
        }

        /// <summary>Only new-commerce license subscriptions are cancelled, only from active or suspended, only inside the window.</summary>
        private static string RequiredForCancellation(Subscription subscription, DateTime now)
        {
            if (!CommitmentTerms.HasCancellationWindow(subscription))
            {
                throw PartnerErrors.CancellationNotSupported(subscription);
            }

            if (!SubscriptionStatus.IsActive(subscription.Status) && !SubscriptionStatus.IsSuspended(subscription.Status))
            {
                throw PartnerErrors.SubscriptionStatusCannotChange(subscription, SubscriptionStatus.Deleted);
            }

            if (!CommitmentTerms.IsCancellationWindowOpen(subscription, now))
            {
                throw PartnerErrors.CancellationWindowClosed(subscription, subscription.CancellationAllowedUntil);
            }

            return subscription.Status;
        }

        /// <summary>
        /// Whether a change to <paramref name="newStatus"/> can be changed back: a cancellation (status deleted)
        /// cannot, so an operation that is undone keeps it, as Partner Center does.
        /// </summary>
        internal static bool CanBeUndone(string newStatus) => !KnownValues.AreEqual(newStatus, SubscriptionStatus.Deleted);

        /// <summary>The customer, if the partner still has a relationship; resuming for a removed customer says why it is refused.</summary>
        internal static Customer RequireRelationshipFor(IPartnerBackend backend, Guid customerId, Guid subscriptionId, string targetStatus) =>
            CustomerLookup.RequireRelationship(backend, customerId, customer => RelationshipRefusal(customer, customerId, subscriptionId, targetStatus));

        /// <summary>Why a change is refused for a customer without a relationship (null when the backend does not know it at all).</summary>
        internal static PartnerException RelationshipRefusal(Customer? customer, Guid customerId, Guid subscriptionId, string targetStatus) =>
            customer != null && KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active)
                ? PartnerErrors.ResumeRequiresRelationship(customer, subscriptionId)
                : PartnerErrors.CustomerRelationshipNotFound(customerId);
    }
}
