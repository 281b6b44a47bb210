using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Errors;
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

        /// <summary>
        /// Partner Center itself rather than the local store: there is no transaction spanning several writes, each
        /// subscription is written by its own request (so bulk changes run side by side), and the service enforces
        /// the relationship on every write, so previews need not read the customer first.
        /// </summary>
        bool IsRemote { get; }

        /// <summary>
        /// False when signed in as an application alone: Partner Center lets only App+User sign-ins remove a
        /// reseller relationship or request one.
        /// </summary>
        bool CanActAsUser { get; }

        PartnerInfo GetPartner();

        /// <summary>Customers whose name and domain start with the query's literal prefixes, as the source lists them, streamed.</summary>
        IEnumerable<Customer> GetCustomers(CustomerQuery query);

        /// <summary>
        /// The customer, whatever its relationship, or null when the source does not know it (Partner Center does not
        /// show a customer whose relationship with the partner was removed).
        /// </summary>
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

        /// <summary>The partner's reseller invitation link, the same for every customer.</summary>
        string GetResellerInvitationUrl();

        /// <summary>
        /// What happened along the way that a user may want to see with -Verbose (Partner Center requests retried
        /// after a failure or throttling), gathered on any thread since the last call and taken on the caller's.
        /// </summary>
        IReadOnlyList<string> TakeVerboseMessages();

        /// <summary>Starts one all-or-nothing operation: unless completed, everything written inside it is undone.</summary>
        IPartnerOperation BeginOperation();
    }

    public interface IPartnerOperation : IDisposable
    {
        void Complete();

        /// <summary>
        /// Undoes what was written, now, because of <paramref name="cause"/>, and returns the error to report: the
        /// cause itself, or (where the undo could not be done in full) one that also names what is left changed.
        /// </summary>
        PartnerException Undo(PartnerException cause);
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

        /// <summary>
        /// How many customers the source reads at a time: the page size asked of Partner Center (at most its own
        /// largest), a LIMIT per statement on the local store; null for the source's own. The listing is the same
        /// either way, only fetched in smaller steps: a caller that wants the first few sets it so that little more
        /// than those is read. Ignored with <see cref="CustomerIds"/>.
        /// </summary>
        public int? PageSize { get; set; }

        /// <summary>Told (pages read, customers read) after each page of a paged listing, on the reading thread.</summary>
        public Action<int, int>? PageRead { get; set; }

        internal bool Matches(Customer customer) =>
            (NameMatches == null || NameMatches(customer.Name)) &&
            (DomainMatches == null || DomainMatches(customer.Domain));
    }
}
