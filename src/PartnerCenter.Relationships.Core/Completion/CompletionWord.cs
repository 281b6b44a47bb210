using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PartnerCenter.Relationships.Core.Completion
{
    /// <summary>
    /// What a user typed before pressing Tab, as PowerShell hands it to an argument completer: possibly opened with a
    /// quote (PowerShell passes <c>'Con</c> as <c>'Con'</c>), possibly with wildcards. It matches a value that starts
    /// with it, case-insensitively, its wildcards honoured (<c>Con*Ph</c> is <c>Con*Ph*</c>), and it writes a
    /// completion the way the user started it: in the user's quotes, else bare where PowerShell reads it back as the
    /// same string, else in single quotes.
    /// </summary>
    public sealed class CompletionWord
    {
        private readonly List<Element> _pattern;

        private CompletionWord(string text, char quote, List<Element> pattern, string literalPrefix, bool hasWildcards)
        {
            Text = text;
            Quote = quote;
            _pattern = pattern;
            LiteralPrefix = literalPrefix;
            HasWildcards = hasWildcards;
        }

        /// <summary>The word without its quotes.</summary>
        public string Text { get; }

        /// <summary>The quote the user opened the word with (<c>'</c> or <c>"</c>), or <c>'\0'</c> for none.</summary>
        public char Quote { get; }

        /// <summary>The literal text before the first wildcard, escapes undone: what a source can filter on with starts-with.</summary>
        public string LiteralPrefix { get; }

        public bool HasWildcards { get; }

        /// <summary>
        /// Nothing but plain characters: every value this word matches starts with <see cref="Text"/>, so what was
        /// found for it contains what is found for any longer word that starts with it.
        /// </summary>
        public bool IsPlain => !HasWildcards && Text.IndexOf('`') < 0;

        public static CompletionWord Parse(string? wordToComplete)
        {
            var text = wordToComplete ?? string.Empty;
            var quote = '\0';
            if (text.Length > 0 && (IsSingleQuote(text[0]) || IsDoubleQuote(text[0])))
            {
                quote = IsSingleQuote(text[0]) ? '\'' : '"';
                text = text.Substring(1);
                if (text.Length > 0 && (quote == '\'' ? IsSingleQuote(text[text.Length - 1]) : IsDoubleQuote(text[text.Length - 1])))
                {
                    text = text.Substring(0, text.Length - 1);
                }
            }

            var pattern = Compile(text, out var literalPrefix, out var hasWildcards);
            return new CompletionWord(text, quote, pattern, literalPrefix, hasWildcards);
        }

        /// <summary>The value starts with this word (wildcards honoured), ignoring case.</summary>
        public bool Matches(string? value) => value != null && Match(value);

        /// <summary>The text that puts <paramref name="value"/> on the command line, read back by PowerShell as exactly that string.</summary>
        public string ToCompletionText(string value)
        {
            if (Quote == '"')
            {
                var escaped = new StringBuilder(value.Length + 2).Append('"');
                foreach (var c in value)
                {
                    if (IsDoubleQuote(c) || c == '`' || c == '$')
                    {
                        escaped.Append('`');
                    }

                    escaped.Append(c);
                }

                return escaped.Append('"').ToString();
            }

            return Quote == '\'' || NeedsQuotes(value) ? SingleQuoted(value) : value;
        }

        /// <summary>In single quotes, each single quote (PowerShell counts the typographic ones too) doubled.</summary>
        public static string SingleQuoted(string value)
        {
            var quoted = new StringBuilder(value.Length + 2).Append('\'');
            foreach (var c in value)
            {
                quoted.Append(c);
                if (IsSingleQuote(c))
                {
                    quoted.Append(c);
                }
            }

            return quoted.Append('\'').ToString();
        }

        /// <summary>
        /// Whether the value, written bare as a command argument, might not come back as the same string. Allowed
        /// bare: a letter or underscore followed by letters, digits, '.', '-' and '_' (contoso.onmicrosoft.com), and
        /// ids (a GUID). Anything else is quoted: spaces, quotes, '&amp;', '$', a leading '-' (a parameter), or a
        /// leading digit (1MB and 0x1F are numbers).
        /// </summary>
        public static bool NeedsQuotes(string value)
        {
            if (value.Length == 0)
            {
                return true;
            }

            var first = value[0];
            if (char.IsDigit(first))
            {
                return !Guid.TryParseExact(value, "D", out _);
            }

            if (!char.IsLetter(first) && first != '_')
            {
                return true;
            }

            foreach (var c in value)
            {
                if (!char.IsLetterOrDigit(c) && c != '.' && c != '-' && c != '_')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A value for a parameter that takes wildcards, escaped so that it matches only itself (Contoso [EU] is Contoso `[EU`]).</summary>
        public static string EscapeWildcards(string value)
        {
            var escaped = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c == '*' || c == '?' || c == '[' || c == ']' || c == '`')
                {
                    escaped.Append('`');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }

        public override string ToString() => Text;

        // PowerShell reads these as quotes too (its SpecialCharacters): typographic single and double quotes.
        private static bool IsSingleQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';

        private static bool IsDoubleQuote(char c) => c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';

        // ---- Wildcards, as PowerShell's WildcardPattern reads them: * ? [set] [a-z], ` escapes the next character ----

        private enum Kind
        {
            Literal,
            AnyOne,
            AnyRun,
            Set,
        }

        private sealed class Element
        {
            public Kind Kind;
            public char Char;
            public List<(char From, char To)>? Ranges;
        }

        /// <summary>The word as elements, with a trailing * (it is a prefix); a '[' that never closes is a literal, as is a trailing '`'.</summary>
        private static List<Element> Compile(string text, out string literalPrefix, out bool hasWildcards)
        {
            var elements = new List<Element>();
            var prefix = new StringBuilder();
            var wild = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '`' && i + 1 < text.Length)
                {
                    AddLiteral(elements, wild ? null : prefix, text[++i]);
                }
                else if (c == '*' || c == '?')
                {
                    wild = true;
                    elements.Add(new Element { Kind = c == '*' ? Kind.AnyRun : Kind.AnyOne });
                }
                else if (c == '[' && TryReadSet(text, i, out var ranges, out var end))
                {
                    wild = true;
                    elements.Add(new Element { Kind = Kind.Set, Ranges = ranges });
                    i = end;
                }
                else
                {
                    AddLiteral(elements, wild ? null : prefix, c);
                }
            }

            elements.Add(new Element { Kind = Kind.AnyRun });
            literalPrefix = prefix.ToString();
            hasWildcards = wild;
            return elements;
        }

        /// <summary>A literal character; until the first wildcard it is also part of the literal prefix.</summary>
        private static void AddLiteral(List<Element> elements, StringBuilder? prefix, char literal)
        {
            elements.Add(new Element { Kind = Kind.Literal, Char = literal });
            prefix?.Append(literal);
        }

        /// <summary>Reads [abc], [a-z] or [`]x] starting at <paramref name="start"/>; false when no ']' closes it.</summary>
        private static bool TryReadSet(string text, int start, out List<(char From, char To)> ranges, out int end)
        {
            ranges = new List<(char, char)>();
            for (var i = start + 1; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ']' && i > start + 1)
                {
                    end = i;
                    return true;
                }

                if (c == '`' && i + 1 < text.Length)
                {
                    c = text[++i];
                }

                if (i + 2 < text.Length && text[i + 1] == '-' && text[i + 2] != ']')
                {
                    ranges.Add((c, text[i + 2]));
                    i += 2;
                }
                else
                {
                    ranges.Add((c, c));
                }
            }

            end = start;
            return false;
        }

        /// <summary>
        /// Glob matching in one pass: on a mismatch after a *, that * takes one more character and matching resumes
        /// just after it (only the last * ever needs to give back), so a long word never costs more than its length
        /// times the value's.
        /// </summary>
        private bool Match(string value)
        {
            int at = 0, element = 0, star = -1, starAt = 0;
            while (at < value.Length)
            {
                if (element < _pattern.Count && _pattern[element].Kind == Kind.AnyRun)
                {
                    star = element++;
                    starAt = at;
                }
                else if (element < _pattern.Count && MatchesOne(_pattern[element], value[at]))
                {
                    element++;
                    at++;
                }
                else if (star >= 0)
                {
                    element = star + 1;
                    at = ++starAt;
                }
                else
                {
                    return false;
                }
            }

            while (element < _pattern.Count && _pattern[element].Kind == Kind.AnyRun)
            {
                element++;
            }

            return element == _pattern.Count;
        }

        private static bool MatchesOne(Element element, char c)
        {
            switch (element.Kind)
            {
                case Kind.AnyOne:
                    return true;
                case Kind.Literal:
                    return Fold(element.Char) == Fold(c);
                default:
                    var folded = Fold(c);
                    foreach (var (from, to) in element.Ranges!)
                    {
                        if ((folded >= Fold(from) && folded <= Fold(to)) || (c >= from && c <= to))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        private static char Fold(char c) => char.ToUpper(c, CultureInfo.InvariantCulture);
    }
}
