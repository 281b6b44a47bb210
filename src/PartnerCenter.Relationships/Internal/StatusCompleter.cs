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
            SubscriptionStatus.Values.Names
                .Where(name => name.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
