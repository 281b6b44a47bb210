using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Get-Help -Full, in the real engine, for every cmdlet the staged module exports: the help built from
    /// src/PartnerCenter.Relationships/help/*.md is found, and it is complete and true to the cmdlet.
    /// </summary>
    public sealed class HelpTests : IClassFixture<HelpTests.SharedSession>
    {
        private readonly ModuleSession _session;

        public HelpTests(SharedSession shared) => _session = shared.Session;

        /// <summary>Get-Help only reads, so one session serves all the tests of this class.</summary>
        public sealed class SharedSession : IDisposable
        {
            public ModuleSession Session { get; } = new ModuleSession(connectToOwnStore: false);

            public void Dispose() => Session.Dispose();
        }

        public static TheoryData<string> ExportedCmdlets()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            var data = new TheoryData<string>();
            foreach (var name in session.Ok("(Get-Command -Module PartnerCenter.Relationships).Name"))
            {
                data.Add((string)name.BaseObject);
            }

            return data;
        }

        [Fact]
        public void HelpFile_IsStagedWithTheModule()
        {
            var file = Path.Combine(ModuleSession.ModuleFolder, "en-US", "PartnerCenter.Relationships.dll-Help.xml");
            Assert.True(File.Exists(file), $"{file} is missing: the HelpBuilder project writes it when the solution is built.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_HasSynopsisDescriptionAndExamples(string name)
        {
            var help = FullHelp(name);
            Assert.True(help.TypeNames.Contains("MamlCommandHelpInfo"), $"Get-Help {name} did not come from the module's help file (it is {help.TypeNames[0]}).");

            // Without a help file, PowerShell makes the synopsis up from the syntax: "Name [-Parameter] <Type> [<CommonParameters>]".
            var synopsis = Text(help, "Synopsis");
            Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{name} has no synopsis.");
            Assert.False(synopsis.TrimStart().StartsWith(name, StringComparison.OrdinalIgnoreCase) || synopsis.Contains("[<CommonParameters>]"),
                $"The synopsis of {name} is PowerShell's placeholder: {synopsis}");

            Assert.Contains(Items(Property(help, "description")), paragraph => !string.IsNullOrWhiteSpace(Text(paragraph, "Text")));

            var examples = Examples(help);
            Assert.True(examples.Count >= 2, $"{name} has {examples.Count} example(s); at least 2 are required.");
            Assert.All(examples, example => Assert.False(string.IsNullOrWhiteSpace(Text(example, "code")), $"Example '{Text(example, "title")}' of {name} has no code."));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_DescribesEveryParameter_WithTheRightRequiredFlag(string name)
        {
            var command = (CommandInfo)_session.Ok("Get-Command $args[0]", name).Single().BaseObject;
            var documented = Items(Property(Property(FullHelp(name), "parameters"), "parameter"))
                .ToDictionary(p => Text(p, "name"), StringComparer.OrdinalIgnoreCase);

            // The common parameters are explained once for all cmdlets; -WhatIf and -Confirm are documented with each cmdlet that has them.
            foreach (var parameter in command.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name)))
            {
                Assert.True(documented.TryGetValue(parameter.Name, out var help), $"Get-Help {name} does not list -{parameter.Name}.");
                Assert.Contains(Items(Property(help, "description")), paragraph => !string.IsNullOrWhiteSpace(Text(paragraph, "Text")));
                var required = parameter.ParameterSets.Values.Any(set => set.IsMandatory);
                Assert.True(string.Equals(Text(help, "required"), required ? "true" : "false", StringComparison.OrdinalIgnoreCase),
                    $"Get-Help {name} says -{parameter.Name} is required: {Text(help, "required")}; the cmdlet says {required}.");
            }

            Assert.All(documented.Keys, documentedName => Assert.True(command.Parameters.ContainsKey(documentedName), $"Get-Help {name} lists -{documentedName}, which {name} does not have."));
        }

        /// <summary>Every example parses, and binds (names, aliases, parameter sets) as the module's cmdlets really are.</summary>
        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Examples_ParseAndBindToTheRealParameters(string name)
        {
            const string check = @"
                param($code, $title)
                $tokens = $null; $errors = $null
                $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$errors)
                $errors | ForEach-Object { ""$title does not parse: $($_.Message)"" }
                $ours = (Get-Command -Module PartnerCenter.Relationships).Name
                $calls = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
                $calls | Where-Object { $ours -contains $_.GetCommandName() } | ForEach-Object {
                    $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($_, $true)
                    foreach ($key in $binding.BindingExceptions.Keys) {
                        ""$title, $($_.GetCommandName()) ${key}: $($binding.BindingExceptions[$key].BindingException.Message)""
                    }
                }";
            var problems = Examples(FullHelp(name))
                .SelectMany(example => _session.Ok(check, Text(example, "code"), Text(example, "title").Trim('-', ' ')))
                .Select(problem => (string)problem.BaseObject)
                .ToList();
            Assert.True(problems.Count == 0, $"Examples of {name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        private PSObject FullHelp(string name) => _session.Ok("Get-Help $args[0] -Full", name).Single();

        private static List<PSObject> Examples(PSObject help) => Items(Property(Property(help, "examples"), "example")).ToList();

        private static object? Property(object? value, string name) =>
            value == null ? null : PSObject.AsPSObject(value).Properties[name]?.Value;

        private static string Text(object? value, string name) => Property(value, name)?.ToString() ?? string.Empty;

        /// <summary>Help holds one item as the item itself and several as an array; both read here as a sequence.</summary>
        private static IEnumerable<PSObject> Items(object? value)
        {
            if (value == null || value is string || (value is PSObject wrapped && wrapped.BaseObject is string))
            {
                return Enumerable.Empty<PSObject>();
            }

            var items = LanguagePrimitives.GetEnumerable(value);
            return items == null ? new[] { PSObject.AsPSObject(value) } : items.Cast<object>().Select(PSObject.AsPSObject);
        }
    }
}
