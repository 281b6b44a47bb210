using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Bench;

/// <summary>
/// One runspace of the real PowerShell engine (the default session state, as pwsh starts it) with the staged module
/// imported from out/ and, next to it, this assembly imported as a module for the stand-in cmdlets.
/// </summary>
public sealed class Engine : IDisposable
{
    public Engine()
    {
        Runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        Runspace.Open();
        Run("Import-Module $args[0] -ErrorAction Stop; Import-Module $args[1] -ErrorAction Stop",
            RepoPaths.ModuleManifest, typeof(Engine).Assembly.Location);
    }

    public Runspace Runspace { get; }

    /// <summary>A PowerShell instance on this runspace, with the script and its arguments ($args[0], ...) added.</summary>
    public PowerShell Prepare(string script, params object?[] arguments)
    {
        var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        return shell;
    }

    /// <summary>Runs a script that must not write a single error, and returns its output.</summary>
    public Collection<PSObject> Run(string script, params object?[] arguments)
    {
        using var shell = Prepare(script, arguments);
        var output = shell.Invoke();
        ThrowIfErrors(shell, script);
        return output;
    }

    public static void ThrowIfErrors(PowerShell shell, string script)
    {
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"'{script}' wrote {shell.Streams.Error.Count} error(s); the first: " +
                $"{shell.Streams.Error[0].FullyQualifiedErrorId}: {shell.Streams.Error[0]}");
        }
    }

    public void Dispose() => Runspace.Dispose();
}
