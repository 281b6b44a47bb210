using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    /// <summary>Removing the reseller relationship by the plan: what blocks it, the order of its steps, its verified effects, and the customer once it is removed.</summary>
    public sealed class RelationshipRemovalTests
    {
        private static Subscription Legacy(TestStore t, Customer customer, string offer = "Office 365 E3", string? status = null)
        {
            var subscription = new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = offer, CommerceType = CommerceType.Legacy });
            if (status != null)
            {
                t.Store.UpdateSubscriptionStatuses(new[] { subscription }, SubscriptionStatus.Active, status);
            }

            return subscription;
        }

        private static Subscription NewCommerce(TestStore t, Customer customer, string offer, int daysAgo) =>
            new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder
            {
                CustomerId = customer.CustomerId, OfferName = offer, BillingCycle = BillingCycle.Annual, CreationDate = DateTime.UtcNow.AddDays(-daysAgo),
            });

        private static string StatusOf(TestStore t, Subscription s) => t.Store.GetSubscriptionById(s.SubscriptionId)!.Status;

        [Fact]
        public void ActiveSubscriptions_BlockRemoval_AndEveryOneIsNamedWithItsAction()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var legacy = Legacy(t, customer);
            var nce = NewCommerce(t, customer, "Power BI Pro", daysAgo: 1);
            Legacy(t, customer, "Visio Plan 2", SubscriptionStatus.Suspended);

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: false));

            Assert.Equal(PartnerErrorId.ActiveSubscriptionsBlockRemoval, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidOperation, error.Category);
            Assert.Equal(new[] { legacy.SubscriptionId, nce.SubscriptionId }, error.BlockingSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal(new[] { "Suspend", "Cancel" }, error.BlockingSteps.Select(s => s.Action));
            Assert.Contains(legacy.SubscriptionId + "  Office 365 E3  Active     Suspend", error.Message);
            Assert.Contains("Cancel by " + nce.CancellationAllowedUntil!.Value.ToString("yyyy-MM-dd HH:mm") + " UTC", error.Message);
            Assert.Contains("-SuspendActiveSubscriptions", error.RecommendedAction);
            Assert.Contains("-CancelNewCommerceSubscriptions", error.RecommendedAction);
            Assert.Same(error.Plan, error.Data["Plan"]);
            Assert.True(t.Customers.Get(customer.CustomerId).HasRelationship);
        }

        [Fact]
        public void OnlyUncancelledNewCommerce_BlocksWithItsOwnErrorId_AndTheEarliestRemovalDate()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var late = NewCommerce(t, customer, "Microsoft 365 E5", daysAgo: 100);
            t.Store.UpdateSubscriptionStatuses(new[] { late }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Plan(customer.CustomerId, true, true));

            Assert.Equal(PartnerErrorId.NewCommerceSubscriptionsBlockRemoval, error.ErrorId);
            var earliest = late.CommitmentEndDate!.Value.AddDays(1).ToString("yyyy-MM-dd");
            Assert.Contains("The earliest removal date is " + earliest, error.Message);
            Assert.Contains("WaitForExpiry until " + late.CommitmentEndDate!.Value.ToString("yyyy-MM-dd"), error.Message);
            Assert.False(error.Plan.CanRemoveNow);
        }

        [Fact]
        public void Removal_SuspendsLegacy_ThenCancelsNewCommerce_ThenRemoves_AndVerifiesEachEffect()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var legacy = Legacy(t, customer);
            var nce = NewCommerce(t, customer, "Microsoft 365 E3", daysAgo: 2);

            var plan = t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: true, cancelNewCommerceSubscriptions: true);
            var result = t.Removal.Remove(customer.CustomerId, new[] { legacy.SubscriptionId }, new[] { nce.SubscriptionId });
            t.Reopen();

            Assert.Equal(new[] { "Suspend", "Cancel" }, plan.Steps.Select(s => s.Action));
            Assert.Equal(new[] { legacy.SubscriptionId }, result.SuspendedSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal(new[] { nce.SubscriptionId }, result.CancelledSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal((SubscriptionStatus.Suspended, SubscriptionStatus.Deleted), (StatusOf(t, legacy), StatusOf(t, nce)));
            Assert.True(result.RemovedFromCustomerList && result.RemovedAsSupportContact && result.DelegatedAdminRevoked && result.PurchasingEnded);
            Assert.Equal(new[] { "CustomerList", "SupportContact", "DelegatedAdmin", "Purchasing" }, result.Effects.Select(e => e.Effect));
            Assert.All(result.Effects, e => Assert.Equal(RemovalEffectOutcome.Verified, e.Outcome));
            Assert.Contains("Removed the customer from the partner's customer list (verified)", result.Actions);
            var stored = t.Store.GetCustomer(customer.CustomerId)!;
            Assert.Equal(RelationshipToPartner.None, stored.RelationshipToPartner);
            Assert.False(stored.IsSupportContact || stored.AllowDelegatedAccess || stored.CanPurchase);
            Assert.DoesNotContain(t.Customers.List(CustomerQuery.All), c => c.CustomerId == customer.CustomerId);
        }

        [Fact]
        public void Removal_SaysThereWasNoDelegatedAdminToEnd_AndThatNoneRemains_WhenThereWasNone()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: false);

            var result = t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            // Checked: no DAP, and no GDAP relationship listed.
            Assert.True(result.DelegatedAdminRevoked);
            Assert.Contains("No delegated admin access to end (verified)", result.Actions);
        }

        [Fact]
        public void Removal_WithAnUnapprovedStep_ChangesNothing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var approved = Legacy(t, customer, "Office 365 E3");
            var declined = NewCommerce(t, customer, "Power BI Pro", daysAgo: 1);

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Remove(customer.CustomerId, new[] { approved.SubscriptionId }, Array.Empty<Guid>()));
            t.Reopen();

            Assert.Equal(new[] { declined.SubscriptionId }, error.BlockingSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal((SubscriptionStatus.Active, SubscriptionStatus.Active), (StatusOf(t, approved), StatusOf(t, declined)));
            Assert.True(t.Store.GetCustomer(customer.CustomerId)!.HasRelationship);
        }

        [Fact]
        public void AFailureAfterACancellation_UndoesTheSuspensions_KeepsTheCancellation_AndNamesIt()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var legacy = Legacy(t, customer);
            var first = NewCommerce(t, customer, "Microsoft 365 E3", daysAgo: 1);
            var second = NewCommerce(t, customer, "Power BI Pro", daysAgo: 1);

            // The second cancellation finds its subscription changed meanwhile (it is cancelled between plan and write).
            var failing = new FailingSecondCancellation(t.Store, second);
            var error = Assert.Throws<PartnerException>(() =>
                new Core.Offboarding.RelationshipRemoval(failing).Remove(customer.CustomerId, new[] { legacy.SubscriptionId }, new[] { first.SubscriptionId, second.SubscriptionId }));
            t.Reopen();

            Assert.Equal(SubscriptionStatus.Active, StatusOf(t, legacy));
            Assert.Equal(SubscriptionStatus.Deleted, StatusOf(t, first));
            Assert.Contains("Already done, and it cannot be undone: 1 new-commerce subscription(s) were cancelled", error.Message);
            Assert.Contains(first.SubscriptionId + "  Microsoft 365 E3", error.Message);
            Assert.Contains("Every suspension of this removal was undone", error.Message);
            Assert.Equal(PartnerErrorId.ActiveSubscriptionsBlockRemoval, error.ErrorId);
            Assert.IsType<OffboardingPlan>(error.Data["Plan"]);
            Assert.True(t.Store.GetCustomer(customer.CustomerId)!.HasRelationship);
        }

        [Fact]
        public void RemovedCustomer_IsNotFound_ByIdOrForItsSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = Legacy(t, customer, status: SubscriptionStatus.Suspended);
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
