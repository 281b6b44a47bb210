using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    /// <summary>Removing the reseller relationship: what blocks it, its four effects, and the customer once it is removed.</summary>
    public sealed class RelationshipRemovalTests
    {
        [Fact]
        public void ActiveSubscriptions_BlockRemoval_AndEveryOneIsNamed()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var first = t.AddSubscription(customer, "Office 365 E3");
            var second = t.AddSubscription(customer, "Power BI Pro");
            t.AddSubscription(customer, "Visio Plan 2", SubscriptionStatus.Suspended);

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: false));

            Assert.Equal(PartnerErrorId.ActiveSubscriptionsBlockRemoval, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidOperation, error.Category);
            Assert.Equal(new[] { first.SubscriptionId, second.SubscriptionId }.OrderBy(g => g), error.BlockingSubscriptions.Select(s => s.SubscriptionId).OrderBy(g => g));
            Assert.Contains(first.SubscriptionId.ToString(), error.Message);
            Assert.Contains("Power BI Pro", error.Message);
            Assert.Contains("Active", error.Message);
            Assert.Same(error.BlockingSubscriptions, error.Data["BlockingSubscriptions"]);
            Assert.True(t.Customers.Get(customer.CustomerId).HasRelationship);
        }

        [Fact]
        public void Removal_HasAllFourEffects_AndSuspendsApprovedSubscriptionsFirst()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var active = t.AddSubscription(customer);

            var plan = t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: true);
            var result = t.Removal.Remove(customer.CustomerId, plan.ActiveSubscriptions.Select(s => s.SubscriptionId).ToList());
            t.Reopen();

            Assert.Equal(new[] { active.SubscriptionId }, result.SuspendedSubscriptions.Select(s => s.SubscriptionId));
            Assert.True(result.RemovedFromCustomerList && result.RemovedAsSupportContact && result.DelegatedAdminRevoked && result.PurchasingEnded);
            var stored = t.Store.GetCustomer(customer.CustomerId)!;
            Assert.Equal(RelationshipToPartner.None, stored.RelationshipToPartner);
            Assert.False(stored.IsSupportContact);
            Assert.False(stored.AllowDelegatedAccess);
            Assert.False(stored.CanPurchase);
            Assert.DoesNotContain(t.Customers.List(CustomerQuery.All), c => c.CustomerId == customer.CustomerId);
            Assert.Equal(SubscriptionStatus.Suspended, t.Store.GetSubscription(customer.CustomerId, active.SubscriptionId)!.Status);
        }

        [Fact]
        public void Removal_SaysNoDelegatedAdminWasRevoked_WhenThereWasNone()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: false);

            var result = t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            Assert.False(result.DelegatedAdminRevoked);
            Assert.Contains("No delegated admin privileges to revoke", result.Actions);
        }

        [Fact]
        public void Removal_WithAnUnapprovedActiveSubscription_ChangesNothing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var approved = t.AddSubscription(customer, "Office 365 E3");
            var declined = t.AddSubscription(customer, "Power BI Pro");

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Remove(customer.CustomerId, new[] { approved.SubscriptionId }));
            t.Reopen();

            Assert.Equal(new[] { declined.SubscriptionId }, error.BlockingSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal(SubscriptionStatus.Active, t.Store.GetSubscription(customer.CustomerId, approved.SubscriptionId)!.Status);
            Assert.True(t.Store.GetCustomer(customer.CustomerId)!.HasRelationship);
        }

        [Fact]
        public void RemovedCustomer_IsNotFound_ByIdOrForItsSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer, status: SubscriptionStatus.Suspended);
            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            var byId = Assert.Throws<PartnerException>(() => t.Customers.Get(customer.CustomerId));
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, byId.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, byId.Category);
            Assert.Contains("relationship", byId.Message);
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound,
                Assert.Throws<PartnerException>(() => t.Subscriptions.List(customer.CustomerId).ToList()).ErrorId);
            Assert.Equal(PartnerErrorId.ResumeRequiresRelationship,
                Assert.Throws<PartnerException>(() => t.StatusChanges.Resume(customer.CustomerId, subscription.SubscriptionId)).ErrorId);
        }
    }
}
