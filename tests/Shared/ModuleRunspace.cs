using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace PartnerCenter.Relationships.Testing
{
    /// <summary>
    /// A runspace of the real PowerShell engine (the default session state, as pwsh starts it) with the module
    /// imported from its staged folder (out/), as a user imports it; shared by the engine tests and the benchmark, so
    /// both run the module the same way. What a caller does with it (a store of its own, stand-in cmdlets) is its own.
    /// </summary>
    public sealed class ModuleRunspace : IDisposable
    {
        /// <param name="host">The host the runspace talks to (prompts); the engine's default host when null.</param>
        /// <param name="alsoImport">Further modules (paths) imported after this one.</param>
        public ModuleRunspace(PSHost? host = null, params string[] alsoImport)
        {
            var state = InitialSessionState.CreateDefault2();
            Runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            Runspace.Open();
            foreach (var module in alsoImport.Prepend(RepoPaths.ModuleManifest))
            {
                Ok("Import-Module $args[0] -ErrorAction Stop", module);
            }
        }

        /// <summary>The runspace, for what a script cannot do, such as stopping a running command.</summary>
        public Runspace Runspace { get; }

        /// <summary>A PowerShell instance on this runspace, with the script and its arguments ($args[0], ...) added; the caller invokes it.</summary>
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

        /// <summary>Runs a script; its arguments are $args[0], $args[1]...; nothing it does throws here.</summary>
        public RunResult Run(string script, params object?[] arguments)
        {
            using var shell = Prepare(script, arguments);
            try
            {
                return RunResult.Of(shell, shell.Invoke());
            }
            catch (RuntimeException ex)
            {
                return RunResult.Of(shell, null, ex.ErrorRecord);
            }
        }

        /// <summary>Runs a script that must succeed without any error, and returns its output.</summary>
        public List<PSObject> Ok(string script, params object?[] arguments) => Run(script, arguments).ThrowIfFailed().Output;

        public void Dispose() => Runspace.Dispose();
    }

    /// <summary>What one invocation wrote, stream by stream, and the error that stopped it, if one did.</summary>
    public sealed record RunResult(
        List<PSObject> Output,
        List<ErrorRecord> Errors,
        List<string> Verbose,
        List<string> Warnings,
        List<string> Information,
        ErrorRecord? Terminating)
    {
        public List<ProgressRecord> Progress { get; init; } = new List<ProgressRecord>();

        public List<string> Debug { get; init; } = new List<string>();

        public IEnumerable<ErrorRecord> AllErrors => Terminating == null ? Errors : Errors.Append(Terminating);

        /// <summary>The streams of an invoked shell, with its output and, when it threw, the error that stopped it.</summary>
        public static RunResult Of(PowerShell shell, Collection<PSObject>? output, ErrorRecord? terminating = null) =>
            new RunResult(
                output?.ToList() ?? new List<PSObject>(),
                shell.Streams.Error.ToList(),
                shell.Streams.Verbose.Select(v => v.Message).ToList(),
                shell.Streams.Warning.Select(w => w.Message).ToList(),
                shell.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList(),
                terminating)
            {
                Progress = shell.Streams.Progress.ToList(),
                Debug = shell.Streams.Debug.Select(d => d.Message).ToList(),
            };

        public RunResult ThrowIfFailed()
        {
            var all = AllErrors.ToList();
            if (all.Count > 0)
            {
                throw new InvalidOperationException("The script failed:" + Environment.NewLine +
                    string.Join(Environment.NewLine, all.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
            }

            return this;
        }
    }
}
