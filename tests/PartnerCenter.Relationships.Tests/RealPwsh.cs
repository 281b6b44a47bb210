using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// The real pwsh users run: the .NET tool PowerShell pinned in .config/dotnet-tools.json (restored by this project's
    /// build), started as <c>dotnet &lt;package&gt;/tools/net10.0/any/&lt;unix|win&gt;/pwsh.dll</c>. The tool's own
    /// launcher is not used: killing a launcher leaves its worker running, and a test must be able to stop what it started.
    /// </summary>
    public static class RealPwsh
    {
        private static readonly Lazy<string> PwshDll = new Lazy<string>(FindPwshDll);

        /// <summary>The folder the build copies Pester into; the runs below put it first on PSModulePath.</summary>
        public static string TestModulesDir => Metadata("TestModulesDir");

        public static string PesterVersion => Metadata("PesterVersion");

        /// <summary>The PowerShell version the tool manifest pins.</summary>
        public static string ToolVersion
        {
            get
            {
                using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json")));
                return manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
            }
        }

        /// <summary>
        /// Runs <c>pwsh -NoProfile -NonInteractive</c> with the arguments, in <paramref name="workingDirectory"/>
        /// (the repository root by default). A run still going after <paramref name="timeout"/> is killed, tree and all.
        /// </summary>
        public static PwshRun Run(TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory, params string[] arguments) =>
            RunDotnet(new[] { PwshDll.Value, "-NoProfile", "-NonInteractive" }.Concat(arguments), timeout, environment, workingDirectory);

        /// <summary>Runs dotnet with the arguments, stdin closed; a run still going after the timeout is killed, tree and all.</summary>
        private static PwshRun RunDotnet(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Pester first on the module path; the rest as the machine has it.
            start.Environment["PSModulePath"] = TestModulesDir + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
            foreach (var variable in environment ?? new Dictionary<string, string?>())
            {
                if (variable.Value == null)
                {
                    start.Environment.Remove(variable.Key);
                }
                else
                {
                    start.Environment[variable.Key] = variable.Value;
                }
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            var finished = process.WaitForExit(timeout);
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            return new PwshRun(finished, finished ? process.ExitCode : -1, output.Result, errors.Result);
        }

        /// <summary>Runs a script given as text (-EncodedCommand, so nothing in it needs quoting for a command line).</summary>
        public static PwshRun RunScript(string script, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
        {
            var encoded = Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(script));
            return Run(timeout, environment, workingDirectory, "-OutputFormat", "Text", "-EncodedCommand", encoded);
        }

        /// <summary>A PowerShell single-quoted literal of any text.</summary>
        public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

        private static string FindPwshDll()
        {
            // Where the tool lives is dotnet's to say: 'dotnet tool restore' may have found it in another NuGet folder
            // than this build's (its resolver cache remembers). Asked once, through the tool's own launcher.
            var run = RunDotnet(new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", "[Console]::Out.Write($PSHOME)" }, TimeSpan.FromMinutes(2), null, RepoPaths.Root);
            var home = run.Output.Trim();
            var path = Path.Combine(home, "pwsh.dll");
            if (home.Length == 0 || !File.Exists(path))
            {
                throw new InvalidOperationException($"pwsh {ToolVersion} is not restored: 'dotnet tool run pwsh' in {RepoPaths.Root} gave '{home}' ({run.Errors.Trim()}); the test project's build runs 'dotnet tool restore'.");
            }

            return path;
        }

        private static string Metadata(string key) =>
            typeof(RealPwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException("No assembly metadata " + key);
    }

    public sealed record PwshRun(bool Finished, int ExitCode, string Output, string Errors)
    {
        public override string ToString() =>
            $"finished: {Finished}, exit code: {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Output}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Errors}";
    }
}
