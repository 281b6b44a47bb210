using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace PartnerCenter.Relationships.Testing
{
    /// <summary>
    /// One run of the engine-hosting child program (tests/PartnerCenter.Relationships.ProcessHost), shared by the
    /// engine tests and the benchmark: start it with arguments, wait, and read its report of key=value lines (a key
    /// may come more than once). The caller judges the result: a test asserts, the benchmark checks.
    /// </summary>
    internal sealed class ProcessHostRun
    {
        private ProcessHostRun(bool finished, int exitCode, string output, string errors)
        {
            Finished = finished;
            ExitCode = exitCode;
            Output = output;
            Errors = errors;
            Report = Parse(output);
        }

        public bool Finished { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public string Errors { get; }

        public Dictionary<string, List<string>> Report { get; }

        /// <summary>The program, built by the same configuration as the calling assembly (bin/&lt;Configuration&gt;/net10.0).</summary>
        public static string ProgramPath()
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepoPaths.Root, "tests", "PartnerCenter.Relationships.ProcessHost", "bin", configuration, "net10.0", "PartnerCenter.Relationships.ProcessHost.dll");
        }

        /// <summary>Runs the program; one still running after <paramref name="timeout"/> is killed and reported as not finished.</summary>
        public static ProcessHostRun Run(string program, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(program);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            var finished = process.WaitForExit(timeout);
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            return new ProcessHostRun(finished, finished ? process.ExitCode : -1, output.Result, errors.Result);
        }

        private static Dictionary<string, List<string>> Parse(string output)
        {
            var report = new Dictionary<string, List<string>>();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var separator = line.IndexOf('=');
                if (separator > 0)
                {
                    var key = line[..separator];
                    if (!report.TryGetValue(key, out var values))
                    {
                        report[key] = values = new List<string>();
                    }

                    values.Add(line[(separator + 1)..]);
                }
            }

            return report;
        }
    }
}
