using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

// Usage:
//   conflict <module.psd1> host-first|module-first <work folder>
//       Uses the host's own Microsoft.Data.Sqlite and the module, in the order given, then both again; prints
//       key=value lines and exits 0 only if every step worked.
//   import-time <module.psd1> [first command]
//       Prints the milliseconds Import-Module took in this fresh process, and those of the first command.
//   run <script>
//       Runs a script in a fresh runspace and prints its output, one object per line (for investigating by hand).
return args.Length > 0 && args[0] == "conflict" ? Conflict.Run(args)
    : args.Length > 0 && args[0] == "import-time" ? ImportTime.Run(args)
    : args.Length > 1 && args[0] == "run" ? RunScript(args[1])
    : Usage();

static int RunScript(string script)
{
    using var runspace = Conflict.OpenRunspace();
    foreach (var item in Conflict.Invoke(runspace, script))
    {
        Console.WriteLine(item);
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: conflict <module.psd1> host-first|module-first <folder> | import-time <module.psd1> [command]");
    return 2;
}

internal static class Conflict
{
    public static int Run(string[] args)
    {
        var manifest = Path.GetFullPath(args[1]);
        var hostFirst = args[2] == "host-first";
        var folder = args[3];
        var moduleFolder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        try
        {
            if (hostFirst)
            {
                Report("host.before", HostSqlite.Use(Path.Combine(folder, "host-before.db")));
            }

            using var runspace = OpenRunspace();
            Report("module.session", CanonicalSession(runspace, manifest, Path.Combine(folder, "module.db")));
            Report("host.after", HostSqlite.Use(Path.Combine(folder, "host-after.db")));
            Report("module.again", Invoke(runspace, "@(Get-PartnerCustomer).Count").LastOrDefault()?.ToString() ?? "none");
            Report("module.sqlite", ModuleSqliteVersion());
            Report("host.sqlite.assembly", typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly.GetName().Version!.ToString());
            Report("host.sqlite.context", AssemblyLoadContext.GetLoadContext(typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly)!.Name!);

            foreach (var assembly in AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic && a.Location.StartsWith(moduleFolder, StringComparison.Ordinal)))
            {
                Report("default.module-assembly", assembly.GetName().Name!);
            }

            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Microsoft.Data.Sqlite" || a.GetName().Name == "SQLitePCLRaw.core"))
            {
                Report("loaded", $"{assembly.GetName().Name} {assembly.GetName().Version} in {AssemblyLoadContext.GetLoadContext(assembly)!.Name} from {assembly.Location}");
            }

            if (OperatingSystem.IsLinux())
            {
                foreach (var path in File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()).Where(p => p != null && p.EndsWith("libe_sqlite3.so", StringComparison.Ordinal)).Distinct())
                {
                    Report("native", path!);
                }
            }

            Report("result", "ok");
            return 0;
        }
        catch (Exception ex)
        {
            Report("result", "failed: " + ex.ToString().Replace(Environment.NewLine, " | "));
            return 1;
        }
    }

    private static string CanonicalSession(Runspace runspace, string manifest, string store)
    {
        Invoke(runspace, "Import-Module $args[0] -ErrorAction Stop", manifest);
        Invoke(runspace, "Initialize-PartnerStore -StorePath $args[0] -SampleData -CustomerCount 10 -Seed 1 | Out-Null; Connect-PartnerCenter -StorePath $args[0] | Out-Null", store);
        var removableNow = Invoke(runspace, "Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerOffboardingPlan | Where-Object CanRemoveNow").Count;
        var removed = Invoke(runspace, "Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Confirm:$false -PassThru | " +
            "ForEach-Object { 'suspended {0}, cancelled {1}' -f $_.SuspendedSubscriptions.Count, $_.CancelledSubscriptions.Count }");
        var id = Invoke(runspace, "Get-PartnerCustomer | Where-Object Name -eq 'Contoso' | ForEach-Object CustomerId");
        var request = Invoke(runspace, "Request-PartnerRelationship -CustomerId $args[0] -Confirm:$false | ForEach-Object Status", "3410cda1-5b13-434e-af84-a54adf7a0ea0");
        return $"removable now {removableNow}, {removed.SingleOrDefault()}, removed {removed.Count}, still listed {id.Count}, request {request.SingleOrDefault()}";
    }

    /// <summary>The SQLite version the module's own Microsoft.Data.Sqlite reports, reached by reflection: its types are not ours to name.</summary>
    private static string ModuleSqliteVersion()
    {
        var context = AssemblyLoadContext.All.Single(c => c.Name == "PartnerCenter.Relationships");
        var sqlite = context.Assemblies.Single(a => a.GetName().Name == "Microsoft.Data.Sqlite");
        using var connection = (IDisposable)Activator.CreateInstance(sqlite.GetType("Microsoft.Data.Sqlite.SqliteConnection")!, "Data Source=:memory:")!;
        connection.GetType().GetMethod("Open", Type.EmptyTypes)!.Invoke(connection, null);
        var command = connection.GetType().GetMethod("CreateCommand", Type.EmptyTypes)!.Invoke(connection, null)!;
        command.GetType().GetProperty("CommandText")!.SetValue(command, "select sqlite_version()");
        var version = command.GetType().GetMethod("ExecuteScalar", Type.EmptyTypes)!.Invoke(command, null);
        return $"{version} (Microsoft.Data.Sqlite {sqlite.GetName().Version})";
    }

    internal static Runspace OpenRunspace()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    }

    internal static List<object> Invoke(Runspace runspace, string script, params object[] arguments)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        var output = shell.Invoke();
        if (shell.HadErrors && shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", shell.Streams.Error.Select(e => e.ToString())));
        }

        return output.Select(o => o.BaseObject).ToList();
    }

    private static void Report(string key, string value) => Console.WriteLine($"{key}={value}");
}

/// <summary>
/// The host's own SQLite, in its own methods: the JIT loads Microsoft.Data.Sqlite 8 only when one of them first runs,
/// which is what makes "module first, then the other copy" a real ordering.
/// </summary>
internal static class HostSqlite
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Use(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "create table if not exists t(x); insert into t values (1); select sqlite_version() || ' rows ' || (select count(*) from t)";
        return (string)command.ExecuteScalar()!;
    }
}

internal static class ImportTime
{
    public static int Run(string[] args)
    {
        using var runspace = Conflict.OpenRunspace();
        // Warm the engine itself (its own first command) so only the import is measured.
        Conflict.Invoke(runspace, "$null = Get-Module");
        var watch = Stopwatch.StartNew();
        Conflict.Invoke(runspace, "Import-Module $args[0] -ErrorAction Stop", Path.GetFullPath(args[1]));
        var import = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"import-ms={import:F1}");
        if (args.Length > 2)
        {
            watch.Restart();
            var output = Conflict.Invoke(runspace, args[2] + " | Out-Null");
            Console.WriteLine($"first-command-ms={watch.Elapsed.TotalMilliseconds:F1}");
        }

        return 0;
    }
}
