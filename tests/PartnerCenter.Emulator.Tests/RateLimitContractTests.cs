using System;
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
    }
}
