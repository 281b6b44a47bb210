using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>Cancelling (status deleted), auto-renew and the Azure plan rule, as the status-change cmdlets apply them.</summary>
    public class CancellationTests
    {
        private static Subscription Buy(TestStore t, Customer c, string commerce = CommerceType.NewCommerce, int daysAgo = 1, string billing = BillingType.License, int? azure = null) =>
            new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder
            {
                CustomerId = c.CustomerId, OfferName = "Offer", CommerceType = commerce, BillingCycle = BillingCycle.Annual,
                CreationDate = DateTime.UtcNow.AddDays(-daysAgo), BillingType = billing, ActiveAzureSubscriptions = azure,
            });

        [Fact]
        public void InsideItsWindow_ANewCommerceSubscriptionIsCancelled_FromActiveOrSuspended()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var active = Buy(t, customer);
            var suspended = Buy(t, customer);
            t.Store.UpdateSubscriptionStatuses(new[] { suspended }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);

            foreach (var s in new[] { active, suspended })
            {
                Assert.True(t.StatusChanges.Apply(t.Preview.Prepare(customer.CustomerId, s.SubscriptionId, SubscriptionStatus.Deleted)));
                Assert.Equal(SubscriptionStatus.Deleted, t.Store.GetSubscriptionById(s.SubscriptionId)!.Status);
            }

            Assert.True(t.Preview.Prepare(customer.CustomerId, active.SubscriptionId, SubscriptionStatus.Deleted).IsAlreadyDone);
        }

        [Fact]
        public void AfterItsWindow_CancellationIsRefused_NamingTheDateTheWindowClosed()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var late = Buy(t, customer, daysAgo: 30);

            var error = Assert.Throws<PartnerException>(() => t.Preview.Prepare(customer.CustomerId, late.SubscriptionId, SubscriptionStatus.Deleted));

            Assert.Equal(PartnerErrorId.CancellationWindowClosed, error.ErrorId);
            Assert.Contains("closed on " + late.CancellationAllowedUntil!.Value.ToString("yyyy-MM-dd HH:mm") + " UTC", error.Message);
            Assert.Contains("Set-PartnerSubscription -AutoRenewEnabled $false", error.RecommendedAction);
        }

        [Theory]
        [InlineData(CommerceType.Legacy, BillingType.License, "legacy subscription is suspended instead")]
        [InlineData(CommerceType.NewCommerce, BillingType.Usage, "an Azure plan is suspended")]
        public void LegacySubscriptionsAndAzurePlans_AreNotCancelled(string commerce, string billing, string words)
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var s = Buy(t, customer, commerce, billing: billing);

            var error = Assert.Throws<PartnerException>(() => t.Preview.Prepare(customer.CustomerId, s.SubscriptionId, SubscriptionStatus.Deleted));
            Assert.Equal(PartnerErrorId.CancellationNotSupported, error.ErrorId);
            Assert.Contains(words, error.Message);
        }

        [Fact]
        public void AnAzurePlan_IsSuspendedOnlyWithoutActiveAzureSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var busy = Buy(t, customer, billing: BillingType.Usage, azure: 2);
            var empty = Buy(t, customer, billing: BillingType.Usage, azure: 0);

            var error = Assert.Throws<PartnerException>(() => t.Preview.Prepare(customer.CustomerId, busy.SubscriptionId, SubscriptionStatus.Suspended));
            Assert.Equal(PartnerErrorId.AzurePlanHasActiveSubscriptions, error.ErrorId);
            Assert.Contains("2 Azure subscription(s)", error.Message);
            Assert.False(t.Preview.Prepare(customer.CustomerId, empty.SubscriptionId, SubscriptionStatus.Suspended).IsAlreadyDone);
        }

        [Fact]
        public void SuspendingANewCommerceSubscription_WarnsThatBillingContinues_ALegacyOneDoesNot()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var nce = Buy(t, customer);
            var legacy = Buy(t, customer, CommerceType.Legacy);
            Assert.Contains("keeps billing it while suspended, until its commitment ends on " + nce.CommitmentEndDate!.Value.ToString("yyyy-MM-dd"),
                StatusChangeRules.WarningFor(nce, SubscriptionStatus.Suspended));
            Assert.Null(StatusChangeRules.WarningFor(legacy, SubscriptionStatus.Suspended));
            Assert.Null(StatusChangeRules.WarningFor(nce, SubscriptionStatus.Active));
        }

        [Fact]
        public void AutoRenew_ChangesOnlyOnAnActiveSubscription()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var change = new AutoRenewChange(t.Store);
            var active = change.Read(customer.CustomerId, Buy(t, customer).SubscriptionId);
            Assert.True(change.NeedsChange(active, false));
            change.Apply(active, false);
            Assert.False(active.AutoRenewEnabled);
            Assert.False(t.Store.GetSubscriptionById(active.SubscriptionId)!.AutoRenewEnabled);
            Assert.False(change.NeedsChange(change.Read(customer.CustomerId, active.SubscriptionId), false));

            var suspended = Buy(t, customer);
            t.Store.UpdateSubscriptionStatuses(new[] { suspended }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
            var error = Assert.Throws<PartnerException>(() => change.NeedsChange(change.Read(customer.CustomerId, suspended.SubscriptionId), false));
            Assert.Equal(PartnerErrorId.AutoRenewCannotChange, error.ErrorId);
            Assert.Contains("resume it first", error.RecommendedAction);
        }
    }
}
