using System;
using System.Management.Automation;
using System.Text;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// A user's -Name or -Domain value split for the backend: the literal text before the first wildcard goes to the
    /// source as a starts-with filter (as Partner Center filters), the full pattern is matched here.
    /// </summary>
    internal sealed class WildcardQuery
    {
        private WildcardQuery(string literalPrefix, bool hasWildcards, Func<string, bool> matches)
        {
            LiteralPrefix = literalPrefix;
            HasWildcards = hasWildcards;
            Matches = matches;
        }

        public string LiteralPrefix { get; }

        public bool HasWildcards { get; }

        public Func<string, bool> Matches { get; }

        /// <summary>
        /// Splits a pattern of <paramref name="parameterName"/>. A malformed one ('[abc') is InvalidWildcardPattern
        /// here, before any customer is read: PowerShell's WildcardPattern only fails on its first match, which a
        /// literal prefix that matches nothing would never reach.
        /// </summary>
        public static WildcardQuery Parse(string parameterName, string text)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(text))
            {
                var literal = WildcardPattern.Unescape(text);
                return new WildcardQuery(literal, false, value => string.Equals(value, literal, StringComparison.OrdinalIgnoreCase));
            }

            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            try
            {
                pattern.IsMatch(string.Empty);
            }
            catch (WildcardPatternException ex)
            {
                throw PartnerErrors.InvalidWildcardPattern(parameterName, text, ex);
            }

            return new WildcardQuery(LiteralPrefixOf(text), true, pattern.IsMatch);
        }

        private static string LiteralPrefixOf(string pattern)
        {
            var prefix = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    prefix.Append(pattern[++i]);
                    continue;
                }

                if (c == '*' || c == '?' || c == '[')
                {
                    break;
                }

                prefix.Append(c);
            }

            return prefix.ToString();
        }
    }
}
