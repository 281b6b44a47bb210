using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Backends
{
    /// <summary>
    /// What only the local store can do, so that a rehearsal can be set up: Partner Center does these through orders
    /// and the customer's own admin center. Reached through <see cref="BackendRequirements.RequireLocalStore"/>.
    /// </summary>
    public interface ILocalPartnerStore : IPartnerBackend
    {
        string Path { get; }

        PartnerStoreInfo GetStoreInfo();

        void AddCustomer(Customer customer);

        void AddSubscription(Subscription subscription);

        /// <summary>A subscription by id alone, whichever customer holds it (ids are unique across the store).</summary>
        Subscription? GetSubscriptionById(Guid subscriptionId);

        RelationshipRequest? GetRelationshipRequest(Guid requestId);

        void SaveRelationshipRequest(RelationshipRequest request);

        /// <summary>Saves the customer's relationship, support-contact, delegated-admin and purchasing state as they are.</summary>
        void SaveCustomerRelationship(Customer customer);

        /// <summary>
        /// Records a GDAP relationship as it stands (standing in for Graph, where the customer's approval makes one
        /// active); its id must be new.
        /// </summary>
        void AddAdminRelationship(AdminRelationship relationship);

        /// <summary>Replaces the partner and every customer, subscription, request and GDAP relationship (used by sample data).</summary>
        void ReplaceContent(PartnerInfo partner, IEnumerable<Customer> customers, IEnumerable<Subscription> subscriptions, IEnumerable<AdminRelationship> adminRelationships);
    }
}
