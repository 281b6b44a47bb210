using System;
using System.Collections.Generic;
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
    /// imports it (<see cref="ModuleRunspace"/>, shared with the benchmark), and a store file of its own in a
    /// temporary folder.
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        private readonly ModuleRunspace _engine;

        public ModuleSession(bool connectToOwnStore = true, PSHost? host = null)
        {
            Folder = Directory.CreateTempSubdirectory("pcr-test-").FullName;
            StorePath = Path.Combine(Folder, "partner.db");
            _engine = new ModuleRunspace(host);
            if (connectToOwnStore)
            {
                Ok("Initialize-PartnerStore -StorePath $args[0] | Out-Null; Connect-PartnerCenter -StorePath $args[0] | Out-Null", StorePath);
            }
        }

        public string Folder { get; }

        public string StorePath { get; }

        /// <summary>The session's runspace, for what a script cannot do, such as stopping a running command.</summary>
        public Runspace Runspace => _engine.Runspace;

        /// <summary>Runs a script; its arguments are $args[0], $args[1]...; nothing it does throws here.</summary>
        public RunResult Run(string script, params object?[] arguments) => _engine.Run(script, arguments);

        /// <summary>Runs a script that must succeed without any error, and returns its output.</summary>
        public List<PSObject> Ok(string script, params object?[] arguments) => _engine.Ok(script, arguments);

        public void Dispose()
        {
            _engine.Dispose();
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

    internal static class RunResultAssertions
    {
        public static ErrorRecord SingleError(this RunResult result)
        {
            var all = result.AllErrors.ToList();
            Assert.True(all.Count == 1, $"expected exactly one error, got {all.Count}: {string.Join(" | ", all.Select(e => e.FullyQualifiedErrorId + ": " + e))}");
            return all[0];
        }
    }
}
