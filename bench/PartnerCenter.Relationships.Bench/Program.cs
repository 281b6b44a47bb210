using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Bench;

/// <summary>
/// Engine-level figures for the module as it ships (out/PartnerCenter.Relationships), measured with a Stopwatch:
///   A. bulk suspend of 10,000 subscriptions over 1,000 customers, against the same pipeline of no-op stand-in cmdlets;
///   B. listing 100,000 customers: time to the first object, time to stream them all, peak memory growth meanwhile;
///   C. Import-Module in a fresh process against an empty one-cmdlet binary module, and the first command after it;
///   D. bulk suspend against the Partner Center emulator at -ThrottleLimit 1, the default and 16;
///   E. the canonical suspend pipeline against the emulator at its limits (partner-wide 10/s, 500/min per tenant, 20% faults).
/// Arguments pick parts (suspend, listing, import, remote, throttled); none runs them all.
/// </summary>
public static partial class Program
{
    private const int Customers = 1_000;
    private const int SubscriptionsPerCustomer = 10;
    private const int Subscriptions = Customers * SubscriptionsPerCustomer;
    private const int ListedCustomers = 100_000;
    private const int MeasuredRuns = 3;
    private const double MB = 1024 * 1024;

    private const string RealPipeline = "$customers | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false";
    private const string FloorPipeline = "$customers | Get-BenchSubscription -Active | Suspend-BenchSubscription -Confirm:$false";

    // The other reading of "the same pipeline with a no-op stand-in": only the suspending stage is replaced.
    private const string SuspendFloorPipeline = "$customers | Get-PartnerSubscription -Active | Suspend-BenchSubscription -Confirm:$false";

    private static readonly string[] Offers =
    [
        "Microsoft 365 E3", "Microsoft 365 E5", "Microsoft 365 Business Basic", "Microsoft 365 Business Premium", "Office 365 E1",
        "Exchange Online (Plan 1)", "Power BI Pro", "Visio Plan 2", "Teams Essentials", "Project Plan 3",
    ];

    private static readonly List<(string Figure, string Value, string Target, bool? Pass)> Report = [];

    public static void Main(string[] args)
    {
        bool Wanted(string part) => args.Length == 0 || args.Contains(part, StringComparer.OrdinalIgnoreCase);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        Console.WriteLine($"PartnerCenter.Relationships benchmark: module {RepoPaths.ModuleManifest}");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
#if DEBUG
            "Debug build of the bench: run it with -c Release");
#else
            "Release build");
#endif
        var folder = Directory.CreateTempSubdirectory("pcr-bench-").FullName;
        try
        {
            // B runs first, so its "first call" is in a process that has used the module only to fill the store.
            if (Wanted("listing"))
            {
                Listing(folder);
            }

            if (Wanted("suspend"))
            {
                BulkSuspend(folder);
            }

            if (Wanted("import"))
            {
                ImportCost(folder);
            }

            if (Wanted("remote"))
            {
                RemoteBulkSuspend();
            }

            if (Wanted("throttled"))
            {
                ThrottledBulkSuspend();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        PrintReport();
    }

    // ---- A. Bulk suspend ----

    private static void BulkSuspend(string folder)
    {
        Console.WriteLine();
        Console.WriteLine($"A. Bulk suspend: {Subscriptions:N0} active subscriptions over {Customers:N0} customers");
        using var engine = NewEngine();
        var seeded = Path.Combine(folder, "suspend-seed.db");
        var clock = Stopwatch.StartNew();
        engine.Ok("Initialize-PartnerStore -StorePath $args[0] | Out-Null; Connect-PartnerCenter -StorePath $args[0] | Out-Null", seeded);
        var customerSpecs = Enumerable.Range(1, Customers).Select(i => Spec(
            ("Name", $"Bench Customer {i:D4}"), ("Domain", $"bench{i:D4}.onmicrosoft.com"))).ToArray();
        var ids = engine.Ok("$args[0] | New-PartnerCustomer", (object)customerSpecs)
            .Select(c => (Guid)c.Properties["CustomerId"].Value).ToList();
        Console.WriteLine($"   seeded {ids.Count:N0} customers in one New-PartnerCustomer pipeline: {clock.ElapsedMilliseconds:N0} ms");
        Check(ids.Count == Customers, $"New-PartnerCustomer returned {ids.Count} customers");

        clock.Restart();
        var subscriptionSpecs = ids.SelectMany(id => Enumerable.Range(0, SubscriptionsPerCustomer).Select(n => Spec(
            ("CustomerId", id), ("OfferName", Offers[n]), ("Quantity", n + 1)))).ToArray();
        var purchased = engine.Ok("@($args[0] | New-PartnerSubscription).Count", (object)subscriptionSpecs)[0].BaseObject;
        Console.WriteLine($"   seeded {purchased:N0} subscriptions in one New-PartnerSubscription pipeline: {clock.ElapsedMilliseconds:N0} ms");
        Check((int)purchased == Subscriptions, $"New-PartnerSubscription returned {purchased} subscriptions");
        engine.Ok("Disconnect-PartnerCenter");

        // The floor's first stage writes, per customer, ten pre-built objects shaped like the module's subscriptions.
        GetBenchSubscriptionCommand.Catalog.Clear();
        foreach (var id in ids)
        {
            GetBenchSubscriptionCommand.Catalog[id] = Enumerable.Range(0, SubscriptionsPerCustomer).Select(n => new BenchSubscription
            {
                CustomerId = id, SubscriptionId = Guid.NewGuid(), OfferId = Offers[n], OfferName = Offers[n], FriendlyName = Offers[n],
                Quantity = n + 1, CommitmentEndDate = DateTime.UtcNow.Date.AddYears(1),
            }).ToArray();
        }

        // Every run, real or floor, pipes the same customer objects, read once with Get-PartnerCustomer.
        var run = 0;
        RealRun(engine, seeded, Path.Combine(folder, $"suspend-{run++}.db"), loadCustomers: true);
        FloorRun(engine, FloorPipeline);
        var real = new List<TimeSpan>();
        var floor = new List<TimeSpan>();
        var suspendFloor = new List<TimeSpan>();
        for (var i = 0; i < MeasuredRuns; i++)
        {
            real.Add(RealRun(engine, seeded, Path.Combine(folder, $"suspend-{run++}.db"), loadCustomers: false));
            floor.Add(FloorRun(engine, FloorPipeline));
            CopyStore(seeded, Path.Combine(folder, $"suspend-{run}.db"));
            engine.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", Path.Combine(folder, $"suspend-{run++}.db"));
            suspendFloor.Add(FloorRun(engine, SuspendFloorPipeline));
            engine.Ok("Disconnect-PartnerCenter");
        }

        var realMedian = Median(real);
        var floorMedian = Median(floor);
        Console.WriteLine($"   real  runs: {string.Join(", ", real.Select(Ms))} (warm-up excluded)");
        Console.WriteLine($"   floor runs: {string.Join(", ", floor.Select(Ms))} (warm-up excluded)");
        var suspendFloorMedian = Median(suspendFloor);
        Console.WriteLine($"   real Get-PartnerSubscription, stand-in suspend: {string.Join(", ", suspendFloor.Select(Ms))}");
        var ratio = realMedian / floorMedian;
        Add("A  real: suspend pipeline, median of 3", $"{Ms(realMedian)}  ({PerItem(realMedian, Subscriptions)})", "", null);
        Add("A  floor: stand-in cmdlets, median of 3", $"{Ms(floorMedian)}  ({PerItem(floorMedian, Subscriptions)})", "", null);
        Add("A  ratio real / floor", $"{ratio:F1}x", "<= 3x", ratio <= 3);
        Add("A  real Get, stand-in suspend, median of 3", $"{Ms(suspendFloorMedian)}  ({PerItem(suspendFloorMedian, Subscriptions)})", "", null);
        Add("A  ratio real / (real Get, stand-in suspend)", $"{realMedian / suspendFloorMedian:F1}x", "<= 3x", realMedian / suspendFloorMedian <= 3);
        Add("A  Suspended after every real run", $"{Subscriptions:N0} of {Subscriptions:N0}, 0 Active", "all", true); // RealRun throws otherwise
    }

    private static TimeSpan RealRun(ModuleRunspace engine, string seeded, string copy, bool loadCustomers)
    {
        CopyStore(seeded, copy);
        engine.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", copy);
        if (loadCustomers)
        {
            engine.Ok("$global:customers = @(Get-PartnerCustomer)");
        }

        var elapsed = Time(engine, RealPipeline);
        var counts = engine.Ok("@($customers | Get-PartnerSubscription -Status Suspended).Count; @($customers | Get-PartnerSubscription -Active).Count");
        var (suspended, active) = ((int)counts[0].BaseObject, (int)counts[1].BaseObject);
        Check(suspended == Subscriptions && active == 0, $"after the suspend pipeline: {suspended} Suspended, {active} Active");
        engine.Ok("Disconnect-PartnerCenter");
        return elapsed;
    }

    private static TimeSpan FloorRun(ModuleRunspace engine, string pipeline)
    {
        SuspendBenchSubscriptionCommand.Approved = 0;
        var elapsed = Time(engine, pipeline);
        Check(SuspendBenchSubscriptionCommand.Approved == Subscriptions, $"the floor approved {SuspendBenchSubscriptionCommand.Approved} items");
        return elapsed;
    }

    /// <summary>One invocation of the script, timed from Invoke to its return, after a full GC; it must write nothing and no error.</summary>
    private static TimeSpan Time(ModuleRunspace engine, string script)
    {
        using var shell = engine.Prepare(script);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var output = shell.Invoke();
        clock.Stop();
        RunResult.Of(shell, output).ThrowIfFailed();
        Check(output.Count == 0, $"'{script}' wrote {output.Count} objects");
        return clock.Elapsed;
    }

    /// <summary>Copies a closed store; a -wal file is copied too if one was left, so the copy holds every committed write.</summary>
    private static void CopyStore(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Delete(to + suffix);
            if (File.Exists(from + suffix))
            {
                File.Copy(from + suffix, to + suffix);
            }
        }

        File.Delete(to + "-shm");
    }

    // ---- B. Listing ----

    private static void Listing(string folder)
    {
        Console.WriteLine();
        Console.WriteLine($"B. Listing {ListedCustomers:N0} customers");
        var store = Path.Combine(folder, "listing.db");
        var clock = Stopwatch.StartNew();
        using (var setup = NewEngine())
        {
            setup.Ok("Initialize-PartnerStore -StorePath $args[0] -SampleData -CustomerCount $args[1] | Out-Null", store, ListedCustomers);
        }

        Console.WriteLine($"   Initialize-PartnerStore -SampleData -CustomerCount {ListedCustomers:N0}: {clock.ElapsedMilliseconds:N0} ms");

        using var engine = NewEngine();
        engine.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", store);
        var first = TimeToFirstObject(engine);
        var warm = Median(Enumerable.Range(0, MeasuredRuns).Select(_ => TimeToFirstObject(engine)).ToList());
        Add("B  first object, first call in fresh runspace", Ms(first), "< 100 ms", first.TotalMilliseconds < 100);
        Add("B  first object, warm call (median of 3)", Ms(warm), "< 100 ms", warm.TotalMilliseconds < 100);

        var listed = (int)engine.Ok("$n = 0; Get-PartnerCustomer | ForEach-Object { $n++ }; $n")[0].BaseObject;
        Check(listed == ListedCustomers, $"Get-PartnerCustomer listed {listed} customers");

        const string streamAll = "Get-PartnerCustomer | Out-Null";
        var times = new List<TimeSpan>();
        long managed = 0, privateBytes = 0, workingSet = 0;
        for (var i = 0; i < MeasuredRuns; i++)
        {
            using var shell = engine.Prepare(streamAll);
            var sampler = new MemorySampler();
            var collections = GC.CollectionCount(0);
            var timer = Stopwatch.StartNew();
            shell.Invoke();
            var elapsed = timer.Elapsed;
            sampler.Dispose();
            collections = GC.CollectionCount(0) - collections;
            Console.WriteLine($"   stream run {i + 1}: {Ms(elapsed)}, peak growth managed {sampler.PeakManagedGrowth / MB:F1} MB, " +
                $"private {sampler.PeakPrivateGrowth / MB:F1} MB, working set {sampler.PeakWorkingSetGrowth / MB:F1} MB ({sampler.Samples} samples, {collections} GCs)");
            managed = Math.Max(managed, sampler.PeakManagedGrowth);
            privateBytes = Math.Max(privateBytes, sampler.PeakPrivateGrowth);
            workingSet = Math.Max(workingSet, sampler.PeakWorkingSetGrowth);
            RunResult.Of(shell, null).ThrowIfFailed();
            times.Add(elapsed);
        }

        var total = Median(times);
        Add($"B  stream all {ListedCustomers:N0} | Out-Null, median of 3", $"{Ms(total)}  ({PerItem(total, ListedCustomers)})", "", null);
        Add("B  peak managed heap growth while streaming", $"{managed / MB:F1} MB", "< 50 MB", managed < 50 * MB);
        Add("B  peak process private bytes growth", $"{privateBytes / MB:F1} MB", "< 50 MB", privateBytes < 50 * MB);
        Add("B  peak process working set growth", $"{workingSet / MB:F1} MB", "< 50 MB", workingSet < 50 * MB);
    }

    /// <summary>
    /// Invokes Get-PartnerCustomer asynchronously and times the moment its first object reaches the output collection;
    /// the rest of the listing is then stopped.
    /// </summary>
    private static TimeSpan TimeToFirstObject(ModuleRunspace engine)
    {
        using var shell = engine.Prepare("Get-PartnerCustomer");
        using var output = new PSDataCollection<PSObject>();
        using var arrived = new ManualResetEventSlim();
        var clock = new Stopwatch();
        var first = TimeSpan.Zero;
        output.DataAdded += (_, _) =>
        {
            if (!arrived.IsSet)
            {
                first = clock.Elapsed;
                arrived.Set();
            }
        };
        clock.Start();
        var invocation = shell.BeginInvoke<PSObject, PSObject>(null, output);
        Check(arrived.Wait(TimeSpan.FromMinutes(2)), "Get-PartnerCustomer wrote no object within 2 minutes");
        shell.Stop();
        try
        {
            shell.EndInvoke(invocation);
        }
        catch (PipelineStoppedException)
        {
        }

        return first;
    }

    // ---- Plumbing ----

    /// <summary>
    /// An engine as every part measures it (<see cref="ModuleRunspace"/>, shared with the engine tests): the staged
    /// module imported and, beside it, this assembly as a module for the stand-in cmdlets.
    /// </summary>
    private static ModuleRunspace NewEngine() => new ModuleRunspace(alsoImport: typeof(Program).Assembly.Location);

    private static PSObject Spec(params (string Name, object Value)[] properties)
    {
        var spec = new PSObject();
        foreach (var (name, value) in properties)
        {
            spec.Properties.Add(new PSNoteProperty(name, value));
        }

        return spec;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.OrderBy(t => t).ElementAt(times.Count / 2);

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    private static string PerItem(TimeSpan time, int items) =>
        (time.TotalMilliseconds * 1000 / items).ToString("N1", CultureInfo.InvariantCulture) + " µs/item";

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark check failed: " + what);
        }
    }

    private static void Add(string figure, string value, string target, bool? pass) => Report.Add((figure, value, target, pass));

    private static void PrintReport()
    {
        Console.WriteLine();
        Console.WriteLine("Report");
        Console.WriteLine($"{"figure",-48} {"value",-32} {"target",-9} result");
        foreach (var (figure, value, target, pass) in Report.OrderBy(row => row.Figure[0])) // B runs first; A is listed first
        {
            Console.WriteLine($"{figure,-48} {value,-32} {target,-9} {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");
        }
    }
}
