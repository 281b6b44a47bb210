using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// Legacy DAP removal (partnercenter-api.md, section 4, "Removing DAP only"): PATCH /v1/customers/{id} with
    /// allowDelegatedAccess false and no relationshipToPartner turns DAP off and leaves the relationship alone.
    /// </summary>
    public sealed class DelegatedAccessContractTests
    {
        private const string RemoveDap = "{\"allowDelegatedAccess\":false,\"attributes\":{\"objectType\":\"Customer\"}}";

        private static int Code(RawResponse response) => response.Json["code"]!.GetValue<int>();

        private static Dictionary<string, string> H(params (string Key, string Value)[] headers) => headers.ToDictionary(h => h.Key, h => h.Value);

        [Fact]
        public async Task RemoveDap_TurnsOffAllowDelegatedAccessOnly_AndAnswersTheCustomer_EvenWithActiveSubscriptions()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha", "alpha.onmicrosoft.com", allowDelegatedAccess: true);
            var sub = emulator.AddSubscription(customer); // would block removing the relationship, not DAP
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            Assert.True((await http.GetAsync($"/v1/customers/{customer}")).Json["allowDelegatedAccess"]!.GetValue<bool>());

            var removed = await http.PatchAsync($"/v1/customers/{customer}", RemoveDap, H(("MS-RequestId", "dap-1")));

            Assert.Equal(HttpStatusCode.OK, removed.Status);
            var body = removed.Json;
            Assert.Equal((customer.ToString(), "reseller", false), (body["id"]!.GetValue<string>(), body["relationshipToPartner"]!.GetValue<string>(), body["allowDelegatedAccess"]!.GetValue<bool>()));
            Assert.Equal("alpha.onmicrosoft.com", body["companyProfile"]!["domain"]!.GetValue<string>());
            Assert.Equal("Customer", body["attributes"]!["objectType"]!.GetValue<string>());
            var state = emulator.GetCustomerState(customer)!;
            Assert.Equal(("reseller", false), (state.RelationshipToPartner, state.AllowDelegatedAccess));
            Assert.Equal("active", emulator.GetSubscriptionState(customer, sub.Id)!.Status);
            Assert.False((await http.GetAsync($"/v1/customers/{customer}")).Json["allowDelegatedAccess"]!.GetValue<bool>());
            Assert.Equal(RemoveDap, emulator.RequestLog.Single(e => e.Method == "PATCH").Body);

            // Again: nothing left to turn off, the same answer. Turning it on is not a PATCH Partner Center takes.
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync($"/v1/customers/{customer}", "{\"AllowDelegatedAccess\":false}")).Status);
            var on = await http.PatchAsync($"/v1/customers/{customer}", "{\"allowDelegatedAccess\":true}");
            Assert.Equal((HttpStatusCode.BadRequest, 800002), (on.Status, Code(on)));
            Assert.Equal(800002, Code(await http.PatchAsync($"/v1/customers/{customer}", "{\"allowDelegatedAccess\":\"no\"}")));
            Assert.False(emulator.GetCustomerState(customer)!.AllowDelegatedAccess);
        }

        [Fact]
        public async Task RemoveDap_NeedsAnAppPlusUserToken_AppOnlyIs403()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha", allowDelegatedAccess: true);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken(appOnly: true));

            var denied = await http.PatchAsync($"/v1/customers/{customer}", RemoveDap);

            Assert.Equal((HttpStatusCode.Forbidden, 400), (denied.Status, Code(denied)));
            Assert.True(emulator.GetCustomerState(customer)!.AllowDelegatedAccess);
        }

        [Fact]
        public async Task RemoveDap_OfACustomerWhoseRelationshipWasRemoved_AnswersAsReadingTheCustomerDoes()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var gone = emulator.AddCustomer("Gone", relationshipToPartner: "none", allowDelegatedAccess: false);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var refused = await http.PatchAsync($"/v1/customers/{gone}", RemoveDap);
            Assert.Equal((HttpStatusCode.Forbidden, 20002), (refused.Status, Code(refused)));

            emulator.Options.RemovedCustomerStatusCode = 404;
            var notFound = await http.PatchAsync($"/v1/customers/{gone}", RemoveDap);
            Assert.Equal((HttpStatusCode.NotFound, 60003), (notFound.Status, Code(notFound)));
            Assert.Equal(60003, Code(await http.PatchAsync($"/v1/customers/{Guid.NewGuid()}", RemoveDap)));

            // Removing the relationship again still answers as issue #51 saw it.
            Assert.Equal(3000, Code(await http.PatchAsync($"/v1/customers/{gone}", "{\"relationshipToPartner\":\"none\"}")));
        }
    }
}
