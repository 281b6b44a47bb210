using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// The module beside another copy of Microsoft.Data.Sqlite and SQLitePCLRaw (8.0.30 with SQLitePCLRaw 2.1.12) in
    /// the default load context, in both orders, each in a fresh process: what one process has loaded cannot be undone.
    /// </summary>
    public sealed class LoadContextIsolationTests
    {
        [Theory]
        [InlineData("host-first")]
        [InlineData("module-first")]
        public void BothCopiesWork_InEitherOrder_AndTheDefaultContextHoldsNoneOfOurs(string order)
        {
            var program = ProcessHostRun.ProgramPath();
            Assert.True(File.Exists(program), program + " is not built");
            var run = ProcessHostRun.Run(program, TimeSpan.FromMinutes(2), null, "conflict", RepoPaths.ModuleManifest, order, Directory.CreateTempSubdirectory("pcr-conflict-").FullName);
            Assert.True(run.Finished, "the child process did not finish");
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Output} {run.Errors}");
            var report = run.Report;

            Assert.True(report.TryGetValue("result", out var result) && result.Single() == "ok", string.Join(Environment.NewLine, report.SelectMany(kv => kv.Value.Select(v => kv.Key + "=" + v))));

            // The canonical session ran on the module's copy, by the plan: Contoso's legacy subscription suspended, its two new-commerce ones cancelled, its relationship
            // removed, none of them listed afterwards, and the re-establishing request is pending.
            Assert.Equal("removable now 1, suspended 1, cancelled 2, removed 1, still listed 0, request Pending", report["module.session"].Single());
            Assert.Equal("9", report["module.again"].Single()); // 10 customers, Contoso removed

            // The host's copy worked before (when first) and after the module, and is still the old version, in Default.
            Assert.StartsWith("3.", report["host.after"].Single());
            Assert.EndsWith("rows 1", report["host.after"].Single());
            Assert.Equal("8.0.30.0", report["host.sqlite.assembly"].Single());
            Assert.Equal("Default", report["host.sqlite.context"].Single());
            Assert.EndsWith("(Microsoft.Data.Sqlite 10.0.15.0)", report["module.sqlite"].Single());
            if (order == "host-first")
            {
                Assert.EndsWith("rows 1", report["host.before"].Single());
            }

            // Of the module's files, only the cmdlet assembly and the load context itself are in the default context.
            Assert.Equal(new[] { "PartnerCenter.Relationships", "PartnerCenter.Relationships.LoadContext" }, report["default.module-assembly"].OrderBy(n => n, StringComparer.Ordinal));

            // Two copies of each, one per context, from their own folders.
            var loaded = report["loaded"];
            Assert.Contains(loaded, l => l.StartsWith("Microsoft.Data.Sqlite 8.0.30.0 in Default from ", StringComparison.Ordinal) && !l.Contains(RepoPaths.ModuleFolder));
            Assert.Contains(loaded, l => l.StartsWith("Microsoft.Data.Sqlite 10.0.15.0 in PartnerCenter.Relationships from " + RepoPaths.ModuleFolder, StringComparison.Ordinal));
            Assert.Contains(loaded, l => l.StartsWith("SQLitePCLRaw.core 2.1.12.", StringComparison.Ordinal) && l.Contains(" in Default from "));
            Assert.Contains(loaded, l => l.StartsWith("SQLitePCLRaw.core 2.1.13.", StringComparison.Ordinal) && l.Contains(" in PartnerCenter.Relationships from " + RepoPaths.ModuleFolder));

            if (OperatingSystem.IsLinux())
            {
                // And two native libraries: each copy's DllImport bound to its own file.
                var natives = report["native"];
                Assert.Equal(2, natives.Count);
                Assert.Single(natives, n => n.StartsWith(RepoPaths.ModuleFolder, StringComparison.Ordinal));
            }
        }
    }
}
