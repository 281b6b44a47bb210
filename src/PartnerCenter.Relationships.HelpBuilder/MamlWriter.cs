using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PartnerCenter.Relationships.HelpBuilder
{
    /// <summary>
    /// Writes cmdlet help as MAML, the XML that Get-Help reads for binary modules (the helpItems/command:command schema,
    /// laid out as platyPS writes it).
    /// </summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static void Write(string path, IEnumerable<(CmdletModel Cmdlet, CommandDoc Doc)> commands)
        {
            var document = new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    commands.Select(c => CommandElement(c.Cmdlet, c.Doc))));

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using var writer = XmlWriter.Create(path, settings);
            document.Save(writer);
        }

        private static XElement CommandElement(CmdletModel cmdlet, CommandDoc doc)
        {
            var descriptions = cmdlet.Parameters.ToDictionary(p => p.Name, p => Description(p, doc), StringComparer.OrdinalIgnoreCase);
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", cmdlet.Name),
                    new XElement(Command + "verb", cmdlet.Verb),
                    new XElement(Command + "noun", cmdlet.Noun),
                    Paragraphs(Maml + "description", doc.Synopsis)),
                Paragraphs(Maml + "description", doc.Description),
                new XElement(Command + "syntax",
                    cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, set, descriptions))),
                new XElement(Command + "parameters",
                    DocumentOrder(cmdlet, doc).Select(p => ParameterElement(p, p.IsRequired, p.Position, descriptions[p.Name]))),
                new XElement(Command + "inputTypes", doc.Inputs.Select(i => TypeEntry(Command + "inputType", i))),
                new XElement(Command + "returnValues", doc.Outputs.Select(o => TypeEntry(Command + "returnValue", o))),
                doc.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", Paragraphs(Maml + "alert", doc.Notes)),
                new XElement(Command + "examples", doc.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", doc.RelatedLinks.Select(l =>
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri)))));
        }

        /// <summary>One parameter set as Get-Command shows it: positional parameters by position, then required, then optional ones.</summary>
        private static XElement SyntaxItem(CmdletModel cmdlet, string set, IReadOnlyDictionary<string, IReadOnlyList<string>> descriptions)
        {
            var members = cmdlet.Parameters
                .Select((p, index) => (Parameter: p, Index: index, InSet: p.In(set)))
                .Where(m => m.InSet != null)
                .OrderBy(m => m.InSet!.Position != null ? 0 : m.InSet.Mandatory ? 1 : 2)
                .ThenBy(m => m.InSet!.Position ?? 0)
                .ThenBy(m => m.Index);
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                members.Select(m => ParameterElement(m.Parameter, m.InSet!.Mandatory,
                    m.InSet.Position?.ToString(CultureInfo.InvariantCulture) ?? "named", descriptions[m.Parameter.Name])));
        }

        private static XElement ParameterElement(ParameterModel parameter, bool required, string position, IReadOnlyList<string> description) =>
            new(Command + "parameter",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", Bool(parameter.Type.IsArray)),
                new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
                new XAttribute("pipelineInput", parameter.PipelineInput),
                new XAttribute("position", position),
                new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Paragraphs(Maml + "description", description),
                parameter.AcceptedValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup",
                    parameter.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
                parameter.IsSwitch ? null : new XElement(Command + "parameterValue",
                    new XAttribute("required", "true"), new XAttribute("variableLength", Bool(parameter.Type.IsArray)), TypeName(parameter.Type, full: false)),
                new XElement(Dev + "type",
                    new XElement(Maml + "name", TypeName(parameter.Type, full: true)),
                    new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.DefaultValue));

        private static XElement TypeEntry(XName name, NamedText entry) =>
            new(name,
                new XElement(Dev + "type",
                    new XElement(Maml + "name", entry.Name),
                    new XElement(Maml + "uri")),
                Paragraphs(Maml + "description", entry.Paragraphs));

        private static XElement Example(ExampleDoc example) =>
            new(Command + "example",
                new XElement(Maml + "title", $"--------- {example.Title} ---------"),
                new XElement(Dev + "code", example.Code),
                Paragraphs(Dev + "remarks", example.Remarks.Append(string.Empty))); // The empty paragraph sets the next example apart.

        /// <summary>The parameters in the order the Markdown describes them; any it leaves out (only -WhatIf/-Confirm may be) follow.</summary>
        private static IEnumerable<ParameterModel> DocumentOrder(CmdletModel cmdlet, CommandDoc doc)
        {
            var rank = doc.Parameters.Select((p, i) => (p.Name, i)).GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
            return cmdlet.Parameters.OrderBy(p => rank.TryGetValue(p.Name, out var i) ? i : int.MaxValue);
        }

        private static IReadOnlyList<string> Description(ParameterModel parameter, CommandDoc doc) =>
            doc.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))?.Paragraphs is { Count: > 0 } written
                ? written
                : parameter.StandardDescription == null ? Array.Empty<string>() : new[] { parameter.StandardDescription };

        private static XElement Paragraphs(XName name, IEnumerable<string> paragraphs) =>
            new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));

        private static string Bool(bool value) => value ? "true" : "false";

        /// <summary>"Guid[]" in syntax, "System.Guid[]" as the type; a nullable value shows as the value's type, as PowerShell shows it.</summary>
        private static string TypeName(Type type, bool full)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                return TypeName(type.GetElementType()!, full) + "[]";
            }

            if (type == typeof(SwitchParameter) && !full)
            {
                return "SwitchParameter";
            }

            return (full ? type.FullName : type.Name) ?? type.Name;
        }
    }
}
