using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>Tab completion for -Status. Not a ValidateSet: Partner Center may send statuses this version does not know.</summary>
    public sealed class StatusCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Matching(SubscriptionStatus.Values.Names, wordToComplete);

        /// <summary>The known names starting with what was typed (quotes aside), quoted where they hold a space.</summary>
        internal static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? wordToComplete) =>
            names.Where(name => name.StartsWith((wordToComplete ?? string.Empty).Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name.Contains(" ") ? "'" + name + "'" : name, name, CompletionResultType.ParameterValue, name));
    }
}
