using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    /// <summary>The store, except that cancelling one subscription changes nothing, as when it changed between plan and write.</summary>
    internal sealed class FailingSecondCancellation : IPartnerBackend
    {
        private readonly IPartnerBackend _inner;
        private readonly Subscription _refused;

        public FailingSecondCancellation(IPartnerBackend inner, Subscription refused)
        {
            _inner = inner;
            _refused = refused;
        }

        public string Description => _inner.Description;

        public BackendCapabilities Capabilities => _inner.Capabilities;

        public bool CanActAsUser => _inner.CanActAsUser;

        public PartnerInfo GetPartner() => _inner.GetPartner();

        public IEnumerable<Customer> GetCustomers(CustomerQuery query) => _inner.GetCustomers(query);

        public Customer? GetCustomer(Guid customerId) => _inner.GetCustomer(customerId);

        public IEnumerable<Subscription> GetSubscriptions(Guid customerId) => _inner.GetSubscriptions(customerId);

        public Subscription? GetSubscription(Guid customerId, Guid subscriptionId) => _inner.GetSubscription(customerId, subscriptionId);

        public int CountActiveAzureSubscriptions(Subscription azurePlan) => _inner.CountActiveAzureSubscriptions(azurePlan);

        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus) =>
            newStatus == SubscriptionStatus.Deleted && subscriptions.Any(s => s.SubscriptionId == _refused.SubscriptionId)
                ? new HashSet<Guid>()
                : _inner.UpdateSubscriptionStatuses(subscriptions, expectedStatus, newStatus);

        public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled) =>
            _inner.UpdateSubscriptionAutoRenew(subscriptions, autoRenewEnabled);

        public void RemoveResellerRelationship(Customer customer) => _inner.RemoveResellerRelationship(customer);

        public RelationshipRequest? FindPendingRelationshipRequest(Guid customerId) => _inner.FindPendingRelationshipRequest(customerId);

        public RelationshipRequest CreateRelationshipRequest(Customer customer) => _inner.CreateRelationshipRequest(customer);

        public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query) => _inner.GetAdminRelationships(query);

        public AdminRelationship? GetAdminRelationship(string relationshipId) => _inner.GetAdminRelationship(relationshipId);

        public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship) => _inner.RequestAdminRelationshipTermination(relationship);

        public void DeleteAdminRelationship(AdminRelationship relationship) => _inner.DeleteAdminRelationship(relationship);

        public void RemoveDelegatedAdminAccess(Customer customer) => _inner.RemoveDelegatedAdminAccess(customer);

        public string GetResellerInvitationUrl() => _inner.GetResellerInvitationUrl();

        public IReadOnlyList<string> TakeVerboseMessages() => _inner.TakeVerboseMessages();

        public string? ThrottleWait => _inner.ThrottleWait;

        public IPartnerOperation BeginOperation() => _inner.BeginOperation();

        public void Dispose()
        {
        }
    }
}
