using System;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Relationships
{
    /// <summary>Requesting the reseller relationship again, and approving the request in the local store.</summary>
    public sealed class RelationshipRequestTests
    {
        [Fact]
        public void Request_IsRefusedWhileTheRelationshipExists_AndRepeatsThePendingOne()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            Assert.Equal(PartnerErrorId.RelationshipAlreadyExists,
                Assert.Throws<PartnerException>(() => t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId))).ErrorId);

            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());
            var request = t.Requests.Request(t.Requests.FindCustomer(customer.Domain.ToUpperInvariant()));
            var again = t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId));

            Assert.Equal(request.RequestId, again.RequestId);
            Assert.Equal(RelationshipRequestStatus.Pending, request.Status);
            var partner = t.Store.GetPartner();
            Assert.Equal(
                $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partner.TenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
                request.Url);
            Assert.Contains(request.Url, request.InvitationText);
            Assert.Contains(customer.Domain, request.InvitationText);
        }

        [Fact]
        public void Approve_RestoresListingSupportAndPurchasing_ButNotDelegatedAdminOrSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var subscription = t.AddSubscription(customer);
            t.Removal.Remove(customer.CustomerId, new[] { subscription.SubscriptionId });
            var request = t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId));

            var back = t.Approval.Approve(request.RequestId);
            t.Reopen();

            Assert.Equal(RelationshipToPartner.Reseller, back.RelationshipToPartner);
            var stored = t.Customers.Get(customer.CustomerId);
            Assert.True(stored.IsSupportContact);
            Assert.True(stored.CanPurchase);
            Assert.False(stored.AllowDelegatedAccess);
            Assert.Equal(SubscriptionStatus.Suspended, t.Subscriptions.Get(customer.CustomerId, subscription.SubscriptionId).Status);
            Assert.Equal(RelationshipRequestStatus.Accepted, t.Approval.Get(request.RequestId).Status);
            Assert.NotNull(t.Approval.Get(request.RequestId).AcceptedAt);
            Assert.Equal(PartnerErrorId.RelationshipRequestNotPending,
                Assert.Throws<PartnerException>(() => t.Approval.Approve(request.RequestId)).ErrorId);
            Assert.Equal(PartnerErrorId.RelationshipRequestNotFound,
                Assert.Throws<PartnerException>(() => t.Approval.Approve(Guid.NewGuid())).ErrorId);
        }
    }
}
