using System;
using System.Linq;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using Xunit;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Bulk runs at Partner Center's limits, as a user runs them: a partner-wide limit on top of the per-tenant one,
    /// every attempt counted, with latency and random faults. Smaller than the benchmark, the same shape.
    /// </summary>
    public sealed class RemoteThrottlingTests
    {
        [Theory]
        [InlineData(4)]
        [InlineData(16)]
        [InlineData(64)]
        public async Task ACanonicalSuspend_AtThePartnerWideLimit_SuspendsEachOnceWithNoError(int throttleLimit)
        {
            await using var remote = await RemoteSession.StartAsync(new EmulatorOptions { Seed = 5 }, seed: e => e.Seed(12, 10, seed: 4));
            var options = remote.Emulator.Options;
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.PartnerRequestsPerWindow = 20;
            options.PartnerRateLimitWindow = TimeSpan.FromSeconds(1);
            options.RequestsPerMinutePerTenant = 500;
            options.TransientFaultRate = 0.2;
            options.MaxRandomFaultsPerRequest = 3;

            var result = remote.Session.Run($"Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit {throttleLimit} -Verbose");

            Assert.Empty(result.AllErrors);
            var subscriptions = remote.Emulator.GetAllSubscriptionStates();
            Assert.Equal(120, subscriptions.Count);
            Assert.All(subscriptions, s =>
            {
                Assert.Equal("suspended", s.Status);
                Assert.Equal(1, s.StatusTransitionCount);
            });

            var log = remote.Emulator.RequestLog;
            Assert.True(log.Any(r => r.Throttled), "the run never reached the partner-wide limit, so it proves nothing");
            Assert.Equal(120, log.Where(r => r.Method == "PATCH").Select(r => r.RequestId).Distinct().Count());
            Assert.Contains(result.Verbose, v => v.EndsWith("Partner Center asked to slow down.", StringComparison.Ordinal));
            Assert.Contains(result.Verbose, v => v.StartsWith("Partner Center throttling: at most ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task OneCustomersLimit_HoldsThatCustomerOnly()
        {
            await using var remote = await RemoteSession.StartAsync(seed: e => e.Seed(2, 12, seed: 9));
            var options = remote.Emulator.Options;
            options.RequestsPerMinutePerTenant = 6;
            options.RateLimitWindow = TimeSpan.FromSeconds(2);

            var result = remote.Session.Run("Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 8");

            Assert.Empty(result.AllErrors);
            Assert.All(remote.Emulator.GetAllSubscriptionStates(), s => Assert.Equal("suspended", s.Status));
            Assert.Contains(remote.Emulator.RequestLog, r => r.Throttled);
        }

        [Fact]
        public async Task ThrottlingPastMaxThrottleWait_FailsTheItem_NamingHowLongItWaited()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            remote.Session.Run("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1] -MaxThrottleWait 00:00:02 -WarningAction SilentlyContinue | Out-Null",
                remote.Emulator.BaseAddress, RemoteSession.Secure(remote.AccessToken));
            remote.Emulator.Faults.Enqueue("/subscriptions", FaultKind.TooManyRequests(1), count: 10, method: "GET");

            var error = remote.Session.Run("Get-PartnerCustomer -Name Contoso | Get-PartnerSubscription").SingleError();

            Assert.StartsWith("PartnerCenterThrottled,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            // Each Retry-After is 1 s: the one that would end past the 2 s budget is not waited for.
            Assert.Matches(@"It waited [12] seconds for throttling \(\d refusals\), up to the connection's -MaxThrottleWait", error.ErrorDetails?.RecommendedAction ?? string.Empty);
            Assert.InRange(remote.Emulator.RequestLog.Count(r => r.StatusCode == 429), 2, 3);
        }
    }
}
