using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// How a new-commerce subscription's term runs (../shared/partnercenter-api.md, sections 3 and 9): it can be
    /// cancelled for 7 days after purchase or renewal; at its commitment end it renews into a new term (and a new
    /// window) when auto-renew is on, expires when it is off, and goes to disabled when it is suspended then.
    /// Legacy subscriptions have no cancellation window and are suspended instead.
    /// </summary>
    public static class CommitmentTerms
    {
        /// <summary>Days after purchase or renewal that a new-commerce license subscription may be cancelled.</summary>
        public const int CancellationWindowDays = 7;

        public static bool IsNewCommerce(Subscription subscription) =>
            KnownValues.AreEqual(subscription.CommerceType, CommerceType.NewCommerce);

        /// <summary>An Azure plan: billed by usage, suspended (never cancelled) once its Azure subscriptions are gone.</summary>
        public static bool IsAzurePlan(Subscription subscription) => BillingType.IsUsage(subscription.BillingType);

        /// <summary>
        /// How many Azure subscriptions under an Azure plan are active: what the listing said, else asked of the
        /// backend (Partner Center lists them apart from the plan).
        /// </summary>
        public static int ActiveAzureSubscriptionsOf(IPartnerBackend backend, Subscription azurePlan) =>
            azurePlan.ActiveAzureSubscriptions ?? backend.CountActiveAzureSubscriptions(azurePlan);

        /// <summary>Whether the subscription has a cancellation window at all: new-commerce and billed per license.</summary>
        public static bool HasCancellationWindow(Subscription subscription) =>
            IsNewCommerce(subscription) && !IsAzurePlan(subscription);

        /// <summary>The end of the cancellation window of a term that started on <paramref name="termStart"/>; null where there is none.</summary>
        public static DateTime? CancellationWindowEnd(Subscription subscription, DateTime termStart) =>
            HasCancellationWindow(subscription) ? termStart.AddDays(CancellationWindowDays) : (DateTime?)null;

        /// <summary>Whether Partner Center would accept a cancellation at <paramref name="now"/>.</summary>
        public static bool IsCancellationWindowOpen(Subscription subscription, DateTime now) =>
            subscription.CancellationAllowedUntil is DateTime until && now <= until;

        /// <summary>
        /// The last day of a term that starts on <paramref name="termStart"/> (a one-year term from 2 December ends
        /// on 1 December); null for a term the module does not know.
        /// </summary>
        public static DateTime? CommitmentEndFor(string? termDuration, DateTime termStart) =>
            Models.TermDuration.EndOf(termDuration, termStart.Date)?.AddDays(-1);

        /// <summary>
        /// What a new-commerce subscription has become once its commitment end is behind <paramref name="today"/>:
        /// renewed as often as needed (with the window of its latest renewal), expired, or disabled. Null when
        /// nothing changes: legacy, a final status, or a term still running.
        /// </summary>
        public static Subscription? AfterTermEnd(Subscription subscription, DateTime today)
        {
            if (!IsNewCommerce(subscription) || subscription.CommitmentEndDate is not DateTime end || end.Date >= today.Date)
            {
                return null;
            }

            var active = SubscriptionStatus.IsActive(subscription.Status);
            if (!active && !SubscriptionStatus.IsSuspended(subscription.Status))
            {
                return null;
            }

            var after = subscription.Copy();
            if (!active)
            {
                // Suspended at its term end: Partner Center disables it (30 days, then 90 more, then deleted).
                after.Status = SubscriptionStatus.Disabled;
                return after;
            }

            if (!subscription.AutoRenewEnabled)
            {
                after.Status = SubscriptionStatus.Expired;
                return after;
            }

            return Renewed(after, end, today);
        }

        private static Subscription Renewed(Subscription after, DateTime end, DateTime today)
        {
            var termStart = end.Date.AddDays(1);
            var nextEnd = CommitmentEndFor(after.TermDuration, termStart);
            if (nextEnd == null)
            {
                // A term the module cannot count: it expires rather than renewing for an unknown length.
                after.Status = SubscriptionStatus.Expired;
                return after;
            }

            while (nextEnd.Value < today.Date)
            {
                termStart = nextEnd.Value.AddDays(1);
                nextEnd = CommitmentEndFor(after.TermDuration, termStart)!.Value;
            }

            after.CommitmentEndDate = nextEnd;
            after.CancellationAllowedUntil = CancellationWindowEnd(after, termStart);
            return after;
        }
    }
}
