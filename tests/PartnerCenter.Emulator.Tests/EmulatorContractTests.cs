using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// The emulator's contract, checked over real HTTP with a plain HttpClient: what the module's client code
    /// will meet. Each test starts its own emulator (own port), so the tests run in parallel safely.
    /// </summary>
    public sealed class EmulatorContractTests
    {
        private static Dictionary<string, string> H(params (string Key, string Value)[] headers) =>
            headers.ToDictionary(h => h.Key, h => h.Value);

        private static string SubscriptionPath(Guid customerId, Guid subscriptionId) => $"/v1/customers/{customerId}/subscriptions/{subscriptionId}";

        private static string StatusBody(string status) => $"{{\"Status\":\"{status}\",\"Attributes\":{{\"ObjectType\":\"Subscription\"}}}}";

        private static int Code(RawResponse response) => response.Json["code"]!.GetValue<int>();

        // ---- paging and filter --------------------------------------------------------------------

        [Fact]
        public async Task Paging_1200Customers_PageSize500_FollowsNextLinksAndHeader_SeesEveryCustomerOnce()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var seeded = emulator.Seed(1200, 0, seed: 7);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var seen = new List<string>();
            var pageSizes = new List<int>();
            var response = await http.GetAsync("/v1/customers?size=500");
            while (true)
            {
                Assert.Equal(HttpStatusCode.OK, response.Status);
                var body = response.Json;
                Assert.Equal("Collection", body["attributes"]!["objectType"]!.GetValue<string>());
                var items = body["items"]!.AsArray();
                pageSizes.Add(items.Count);
                Assert.Equal(items.Count, body["totalCount"]!.GetValue<int>());
                seen.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
                Assert.All(items, i => Assert.Null(i!["allowDelegatedAccess"])); // list items never carry it

                var next = body["links"]!["next"];
                if (next is null)
                {
                    Assert.Null(body["continuationToken"]);
                    break;
                }

                var uri = next["uri"]!.GetValue<string>();
                Assert.StartsWith("/customers?", uri); // relative and without /v1, as the doc warns
                Assert.Contains("seekOperation=Next", uri);
                Assert.Equal("GET", next["method"]!.GetValue<string>());
                var header = Assert.Single(next["headers"]!.AsArray())!;
                Assert.Equal("MS-ContinuationToken", header["key"]!.GetValue<string>());
                Assert.Equal(body["continuationToken"]!.GetValue<string>(), header["value"]!.GetValue<string>());

                response = await http.GetAsync("/v1" + uri, H(("MS-ContinuationToken", header["value"]!.GetValue<string>())));
            }

            Assert.Equal(new[] { 500, 500, 200 }, pageSizes);
            Assert.Equal(1200, seen.Distinct().Count());
            Assert.Equal(seeded.Select(g => g.ToString()).OrderBy(s => s), seen.OrderBy(s => s));
            Assert.Equal(2, emulator.RequestLog.Count(e => e.ContinuationToken is not null && e.PathAndQuery.Contains("seekOperation=Next")));
        }

        [Fact]
        public async Task Paging_SizeAboveMax_IsCapped_SeekWorksAtV1Path_AndNextLinkCanCarryV1()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { MaxPageSize = 10 });
            emulator.Seed(25, 0, seed: 1);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var first = (await http.GetAsync("/v1/customers?size=1000")).Json;
            Assert.Equal(10, first["items"]!.AsArray().Count);
            var token = first["continuationToken"]!.GetValue<string>();

            // The SDK's manual form: no size, just seekOperation=Next and the header.
            var second = await http.GetAsync("/v1/customers?seekOperation=Next", H(("MS-ContinuationToken", token)));
            Assert.Equal(HttpStatusCode.OK, second.Status);
            Assert.Equal("Contoso 011", second.Json["items"]![0]!["companyProfile"]!["companyName"]!.GetValue<string>());

            emulator.Options.NextLinkWithVersionPrefix = true;
            var withPrefix = (await http.GetAsync("/v1/customers?size=10")).Json;
            Assert.StartsWith("/v1/customers?", withPrefix["links"]!["next"]!["uri"]!.GetValue<string>());
        }

        [Theory]
        [InlineData("not-a-token")]
        [InlineData("eyJtIjoib3RoZXIifQ")]
        public async Task Paging_InvalidContinuationToken_Is400WithErrorBody(string token)
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            emulator.Seed(3, 0, seed: 1);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var response = await http.GetAsync("/v1/customers?size=1&seekOperation=Next", H(("MS-ContinuationToken", token)));

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal(800002, Code(response));
            Assert.Equal("PartnerFD", response.Json["source"]!.GetValue<string>());
        }

        [Fact]
        public async Task Filter_StartsWith_IsCaseInsensitive_OnNameAndDomain_AndSurvivesPaging()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            emulator.AddCustomer("Fabrikam Ltd", "fabrikam.onmicrosoft.com");
            emulator.AddCustomer("fabrikam West", "fabwest.onmicrosoft.com");
            emulator.AddCustomer("Northwind Fabrikam", "northwind.onmicrosoft.com");
            emulator.AddCustomer("Fabrikam Gone", "gone.onmicrosoft.com", relationshipToPartner: "none");
            emulator.Seed(30, 0, seed: 3);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            static string Filter(string field, string value) =>
                Uri.EscapeDataString($"{{\"Field\":\"{field}\",\"Value\":\"{value}\",\"Operator\":\"starts_with\"}}");

            var byName = (await http.GetAsync("/v1/customers?size=0&filter=" + Filter("CompanyName", "FABRIKAM"))).Json;
            Assert.Equal(new[] { "Fabrikam Ltd", "fabrikam West" }, byName["items"]!.AsArray().Select(i => i!["companyProfile"]!["companyName"]!.GetValue<string>()));

            var byDomain = (await http.GetAsync("/v1/customers?size=10&filter=" + Filter("Domain", "FAB"))).Json;
            Assert.Equal(new[] { "fabrikam.onmicrosoft.com", "fabwest.onmicrosoft.com" }, byDomain["items"]!.AsArray().Select(i => i!["companyProfile"]!["domain"]!.GetValue<string>()));

            // "Contoso 01" matches 010..019 only; with size 4 the filter must ride along in the continuation token.
            var names = new List<string>();
            var page = (await http.GetAsync("/v1/customers?size=4&filter=" + Filter("CompanyName", "contoso 01"))).Json;
            while (true)
            {
                names.AddRange(page["items"]!.AsArray().Select(i => i!["companyProfile"]!["companyName"]!.GetValue<string>()));
                if (page["links"]!["next"] is not { } next)
                {
                    break;
                }

                page = (await http.GetAsync("/v1" + next["uri"]!.GetValue<string>(), H(("MS-ContinuationToken", next["headers"]![0]!["value"]!.GetValue<string>())))).Json;
            }

            Assert.Equal(Enumerable.Range(10, 10).Select(n => $"Contoso 0{n}"), names);

            var bad = await http.GetAsync("/v1/customers?size=10&filter=" + Filter("IndirectReseller", "x"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        }

        // ---- throttling -----------------------------------------------------------------------------

        [Fact]
        public async Task RateLimit_OverTheLimit_Is429WithRetryAfter_PerCustomer_AndThrottledAttemptsCount()
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, RequestsPerMinutePerTenant = 3 });
            var a = emulator.AddCustomer("Alpha");
            var b = emulator.AddCustomer("Beta");
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{a}")).Status);
                clock.Advance(TimeSpan.FromSeconds(10)); // attempts at t=0, 10, 20
            }

            var throttled = await http.GetAsync($"/v1/customers/{a}/subscriptions"); // t=30: same customer key, other route
            Assert.Equal((HttpStatusCode)429, throttled.Status);
            Assert.Equal("30", throttled.Header("Retry-After")); // the t=0 attempt leaves the window at t=60
            Assert.Equal(429, throttled.Json["statusCode"]!.GetValue<int>());
            Assert.Equal("Rate limit is exceeded. Try again in 30 seconds.", throttled.Json["message"]!.GetValue<string>());

            // Another customer and the partner-keyed list are separate windows.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{b}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers?size=10")).Status);

            // t=61: the t=0 attempt left, but the throttled t=30 attempt counted, so still 3 in the window.
            clock.Advance(TimeSpan.FromSeconds(31));
            var still = await http.GetAsync($"/v1/customers/{a}");
            Assert.Equal((HttpStatusCode)429, still.Status);
            Assert.Equal("9", still.Header("Retry-After")); // the t=10 attempt leaves at t=70

            Assert.True(emulator.RequestLog.Count(e => e.Throttled) == 2, "two attempts should have been throttled");
        }

        [Fact]
        public async Task RateLimit_WhenThrottledAttemptsDoNotCount_AndWithAShortRealWindow_RecoversAfterTheWindow()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions
            {
                RateLimitWindow = TimeSpan.FromMilliseconds(700),
                CountThrottledRequests = false,
            });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            // Warm up unlimited first (Kestrel, the connection, JIT): on a cold or busy machine the first request
            // alone took longer than the 700 ms window, and the window slid before the third request.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
            emulator.Options.RequestsPerMinutePerTenant = 2;

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
            var throttled = await http.GetAsync("/v1/customers");
            Assert.Equal((HttpStatusCode)429, throttled.Status);
            Assert.Equal("1", throttled.Header("Retry-After")); // rounded up to at least one second

            await Task.Delay(800);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);

            emulator.Options.RequestsPerMinutePerTenant = null; // runtime switch: unlimited
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
            }
        }

        // ---- faults ---------------------------------------------------------------------------------

        [Fact]
        public async Task FaultPlan_AnswersTheScriptedFaultsInOrder_ThenServesNormally()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            emulator.Faults.Enqueue(pathContains: "/subscriptions", FaultKind.ServiceUnavailable, count: 2);
            emulator.Faults.Enqueue("/subscriptions", FaultKind.InternalServerError);
            emulator.Faults.Enqueue("/subscriptions", FaultKind.ConnectionReset);
            emulator.Faults.Enqueue(null, FaultKind.TooManyRequests(7));
            emulator.Faults.Enqueue("/subscriptions", FaultKind.Timeout);
            Assert.Equal(6, emulator.Faults.Pending);

            // A request that only the any-path entry matches takes it, ahead of its turn.
            var other = await http.GetAsync($"/v1/customers/{customer}");
            Assert.Equal((HttpStatusCode)429, other.Status);
            Assert.Equal("7", other.Header("Retry-After"));

            var path = $"/v1/customers/{customer}/subscriptions";
            var first = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
            Assert.Equal(800003, Code(first));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(path)).Status);
            Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(path)).Status);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(path));
            Assert.Equal(HttpStatusCode.RequestTimeout, (await http.GetAsync(path)).Status);

            var ok = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Single(ok.Json["items"]!.AsArray());
            Assert.Equal(0, emulator.Faults.Pending);
            Assert.Equal(6, emulator.Faults.Injected);

            var log = emulator.RequestLog;
            Assert.Equal(new[] { 429, 503, 503, 500, 0, 408, 200 }, log.Select(e => e.StatusCode));
            Assert.Equal(new[] { true, true, true, true, true, true, false }, log.Select(e => e.FaultInjected));
            Assert.Equal(FaultKind.ConnectionReset, log[4].Fault);
        }

        [Fact]
        public async Task RandomFaults_AtRateOne_FaultEveryV1Request_AndLostResponsesStillApply()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TransientFaultRate = 1, Seed = 5 });
            var customer = emulator.AddCustomer("Alpha");
            var sub = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            for (var i = 0; i < 6; i++)
            {
                try
                {
                    var response = await http.GetAsync("/v1/customers");
                    Assert.True(response.Status is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, response.Status.ToString());
                }
                catch (HttpRequestException)
                {
                    // a connection reset is one of the three transient outcomes
                }
            }

            Assert.All(emulator.RequestLog, e => Assert.True(e.FaultInjected));

            emulator.Options.TransientFaultRate = 0;
            emulator.Options.FaultAfterApplyRate = 1;
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PatchAsync(SubscriptionPath(customer, sub.Id), StatusBody("suspended")));
            Assert.Equal("suspended", emulator.GetSubscriptionState(customer, sub.Id)!.Status); // applied, answer lost
        }

        // ---- idempotency and concurrency control ----------------------------------------------------

        [Fact]
        public async Task Patch_RepeatedRequestId_ReturnsStoredResult_WithoutApplyingAgain_EvenAfterALostResponse()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var sub = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            var path = SubscriptionPath(customer, sub.Id);
            var requestId = Guid.NewGuid().ToString();

            var first = await http.PatchAsync(path, StatusBody("suspended"), H(("MS-RequestId", requestId), ("MS-CorrelationId", "corr-1")));
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal("suspended", first.Json["status"]!.GetValue<string>());
            Assert.Equal(requestId, first.Header("MS-RequestId"));
            Assert.Equal("corr-1", first.Header("MS-CorrelationId"));
            var etag = first.Json["attributes"]!["etag"]!.GetValue<string>();
            Assert.NotEqual(sub.Etag, etag);

            // Same MS-RequestId, even with a different body: the stored answer, nothing applied.
            var replay = await http.PatchAsync(path, StatusBody("active"), H(("MS-RequestId", requestId)));
            Assert.Equal(HttpStatusCode.OK, replay.Status);
            Assert.Equal("suspended", replay.Json["status"]!.GetValue<string>());
            Assert.Equal(etag, replay.Json["attributes"]!["etag"]!.GetValue<string>());
            var state = emulator.GetSubscriptionState(customer, sub.Id)!;
            Assert.Equal(1, state.StatusTransitionCount);
            Assert.Equal(1, state.TransitionsTo("suspended"));
            Assert.True(emulator.RequestLog[^1].Replayed);

            // A lost response: applied, connection reset; the retry with the same id gets the stored result.
            emulator.Faults.Enqueue("/subscriptions/", FaultKind.LostResponse);
            var retryId = Guid.NewGuid().ToString();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PatchAsync(path, StatusBody("active"), H(("MS-RequestId", retryId))));
            Assert.Equal("active", emulator.GetSubscriptionState(customer, sub.Id)!.Status);
            var retried = await http.PatchAsync(path, StatusBody("active"), H(("MS-RequestId", retryId)));
            Assert.Equal(HttpStatusCode.OK, retried.Status);
            Assert.Equal("active", retried.Json["status"]!.GetValue<string>());

            // Same status with a new id: 200, a no-op that is not counted.
            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(path, StatusBody("active"), H(("MS-RequestId", Guid.NewGuid().ToString())))).Status);

            state = emulator.GetSubscriptionState(customer, sub.Id)!;
            Assert.Equal(2, state.StatusTransitionCount);
            Assert.Equal(new[] { ("active", "suspended", requestId), ("suspended", "active", retryId) },
                state.StatusHistory.Select(t => (t.From, t.To, t.RequestId!)));
        }

        [Fact]
        public async Task Patch_ConcurrentSuspends_ApplyExactlyOnce()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var sub = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
                http.PatchAsync(SubscriptionPath(customer, sub.Id), "{\"status\":\"suspended\"}", H(("MS-RequestId", Guid.NewGuid().ToString())))));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Equal(1, emulator.GetSubscriptionState(customer, sub.Id)!.TransitionsTo("suspended"));
            Assert.Equal(40, emulator.RequestLog.Count);
        }

        [Fact]
        public async Task Patch_IfMatchMismatch_Is412_MatchingEtagApplies()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var sub = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            var path = SubscriptionPath(customer, sub.Id);

            var stale = await http.PatchAsync(path, StatusBody("suspended"), H(("If-Match", "\"not-the-etag\"")));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
            Assert.Equal(2055, Code(stale));
            Assert.Equal("active", emulator.GetSubscriptionState(customer, sub.Id)!.Status);

            var fresh = await http.PatchAsync(path, StatusBody("suspended"), H(("If-Match", sub.Etag)));
            Assert.Equal(HttpStatusCode.OK, fresh.Status);
            Assert.Equal(sub.Etag, emulator.RequestLog[^1].IfMatch);

            // The old etag is stale now.
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await http.PatchAsync(path, StatusBody("active"), H(("If-Match", sub.Etag)))).Status);
        }

        [Fact]
        public async Task Patch_StatusRules_UnknownStatusKept_DeletedIs2011_OtherTransitionsAre800096_UnknownIdsAre404()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var grace = emulator.AddSubscription(customer, "in_grace");
            var deleted = emulator.AddSubscription(customer, "deleted");
            var active = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var got = await http.GetAsync(SubscriptionPath(customer, grace.Id));
            Assert.Equal("in_grace", got.Json["status"]!.GetValue<string>());
            Assert.Equal("Subscription", got.Json["attributes"]!["objectType"]!.GetValue<string>());
            Assert.Equal(grace.Etag, got.Json["attributes"]!["etag"]!.GetValue<string>());

            Assert.Equal(800096, Code(await http.PatchAsync(SubscriptionPath(customer, grace.Id), StatusBody("active"))));
            Assert.Equal(2011, Code(await http.PatchAsync(SubscriptionPath(customer, deleted.Id), StatusBody("active"))));
            Assert.Equal(800096, Code(await http.PatchAsync(SubscriptionPath(customer, active.Id), StatusBody("expired"))));

            var unknownSub = await http.GetAsync(SubscriptionPath(customer, Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.NotFound, unknownSub.Status);
            Assert.Equal(20003, Code(unknownSub));
            var unknownCustomer = await http.GetAsync($"/v1/customers/{Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, unknownCustomer.Status);
            Assert.Equal(60003, Code(unknownCustomer));

            Assert.All(emulator.GetSubscriptionStates(customer), s => Assert.Equal(0, s.StatusTransitionCount));
        }

        // ---- removing the relationship --------------------------------------------------------------

        [Fact]
        public async Task RemoveRelationship_RefusedWithActiveSubscription_AcceptedAfterSuspending_CustomerThenGone()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha", allowDelegatedAccess: true);
            var keep = emulator.AddCustomer("Beta");
            var sub = emulator.AddSubscription(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());
            const string removal = "{\"RelationshipToPartner\":\"none\",\"Attributes\":{\"ObjectType\":\"Customer\"}}";

            var refused = await http.PatchAsync($"/v1/customers/{customer}", removal);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(800012, Code(refused));
            Assert.Equal("reseller", emulator.GetCustomerState(customer)!.RelationshipToPartner);

            using (var appOnly = new EmulatorHttp(emulator, emulator.CreateAccessToken(appOnly: true)))
            {
                var denied = await appOnly.PatchAsync($"/v1/customers/{customer}", removal);
                Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
                Assert.Equal(400, Code(denied));
            }

            Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(SubscriptionPath(customer, sub.Id), StatusBody("suspended"))).Status);
            var removed = await http.PatchAsync($"/v1/customers/{customer}", "{\"relationshipToPartner\":\"none\"}");
            Assert.Equal(HttpStatusCode.OK, removed.Status);
            Assert.Contains("\"RelationshipToPartner\":\"none\"", removed.Text);
            Assert.Contains("\"Id\":null", removed.Text);
            Assert.Contains("\"AllowDelegatedAccess\":null", removed.Text);

            var state = emulator.GetCustomerState(customer)!;
            Assert.Equal("none", state.RelationshipToPartner);
            Assert.False(state.AllowDelegatedAccess);

            var list = (await http.GetAsync("/v1/customers?size=50")).Json;
            Assert.Equal(new[] { keep.ToString() }, list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

            var byId = await http.GetAsync($"/v1/customers/{customer}");
            Assert.Equal(HttpStatusCode.Forbidden, byId.Status);
            Assert.Equal(20002, Code(byId));
            Assert.Equal(20002, Code(await http.PatchAsync(SubscriptionPath(customer, sub.Id), StatusBody("active"))));
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/v1/customers/{customer}/subscriptions")).Status);

            emulator.Options.RemovedCustomerStatusCode = 404;
            var notFound = await http.GetAsync($"/v1/customers/{customer}");
            Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
            Assert.Equal(60003, Code(notFound));
        }

        [Fact]
        public async Task GetCustomer_ById_HasAllowDelegatedAccess_AndRelationshipRequestNeedsAppPlusUser()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha", "alpha.onmicrosoft.com", allowDelegatedAccess: false);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var body = (await http.GetAsync($"/v1/customers/{customer}")).Json;
            Assert.False(body["allowDelegatedAccess"]!.GetValue<bool>());
            Assert.Equal(customer.ToString(), body["companyProfile"]!["tenantId"]!.GetValue<string>());
            Assert.Equal("alpha.onmicrosoft.com", body["companyProfile"]!["domain"]!.GetValue<string>());

            var link = (await http.GetAsync("/v1/customers/relationshiprequests")).Json;
            Assert.Equal(
                $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={emulator.PartnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
                link["url"]!.GetValue<string>());
            Assert.Equal("RelationshipRequest", link["attributes"]!["objectType"]!.GetValue<string>());

            http.AccessToken = emulator.CreateAccessToken(appOnly: true);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/v1/customers/relationshiprequests")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{customer}")).Status); // reads work app-only
        }

        // ---- tokens and authentication --------------------------------------------------------------

        [Fact]
        public async Task TokenEndpoint_RefreshAndClientCredentialsGrants_AndWrongSecret()
        {
            var options = new EmulatorOptions { ClientId = "app-1", ClientSecret = "s3cret", RefreshToken = "rt-initial", TokenLifetime = TimeSpan.FromMinutes(30) };
            await using var emulator = await PartnerCenterEmulator.StartAsync(options);
            using var http = new HttpClient();
            var endpoint = emulator.TokenEndpointFor();
            Assert.Equal(new Uri(emulator.AuthorityHost, $"{emulator.PartnerTenantId}/oauth2/token"), endpoint);

            async Task<(HttpStatusCode Status, JsonNode Body)> Post(params (string Key, string Value)[] form)
            {
                using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
                using var response = await http.PostAsync(endpoint, content);
                return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            }

            var user = await Post(("grant_type", "refresh_token"), ("client_id", "app-1"), ("client_secret", "s3cret"), ("refresh_token", "rt-initial"),
                ("resource", "https://api.partnercenter.microsoft.com"), ("scope", "openid"));
            Assert.Equal(HttpStatusCode.OK, user.Status);
            Assert.Equal("Bearer", user.Body["token_type"]!.GetValue<string>());
            Assert.Equal("1800", user.Body["expires_in"]!.GetValue<string>()); // v1 endpoint: a string, as Entra answers
            Assert.Equal("https://api.partnercenter.microsoft.com", user.Body["resource"]!.GetValue<string>());
            var rotated = user.Body["refresh_token"]!.GetValue<string>();
            Assert.NotEqual("rt-initial", rotated);
            Assert.True(EmulatorTokens.TryParse(user.Body["access_token"]!.GetValue<string>(), out var userToken));
            Assert.False(userToken!.IsAppOnly);
            Assert.Equal(emulator.PartnerTenantId, userToken.TenantId);
            Assert.Equal(options.UserPrincipalName, userToken.UserPrincipalName);
            Assert.InRange(userToken.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

            var again = await Post(("grant_type", "refresh_token"), ("client_id", "app-1"), ("client_secret", "s3cret"), ("refresh_token", rotated));
            Assert.Equal(HttpStatusCode.OK, again.Status);

            var app = await Post(("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "s3cret"), ("resource", "https://api.partnercenter.microsoft.com"));
            Assert.Equal(HttpStatusCode.OK, app.Status);
            Assert.Null(app.Body["refresh_token"]);
            var appJwt = app.Body["access_token"]!.GetValue<string>();
            Assert.True(EmulatorTokens.TryParse(appJwt, out var appToken));
            Assert.True(appToken!.IsAppOnly);
            var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(appJwt.Split('.')[1]))))!;
            Assert.Equal("app", payload["idtyp"]!.GetValue<string>());
            Assert.Null(payload["scp"]);
            var header = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(appJwt.Split('.')[0]))))!;
            Assert.Equal("none", header["alg"]!.GetValue<string>());

            var wrong = await Post(("grant_type", "client_credentials"), ("client_id", "app-1"), ("client_secret", "nope"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal("invalid_client", wrong.Body["error"]!.GetValue<string>());
            Assert.StartsWith("AADSTS7000215: Invalid client secret provided.", wrong.Body["error_description"]!.GetValue<string>());

            var badRefresh = await Post(("grant_type", "refresh_token"), ("client_id", "app-1"), ("client_secret", "s3cret"), ("refresh_token", "never-issued"));
            Assert.Equal(HttpStatusCode.BadRequest, badRefresh.Status);
            Assert.Equal("invalid_grant", badRefresh.Body["error"]!.GetValue<string>());

            Assert.Equal(3, emulator.TokenRequestCount("refresh_token"));
            Assert.Equal(2, emulator.TokenRequestCount("client_credentials"));

            // The issued token is accepted by the API.
            using var api = new EmulatorHttp(emulator, user.Body["access_token"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/customers")).Status);
        }

        [Fact]
        public async Task Unauthenticated_Expired_OrWrongAudience_Is401_AndTracingHeadersAreEchoedAndLogged()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var http = new EmulatorHttp(emulator, accessToken: null);

            var missing = await http.GetAsync("/v1/customers", H(("MS-RequestId", "rid-1"), ("MS-CorrelationId", "cid-1"), ("X-Locale", "en-US")));
            Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
            Assert.Equal(800001, Code(missing));
            Assert.Equal("rid-1", missing.Header("MS-RequestId"));
            Assert.Equal("cid-1", missing.Header("MS-CorrelationId"));

            http.AccessToken = EmulatorTokens.Create(false, DateTimeOffset.UtcNow.AddMinutes(-1), emulator.PartnerTenantId);
            var expired = await http.GetAsync("/v1/customers");
            Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
            Assert.Contains("expired", expired.Json["description"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

            http.AccessToken = EmulatorTokens.Create(true, DateTimeOffset.UtcNow.AddHours(1), emulator.PartnerTenantId, null, null, audience: "https://graph.windows.net");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/customers")).Status);

            http.AccessToken = "garbage";
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/customers")).Status);

            var log = emulator.RequestLog;
            Assert.Equal(4, log.Count);
            Assert.False(log[0].HasAuthorization);
            Assert.Equal("rid-1", log[0].RequestId);
            Assert.Equal("cid-1", log[0].CorrelationId);
            Assert.Equal("en-US", log[0].Locale);
            Assert.Equal("application/json", log[0].Accept);
            Assert.All(log.Skip(1), e => Assert.True(e.HasAuthorization));
            Assert.All(log, e => Assert.Equal(401, e.StatusCode));

            emulator.ResetRequestLog();
            Assert.Empty(emulator.RequestLog);
        }

        // ---- body switches --------------------------------------------------------------------------

        [Fact]
        public async Task BomAndPascalCaseSwitches_ChangeTheRawBody_Independently()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { Utf8BomBodies = true });
            emulator.AddCustomer("Alpha");
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var bomOnly = await http.GetAsync("/v1/customers");
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{' }, bomOnly.Raw.Take(4));
            Assert.Contains("\"totalCount\":1", bomOnly.Text);

            emulator.Options.Utf8BomBodies = false;
            emulator.Options.PascalCaseBodies = true;
            var pascalOnly = await http.GetAsync("/v1/customers");
            Assert.Equal((byte)'{', pascalOnly.Raw[0]);
            Assert.Contains("\"TotalCount\":1", pascalOnly.Text);
            Assert.Contains("\"CompanyProfile\":{", pascalOnly.Text);
            Assert.Contains("\"ObjectType\":\"Collection\"", pascalOnly.Text);
            Assert.DoesNotContain("\"totalCount\"", pascalOnly.Text);
            Assert.Contains("\"reseller\"", pascalOnly.Text); // values are untouched

            emulator.Options.Utf8BomBodies = true;
            var both = await http.GetAsync("/v1/customers");
            Assert.True(both.HasBom);
            Assert.Contains("\"TotalCount\":1", both.Text);

            emulator.Options.Utf8BomBodies = false;
            emulator.Options.PascalCaseBodies = false;
            var plain = await http.GetAsync("/v1/customers");
            Assert.False(plain.HasBom);
            Assert.Contains("\"totalCount\":1", plain.Text);
        }

        // ---- seeding and latency --------------------------------------------------------------------

        [Fact]
        public async Task Seed_IsDeterministic_WithContosoNames_AndActiveSubscriptions()
        {
            await using var one = await PartnerCenterEmulator.StartAsync();
            await using var two = await PartnerCenterEmulator.StartAsync();
            var a = one.Seed(5, 2, seed: 42);
            var b = two.Seed(5, 2, seed: 42);

            Assert.Equal(a, b);
            Assert.NotEqual(one.BaseAddress, two.BaseAddress);
            var first = one.GetCustomerState(a[0])!;
            Assert.Equal("Contoso 001", first.CompanyName);
            Assert.Equal("contoso001.onmicrosoft.com", first.Domain);
            Assert.Equal("reseller", first.RelationshipToPartner);
            Assert.Equal(2, first.SubscriptionCount);
            Assert.Equal(one.GetSubscriptionStates(a[4]).Select(s => s.Id), two.GetSubscriptionStates(b[4]).Select(s => s.Id));
            Assert.All(a.SelectMany(one.GetSubscriptionStates), s => Assert.Equal("active", s.Status));
            Assert.Equal("Contoso 006", one.GetCustomerState(one.Seed(1, 0, seed: 1)[0])!.CompanyName); // numbering continues
        }

        [Fact]
        public async Task Latency_DelaysV1Responses()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(250) });
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(240), $"took {watch.Elapsed}");
        }

        private static string Pad(string base64Url)
        {
            var s = base64Url.Replace('-', '+').Replace('_', '/');
            return s + new string('=', (4 - (s.Length % 4)) % 4);
        }
    }
}
