using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>A checked, not yet applied, status change of one subscription.</summary>
    public sealed class SubscriptionStatusChange
    {
        internal SubscriptionStatusChange(Customer customer, Subscription subscription, string targetStatus, string requiredStatus)
        {
            Customer = customer;
            Subscription = subscription;
            TargetStatus = targetStatus;
            RequiredStatus = requiredStatus;
            IsAlreadyDone = KnownValues.AreEqual(requiredStatus, targetStatus);
        }

        public Customer Customer { get; }

        /// <summary>The subscription object the caller holds; it shows the new status once the change is saved, and only then.</summary>
        public Subscription Subscription { get; }

        public string TargetStatus { get; }

        /// <summary>The status the subscription had when checked; the write happens only if it still has it.</summary>
        public string RequiredStatus { get; }

        /// <summary>The subscription is already in the target state, so applying the change does nothing.</summary>
        public bool IsAlreadyDone { get; }
    }

    /// <summary>How one change went: applied, already done, or failed with an error.</summary>
    public sealed class StatusChangeOutcome
    {
        internal StatusChangeOutcome(SubscriptionStatusChange change, bool changed, PartnerException? error)
        {
            Change = change;
            Changed = changed;
            Error = error;
        }

        public SubscriptionStatusChange Change { get; }

        /// <summary>True when the status changed; false when it was already in the target state or the change failed.</summary>
        public bool Changed { get; }

        public PartnerException? Error { get; }
    }
}
