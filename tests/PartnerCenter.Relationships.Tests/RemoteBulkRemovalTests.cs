using System;
using System.Linq;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using Xunit;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// `Get-PartnerCustomer | Remove-PartnerResellerRelationship` over many customers against the stand-in Partner
    /// Center: customers removed side by side under the connection's one throttle, every result, warning and error
    /// written in input order, each subscription suspended once, even at the partner-wide limit with faults.
    /// </summary>
    public sealed class RemoteBulkRemovalTests
    {
        private const int Customers = 8;
        private const string Blocked = "Customer 4";

        /// <summary>Eight customers with two legacy subscriptions each; Customer 4 also has a new-commerce one past its window, which blocks it.</summary>
        private static void Seed(PartnerCenterEmulator emulator)
        {
            for (var i = 1; i <= Customers; i++)
            {
                var id = emulator.AddCustomer($"Customer {i}", $"customer{i}.onmicrosoft.com");
                emulator.AddSubscription(id, "active", "Office 365 E1");
                emulator.AddSubscription(id, "active", "Office 365 E3");
                if ($"Customer {i}" == Blocked)
                {
                    emulator.AddSubscription(id, SubscriptionSeed.NewCommerce(DateTimeOffset.UtcNow.AddDays(-100)));
                }
            }
        }

        /// <summary>One line per record, in the order the pipeline wrote them: 'R name' for a result, 'E name ErrorId' for an error.</summary>
        private const string Lines = " 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E ' + $_.TargetObject.Name + ' ' + $_.FullyQualifiedErrorId.Split(',')[0] } else { 'R ' + $_.Name } }";

        [Fact]
        public async Task CustomersAreRemovedSideBySide_AndEveryResultAndErrorIsWrittenInInputOrder()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed);
            var emulator = remote.Emulator;
            emulator.Options.Latency = TimeSpan.FromMilliseconds(100);

            var listed = Names(remote.Session.Ok("Get-PartnerCustomer | ForEach-Object Name"));
            var lines = Names(remote.Session.Ok("Get-PartnerCustomer | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru -ThrottleLimit 4" + Lines));

            Assert.Equal(Customers, listed.Count);
            var expected = listed.Select(name => name == Blocked ? $"E {Blocked} ActiveSubscriptionsBlockRemoval" : $"R {name}").ToList();
            Assert.Equal(expected, lines);
            AssertRemovedOnce(emulator);

            // Sent one after another, each request would arrive at least one latency (100 ms) after the answer before it.
            var patches = emulator.RequestLog.Where(r => r.Method == "PATCH").OrderBy(r => r.Timestamp).ToList();
            Assert.Contains(patches.Zip(patches.Skip(1)), pair => CustomerOf(pair.First) != CustomerOf(pair.Second) && pair.Second.Timestamp - pair.First.Timestamp < TimeSpan.FromMilliseconds(80));
        }

        [Theory]
        [InlineData(4)]
        [InlineData(16)]
        public async Task AtThePartnerWideLimit_WithFaults_EveryCustomerIsRemovedOnce_WithNoErrorButTheBlockedOne(int throttleLimit)
        {
            await using var remote = await RemoteSession.StartAsync(new EmulatorOptions { Seed = 3 }, seed: Seed);
            var options = remote.Emulator.Options;
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.PartnerRequestsPerWindow = 8;
            options.PartnerRateLimitWindow = TimeSpan.FromSeconds(1);
            options.TransientFaultRate = 0.2;
            options.MaxRandomFaultsPerRequest = 3;

            var listed = Names(remote.Session.Ok("Get-PartnerCustomer | ForEach-Object Name"));
            var run = remote.Session.Run($"Get-PartnerCustomer | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru -ThrottleLimit {throttleLimit} -Verbose");

            Assert.Equal(new[] { "ActiveSubscriptionsBlockRemoval" }, run.AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(listed.Where(n => n != Blocked), run.Output.Select(o => (string)o.Properties["Name"].Value));
            AssertRemovedOnce(remote.Emulator);
            Assert.True(remote.Emulator.RequestLog.Any(r => r.Throttled), "the run never reached the partner-wide limit, so it proves nothing");
            Assert.Contains(run.Verbose, v => v.EndsWith("Partner Center asked to slow down.", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ARemovalThatFailsAmongOthersUnderWay_PutsBackItsOwnSuspensionsOnly()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed);
            var emulator = remote.Emulator;
            emulator.Options.Latency = TimeSpan.FromMilliseconds(50);
            var failing = emulator.CustomerIdOf("Customer 2");
            emulator.Faults.Enqueue($"/customers/{failing}$", FaultKind.HttpStatus(409), count: 1, method: "PATCH");

            var run = remote.Session.Run("Get-PartnerCustomer | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru -ThrottleLimit 8");

            Assert.Equal(new[] { "RemovalRefused", "ActiveSubscriptionsBlockRemoval" }.OrderBy(e => e), run.AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(e => e));
            Assert.Equal(Customers - 2, run.Output.Count);
            Assert.Equal("reseller", emulator.GetCustomerState(failing)!.RelationshipToPartner);
            Assert.All(emulator.GetSubscriptionStates(failing), s => Assert.Equal(("active", 2), (s.Status, s.StatusTransitionCount)));
            foreach (var customer in emulator.GetCustomerStates().Where(c => c.Id != failing && c.CompanyName != Blocked))
            {
                Assert.Equal("none", customer.RelationshipToPartner);
                Assert.All(emulator.GetSubscriptionStates(customer.Id), s => Assert.Equal(("suspended", 1), (s.Status, s.StatusTransitionCount)));
            }
        }

        private static void AssertRemovedOnce(PartnerCenterEmulator emulator)
        {
            foreach (var customer in emulator.GetCustomerStates())
            {
                var blocked = customer.CompanyName == Blocked;
                Assert.Equal(blocked ? "reseller" : "none", customer.RelationshipToPartner);
                Assert.All(emulator.GetSubscriptionStates(customer.Id).Where(s => s.OfferName.StartsWith("Office", StringComparison.Ordinal)), s =>
                {
                    Assert.Equal(blocked ? "active" : "suspended", s.Status);
                    Assert.Equal(blocked ? 0 : 1, s.StatusTransitionCount);
                });
            }
        }

        private static System.Collections.Generic.List<string> Names(System.Collections.Generic.IEnumerable<System.Management.Automation.PSObject> objects) =>
            objects.Select(o => o.BaseObject.ToString()!).ToList();

        private static string CustomerOf(RequestLogEntry entry) => entry.Path.Split('/')[3];
    }
}
