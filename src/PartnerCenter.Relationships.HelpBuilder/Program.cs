using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace PartnerCenter.Relationships.HelpBuilder
{
    /// <summary>
    /// HelpBuilder CMDLET-ASSEMBLY HELP-FOLDER OUTPUT-FILE: merges each cmdlet's Markdown prose with what reflection says
    /// about it and writes the MAML help. Any gap (a cmdlet without a help file, a parameter without a description, a
    /// described parameter the cmdlet does not have, fewer than two examples...) is reported as an MSBuild error, with
    /// file and line, and the exit code is 1; no help is written then, and an older help file is removed.
    /// </summary>
    internal static class Program
    {
        private const int MinimumExamples = 2;

        private static int Main(string[] args)
        {
            if (args.Length != 3)
            {
                Console.Error.WriteLine("usage: PartnerCenter.Relationships.HelpBuilder <cmdlet assembly> <help folder> <output MAML file>");
                return 2;
            }

            var (assemblyPath, helpFolder, outputFile) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
            var cmdlets = CmdletReflector.Reflect(Assembly.LoadFrom(assemblyPath));
            var problems = new List<Problem>();
            var commands = ReadHelpFiles(cmdlets, helpFolder, problems);
            problems.AddRange(OrphanHelpFiles(cmdlets, helpFolder, assemblyPath));
            if (problems.Count > 0)
            {
                return Fail(problems, helpFolder, outputFile);
            }

            MamlWriter.Write(outputFile, commands);
            Console.WriteLine($"Help for {commands.Count} cmdlets written to {outputFile}");
            return 0;
        }

        /// <summary>Reads and checks each cmdlet's help file; a missing file, and every gap found, goes to <paramref name="problems"/>.</summary>
        private static List<(CmdletModel, CommandDoc)> ReadHelpFiles(IReadOnlyList<CmdletModel> cmdlets, string helpFolder, List<Problem> problems)
        {
            var commands = new List<(CmdletModel, CommandDoc)>();
            foreach (var cmdlet in cmdlets)
            {
                var file = Path.Combine(helpFolder, cmdlet.Name + ".md");
                if (!File.Exists(file))
                {
                    problems.Add(new Problem(file, 0, $"Cmdlet {cmdlet.Name} has no help file; write this one."));
                    continue;
                }

                var doc = MarkdownHelpReader.Read(file);
                problems.AddRange(Check(cmdlet, doc));
                commands.Add((cmdlet, doc));
            }

            return commands;
        }

        /// <summary>Help files whose name is no cmdlet's.</summary>
        private static IEnumerable<Problem> OrphanHelpFiles(IReadOnlyList<CmdletModel> cmdlets, string helpFolder, string assemblyPath)
        {
            var helpFiles = Directory.Exists(helpFolder) ? Directory.EnumerateFiles(helpFolder, "*.md") : Enumerable.Empty<string>();
            return helpFiles
                .Where(f => !cmdlets.Any(c => string.Equals(c.Name + ".md", Path.GetFileName(f), StringComparison.OrdinalIgnoreCase)))
                .Select(orphan => new Problem(orphan, 0, $"{Path.GetFileName(orphan)} describes no cmdlet of {Path.GetFileName(assemblyPath)}; its name must be Verb-Noun.md of a cmdlet."));
        }

        /// <summary>Reports each problem as an MSBuild error and removes an older help file, so that it cannot hide them; returns the exit code.</summary>
        private static int Fail(List<Problem> problems, string helpFolder, string outputFile)
        {
            foreach (var problem in problems)
            {
                var where = problem.Line > 0 ? $"{problem.File}({problem.Line})" : problem.File;
                Console.Error.WriteLine($"{where}: error PCRHELP: {problem.Message}");
            }

            Console.Error.WriteLine($"Help not built: {problems.Count} problem(s) in {helpFolder}.");
            if (File.Exists(outputFile))
            {
                File.Delete(outputFile);
            }

            return 1;
        }

        /// <summary>Everything a cmdlet's help must have, checked against the cmdlet itself.</summary>
        private static IEnumerable<Problem> Check(CmdletModel cmdlet, CommandDoc doc) =>
            doc.Problems
                .Concat(CheckProse(cmdlet, doc))
                .Concat(CheckDescribedParameters(cmdlet, doc))
                .Concat(CheckWrittenParameters(cmdlet, doc))
                .Concat(CheckInputsAndOutputs(cmdlet, doc));

        /// <summary>The synopsis, the description and enough examples, each with its code.</summary>
        private static IEnumerable<Problem> CheckProse(CmdletModel cmdlet, CommandDoc doc)
        {
            if (doc.Synopsis.Count == 0)
            {
                yield return new Problem(doc.Path, 0, "'## SYNOPSIS' is missing or empty.");
            }

            if (doc.Description.Count == 0)
            {
                yield return new Problem(doc.Path, 0, "'## DESCRIPTION' is missing or empty.");
            }

            if (doc.Examples.Count < MinimumExamples)
            {
                yield return new Problem(doc.Path, 0, $"{cmdlet.Name} has {doc.Examples.Count} example(s); at least {MinimumExamples} are required ('### Example N: title' under '## EXAMPLES').");
            }

            foreach (var example in doc.Examples.Where(e => e.Code.Trim().Length == 0))
            {
                yield return new Problem(doc.Path, example.Line, $"Example '{example.Title}' has no code: add a ```powershell fenced block.");
            }
        }

        /// <summary>Each parameter of the cmdlet has a description: written in the help, or a standard one.</summary>
        private static IEnumerable<Problem> CheckDescribedParameters(CmdletModel cmdlet, CommandDoc doc)
        {
            foreach (var parameter in cmdlet.Parameters)
            {
                var written = doc.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (written == null && parameter.StandardDescription == null)
                {
                    yield return new Problem(doc.Path, 0, $"Parameter -{parameter.Name} of {cmdlet.Name} has no description: add '### -{parameter.Name}' under '## PARAMETERS'.");
                }
                else if (written != null && written.Paragraphs.Count == 0)
                {
                    yield return new Problem(doc.Path, written.Line, $"Parameter -{parameter.Name} of {cmdlet.Name} has no description: write it under '### -{parameter.Name}'.");
                }
            }
        }

        /// <summary>Each parameter the help describes is one of the cmdlet's, and is described once.</summary>
        private static IEnumerable<Problem> CheckWrittenParameters(CmdletModel cmdlet, CommandDoc doc)
        {
            for (var i = 0; i < doc.Parameters.Count; i++)
            {
                var written = doc.Parameters[i];
                if (!cmdlet.Parameters.Any(p => string.Equals(p.Name, written.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return new Problem(doc.Path, written.Line, $"'### -{written.Name}' describes a parameter that {cmdlet.Name} does not have.");
                }
                else if (doc.Parameters.Take(i).Any(p => string.Equals(p.Name, written.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return new Problem(doc.Path, written.Line, $"Parameter -{written.Name} is described more than once.");
                }
            }
        }

        /// <summary>The inputs are named, and the outputs described are exactly the cmdlet's [OutputType]s (and "None").</summary>
        private static IEnumerable<Problem> CheckInputsAndOutputs(CmdletModel cmdlet, CommandDoc doc)
        {
            if (doc.Inputs.Count == 0)
            {
                yield return new Problem(doc.Path, 0, "'## INPUTS' is missing or empty: name each type the cmdlet takes from the pipeline ('### None' if it takes none).");
            }

            foreach (var output in cmdlet.OutputTypes.Where(t => !doc.Outputs.Any(o => string.Equals(o.Name, t, StringComparison.OrdinalIgnoreCase))))
            {
                yield return new Problem(doc.Path, 0, $"{cmdlet.Name} declares [OutputType] {output}, which '## OUTPUTS' does not describe: add '### {output}'.");
            }

            foreach (var output in doc.Outputs.Where(o => o.Name != "None" && !cmdlet.OutputTypes.Contains(o.Name, StringComparer.OrdinalIgnoreCase)))
            {
                yield return new Problem(doc.Path, output.Line, $"'### {output.Name}' under '## OUTPUTS' is not a type {cmdlet.Name} declares with [OutputType] ({string.Join(", ", cmdlet.OutputTypes)}).");
            }
        }
    }
}
