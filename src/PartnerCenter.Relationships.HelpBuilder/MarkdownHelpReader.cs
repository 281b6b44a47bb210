using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace PartnerCenter.Relationships.HelpBuilder
{
    /// <summary>The prose of one cmdlet's help, as written in its Markdown file.</summary>
    internal sealed class CommandDoc
    {
        public CommandDoc(string path) => Path = path;

        public string Path { get; }

        public List<string> Synopsis { get; } = new();

        public List<string> Description { get; } = new();

        public List<ExampleDoc> Examples { get; } = new();

        /// <summary>"### -Name" sections; the name is kept without its dash.</summary>
        public List<NamedText> Parameters { get; } = new();

        /// <summary>"### TypeName" sections.</summary>
        public List<NamedText> Inputs { get; } = new();

        public List<NamedText> Outputs { get; } = new();

        public List<string> Notes { get; } = new();

        public List<RelatedLink> RelatedLinks { get; } = new();

        /// <summary>Mistakes in the file's structure, found while reading it.</summary>
        public List<Problem> Problems { get; } = new();
    }

    internal sealed record NamedText(string Name, int Line, IReadOnlyList<string> Paragraphs);

    internal sealed record ExampleDoc(string Title, int Line, string Code, IReadOnlyList<string> Remarks);

    internal sealed record RelatedLink(string Text, string Uri);

    internal sealed record Problem(string File, int Line, string Message);

    /// <summary>
    /// Reads a help file: "## SYNOPSIS", "## DESCRIPTION", "## EXAMPLES" ("### Example N: title", a fenced code block, then
    /// remarks), "## PARAMETERS" ("### -Name" and its description), "## INPUTS" and "## OUTPUTS" ("### TypeName" and what it
    /// means), and optionally "## NOTES" and "## RELATED LINKS". Only prose lives here; everything the code already says
    /// (types, sets, mandatory, position, pipeline input, aliases) comes from reflection.
    /// </summary>
    internal static class MarkdownHelpReader
    {
        private static readonly string[] KnownSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private static readonly Regex LinkLine = new(@"^\s*(?:[-*]\s+)?\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)\s*$");

        private static readonly Regex ListItem = new(@"^\s*(?:[-*]|\d+\.)\s+");

        public static CommandDoc Read(string path)
        {
            var doc = new CommandDoc(path);
            foreach (var section in Split(File.ReadAllLines(path), doc))
            {
                Interpret(section, doc);
            }

            return doc;
        }

        /// <summary>A "## " section: the lines before its first "### " heading, then each "### " part.</summary>
        private sealed class Section
        {
            public Section(string title, int line)
            {
                Title = title;
                Line = line;
            }

            public string Title { get; }

            public int Line { get; }

            public List<(int Line, string Text)> Lead { get; } = new();

            public List<Part> Parts { get; } = new();
        }

        private sealed record Part(string Title, int Line, List<(int Line, string Text)> Lines);

        /// <summary>Splits the file at its headings; a "#" inside a fenced code block is a PowerShell comment, not a heading.</summary>
        private static List<Section> Split(string[] lines, CommandDoc doc)
        {
            var sections = new List<Section>();
            var inFence = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var number = i + 1;
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inFence = !inFence;
                }
                else if (!inFence && ReadHeading(line, number, sections, doc))
                {
                    continue;
                }

                AddText(line, number, sections, doc);
            }

            if (inFence)
            {
                doc.Problems.Add(new Problem(doc.Path, lines.Length, "A fenced code block (```) is never closed."));
            }

            return sections;
        }

        /// <summary>Starts a "## " section or a "### " part if the line is such a heading, or skips the "# " title; false if it is no heading.</summary>
        private static bool ReadHeading(string line, int number, List<Section> sections, CommandDoc doc)
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (sections.Count == 0)
                {
                    doc.Problems.Add(new Problem(doc.Path, number, $"'{line}' comes before any '## ' section."));
                }
                else
                {
                    sections[^1].Parts.Add(new Part(line.Substring(4).Trim(), number, new()));
                }

                return true;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add(new Section(line.Substring(3).Trim(), number));
                return true;
            }

            return line.StartsWith("# ", StringComparison.Ordinal); // The title: the file name already says which cmdlet this is.
        }

        /// <summary>Adds a line to the current "### " part, or to the lead of the current section if it has no part yet.</summary>
        private static void AddText(string line, int number, List<Section> sections, CommandDoc doc)
        {
            if (sections.Count == 0)
            {
                if (line.Trim().Length > 0)
                {
                    doc.Problems.Add(new Problem(doc.Path, number, "Text before the first '## ' section is not part of any section."));
                }

                return;
            }

            var current = sections[^1];
            (current.Parts.Count == 0 ? current.Lead : current.Parts[^1].Lines).Add((number, line));
        }

        private static void Interpret(Section section, CommandDoc doc)
        {
            var title = section.Title.ToUpperInvariant();
            if (!KnownSections.Contains(title))
            {
                doc.Problems.Add(new Problem(doc.Path, section.Line,
                    $"Unknown section '## {section.Title}'; expected one of: {string.Join(", ", KnownSections.Select(s => "## " + s))}."));
                return;
            }

            if (title is "EXAMPLES" or "PARAMETERS" or "INPUTS" or "OUTPUTS")
            {
                InterpretParts(title, section, doc);
            }
            else
            {
                InterpretProse(title, section, doc);
            }
        }

        /// <summary>SYNOPSIS, DESCRIPTION, NOTES and RELATED LINKS: text without "### " headings.</summary>
        private static void InterpretProse(string title, Section section, CommandDoc doc)
        {
            NoParts(section, doc);
            switch (title)
            {
                case "SYNOPSIS":
                    doc.Synopsis.AddRange(Paragraphs(section.Lead));
                    break;
                case "DESCRIPTION":
                    doc.Description.AddRange(Paragraphs(section.Lead));
                    break;
                case "NOTES":
                    doc.Notes.AddRange(Paragraphs(section.Lead));
                    break;
                case "RELATED LINKS":
                    doc.RelatedLinks.AddRange(section.Lead.Select(l => l.Text).Where(t => t.Trim().Length > 0).Select(RelatedLinkOf));
                    break;
            }
        }

        /// <summary>EXAMPLES, PARAMETERS, INPUTS and OUTPUTS: all their text stands under "### " headings.</summary>
        private static void InterpretParts(string title, Section section, CommandDoc doc)
        {
            switch (title)
            {
                case "EXAMPLES":
                    NoLead(section, doc, "### Example N: title");
                    doc.Examples.AddRange(section.Parts.Select(Example));
                    break;
                case "PARAMETERS":
                    NoLead(section, doc, "### -ParameterName");
                    ReadParameters(section, doc);
                    break;
                case "INPUTS":
                    NoLead(section, doc, "### TypeName");
                    doc.Inputs.AddRange(section.Parts.Select(NamedTextOf));
                    break;
                case "OUTPUTS":
                    NoLead(section, doc, "### TypeName");
                    doc.Outputs.AddRange(section.Parts.Select(NamedTextOf));
                    break;
            }
        }

        /// <summary>Each "### -Name" part describes a parameter; a heading of another shape is reported and its text left out.</summary>
        private static void ReadParameters(Section section, CommandDoc doc)
        {
            foreach (var part in section.Parts)
            {
                if (!part.Title.StartsWith("-", StringComparison.Ordinal) || part.Title.Length < 2 || part.Title.Contains(' '))
                {
                    doc.Problems.Add(new Problem(doc.Path, part.Line, $"A parameter heading must be '### -Name', not '### {part.Title}'."));
                    continue;
                }

                doc.Parameters.Add(new NamedText(part.Title.Substring(1), part.Line, Paragraphs(part.Lines)));
            }
        }

        private static NamedText NamedTextOf(Part part) => new(part.Title, part.Line, Paragraphs(part.Lines));

        /// <summary>A "[text](uri)" line, optionally a list item, keeps its uri only if it is a web address; any other line is the text alone.</summary>
        private static RelatedLink RelatedLinkOf(string text)
        {
            var match = LinkLine.Match(text);
            return match.Success
                ? new RelatedLink(match.Groups["text"].Value.Trim(), IsWebAddress(match.Groups["uri"].Value) ? match.Groups["uri"].Value.Trim() : string.Empty)
                : new RelatedLink(ListItem.Replace(text, string.Empty).Trim(), string.Empty);
        }

        /// <summary>An example: its fenced code (several blocks are joined) and, around it, the remarks.</summary>
        private static ExampleDoc Example(Part part)
        {
            var code = new List<string>();
            var remarks = new List<(int, string)>();
            List<string>? block = null;
            foreach (var (number, text) in part.Lines)
            {
                if (text.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (block == null)
                    {
                        block = new List<string>();
                    }
                    else
                    {
                        code.Add(string.Join("\n", block).Trim('\n'));
                        block = null;
                    }
                }
                else if (block != null)
                {
                    block.Add(text.TrimEnd());
                }
                else
                {
                    remarks.Add((number, text));
                }
            }

            return new ExampleDoc(part.Title, part.Line, string.Join("\n\n", code.Where(c => c.Length > 0)), Paragraphs(remarks));
        }

        /// <summary>
        /// Blank lines separate paragraphs; the lines of one paragraph are joined, except that each list item starts a
        /// paragraph of its own, and a fenced block is kept line by line.
        /// </summary>
        private static List<string> Paragraphs(IEnumerable<(int Line, string Text)> lines)
        {
            var paragraphs = new List<string>();
            var current = new List<string>();
            List<string>? fence = null;
            foreach (var (_, raw) in lines)
            {
                var text = raw.Trim();
                if (text.StartsWith("```", StringComparison.Ordinal))
                {
                    EndParagraph(current, paragraphs);
                    if (fence == null)
                    {
                        fence = new List<string>();
                    }
                    else
                    {
                        paragraphs.Add(string.Join("\n", fence));
                        fence = null;
                    }
                }
                else if (fence != null)
                {
                    fence.Add(raw.TrimEnd());
                }
                else
                {
                    AddProseLine(text, current, paragraphs);
                }
            }

            EndParagraph(current, paragraphs);
            return paragraphs;
        }

        /// <summary>A blank line ends the paragraph under way; a list item starts a new one; any other line continues it.</summary>
        private static void AddProseLine(string text, List<string> current, List<string> paragraphs)
        {
            if (text.Length == 0)
            {
                EndParagraph(current, paragraphs);
                return;
            }

            if (ListItem.IsMatch(text))
            {
                EndParagraph(current, paragraphs);
            }

            current.Add(text);
        }

        /// <summary>Joins the lines of the paragraph under way, if any, into one.</summary>
        private static void EndParagraph(List<string> current, List<string> paragraphs)
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }

        private static void NoParts(Section section, CommandDoc doc)
        {
            foreach (var part in section.Parts)
            {
                doc.Problems.Add(new Problem(doc.Path, part.Line, $"'## {section.Title}' takes no '### ' headings ('### {part.Title}')."));
            }
        }

        private static void NoLead(Section section, CommandDoc doc, string expected)
        {
            var stray = section.Lead.FirstOrDefault(l => l.Text.Trim().Length > 0);
            if (stray.Text != null)
            {
                doc.Problems.Add(new Problem(doc.Path, stray.Line, $"Text in '## {section.Title}' must stand under a '{expected}' heading."));
            }
        }

        private static bool IsWebAddress(string uri) =>
            Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);
    }
}
