using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// examples/Offboard-Customer.ps1 in the hosted engine, where only Microsoft.PowerShell.Core is loaded. What the
    /// script does, run as a user runs it, is tested in tests/Pester/Offboard-Customer.Tests.ps1, in the real pwsh,
    /// which has every module of PowerShell and so cannot show a command missing from a bare engine.
    /// </summary>
    public sealed class ExampleScriptTests : IDisposable
    {
        private static readonly string ScriptPath = Path.Combine(RepoPaths.Root, "examples", "Offboard-Customer.ps1");

        private readonly ModuleSession _session = new(connectToOwnStore: false);

        public void Dispose() => _session.Dispose();

        /// <summary>
        /// The script must run where only Microsoft.PowerShell.Core is loaded: every command it calls, on every path
        /// and not just the ones Offboard-Customer.Tests.ps1 takes, exists in this hosted engine.
        /// </summary>
        [Fact]
        public void Offboard_CallsOnlyCommandsTheHostedEngineHas()
        {
            var ast = Parser.ParseFile(ScriptPath, out _, out var errors);
            Assert.Empty(errors);
            var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true)
                .Cast<CommandAst>()
                .Select(command => command.GetCommandName())
                .Where(name => name != null)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            Assert.Contains("Remove-PartnerResellerRelationship", commands);

            foreach (var name in commands)
            {
                var found = _session.Run("Get-Command -Name $args[0] -ErrorAction SilentlyContinue", name).Output;
                Assert.True(found.Count == 1, $"'{name}' is not available in a session with only Microsoft.PowerShell.Core and the module.");
            }
        }
    }
}
