using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>The subscriptions of a customer the partner has a relationship with, each named after its customer.</summary>
    public sealed class SubscriptionLookup
    {
        private readonly IPartnerBackend _backend;

        public SubscriptionLookup(IPartnerBackend backend) => _backend = backend ?? throw new ArgumentNullException(nameof(backend));

        /// <summary>The customer's subscriptions, only those with one of <paramref name="statuses"/> when any are given.</summary>
        public IEnumerable<Subscription> List(Guid customerId, IReadOnlyCollection<string>? statuses = null)
        {
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var wanted = statuses?.Select(SubscriptionStatus.Normalize).ToList();
            return _backend.GetSubscriptions(customerId)
                .Where(s => HasAnyStatus(s, wanted))
                .Select(s => Named(s, customer));
        }

        /// <summary>True when the subscription has one of <paramref name="statuses"/> (any casing or alias), or none are given.</summary>
        public static bool HasAnyStatus(Subscription subscription, IReadOnlyCollection<string>? statuses) =>
            statuses == null || statuses.Count == 0 || statuses.Any(s => KnownValues.AreEqual(SubscriptionStatus.Normalize(s), subscription.Status));

        public Subscription Get(Guid customerId, Guid subscriptionId)
        {
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var subscription = _backend.GetSubscription(customerId, subscriptionId)
                ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            return Named(subscription, customer);
        }

        internal static Subscription Named(Subscription subscription, Customer customer)
        {
            subscription.CustomerName = customer.Name;
            return subscription;
        }
    }
}
