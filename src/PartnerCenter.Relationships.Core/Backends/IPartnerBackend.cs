using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Backends
{
    /// <summary>
    /// Where customers and subscriptions live: the local SQLite store or Partner Center itself. A backend only reads
    /// and writes, and says through <see cref="Capabilities"/> how it differs; every rule about what is allowed lives
    /// in the feature folders (Customers, Subscriptions, Offboarding, Relationships), never in a backend.
    /// </summary>
    public interface IPartnerBackend : IDisposable
    {
        /// <summary>Names the backend in messages, e.g. "local store '/home/me/partner.db'".</summary>
        string Description { get; }

        /// <summary>How this backend differs from the others; code asks these, never which backend it is.</summary>
        BackendCapabilities Capabilities { get; }

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
        /// How many Azure subscriptions under an Azure plan are still active: the plan cannot be suspended, nor the
        /// relationship removed, until they are cancelled.
        /// </summary>
        int CountActiveAzureSubscriptions(Subscription azurePlan);

        /// <summary>
        /// Sets <paramref name="newStatus"/> on each subscription that still has <paramref name="expectedStatus"/> and
        /// belongs to the customer named on it; returns the ids of those changed. Others are left as they are.
        /// Inside an operation, each change is undone unless the operation completes, except a cancellation (status
        /// deleted), which cannot be undone and is kept, as Partner Center keeps it.
        /// </summary>
        ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus);

        /// <summary>
        /// Turns auto-renew on or off for each subscription that is active, belongs to the customer named on it and
        /// does not have that setting already; returns the ids of those changed.
        /// </summary>
        ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled);

        /// <summary>
        /// Ends the reseller relationship of <paramref name="customer"/>, whose properties already show what removal
        /// leaves (see Offboarding): the store saves them, Partner Center is told the relationship is none.
        /// </summary>
        void RemoveResellerRelationship(Customer customer);

        // ---- Delegated admin access: GDAP relationships (Microsoft Graph) and legacy DAP ----

        /// <summary>
        /// The partner's GDAP relationships, streamed as the source lists them (one customer's when the query names
        /// it). Partner Center's backend reads them from Microsoft Graph, which needs a token of its own: without one
        /// every GDAP member raises GraphNotConnected.
        /// </summary>
        IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query);

        /// <summary>One GDAP relationship, or null when the source does not know it.</summary>
        AdminRelationship? GetAdminRelationship(string relationshipId);

        /// <summary>
        /// Asks for an active relationship to be terminated. Graph ends it asynchronously (terminationRequested,
        /// terminating, then terminated); the local store does the same, a moment later. Cannot be undone.
        /// </summary>
        AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship);

        /// <summary>Deletes a relationship that is still in status created (never sent to the customer), by its etag.</summary>
        void DeleteAdminRelationship(AdminRelationship relationship);

        /// <summary>
        /// Turns legacy delegated admin access (DAP) off for the customer and keeps the reseller relationship
        /// (Partner Center: AllowDelegatedAccess false). Only the customer can turn it on again.
        /// </summary>
        void RemoveDelegatedAdminAccess(Customer customer);

        /// <summary>The pending request already recorded for the customer; null where none is (Partner Center records none).</summary>
        RelationshipRequest? FindPendingRelationshipRequest(Guid customerId);

        RelationshipRequest CreateRelationshipRequest(Customer customer);

        /// <summary>The partner's reseller invitation link, the same for every customer.</summary>
        string GetResellerInvitationUrl();

        /// <summary>
        /// What happened along the way that a user may want to see with -Verbose (Partner Center requests retried
        /// after a failure or throttling), gathered on any thread since the last call and taken on the caller's.
        /// </summary>
        IReadOnlyList<string> TakeVerboseMessages();

        /// <summary>
        /// While the command waits because the service asked to slow down (a 429), what it waits for, in words for a
        /// progress record ("waiting 12 s: Partner Center asked to slow down"); null when it is not waiting.
        /// </summary>
        string? ThrottleWait { get; }

        /// <summary>Starts one all-or-nothing operation: unless completed, everything written inside it is undone.</summary>
        IPartnerOperation BeginOperation();
    }

    /// <summary>What a backend can do that another cannot, so callers ask a capability instead of the backend's kind.</summary>
    [Flags]
    public enum BackendCapabilities
    {
        None = 0,

        /// <summary>
        /// Each write is its own request, with no transaction spanning several: bulk changes run side by side. Without
        /// it, changes are saved together in batches, one transaction each.
        /// </summary>
        ConcurrentWrites = 1,

        /// <summary>The backend refuses a write for a customer without a relationship itself, so previews need not read the customer first.</summary>
        ChecksRelationshipOnWrite = 2,

        /// <summary>
        /// Customers whose relationship was removed are still known (with their subscriptions), so readers must check
        /// the relationship themselves. Partner Center stops showing such a customer at all.
        /// </summary>
        KeepsRemovedCustomers = 4,
    }
}
