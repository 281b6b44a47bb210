using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PartnerCenter.Emulator;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Tab completion (TabExpansion2 in the hosted engine) against the Partner Center emulator: names and ids
    /// complete as on the local store, with few requests, and none at all when Tab is pressed again.
    /// </summary>
    public sealed class RemoteCompletionTests
    {
        [Fact]
        public async Task RemoteCompletion_CompletesNamesIdsAndSubscriptions_AndTabAgainAsksNothing()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            var fabrikam = emulator.CustomerIdOf("Fabrikam");
            emulator.ResetRequestLog();

            var names = Complete(remote, "Get-PartnerCustomer -Name Con");

            Assert.Equal(new[] { "Contoso", "'Contoso Pharmaceuticals'" }, names.Select(n => n.CompletionText));
            Assert.Equal("Contoso, contoso.onmicrosoft.com", names[0].ToolTip);
            var listing = Assert.Single(CustomerListings(emulator));
            Assert.Contains("size=51", listing.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains(Uri.EscapeDataString("\"Value\":\"Con\""), listing.PathAndQuery, StringComparison.Ordinal);

            var id = Assert.Single(Complete(remote, "Get-PartnerSubscription -CustomerId Fab"));
            Assert.Equal(fabrikam.ToString(), id.CompletionText);
            Assert.Equal($"Fabrikam ({fabrikam})", id.ListItemText);
            Assert.Equal("Fabrikam, fabrikam.onmicrosoft.com", id.ToolTip);
            Assert.Equal(CompletionResultType.ParameterValue, id.ResultType);

            var subscriptions = Complete(remote, $"Suspend-PartnerSubscription -CustomerId {contoso} -SubscriptionId ");
            var expected = emulator.GetSubscriptionStates(contoso);
            Assert.Equal(expected.Select(s => s.Id.ToString()).OrderBy(s => s), subscriptions.Select(s => s.CompletionText).OrderBy(s => s));
            Assert.Contains(subscriptions, s => s.ToolTip == "Visio Plan 2, Suspended");
            Assert.Contains(subscriptions, s => s.ToolTip == "Microsoft 365 E3, Active");

            var asked = emulator.RequestLog.Count;
            Complete(remote, "Get-PartnerCustomer -Name Con");
            Complete(remote, "Get-PartnerSubscription -CustomerId Fab");
            Complete(remote, $"Suspend-PartnerSubscription -CustomerId {contoso} -SubscriptionId ");
            Assert.Equal(asked, emulator.RequestLog.Count);
        }

        [Fact]
        public async Task RemoteCompletion_OffersAtMostFifty_AndReadsOnlyAFewPages()
        {
            await using var remote = await RemoteSession.StartAsync(seed: emulator =>
            {
                RemoteSession.SeedContoso(emulator);
                emulator.Seed(1200, 0, seed: 7);
            });
            var emulator = remote.Emulator;
            emulator.ResetRequestLog();

            var ids = Complete(remote, "Get-PartnerCustomer -CustomerId ");

            Assert.Equal(50, ids.Count);
            Assert.All(ids, i => Assert.True(Guid.TryParse(i.CompletionText, out _)));
            var first = Assert.Single(CustomerListings(emulator));
            Assert.Contains("size=51", first.PathAndQuery, StringComparison.Ordinal);

            // An id prefix cannot be filtered by Partner Center: the customers named so, and a scan of at most
            // 1000 customers (two pages of 500) for the id, not all 1203.
            emulator.ResetRequestLog();
            var wanted = emulator.GetCustomerStates()[600].Id.ToString();
            var byId = Complete(remote, "Get-PartnerCustomer -CustomerId " + wanted.Substring(0, 8));

            Assert.Contains(byId, i => i.CompletionText == wanted);
            Assert.Equal(3, CustomerListings(emulator).Count);
            Assert.DoesNotContain(emulator.RequestLog, r => r.StatusCode >= 400);

            // A wildcard at the start: one scan, bounded the same way.
            emulator.ResetRequestLog();
            Assert.InRange(Complete(remote, "Get-PartnerCustomer -Name *a").Count, 1, 50);
            Assert.InRange(CustomerListings(emulator).Count, 1, 2);
        }

        [Fact]
        public async Task RemoteCompletion_ForARelationshipRequest_OffersNothing_WithoutAsking()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            remote.Emulator.ResetRequestLog();

            Assert.Empty(Complete(remote, "Request-PartnerRelationship -CustomerId "));
            Assert.Empty(Complete(remote, "Request-PartnerRelationship -Domain con"));
            Assert.Empty(remote.Emulator.RequestLog);
        }

        [Fact]
        public async Task RemoteCompletion_WhenPartnerCenterFails_OffersNothing_SoonAndWithoutAnError()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            emulator.Faults.Enqueue("/customers", FaultKind.HttpStatus(400), count: 1);
            emulator.Faults.Enqueue("/subscriptions", FaultKind.ServiceUnavailable, count: 1000);

            var watch = Stopwatch.StartNew();
            var refused = remote.Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches; $Error.Count", "Get-PartnerCustomer -Name Con");
            var unavailable = remote.Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches; $Error.Count", $"Get-PartnerSubscription -CustomerId {contoso} -SubscriptionId ");
            watch.Stop();

            Assert.Empty(refused.AllErrors);
            Assert.Equal(new object[] { 0 }, refused.Output.Select(o => o.BaseObject));
            Assert.Empty(unavailable.AllErrors);
            Assert.Equal(new object[] { 0 }, unavailable.Output.Select(o => o.BaseObject));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"completion took {watch.Elapsed}");

            // Nothing was kept from the failures: once Partner Center answers, so does completion.
            emulator.Faults.Clear();
            Assert.Equal(2, Complete(remote, "Get-PartnerCustomer -Name Con").Count);
        }

        private static List<CompletionResult> Complete(RemoteSession remote, string line) =>
            remote.Session.Ok("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line)
                .Select(o => (CompletionResult)o.BaseObject)
                .ToList();

        private static List<RequestLogEntry> CustomerListings(PartnerCenterEmulator emulator) =>
            emulator.RequestLog.Where(r => r.Method == "GET" && r.Path.TrimEnd('/').EndsWith("/customers", StringComparison.Ordinal)).ToList();
    }
}
