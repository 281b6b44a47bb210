using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Bench;

public static partial class Program
{
    private const int RemoteCustomers = 100;
    private const int RemoteSubscriptionsPerCustomer = 10;

    /// <summary>
    /// D. Bulk suspend against the Partner Center emulator: 1,000 active subscriptions over 100 customers, 100 ms
    /// latency on every request, 500 requests a minute per tenant. Before each run every subscription is made active
    /// again and listed (untimed); what is timed is `$subscriptions | Suspend-PartnerSubscription -ThrottleLimit N` (each subscription one PATCH),
    /// for N = 1 (sequential), the default and 16.
    /// </summary>
    private static void RemoteBulkSuspend()
    {
        Console.WriteLine();
        Console.WriteLine($"D. Bulk suspend against the emulator: {RemoteCustomers * RemoteSubscriptionsPerCustomer:N0} subscriptions over {RemoteCustomers} customers, 100 ms latency, 500 requests/min per tenant");
        using var emulator = PartnerCenterEmulator.StartAsync(new EmulatorOptions { RequestLogCapacity = 1_000_000 }).GetAwaiter().GetResult().AsDisposable();
        var server = emulator.Value;
        server.Seed(RemoteCustomers, RemoteSubscriptionsPerCustomer, seed: 11);
        using var engine = NewEngine();
        var token = new NetworkCredential(string.Empty, server.CreateAccessToken(appOnly: false, lifetime: TimeSpan.FromHours(2))).SecurePassword;
        engine.Ok("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1] | Out-Null", server.BaseAddress, token);
        server.Options.RequestsPerMinutePerTenant = 500;
        var sequential = RemoteRun(engine, server, throttleLimit: 1);
        var byDefault = RemoteRun(engine, server, throttleLimit: null);
        var sixteen = RemoteRun(engine, server, throttleLimit: 16);

        foreach (var (name, run) in new[] { ("-ThrottleLimit 1", sequential), ("default (4)", byDefault), ("-ThrottleLimit 16", sixteen) })
        {
            Console.WriteLine($"   {name,-18} {run.Elapsed.TotalSeconds,7:N1} s  ({sequential.Elapsed / run.Elapsed:N1}x)  429s {run.Throttled}, failed {run.Failed}, requests {run.Requests}");
        }

        Add("D. Remote bulk suspend, -ThrottleLimit 1", $"{sequential.Elapsed.TotalSeconds:N1} s, 429s {sequential.Throttled}, failed {sequential.Failed}", "0 failed", sequential.Failed == 0);
        Add("D. Remote bulk suspend, default (4)", $"{byDefault.Elapsed.TotalSeconds:N1} s = {sequential.Elapsed / byDefault.Elapsed:N1}x, 429s {byDefault.Throttled}, failed {byDefault.Failed}", "0 failed", byDefault.Failed == 0);
        Add("D. Remote bulk suspend, -ThrottleLimit 16", $"{sixteen.Elapsed.TotalSeconds:N1} s = {sequential.Elapsed / sixteen.Elapsed:N1}x, 429s {sixteen.Throttled}, failed {sixteen.Failed}", ">= 8x", sequential.Elapsed / sixteen.Elapsed >= 8 && sixteen.Failed == 0);
    }

    private static (TimeSpan Elapsed, int Throttled, int Failed, int Requests) RemoteRun(ModuleRunspace engine, PartnerCenterEmulator server, int? throttleLimit)
    {
        ActivateAll(server);

        // Listed after the reset (untimed, without latency), as a user's pipeline lists them: with the etags they have
        // now, so each change is the one PATCH it costs, not a 412 and a read on an etag the reset made stale.
        server.Options.Latency = TimeSpan.Zero;
        var subscriptions = engine.Ok("@(Get-PartnerCustomer | Get-PartnerSubscription -Active)");
        Check(subscriptions.Count == RemoteCustomers * RemoteSubscriptionsPerCustomer, $"read {subscriptions.Count} active subscriptions");
        server.Options.Latency = TimeSpan.FromMilliseconds(100);
        server.ResetRateLimits();
        server.ResetRequestLog();
        var script = "$args[0] | Suspend-PartnerSubscription -Confirm:$false" + (throttleLimit is int limit ? $" -ThrottleLimit {limit}" : string.Empty);
        using var shell = engine.Prepare(script, (object)subscriptions.ToArray());
        var clock = Stopwatch.StartNew();
        shell.Invoke();
        clock.Stop();

        var suspended = server.GetAllSubscriptionStates().Count(s => s.Status == "suspended");
        var failed = Math.Max(shell.Streams.Error.Count, subscriptions.Count - suspended);
        var log = server.RequestLog;
        return (clock.Elapsed, log.Count(r => r.Throttled), failed, log.Count);
    }

    /// <summary>using-friendly wrapper for the emulator's async disposal, in a synchronous benchmark.</summary>
    private static SyncDisposable<T> AsDisposable<T>(this T value) where T : IAsyncDisposable => new(value);

    private readonly struct SyncDisposable<T>(T value) : IDisposable where T : IAsyncDisposable
    {
        public T Value { get; } = value;

        public void Dispose() => Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
