using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    public class OffboardingPlannerTests
    {
        private static Subscription Buy(TestStore t, Customer customer, string offer, string commerce = CommerceType.NewCommerce, int daysAgo = 0,
            bool autoRenew = true, string billing = BillingType.License, int? azure = null, Guid? parent = null) =>
            new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder
            {
                CustomerId = customer.CustomerId, OfferName = offer, CommerceType = commerce, BillingCycle = BillingCycle.Annual,
                CreationDate = DateTime.UtcNow.AddDays(-daysAgo), AutoRenewEnabled = autoRenew, BillingType = billing,
                ActiveAzureSubscriptions = azure, ParentSubscriptionId = parent,
            });

        [Fact]
        public void ACustomerWithOnlyStepsForToday_CanBeRemovedNow_SuspensionsFirst()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            Buy(t, customer, "Microsoft 365 E3", daysAgo: 2);
            Buy(t, customer, "Office 365 E3", CommerceType.Legacy, daysAgo: 400);

            var plan = new OffboardingPlanner(t.Store).Plan(customer.CustomerId);

            Assert.True(plan.CanRemoveNow);
            Assert.Equal(DateTime.UtcNow.Date, plan.EarliestRemovalDate);
            Assert.Equal(new[] { "Suspend", "Cancel" }, plan.Steps.Select(s => s.Action));
            Assert.Equal(("Contoso", customer.CustomerId), (plan.Name, plan.CustomerId));
            Assert.All(plan.Steps, s => Assert.Equal("Contoso", s.Subscription.CustomerName));
        }

        [Fact]
        public void OutsideTheWindow_ItCannotBeRemovedNow_AndTheEarliestDateIsTheDayAfterTheLastCommitmentEnd()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var late = Buy(t, customer, "Microsoft 365 E5", daysAgo: 100);
            Buy(t, customer, "Office 365 E3", CommerceType.Legacy);

            var plan = new OffboardingPlanner(t.Store).Plan(customer.CustomerId);

            Assert.False(plan.CanRemoveNow);
            Assert.Equal(late.CommitmentEndDate!.Value.AddDays(1), plan.EarliestRemovalDate);
            Assert.Equal(new[] { "Suspend", "DisableAutoRenew", "WaitForExpiry" }, plan.Steps.Select(s => s.Action));
        }

        [Fact]
        public void AManualStep_LeavesTheEarliestDateOpen_AndAnAddOnComesBeforeItsBase()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            Buy(t, customer, "Azure plan", billing: BillingType.Usage, azure: 1);
            var e3 = Buy(t, customer, "Microsoft 365 E3", daysAgo: 1);
            Buy(t, customer, "Teams Phone", daysAgo: 1, parent: e3.SubscriptionId);

            var plan = new OffboardingPlanner(t.Store).Plan(customer.CustomerId);

            Assert.False(plan.CanRemoveNow);
            Assert.Null(plan.EarliestRemovalDate);
            Assert.Equal(new[] { "Teams Phone:Cancel", "Microsoft 365 E3:Cancel", "Azure plan:Manual" }, plan.Steps.Select(s => s.OfferName + ":" + s.Action));
        }

        [Fact]
        public void NothingLeft_IsAnEmptyPlanThatCanBeRemovedNow_AndAnUnrelatedCustomerIsRefused()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var plan = new OffboardingPlanner(t.Store).Plan(customer.CustomerId);
            Assert.True(plan.CanRemoveNow);
            Assert.Empty(plan.Steps);

            var unknown = Assert.Throws<PartnerException>(() => new OffboardingPlanner(t.Store).Plan(Guid.NewGuid()));
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, unknown.ErrorId);
        }
    }
}
