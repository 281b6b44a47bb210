using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// Applies prepared changes together in one operation, so a bulk suspend against the local store commits once
    /// per batch instead of once per subscription. Each change gets its own outcome: one that fails leaves its
    /// subscription as it was, and if the batch cannot be saved at all, every change in it fails and nothing is
    /// changed. Subscription objects show their new status only once the batch is saved.
    /// </summary>
    public sealed class StatusChangeBatch
    {
        private readonly IPartnerBackend _backend;
        private readonly StatusChanger _changer;

        /// <summary>Changes written to the backend of <paramref name="changer"/>, which judges those the batch cannot.</summary>
        public StatusChangeBatch(StatusChanger changer)
        {
            _changer = changer ?? throw new ArgumentNullException(nameof(changer));
            _backend = changer.Backend;
        }

        public IReadOnlyList<StatusChangeOutcome> Apply(IReadOnlyList<SubscriptionStatusChange> changes)
        {
            List<(StatusChangeOutcome Outcome, string? Status)> written;
            try
            {
                using var operation = _backend.BeginOperation();
                written = WriteAll(changes);
                operation.Complete();
            }
            catch (PartnerException ex)
            {
                // The batch was not saved: every change in it failed, whatever it looked like inside.
                return changes.Select(c => new StatusChangeOutcome(c, false, ex)).ToList();
            }

            foreach (var (outcome, status) in written)
            {
                if (status != null)
                {
                    outcome.Change.Subscription.Status = status;
                }
            }

            return written.Select(w => w.Outcome).ToList();
        }

        private List<(StatusChangeOutcome Outcome, string? Status)> WriteAll(IReadOnlyList<SubscriptionStatusChange> changes)
        {
            var unrelated = CustomersWithoutRelationship(changes);
            var updated = new HashSet<Guid>();
            foreach (var group in changes.Where(c => !c.IsAlreadyDone && !unrelated.ContainsKey(c.Customer.CustomerId))
                         .GroupBy(c => (c.RequiredStatus, c.TargetStatus)))
            {
                updated.UnionWith(_backend.UpdateSubscriptionStatuses(group.Select(c => c.Subscription).ToList(), group.Key.RequiredStatus, group.Key.TargetStatus));
            }

            var written = new List<(StatusChangeOutcome, string?)>(changes.Count);
            foreach (var change in changes)
            {
                if (!change.IsAlreadyDone && unrelated.TryGetValue(change.Customer.CustomerId, out var customer))
                {
                    var refusal = StatusChangeRules.RelationshipRefusal(customer, change.Customer.CustomerId, change.Subscription.SubscriptionId, change.TargetStatus);
                    written.Add((new StatusChangeOutcome(change, false, refusal), null));
                }
                else if (updated.Remove(change.Subscription.SubscriptionId))
                {
                    written.Add((new StatusChangeOutcome(change, true, null), change.TargetStatus));
                }
                else
                {
                    // Already done, changed meanwhile, or named twice: judged one by one on what the backend holds.
                    written.Add(_changer.TryWrite(change));
                }
            }

            return written;
        }

        /// <summary>
        /// The relationship may have ended since the preview: checked once per customer, at write time. Returns the
        /// customers that no longer have one (null where the backend no longer knows the customer at all).
        /// </summary>
        private Dictionary<Guid, Customer?> CustomersWithoutRelationship(IReadOnlyList<SubscriptionStatusChange> changes)
        {
            var unrelated = new Dictionary<Guid, Customer?>();
            var customerIds = changes.Where(c => !c.IsAlreadyDone).Select(c => c.Customer.CustomerId).Distinct().ToList();
            if (customerIds.Count == 0)
            {
                return unrelated;
            }

            var found = _backend.GetCustomers(new CustomerQuery { CustomerIds = customerIds }).ToDictionary(c => c.CustomerId);
            foreach (var customerId in customerIds)
            {
                found.TryGetValue(customerId, out var customer);
                if (customer == null || !customer.HasRelationship)
                {
                    unrelated[customerId] = customer;
                }
            }

            return unrelated;
        }
    }
}
