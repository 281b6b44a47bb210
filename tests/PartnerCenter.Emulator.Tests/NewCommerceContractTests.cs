using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// The emulator's new-commerce contract (partnercenter-api.md, sections 3, 4 and 9): what a subscription says
    /// about its term, and what Partner Center refuses to cancel, suspend, renew or remove.
    /// </summary>
    public sealed class NewCommerceContractTests
    {
        private static readonly DateTimeOffset Bought = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

        private static string SubscriptionPath(Guid customerId, Guid subscriptionId) => $"/v1/customers/{customerId}/subscriptions/{subscriptionId}";

        private static JsonObject Item(JsonNode list, Guid id) =>
            list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id.ToString())!.AsObject();

        [Fact]
        public async Task ASubscription_SaysItsTerm_AutoRenew_CancellationWindow_CreationDate_BillingType_AndBase()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var legacy = emulator.AddSubscription(customer);
            var e3 = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought));
            var phone = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought) with
            {
                OfferId = "CFQ7TTC0J1FV:0001", OfferName = "Microsoft Teams Phone Standard", ParentSubscriptionId = e3.Id, AutoRenewEnabled = false,
            });
            var renewed = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought) with { CancellationAllowedUntil = Bought.AddDays(400) });
            var azure = emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 2));
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var list = (await http.GetAsync($"/v1/customers/{customer}/subscriptions")).Json;

            var old = Item(list, legacy.Id);
            Assert.Equal(("P1M", true, "license", "2024-01-15T08:00:00Z"),
                (old["termDuration"]!.GetValue<string>(), old["autoRenewEnabled"]!.GetValue<bool>(), old["billingType"]!.GetValue<string>(), old["creationDate"]!.GetValue<string>()));
            Assert.True(old.ContainsKey("cancellationAllowedUntilDate") && old["cancellationAllowedUntilDate"] is null, "a legacy subscription cannot be cancelled: null, not left out");
            Assert.Null(old["parentSubscriptionId"]);

            var nce = Item(list, e3.Id);
            Assert.Equal(("P1Y", "license", "2026-11-30T09:00:00Z"), (nce["termDuration"]!.GetValue<string>(), nce["billingType"]!.GetValue<string>(), nce["creationDate"]!.GetValue<string>()));
            Assert.Equal("2026-12-07T09:00:00Z", nce["cancellationAllowedUntilDate"]!.GetValue<string>()); // 7 days after purchase
            Assert.Equal(e3.Id.ToString(), Item(list, phone.Id)["parentSubscriptionId"]!.GetValue<string>());
            Assert.False(Item(list, phone.Id)["autoRenewEnabled"]!.GetValue<bool>());
            Assert.Equal("2028-01-04T09:00:00Z", Item(list, renewed.Id)["cancellationAllowedUntilDate"]!.GetValue<string>());

            var plan = Item(list, azure.Id);
            Assert.Equal("usage", plan["billingType"]!.GetValue<string>());
            Assert.Null(plan["cancellationAllowedUntilDate"]);

            // The same resource by id.
            var single = (await http.GetAsync(SubscriptionPath(customer, e3.Id))).Json;
            Assert.Equal("2026-12-07T09:00:00Z", single["cancellationAllowedUntilDate"]!.GetValue<string>());
            Assert.True(e3.IsNewCommerce);
            Assert.False(legacy.IsNewCommerce);
            Assert.Equal(2, azure.ActiveAzureSubscriptionCount);
        }

        [Fact]
        public async Task Seeds_PartnerCenterCouldNotHave_AreRefused()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");

            // Only a new-commerce license subscription has a cancellation window, and only an Azure plan Azure subscriptions.
            Assert.Throws<ArgumentException>(() => emulator.AddSubscription(customer, new SubscriptionSeed { CancellationAllowedUntil = Bought }));
            Assert.Throws<ArgumentException>(() => emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan() with { CancellationAllowedUntil = Bought }));
            Assert.Throws<ArgumentException>(() => emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { ActiveAzureSubscriptions = 1 }));

            // An add-on's base must be there first.
            Assert.Throws<ArgumentException>(() => emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { ParentSubscriptionId = Guid.NewGuid() }));
            Assert.Empty(emulator.GetSubscriptionStates(customer));
        }
    }
}
