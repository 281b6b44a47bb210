using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// The repository's PowerShell scripts (Pester tests and their helper module, examples, build scripts under src/,
    /// build.ps1) parse without errors. pwsh and Pester are not needed for this: the PowerShell parser is in the engine
    /// these tests host.
    /// </summary>
    public sealed class ScriptSyntaxTests
    {
        /// <summary>Every script this test covers, relative to the repository root, with forward slashes.</summary>
        public static IEnumerable<object[]> Scripts() => FindScripts().Select(path => new object[] { path });

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_Parses(string relativePath)
        {
            var fullPath = Path.Combine(RepoPaths.Root, relativePath);

            Parser.ParseFile(fullPath, out _, out var errors);

            Assert.True(errors.Length == 0, relativePath + " does not parse:" + Environment.NewLine + string.Join(Environment.NewLine,
                errors.Select(e => $"  line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message} ({e.ErrorId})")));
        }

        [Fact]
        public void TheScriptsAreThere()
        {
            var scripts = FindScripts().ToList();

            Assert.Contains("build.ps1", scripts);
            Assert.Contains("examples/Offboard-Customer.ps1", scripts);
            Assert.Contains("src/PartnerCenter.Relationships.Package/Publish-ModulePackage.ps1", scripts);
            Assert.Contains(scripts, s => s.StartsWith("tests/Pester/", StringComparison.Ordinal) && s.EndsWith(".Tests.ps1", StringComparison.Ordinal));
            Assert.Contains("tests/Pester/PartnerCenter.Relationships.TestHelpers.psm1", scripts);
        }

        private static IEnumerable<string> FindScripts()
        {
            var root = RepoPaths.Root;
            var files = new List<string>();
            foreach (var folder in new[] { "examples", "src", Path.Combine("tests", "Pester") })
            {
                var full = Path.Combine(root, folder);
                if (Directory.Exists(full))
                {
                    files.AddRange(Directory.EnumerateFiles(full, "*.ps1", SearchOption.AllDirectories));
                    files.AddRange(Directory.EnumerateFiles(full, "*.psm1", SearchOption.AllDirectories));
                }
            }

            var build = Path.Combine(root, "build.ps1");
            if (File.Exists(build))
            {
                files.Add(build);
            }

            return files
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(f => f, StringComparer.Ordinal);
        }
    }
}
