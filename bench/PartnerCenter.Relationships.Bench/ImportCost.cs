using System.Globalization;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Bench;

public static partial class Program
{
    private const int ImportRuns = 11;

    /// <summary>
    /// C. Import cost, each run in a fresh process (tests/PartnerCenter.Relationships.ProcessHost): the engine is
    /// started and has run one command of its own, then Import-Module is timed; the floor is the same for an empty
    /// binary module with one cmdlet. Runs alternate so drift on the machine hits both sides alike. The first command
    /// is Get-PartnerCustomer on the default store ($env:PARTNERCENTER_STORE, filled with 25 sample customers).
    /// </summary>
    private static void ImportCost(string folder)
    {
        Console.WriteLine();
        Console.WriteLine($"C. Import-Module in a fresh process, {ImportRuns} runs each, alternating");
        var host = ProcessHostRun.ProgramPath();
        var floorManifest = Path.Combine(RepoPaths.Root, "out", "bench", "EmptyBinaryModule", "EmptyBinaryModule.psd1");
        Check(File.Exists(host), $"{host} is built");
        Check(File.Exists(floorManifest), $"{floorManifest} is staged");

        var store = Path.Combine(folder, "default-store.db");
        RunHost(host, store, "run", $"Import-Module '{RepoPaths.ModuleManifest}'; Initialize-PartnerStore -StorePath '{store}' -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

        var module = new List<double>();
        var floor = new List<double>();
        var firstCommand = new List<double>();
        for (var run = 0; run < ImportRuns; run++)
        {
            var figures = RunHost(host, store, "import-time", floorManifest, "Get-Nothing");
            floor.Add(figures["import-ms"]);
            figures = RunHost(host, store, "import-time", RepoPaths.ModuleManifest, "Get-PartnerCustomer");
            module.Add(figures["import-ms"]);
            firstCommand.Add(figures["first-command-ms"]);
        }

        var ratio = Median(module) / Median(floor);
        Console.WriteLine($"   module: median {Median(module):N1} ms (runs {string.Join(", ", module.Select(m => m.ToString("N0", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"   floor:  median {Median(floor):N1} ms (runs {string.Join(", ", floor.Select(m => m.ToString("N0", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"   first Get-PartnerCustomer after import: median {Median(firstCommand):N1} ms");
        Add("C. Import-Module, module / empty one-cmdlet module", $"{Median(module):N1} / {Median(floor):N1} ms = {ratio:N2}x", "<= 1.3x", ratio <= 1.3);
        Add("C. First Get-PartnerCustomer (25 customers) after import", $"{Median(firstCommand):N1} ms", "reported", null);
    }

    private static Dictionary<string, double> RunHost(string host, string defaultStore, params string[] arguments)
    {
        var run = ProcessHostRun.Run(host, Timeout.InfiniteTimeSpan, new Dictionary<string, string> { ["PARTNERCENTER_STORE"] = defaultStore }, arguments);
        Check(run.ExitCode == 0, $"the engine host failed: {run.Output} {run.Errors}");
        return run.Report
            .Where(entry => double.TryParse(entry.Value[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(entry => entry.Key, entry => double.Parse(entry.Value[^1], CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
