using System.Diagnostics;
using System.Net;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Bench;

public static partial class Program
{
    private const int PartnerRequestsPerSecond = 10;

    /// <summary>
    /// E. The canonical suspend pipeline at Partner Center's limits: 1,000 active subscriptions over 100 customers,
    /// 100 ms latency, a partner-wide limit of 10 requests a second and 500 a minute per tenant (every attempt
    /// counted, refused ones included), 20% transient faults (at most 3 per request, under the 4 retries). Timed:
    /// `Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -ThrottleLimit N` on a
    /// new connection each (the throttle learns from nothing), N = 4, 16, 64. The floor is the attempts Partner Center
    /// counted and did not refuse (the requests the run needs, faulted ones included) at 10 a second.
    /// </summary>
    private static void ThrottledBulkSuspend()
    {
        Console.WriteLine();
        Console.WriteLine($"E. Canonical suspend pipeline at the limits: {RemoteCustomers * RemoteSubscriptionsPerCustomer:N0} subscriptions over {RemoteCustomers} customers, " +
            $"100 ms latency, {PartnerRequestsPerSecond} requests/s partner-wide, 500/min per tenant, 20% faults");
        using var emulator = PartnerCenterEmulator.StartAsync(new EmulatorOptions { RequestLogCapacity = 1_000_000, Seed = 12 }).GetAwaiter().GetResult().AsDisposable();
        var server = emulator.Value;
        server.Seed(RemoteCustomers, RemoteSubscriptionsPerCustomer, seed: 11);
        server.Options.Latency = TimeSpan.FromMilliseconds(100);
        server.Options.RequestsPerMinutePerTenant = 500;
        server.Options.PartnerRequestsPerWindow = PartnerRequestsPerSecond;
        server.Options.PartnerRateLimitWindow = TimeSpan.FromSeconds(1);
        server.Options.TransientFaultRate = 0.2;
        server.Options.MaxRandomFaultsPerRequest = 3;
        using var engine = NewEngine();
        foreach (var limit in new[] { 4, 16, 64 })
        {
            var run = ThrottledRun(engine, server, limit);
            Console.WriteLine($"   -ThrottleLimit {limit,-3} {run.Elapsed.TotalSeconds,6:N1} s, floor {run.Floor.TotalSeconds,6:N1} s: {run.Ratio:N2}x;  " +
                $"429s {run.Throttled}, failed {run.Failed}, changed twice {run.ChangedTwice}, requests per change {run.PerChange:N2}, attempts {run.Attempts}");
            Add($"E. At the limits, -ThrottleLimit {limit}: time / floor", $"{run.Elapsed.TotalSeconds:N1} s / {run.Floor.TotalSeconds:N1} s = {run.Ratio:N2}x; 429s {run.Throttled}, " +
                $"failed {run.Failed}, changed twice {run.ChangedTwice}, {run.PerChange:N2} requests per change", "<= 1.15x, 0 failed, 0 twice, 1.0 per change",
                run.Ratio <= 1.15 && run.Failed == 0 && run.ChangedTwice == 0 && run.PerChange <= 1.0);
        }
    }

    private sealed record ThrottledResult(TimeSpan Elapsed, TimeSpan Floor, int Throttled, int Failed, int ChangedTwice, double PerChange, int Attempts)
    {
        public double Ratio => Elapsed / Floor;
    }

    private static ThrottledResult ThrottledRun(ModuleRunspace engine, PartnerCenterEmulator server, int throttleLimit)
    {
        ActivateAll(server);

        // A new connection: its throttle starts knowing nothing of the limits.
        var token = new NetworkCredential(string.Empty, server.CreateAccessToken(appOnly: false, lifetime: TimeSpan.FromHours(2))).SecurePassword;
        engine.Ok("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1] -WarningAction SilentlyContinue | Out-Null", server.BaseAddress, token);
        server.ResetRateLimits();
        server.ResetRequestLog();
        var transitionsBefore = server.GetAllSubscriptionStates().ToDictionary(s => s.Id, s => s.StatusTransitionCount);
        using var shell = engine.Prepare($"Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit {throttleLimit}");
        var clock = Stopwatch.StartNew();
        shell.Invoke();
        clock.Stop();

        var subscriptions = server.GetAllSubscriptionStates().ToList();
        var suspended = subscriptions.Count(s => s.Status == "suspended");
        var changes = subscriptions.Select(s => s.StatusTransitionCount - transitionsBefore[s.Id]).ToList();
        var log = server.RequestLog.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
        var throttled = log.Count(r => r.Throttled);
        var patches = log.Where(r => r.Method == "PATCH").Select(r => r.RequestId).Distinct().Count();
        var counted = log.Count - throttled;
        return new ThrottledResult(clock.Elapsed, TimeSpan.FromSeconds((double)counted / PartnerRequestsPerSecond), throttled,
            Math.Max(shell.Streams.Error.Count, subscriptions.Count - suspended), changes.Count(c => c > 1), (double)patches / Math.Max(suspended, 1), log.Count);
    }

    /// <summary>Every subscription active again, for the next run.</summary>
    private static void ActivateAll(PartnerCenterEmulator server)
    {
        foreach (var subscription in server.GetAllSubscriptionStates())
        {
            server.SetSubscriptionStatus(subscription.CustomerId, subscription.Id, "active");
        }
    }
}
