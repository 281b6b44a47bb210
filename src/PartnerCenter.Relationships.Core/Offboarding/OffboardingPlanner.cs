using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// Makes a customer's offboarding plan: each of its subscriptions judged by <see cref="OffboardingRules"/>,
    /// read-only, on what the backend holds now.
    /// </summary>
    public sealed class OffboardingPlanner
    {
        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;

        public OffboardingPlanner(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public OffboardingPlan Plan(Guid customerId)
        {
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            return PlanFor(customer, readAdminAccess: true);
        }

        /// <summary>
        /// The plan for a customer already read (and found to have a relationship); with its GDAP relationships when
        /// <paramref name="readAdminAccess"/> (they do not block removal, so the removal's own re-check skips them).
        /// </summary>
        internal OffboardingPlan PlanFor(Customer customer, bool readAdminAccess)
        {
            var now = _clock().UtcDateTime;
            var subscriptions = _backend.GetSubscriptions(customer.CustomerId).Select(s => SubscriptionLookup.Named(s, customer)).ToList();
            var byId = subscriptions.ToDictionary(s => s.SubscriptionId);
            var steps = subscriptions
                .SelectMany(s => OffboardingRules.StepsFor(s, BaseOf(s, byId), ActiveAzureSubscriptions(s), now))
                .OrderBy(step => OffboardingRules.Order(step.Action))

                // Add-ons before their bases: an add-on is cancelled or suspended before what it is added to.
                .ThenBy(step => step.Subscription.ParentSubscriptionId == null ? 1 : 0)
                .ThenBy(step => step.OfferName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (!readAdminAccess)
            {
                return new OffboardingPlan(customer, steps, now);
            }

            var (open, notChecked) = new DelegatedAdminOffboarding(_backend, null, default).Read(customer.CustomerId);
            return new OffboardingPlan(customer, steps, now, open, notChecked);
        }

        private static Subscription? BaseOf(Subscription subscription, Dictionary<Guid, Subscription> byId) =>
            subscription.ParentSubscriptionId is Guid parent && byId.TryGetValue(parent, out var found) ? found : null;

        /// <summary>Asked only for an active Azure plan, and only where the listing did not say (Partner Center lists them apart).</summary>
        private int ActiveAzureSubscriptions(Subscription subscription) =>
            CommitmentTerms.IsAzurePlan(subscription) && SubscriptionStatus.IsActive(subscription.Status)
                ? CommitmentTerms.ActiveAzureSubscriptionsOf(_backend, subscription)
                : 0;
    }
}
