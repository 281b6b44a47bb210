using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// Applies prepared status changes one at a time. A subscription object shows its new status once the change is
    /// saved and never before, so a failed change needs nothing put back.
    /// </summary>
    public sealed class StatusChanger
    {
        private readonly IPartnerBackend _backend;
        private readonly StatusChangePreview _preview;

        public StatusChanger(IPartnerBackend backend, StatusChangePreview preview)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _preview = preview ?? throw new ArgumentNullException(nameof(preview));
        }

        /// <summary>The backend the changes are written to.</summary>
        internal IPartnerBackend Backend => _backend;

        /// <summary>Applies a prepared change; true when the status changed, false when it was already in the target state.</summary>
        public bool Apply(SubscriptionStatusChange change)
        {
            var (changed, status) = Write(change);
            change.Subscription.Status = status;
            return changed;
        }

        /// <summary>
        /// Applies one prepared change on its own and says how it went, instead of throwing: what a bulk run against
        /// Partner Center does for each subscription, several side by side.
        /// </summary>
        public StatusChangeOutcome TryApply(SubscriptionStatusChange change)
        {
            var (outcome, status) = TryWrite(change);
            if (status != null)
            {
                change.Subscription.Status = status;
            }

            return outcome;
        }

        public SubscriptionStatusChange Suspend(Guid customerId, Guid subscriptionId) => Change(customerId, subscriptionId, SubscriptionStatus.Suspended);

        public SubscriptionStatusChange Resume(Guid customerId, Guid subscriptionId) => Change(customerId, subscriptionId, SubscriptionStatus.Active);

        /// <summary>Writes the change and says how it went and which status the subscription now has; its object is left as it is.</summary>
        internal (StatusChangeOutcome Outcome, string? Status) TryWrite(SubscriptionStatusChange change)
        {
            try
            {
                var (changed, status) = Write(change);
                return (new StatusChangeOutcome(change, changed, null), status);
            }
            catch (PartnerException ex)
            {
                return (new StatusChangeOutcome(change, false, ex), null);
            }
        }

        /// <summary>
        /// Writes the change if the subscription still has the status it was checked with; when someone changed it in
        /// between, judges again on what is there now, a few times at most.
        /// </summary>
        private (bool Changed, string Status) Write(SubscriptionStatusChange change)
        {
            var current = change;
            try
            {
                for (var round = 1; !current.IsAlreadyDone; round++)
                {
                    if (_backend.UpdateSubscriptionStatuses(new[] { current.Subscription }, current.RequiredStatus, current.TargetStatus).Count == 1)
                    {
                        return (true, current.TargetStatus);
                    }

                    // A subscription that changes under every attempt (someone else is working on it) is left to them.
                    if (round == StatusChangeRules.MaxWriteRounds)
                    {
                        throw PartnerErrors.SubscriptionKeepsChanging(current.Subscription, current.TargetStatus, round);
                    }

                    current = _preview.PrepareFresh(change.Customer, change.Subscription.SubscriptionId, change.TargetStatus);
                }

                return (false, current.Subscription.Status);
            }
            finally
            {
                // Read again after a conflict: the object the caller holds (and writes out) keeps what the backend
                // sent last, so its next change is again one request.
                change.Subscription.LastSent = current.Subscription.LastSent;
            }
        }

        private SubscriptionStatusChange Change(Guid customerId, Guid subscriptionId, string targetStatus)
        {
            var change = _preview.Prepare(customerId, subscriptionId, targetStatus);
            Apply(change);
            return change;
        }
    }
}
