using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>Reading a customer's subscriptions: status filters in any casing, and statuses this module does not know.</summary>
    public sealed class SubscriptionLookupTests
    {
        [Fact]
        public void StatusFilter_MatchesAnyCasing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var active = t.AddSubscription(customer);
            t.AddSubscription(customer, status: SubscriptionStatus.Suspended);

            Assert.Equal(active.SubscriptionId, t.Subscriptions.List(customer.CustomerId, new[] { "active" }).Single().SubscriptionId);
            Assert.Equal(2, t.Subscriptions.List(customer.CustomerId, new[] { "ACTIVE", "suspended" }).Count());
        }

        [Fact]
        public void UnknownStatus_IsKeptAndShown_AndIsAManualStepOfTheOffboardingPlan()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            t.AddSubscription(customer, status: "PendingMigration");
            t.Reopen();

            var read = t.Subscriptions.List(customer.CustomerId).Single();
            Assert.Equal("PendingMigration", read.Status);
            Assert.Equal("PendingMigration", SubscriptionStatus.Normalize("PendingMigration"));
            var step = new Core.Offboarding.OffboardingPlanner(t.Store).Plan(customer.CustomerId).Steps.Single();
            Assert.Equal(OffboardingAction.Manual, step.Action);
            Assert.Contains("PendingMigration", step.Reason);
        }
    }
}
