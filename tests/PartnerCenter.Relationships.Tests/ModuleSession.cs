using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// A runspace of the real PowerShell engine with the module imported from its staged folder (out/), as a user
    /// imports it, and a store file of its own in a temporary folder.
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        private readonly Runspace _runspace;

        public ModuleSession(bool connectToOwnStore = true, PSHost? host = null)
        {
            Folder = Directory.CreateTempSubdirectory("pcr-test-").FullName;
            StorePath = Path.Combine(Folder, "partner.db");
            var state = InitialSessionState.CreateDefault2();
            _runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            _runspace.Open();
            Run("Import-Module $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest).ThrowIfFailed();
            if (connectToOwnStore)
            {
                Run("Initialize-PartnerStore -StorePath $args[0] | Out-Null; Connect-PartnerCenter -StorePath $args[0] | Out-Null", StorePath).ThrowIfFailed();
            }
        }

        public string Folder { get; }

        public string StorePath { get; }

        /// <summary>The session's runspace, for what a script cannot do, such as stopping a running command.</summary>
        public Runspace Runspace => _runspace;

        /// <summary>Runs a script; its arguments are $args[0], $args[1]...; nothing it does throws here.</summary>
        public RunResult Run(string script, params object?[] arguments)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (var argument in arguments)
            {
                shell.AddArgument(argument);
            }

            Collection<PSObject> output;
            ErrorRecord? terminating = null;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException ex)
            {
                output = new Collection<PSObject>();
                terminating = ex.ErrorRecord;
            }

            return new RunResult(
                output.Select(o => o).ToList(),
                shell.Streams.Error.ToList(),
                shell.Streams.Verbose.Select(v => v.Message).ToList(),
                shell.Streams.Warning.Select(w => w.Message).ToList(),
                shell.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList(),
                terminating)
            {
                Progress = shell.Streams.Progress.ToList(),
                Debug = shell.Streams.Debug.Select(d => d.Message).ToList(),
            };
        }

        /// <summary>Runs a script that must succeed without any error, and returns its output.</summary>
        public List<PSObject> Ok(string script, params object?[] arguments) => Run(script, arguments).ThrowIfFailed().Output;

        public void Dispose()
        {
            _runspace.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

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

        public ErrorRecord SingleError()
        {
            var all = AllErrors.ToList();
            Assert.True(all.Count == 1, $"expected exactly one error, got {all.Count}: {string.Join(" | ", all.Select(e => e.FullyQualifiedErrorId + ": " + e))}");
            return all[0];
        }
    }
}
