using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Runs each file of tests/Pester in the real pwsh (the pinned .NET tool) with Pester from the build, one xunit
    /// test per file, and fails naming every failed Pester test with its message. Each run also leaves its counts in
    /// out/test-results/pester/, where .ci/run reads them, so that CI's closing count includes every Pester test.
    /// </summary>
    public sealed class PesterSuiteTests
    {
        private static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(10);

        public static string PesterFolder => Path.Combine(RepoPaths.Root, "tests", "Pester");

        public static string ResultsFolder => Path.Combine(RepoPaths.Root, "out", "test-results", "pester");

        public static TheoryData<string> PesterFiles()
        {
            var files = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(PesterFolder, "*.Tests.ps1").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal))
            {
                files.Add(file!);
            }

            return files;
        }

        [Fact]
        public void TheSuiteRunsInThePinnedPwsh_WithThePinnedPester()
        {
            var run = RealPwsh.RunScript(
                "Import-Module Pester -RequiredVersion " + RealPwsh.PesterVersion + " -ErrorAction Stop; " +
                "'{0}|{1}|{2}' -f $PSVersionTable.PSVersion, (Get-Module Pester).Version, $PSVersionTable.PSEdition",
                TimeSpan.FromMinutes(2));

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal($"{RealPwsh.ToolVersion}|{RealPwsh.PesterVersion}|Core", run.Output.Trim());
        }

        [Theory]
        [MemberData(nameof(PesterFiles))]
        public void PesterFile_Passes(string file)
        {
            Directory.CreateDirectory(ResultsFolder);
            var resultJson = Path.Combine(ResultsFolder, Path.GetFileNameWithoutExtension(file) + ".json");
            var counts = Path.Combine(ResultsFolder, Path.GetFileNameWithoutExtension(file) + ".counts");
            File.Delete(resultJson);
            File.Delete(counts);

            var script = $@"
# The tests run with pwsh's default preferences ($ErrorActionPreference Continue), as a user's session has them.
Import-Module Pester -RequiredVersion {RealPwsh.PesterVersion} -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = {RealPwsh.Literal(Path.Combine(PesterFolder, file))}
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration
function Failure($name, $errorRecords) {{ [pscustomobject]@{{ Name = $name; Message = ($errorRecords | ForEach-Object {{ $_.ToString() }}) -join [Environment]::NewLine }} }}
$failed = @($result.Failed | ForEach-Object {{ Failure $_.ExpandedPath $_.ErrorRecord }}) +
    @($result.FailedBlocks | ForEach-Object {{ Failure ($_.ExpandedPath + ' (block setup)') $_.ErrorRecord }}) +
    @($result.FailedContainers | ForEach-Object {{ Failure ($_.Item.ToString() + ' (file)') $_.ErrorRecord }})
[pscustomobject]@{{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    NotRun = $result.NotRunCount
    Failures = $failed
}} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath {RealPwsh.Literal(resultJson)} -Encoding utf8
";
            var run = RealPwsh.RunScript(script, FileTimeout);

            Assert.True(run.Finished, $"{file} did not finish within {FileTimeout}.{Environment.NewLine}{run}");
            Assert.True(File.Exists(resultJson), $"{file} left no result.{Environment.NewLine}{run}");

            using var result = JsonDocument.Parse(File.ReadAllText(resultJson));
            var root = result.RootElement;
            var passed = root.GetProperty("Passed").GetInt32();
            var failed = root.GetProperty("Failed").GetInt32();
            File.WriteAllText(counts, $"{passed} {failed}{Environment.NewLine}");

            var report = new StringBuilder();
            foreach (var failure in Failures(root))
            {
                report.AppendLine($"FAILED: {failure.Name}").AppendLine("    " + failure.Message.Replace("\n", "\n    ")).AppendLine();
            }

            Assert.True(failed == 0, $"{failed} Pester test(s) failed in {file}:{Environment.NewLine}{report}{Environment.NewLine}{run.Output}");
            Assert.True(passed > 0, $"{file} ran no test.{Environment.NewLine}{run}");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        private static IEnumerable<(string Name, string Message)> Failures(JsonElement root)
        {
            var failures = root.GetProperty("Failures");
            // ConvertTo-Json writes a one-element array as a bare object.
            var items = failures.ValueKind == JsonValueKind.Array ? failures.EnumerateArray().ToList() : failures.ValueKind == JsonValueKind.Object ? new List<JsonElement> { failures } : new List<JsonElement>();
            return items.Select(f => (f.GetProperty("Name").ToString(), f.GetProperty("Message").ToString()));
        }
    }
}
