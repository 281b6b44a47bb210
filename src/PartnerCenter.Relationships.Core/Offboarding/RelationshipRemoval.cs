using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// Ending a customer's reseller relationship: first a plan (what blocks it), then the removal itself, which clears
    /// the approved blockers and applies <see cref="RemovalEffects"/> as one operation of the backend.
    /// </summary>
    public sealed class RelationshipRemoval
    {
        private const string Operation = "Removing a reseller relationship";

        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;

        public RelationshipRemoval(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Looks at what removal would take: the customer and its active subscriptions. Without permission to suspend
        /// them, active subscriptions block removal and every one of them is named.
        /// </summary>
        public RemovalPlan Plan(Guid customerId, bool suspendActiveSubscriptions)
        {
            _backend.RequireUserSignIn(Operation, customerId);
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var blocking = RemovalBlockers.Find(_backend.GetSubscriptions(customerId));
            if (blocking.Count > 0 && !suspendActiveSubscriptions)
            {
                throw PartnerErrors.ActiveSubscriptionsBlockRemoval(customer, blocking);
            }

            return new RemovalPlan(customer, blocking);
        }

        /// <summary>
        /// Suspends the approved active subscriptions, then removes the relationship, as one operation: if any
        /// subscription is still active nothing is changed, and what was suspended for it is undone.
        /// </summary>
        public RelationshipRemovalResult Remove(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions)
        {
            _backend.RequireUserSignIn(Operation, customerId);
            using var operation = _backend.BeginOperation();
            try
            {
                var result = RemoveWithin(customerId, approvedSuspensions);
                operation.Complete();

                // What was suspended shows it once the removal is saved, as every status change does.
                foreach (var subscription in result.SuspendedSubscriptions)
                {
                    subscription.Status = SubscriptionStatus.Suspended;
                }

                return result;
            }
            catch (PartnerException ex)
            {
                var report = operation.Undo(ex);
                if (ReferenceEquals(report, ex))
                {
                    throw;
                }

                throw report;
            }
        }

        private RelationshipRemovalResult RemoveWithin(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions)
        {
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var blocking = RemovalBlockers.Find(_backend.GetSubscriptions(customerId));
            var cleared = RemovalBlockers.Clear(_backend, blocking.Where(s => approvedSuspensions.Contains(s.SubscriptionId)).ToList());
            var stillBlocking = blocking.Where(s => !cleared.Contains(s.SubscriptionId)).ToList();
            if (stillBlocking.Count > 0)
            {
                throw PartnerErrors.ActiveSubscriptionsBlockRemoval(customer, stillBlocking);
            }

            var effects = RemovalEffects.ApplyTo(customer);
            _backend.RemoveResellerRelationship(customer);
            return Result(customer, blocking, effects);
        }

        private RelationshipRemovalResult Result(Customer customer, IReadOnlyList<Subscription> suspended, RemovalEffects effects)
        {
            var actions = new List<string>();
            foreach (var subscription in suspended)
            {
                actions.Add($"Suspended subscription {subscription.SubscriptionId} ({subscription.OfferName})");
            }

            actions.AddRange(effects.Describe());
            return new RelationshipRemovalResult
            {
                CustomerId = customer.CustomerId,
                Name = customer.Name,
                Domain = customer.Domain,
                RelationshipToPartner = customer.RelationshipToPartner,
                SuspendedSubscriptions = suspended,
                RemovedFromCustomerList = true,
                RemovedAsSupportContact = effects.WasSupportContact,
                DelegatedAdminRevoked = effects.HadDelegatedAdmin,
                PurchasingEnded = effects.CouldPurchase,
                RemovedAt = _clock(),
                Actions = actions,
            };
        }
    }
}
