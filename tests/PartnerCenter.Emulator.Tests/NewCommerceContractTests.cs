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

        private static Dictionary<string, string> H(params (string Key, string Value)[] headers) => headers.ToDictionary(h => h.Key, h => h.Value);

        private static string StatusBody(string status) => $"{{\"status\":\"{status}\",\"attributes\":{{\"objectType\":\"Subscription\"}}}}";

        private static string Body(string status, bool autoRenew) =>
            $"{{\"Status\":\"{status}\",\"AutoRenewEnabled\":{(autoRenew ? "true" : "false")},\"Attributes\":{{\"ObjectType\":\"Subscription\"}}}}";

        private static int Code(RawResponse response) => response.Json["code"]!.GetValue<int>();

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

        // ---- auto-renew ---------------------------------------------------------------------------

        [Fact]
        public async Task AutoRenew_ChangesOnAnActiveSubscription_WithANewEtag_ButNotOnASuspendedOne_800091()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var active = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce());
            var suspended = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended" });
            var expired = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "expired" });
            var deleted = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "deleted" });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            // The status unchanged, the setting changed: applied, with a new etag, and no status transition.
            var off = await http.PatchAsync(SubscriptionPath(customer, active.Id), Body("active", autoRenew: false), H(("If-Match", active.Etag)));
            Assert.Equal(HttpStatusCode.OK, off.Status);
            Assert.False(off.Json["autoRenewEnabled"]!.GetValue<bool>());
            var now = emulator.GetSubscriptionState(customer, active.Id)!;
            Assert.Equal((false, "active", 0), (now.AutoRenewEnabled, now.Status, now.StatusTransitionCount));
            Assert.NotEqual(active.Etag, now.Etag);
            Assert.Equal(now.Etag, off.Json["attributes"]!["etag"]!.GetValue<string>());
            Assert.Contains("\"AutoRenewEnabled\":false", emulator.RequestLog[^1].Body); // the log keeps what was written

            // The setting it has already: a no-op, the etag kept. The old etag is stale.
            Assert.Equal(now.Etag, (await http.PatchAsync(SubscriptionPath(customer, active.Id), Body("active", autoRenew: false))).Json["attributes"]!["etag"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await http.PatchAsync(SubscriptionPath(customer, active.Id), Body("active", autoRenew: true), H(("If-Match", active.Etag)))).Status);

            var refused = await http.PatchAsync(SubscriptionPath(customer, suspended.Id), Body("suspended", autoRenew: false));
            Assert.Equal((HttpStatusCode.BadRequest, 800091), (refused.Status, Code(refused)));
            Assert.Equal("Cannot update a subscription with suspended status.", refused.Json["description"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, suspended.Id), Body("suspended", autoRenew: true))).Status); // nothing changed
            Assert.Equal(800012, Code(await http.PatchAsync(SubscriptionPath(customer, expired.Id), Body("expired", autoRenew: false))));
            Assert.Equal(2011, Code(await http.PatchAsync(SubscriptionPath(customer, deleted.Id), Body("deleted", autoRenew: false))));
            Assert.Equal(800002, Code(await http.PatchAsync(SubscriptionPath(customer, active.Id), "{\"autoRenewEnabled\":\"no\"}")));

            foreach (var untouched in new[] { suspended, expired, deleted })
            {
                var state = emulator.GetSubscriptionState(customer, untouched.Id)!;
                Assert.Equal((true, untouched.Etag), (state.AutoRenewEnabled, state.Etag));
            }
        }

        // ---- cancellation -------------------------------------------------------------------------

        [Fact]
        public async Task Cancel_InsideTheWindow_ByTheEmulatorsClock_DeletesAndStopsRenewal_AfterItIs900117()
        {
            var clock = new ManualClock(Bought.AddDays(1));
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock });
            var customer = emulator.AddCustomer("Alpha");
            var active = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought));
            var suspended = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought) with { Status = "suspended" });
            var lastMoment = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought) with { CancellationAllowedUntil = Bought.AddDays(8) });
            var late = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Bought));
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken(lifetime: TimeSpan.FromDays(30))); // outlives the clock's jumps

            var cancelled = await http.PatchAsync(SubscriptionPath(customer, active.Id), StatusBody("deleted"), H(("If-Match", active.Etag)));
            Assert.Equal(HttpStatusCode.OK, cancelled.Status);
            Assert.Equal(("deleted", false), (cancelled.Json["status"]!.GetValue<string>(), cancelled.Json["autoRenewEnabled"]!.GetValue<bool>()));
            Assert.Null(cancelled.Json["cancellationAllowedUntilDate"]);
            var state = emulator.GetSubscriptionState(customer, active.Id)!;
            Assert.Equal(new[] { ("active", "deleted") }, state.StatusHistory.Select(t => (t.From, t.To)));
            Assert.False(state.AutoRenewEnabled);
            Assert.Equal(2011, Code(await http.PatchAsync(SubscriptionPath(customer, active.Id), StatusBody("active"))));
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, suspended.Id), StatusBody("deleted"))).Status); // from suspended too

            clock.Advance(TimeSpan.FromDays(7)); // Bought + 8 days: the window after purchase has closed
            var refused = await http.PatchAsync(SubscriptionPath(customer, late.Id), StatusBody("deleted"));
            Assert.Equal((HttpStatusCode.BadRequest, 900117), (refused.Status, Code(refused)));
            Assert.StartsWith("You have passed your 7-day cancellation window", refused.Json["description"]!.GetValue<string>());
            var kept = emulator.GetSubscriptionState(customer, late.Id)!;
            Assert.Equal(("active", 0, true), (kept.Status, kept.StatusTransitionCount, kept.AutoRenewEnabled));

            // The window's last moment still counts.
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, lastMoment.Id), StatusBody("deleted"))).Status);
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(900117, Code(await http.PatchAsync(SubscriptionPath(customer, late.Id), StatusBody("deleted"))));
        }

        [Fact]
        public async Task Cancel_OfALegacySubscription_Is403_800019_OfAnAzurePlanOrAFinalOne_800096()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var legacy = emulator.AddSubscription(customer);
            var azure = emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan());
            var expired = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(DateTimeOffset.UtcNow) with { Status = "expired" });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var refused = await http.PatchAsync(SubscriptionPath(customer, legacy.Id), StatusBody("deleted"));
            Assert.Equal((HttpStatusCode.Forbidden, 800019), (refused.Status, Code(refused)));
            Assert.Equal(800096, Code(await http.PatchAsync(SubscriptionPath(customer, azure.Id), StatusBody("deleted"))));
            Assert.Equal(800096, Code(await http.PatchAsync(SubscriptionPath(customer, expired.Id), StatusBody("deleted"))));
            Assert.All(emulator.GetSubscriptionStates(customer), s => Assert.Equal(0, s.StatusTransitionCount));
        }

        // ---- Azure plans ---------------------------------------------------------------------------

        [Fact]
        public async Task AzureEntitlements_ListThePlansAzureSubscriptions_WithTheirStatus_AsOneCollection()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var plan = emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 2) with { CancelledAzureSubscriptions = 1 });
            var license = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken(appOnly: true)); // app-only may read them

            var listed = await http.GetAsync(SubscriptionPath(customer, plan.Id) + "/azureEntitlements");

            Assert.Equal(HttpStatusCode.OK, listed.Status);
            var body = listed.Json;
            Assert.Equal(3, body["totalCount"]!.GetValue<int>());
            Assert.Equal("Collection", body["attributes"]!["objectType"]!.GetValue<string>());
            var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.Equal(new[] { "active", "active", "disabled" }, items.Select(i => i["status"]!.GetValue<string>()));
            Assert.Equal(plan.AzureSubscriptions.Select(a => a.Id.ToString()), items.Select(i => i["id"]!.GetValue<string>()));
            Assert.All(items, i => Assert.StartsWith("Azure subscription ", i["friendlyName"]!.GetValue<string>()));

            Assert.Equal(0, (await http.GetAsync(SubscriptionPath(customer, license.Id) + "/azureentitlements")).Json["totalCount"]!.GetValue<int>());
            Assert.Equal(20003, Code(await http.GetAsync(SubscriptionPath(customer, Guid.NewGuid()) + "/azureEntitlements")));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PatchAsync(SubscriptionPath(customer, plan.Id) + "/azureEntitlements", "{}")).Status);
        }

        // ---- suspension and reactivation ----------------------------------------------------------

        [Fact]
        public async Task Suspend_AnAzurePlanWithActiveAzureSubscriptions_Is403_900115_OneWithNoneIsSuspended()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var busy = emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 1) with { CancelledAzureSubscriptions = 1 });
            var empty = emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan() with { CancelledAzureSubscriptions = 2 });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var refused = await http.PatchAsync(SubscriptionPath(customer, busy.Id), StatusBody("suspended"));
            Assert.Equal((HttpStatusCode.Forbidden, 900115), (refused.Status, Code(refused)));
            Assert.Equal("Azure plan can't be moved to suspended state while one or more Azure subscriptions are active.", refused.Json["description"]!.GetValue<string>());
            Assert.Equal("active", emulator.GetSubscriptionState(customer, busy.Id)!.Status);

            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, empty.Id), StatusBody("suspended"))).Status);
            Assert.Equal("suspended", emulator.GetSubscriptionState(customer, empty.Id)!.Status);
        }

        [Fact]
        public async Task Reactivate_AnAddOnUnderASuspendedBase_Is409_27009_UnderAnActiveOneItIsReactivated()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var e5 = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended" });
            var phone = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended", ParentSubscriptionId = e5.Id });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var refused = await http.PatchAsync(SubscriptionPath(customer, phone.Id), StatusBody("active"));
            Assert.Equal((HttpStatusCode.Conflict, 27009), (refused.Status, Code(refused)));

            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, e5.Id), StatusBody("active"))).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, phone.Id), StatusBody("active"))).Status);
            Assert.Equal("active", emulator.GetSubscriptionState(customer, phone.Id)!.Status);
        }

        // ---- removing the relationship ------------------------------------------------------------

        [Fact]
        public async Task Removal_IsRefusedWhileANewCommerceSubscriptionIsNotCancelledOrExpired_WithACodeOfItsOwn()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            emulator.AddSubscription(customer, new SubscriptionSeed { Status = "suspended" }); // legacy: suspended is enough
            emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan() with { Status = "suspended" }); // never cancelled: suspended is enough
            emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "expired" });
            emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "disabled" });
            emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "deleted" });
            var billing = emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended" });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            const string removal = "{\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":\"Customer\"}}";

            var refused = await http.PatchAsync($"/v1/customers/{customer}", removal);
            Assert.Equal((HttpStatusCode.BadRequest, PartnerCenterEmulator.UncancelledNewCommerceRemovalCode), (refused.Status, Code(refused)));
            Assert.Equal(600090, PartnerCenterEmulator.UncancelledNewCommerceRemovalCode);
            Assert.Equal("The reseller relationship cannot be removed while new-commerce subscriptions are not cancelled or expired.", refused.Json["description"]!.GetValue<string>());
            Assert.Equal("reseller", emulator.GetCustomerState(customer)!.RelationshipToPartner);

            // An active subscription is refused as before, first.
            emulator.SetSubscriptionStatus(customer, billing.Id, "active");
            Assert.Equal(800012, Code(await http.PatchAsync($"/v1/customers/{customer}", removal)));

            emulator.SetSubscriptionStatus(customer, billing.Id, "deleted");
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync($"/v1/customers/{customer}", removal)).Status);
            Assert.Equal("none", emulator.GetCustomerState(customer)!.RelationshipToPartner);
        }
    }
}
