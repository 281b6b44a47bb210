using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// The rate limits and where random faults sit beside them: every attempt the limits let through counts, whatever
    /// the service then does with it. Windows are moved by a <see cref="ManualClock"/>, never by sleeping.
    /// </summary>
    public sealed class RateLimitContractTests
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>The status answered, or 0 when the connection was reset (a random fault's third outcome).</summary>
        private static async Task<int> StatusOrResetAsync(EmulatorHttp http, string path)
        {
            try
            {
                return (int)(await http.GetAsync(path)).Status;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }

        [Fact]
        public async Task RandomFaults_AreDrawnAfterAuthenticationAndTheRateLimit_SoAFaultedAttemptUsedItsSlot()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions
            {
                TimeProvider = clock,
                RequestsPerMinutePerTenant = 3,
                TransientFaultRate = 1,
                Seed = 3,
            });
            var customer = emulator.AddCustomer("Alpha");
            using var anonymous = new EmulatorHttp(emulator, accessToken: null);
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/customers/{customer}")).Status);
            for (var i = 0; i < 3; i++)
            {
                Assert.Contains(await StatusOrResetAsync(http, $"/v1/customers/{customer}"), new[] { 0, 500, 503 });
            }

            var fourth = await http.GetAsync($"/v1/customers/{customer}"); // the three faulted attempts filled the window
            Assert.Equal((HttpStatusCode)429, fourth.Status);
            Assert.Equal("60", fourth.Header("Retry-After"));

            var log = emulator.RequestLog;
            Assert.Equal(new[] { false, true, true, true, false }, log.Select(e => e.FaultInjected));
            Assert.Equal(new[] { false, false, false, false, true }, log.Select(e => e.Throttled));
        }

        // ---- the partner-wide limit -----------------------------------------------------------------

        [Fact]
        public async Task PartnerWide_OnceTheWindowIsFull_RefusesEveryCustomerAndRoute_WithRetryAfterAndTheUsual429()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions
            {
                TimeProvider = clock,
                PartnerRequestsPerWindow = 3,
                PartnerRateLimitWindow = TimeSpan.FromSeconds(10),
            });
            var (a, b, c) = (emulator.AddCustomer("Alpha"), emulator.AddCustomer("Beta"), emulator.AddCustomer("Gamma"));
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            // Three customers and a list route: each its own per-tenant window, all the one partner's.
            foreach (var path in new[] { $"/v1/customers/{a}", $"/v1/customers/{b}/subscriptions", "/v1/customers?size=10" })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).Status);
                clock.Advance(TimeSpan.FromSeconds(2)); // attempts at t=0, 2, 4
            }

            var throttled = await http.GetAsync($"/v1/customers/{c}"); // t=6, a customer not seen before
            Assert.Equal((HttpStatusCode)429, throttled.Status);
            Assert.Equal("4", throttled.Header("Retry-After")); // the t=0 attempt leaves the window at t=10
            Assert.Equal(429, throttled.Json["statusCode"]!.GetValue<int>());
            Assert.Equal("Rate limit is exceeded. Try again in 4 seconds.", throttled.Json["message"]!.GetValue<string>());
            Assert.True(emulator.RequestLog[^1].Throttled);

            emulator.Options.PartnerRequestsPerWindow = null; // runtime switch: no partner-wide limit
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{c}")).Status);
        }

        [Fact]
        public async Task PartnerWideAndPerTenant_Combine_APerTenantRefusalTookItsPartnerWideSlot_APartnerWideRefusalNoPerTenantOne()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions
            {
                TimeProvider = clock,
                PartnerRequestsPerWindow = 3,
                PartnerRateLimitWindow = TimeSpan.FromSeconds(10),
                RequestsPerMinutePerTenant = 1,
                CountThrottledRequests = false, // so every slot taken below was taken by an attempt a limit let through
            });
            var (a, b, c) = (emulator.AddCustomer("Alpha"), emulator.AddCustomer("Beta"), emulator.AddCustomer("Gamma"));
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{a}")).Status); // t=0
            clock.Advance(TimeSpan.FromSeconds(1));
            var perTenant = await http.GetAsync($"/v1/customers/{a}"); // t=1: Alpha's minute is full
            Assert.Equal(((HttpStatusCode)429, "59"), (perTenant.Status, perTenant.Header("Retry-After")));
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{b}")).Status); // t=2

            // t=3: Gamma's own window is empty, but the partner's holds t=0, 1 (the per-tenant refusal) and 2.
            clock.Advance(TimeSpan.FromSeconds(1));
            var partnerWide = await http.GetAsync($"/v1/customers/{c}");
            Assert.Equal(((HttpStatusCode)429, "7"), (partnerWide.Status, partnerWide.Header("Retry-After")));

            // t=20: the partner's window is empty again, and Gamma's refused attempt took no slot of Gamma's minute.
            clock.Advance(TimeSpan.FromSeconds(17));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/customers/{c}")).Status);
            Assert.Equal((HttpStatusCode)429, (await http.GetAsync($"/v1/customers/{a}")).Status); // Alpha's minute is still full
            Assert.Equal(new[] { false, true, false, true, false, true }, emulator.RequestLog.Select(e => e.Throttled));
        }

        [Fact]
        public async Task PartnerWide_ThrottledAttemptsCount_SoHammeringKeepsTheOneSecondWindowFull_UnlessSwitchedOff()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, PartnerRequestsPerWindow = 2 });
            var customers = new[] { emulator.AddCustomer("Alpha"), emulator.AddCustomer("Beta"), emulator.AddCustomer("Gamma") };
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            // Two at t=0 and 0.1, then one every 0.4 s from t=0.5, round the customers; the window is the default second.
            async Task<List<(int Status, string? RetryAfter)>> HammerAsync()
            {
                var answers = new List<(int, string?)>();
                var offsets = new[] { 0, 100, 500, 900, 1300, 1700, 2100, 2500 };
                var at = 0;
                for (var i = 0; i < offsets.Length; i++)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(offsets[i] - at));
                    at = offsets[i];
                    var response = await http.GetAsync($"/v1/customers/{customers[i % customers.Length]}");
                    answers.Add(((int)response.Status, response.Header("Retry-After")));
                }

                clock.Advance(TimeSpan.FromSeconds(5)); // past every window, for the next round
                return answers;
            }

            var counted = await HammerAsync();
            Assert.Equal(new[] { 200, 200, 429, 429, 429, 429, 429, 429 }, counted.Select(r => r.Status));
            Assert.All(counted.Skip(2), r => Assert.Equal("1", r.RetryAfter)); // whole seconds, at least one

            emulator.Options.CountThrottledRequests = false;
            var uncounted = await HammerAsync(); // refusals leave the window: t=1.3 and 1.7 get through, then 2.5
            Assert.Equal(new[] { 200, 200, 429, 429, 200, 200, 429, 200 }, uncounted.Select(r => r.Status));
        }

        [Fact]
        public async Task PartnerWide_RandomFaultsAreDrawnAfterIt_SoAFaultedAttemptUsedItsSlot()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions
            {
                TimeProvider = clock,
                PartnerRequestsPerWindow = 3,
                TransientFaultRate = 1,
                Seed = 11,
            });
            var customers = new[] { emulator.AddCustomer("Alpha"), emulator.AddCustomer("Beta"), emulator.AddCustomer("Gamma"), emulator.AddCustomer("Delta") };
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var answers = new List<int>();
            foreach (var customer in customers)
            {
                answers.Add(await StatusOrResetAsync(http, $"/v1/customers/{customer}"));
            }

            Assert.All(answers.Take(3), status => Assert.Contains(status, new[] { 0, 500, 503 }));
            Assert.Equal(429, answers[3]); // not a fault: the three faulted attempts filled the window
            Assert.Equal(new[] { true, true, true, false }, emulator.RequestLog.Select(e => e.FaultInjected));
        }

        [Fact]
        public async Task PartnerWide_GraphAndTokenRequests_DoNotCountAgainstIt()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, PartnerRequestsPerWindow = 2 });
            using var graph = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());
            using var partner = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(GraphHttp.Relationships)).Status);
                Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(emulator));
            }

            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/v1/customers")).Status);
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/v1/customers")).Status);
            Assert.Equal((HttpStatusCode)429, (await partner.GetAsync("/v1/customers")).Status); // the window held only these

            // And a full partner-wide window does not hold Graph back.
            Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(GraphHttp.Relationships)).Status);
        }

        private static async Task<HttpStatusCode> TokenStatusAsync(PartnerCenterEmulator emulator)
        {
            using var http = new HttpClient();
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = emulator.Options.ClientId,
                ["client_secret"] = emulator.Options.ClientSecret,
                ["resource"] = "https://api.partnercenter.microsoft.com",
            });
            using var response = await http.PostAsync(emulator.TokenEndpointFor(), form);
            return response.StatusCode;
        }
    }
}
