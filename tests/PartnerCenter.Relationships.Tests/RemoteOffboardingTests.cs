using System;
using System.Linq;
using System.Threading.Tasks;
using PartnerCenter.Emulator;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Offboarding by today's rules against the stand-in Partner Center, as a user runs it: a customer with a
    /// new-commerce subscription inside its window goes in one command; one past its window is refused with the date,
    /// and the plan says the same before anything changes.
    /// </summary>
    public sealed class RemoteOffboardingTests
    {
        private static void Seed(PartnerCenterEmulator emulator)
        {
            var inside = emulator.AddCustomer("Northwind Traders", "northwind.onmicrosoft.com");
            emulator.AddSubscription(inside, "active", "Office 365 E1");
            emulator.AddSubscription(inside, SubscriptionSeed.NewCommerce(DateTimeOffset.UtcNow.AddDays(-2)));
            var outside = emulator.AddCustomer("Woodgrove Bank", "woodgrove.onmicrosoft.com");
            emulator.AddSubscription(outside, SubscriptionSeed.NewCommerce(DateTimeOffset.UtcNow.AddDays(-100)));
        }

        [Fact]
        public async Task InsideItsWindow_OneCommandOffboards_CancellingAfterSuspending_AndVerifiesWhatItCan()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed);
            var emulator = remote.Emulator;
            var id = emulator.CustomerIdOf("Northwind Traders");

            var plan = remote.Session.Ok("Get-PartnerCustomer -Name 'Northwind Traders' | Get-PartnerOffboardingPlan").Single();
            Assert.True((bool)plan.Properties["CanRemoveNow"].Value);

            var result = remote.Session.Ok(
                "Get-PartnerCustomer -Name 'Northwind Traders' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru").Single();

            Assert.Equal("none", emulator.GetCustomerState(id)!.RelationshipToPartner);
            var states = emulator.GetSubscriptionStates(id);
            Assert.Equal("suspended", states.Single(s => s.OfferName == "Office 365 E1").Status);
            Assert.Equal("deleted", states.Single(s => s.OfferName == "Microsoft 365 E3").Status);
            var effects = ((System.Collections.IEnumerable)result.Properties["Effects"].Value).Cast<object>()
                .Select(e => e.GetType().GetProperty("Outcome")!.GetValue(e)!.ToString()).ToList();
            // Connected without a Graph token, GDAP relationships cannot be listed: the delegated-admin effect is not checked.
            Assert.Equal(new[] { "Verified", "ByPartnerCenter", "NotChecked", "ByPartnerCenter" }, effects);
            Assert.False((bool)result.Properties["DelegatedAdminRevoked"].Value);
            Assert.True((bool)result.Properties["RemovedFromCustomerList"].Value);
        }

        [Fact]
        public async Task PastItsWindow_ThePlanAndTheRefusalGiveTheSameDate_AndNothingChanges()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed);
            var emulator = remote.Emulator;
            var id = emulator.CustomerIdOf("Woodgrove Bank");
            var before = emulator.GetSubscriptionStates(id).Single();

            var plan = remote.Session.Ok("Get-PartnerCustomer -Name 'Woodgrove Bank' | Get-PartnerOffboardingPlan").Single();
            Assert.False((bool)plan.Properties["CanRemoveNow"].Value);
            var earliest = (DateTime)plan.Properties["EarliestRemovalDate"].Value;

            var error = remote.Session.Run(
                "Get-PartnerCustomer -Name 'Woodgrove Bank' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force").SingleError();

            Assert.StartsWith("ActiveSubscriptionsBlockRemoval,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("The earliest removal date is " + earliest.ToString("yyyy-MM-dd"), error.Exception.Message);
            Assert.Contains("DisableAutoRenew until", error.Exception.Message);
            var cancel = remote.Session.Run("Get-PartnerCustomer -Name 'Woodgrove Bank' | Get-PartnerSubscription | Stop-PartnerSubscription -Confirm:$false").SingleError();
            Assert.StartsWith("CancellationWindowClosed,", cancel.FullyQualifiedErrorId, StringComparison.Ordinal);

            var after = emulator.GetSubscriptionStates(id).Single();
            Assert.Equal((before.Status, before.Etag), (after.Status, after.Etag));
            Assert.Equal("reseller", emulator.GetCustomerState(id)!.RelationshipToPartner);

            // The way out: auto-renew off, sent to Partner Center, and the plan then only waits.
            remote.Session.Ok("Get-PartnerCustomer -Name 'Woodgrove Bank' | Get-PartnerSubscription | Set-PartnerSubscription -AutoRenewEnabled $false -Confirm:$false");
            Assert.False(emulator.GetSubscriptionStates(id).Single().AutoRenewEnabled);
            var steps = remote.Session.Ok("Get-PartnerCustomer -Name 'Woodgrove Bank' | Get-PartnerOffboardingPlan | ForEach-Object { $_.Steps.Action }");
            Assert.Equal(new object[] { "WaitForExpiry" }, steps.Select(s => s.BaseObject).ToArray());
        }
    }
}
