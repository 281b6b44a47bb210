using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core
{
    /// <summary>
    /// Where customers and subscriptions live: the local SQLite store or Partner Center itself. A backend only reads
    /// and writes; every rule about what is allowed is in <see cref="PartnerRelationshipService"/>.
    /// </summary>
    public interface IPartnerBackend : IDisposable
    {
        /// <summary>Names the backend in messages, e.g. "local store '/home/me/partner.db'".</summary>
        string Description { get; }

        PartnerInfo GetPartner();

        /// <summary>Customers whose name and domain start with the query's literal prefixes, as the source lists them, streamed.</summary>
        IEnumerable<Customer> GetCustomers(CustomerQuery query);

        /// <summary>The customer, whatever its relationship, or null when the source does not know it.</summary>
        Customer? GetCustomer(Guid customerId);

        IEnumerable<Subscription> GetSubscriptions(Guid customerId);

        Subscription? GetSubscription(Guid customerId, Guid subscriptionId);

        /// <summary>
        /// Sets <paramref name="newStatus"/> on each subscription that still has <paramref name="expectedStatus"/> and
        /// belongs to the customer named on it; returns the ids of those changed. Others are left as they are.
        /// </summary>
        ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus);

        /// <summary>Saves the customer's relationship, support-contact, delegated-admin and purchasing state.</summary>
        void SaveCustomerRelationship(Customer customer);

        RelationshipRequest CreateRelationshipRequest(Customer customer);

        /// <summary>Starts one all-or-nothing operation: unless completed, everything written inside it is undone.</summary>
        IPartnerOperation BeginOperation();
    }

    public interface IPartnerOperation : IDisposable
    {
        void Complete();
    }

    /// <summary>What only the local store can do; Partner Center does these through orders and the customer's own admin center.</summary>
    public interface ILocalPartnerStore : IPartnerBackend
    {
        string Path { get; }

        PartnerStoreInfo GetStoreInfo();

        void AddCustomer(Customer customer);

        void AddSubscription(Subscription subscription);

        /// <summary>A subscription by id alone, whichever customer holds it (ids are unique across the store).</summary>
        Subscription? GetSubscriptionById(Guid subscriptionId);

        RelationshipRequest? GetRelationshipRequest(Guid requestId);

        RelationshipRequest? FindPendingRelationshipRequest(Guid customerId);

        void SaveRelationshipRequest(RelationshipRequest request);

        /// <summary>Replaces the partner and every customer, subscription and request (used by sample data).</summary>
        void ReplaceContent(PartnerInfo partner, IEnumerable<Customer> customers, IEnumerable<Subscription> subscriptions);
    }

    /// <summary>Which customers to list. Prefixes go to the source (Partner Center filters with starts_with); the predicates refine.</summary>
    public sealed class CustomerQuery
    {
        public static readonly CustomerQuery All = new CustomerQuery();

        /// <summary>Only these customers (whatever their relationship); null for no restriction.</summary>
        public IReadOnlyCollection<Guid>? CustomerIds { get; set; }

        public string? NamePrefix { get; set; }

        public Func<string, bool>? NameMatches { get; set; }

        public string? DomainPrefix { get; set; }

        public Func<string, bool>? DomainMatches { get; set; }

        internal bool Matches(Customer customer) =>
            (NameMatches == null || NameMatches(customer.Name)) &&
            (DomainMatches == null || DomainMatches(customer.Domain));
    }
}
