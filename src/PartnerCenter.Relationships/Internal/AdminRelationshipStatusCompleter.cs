using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>Tab completion for a GDAP -Status. Not a ValidateSet: Graph may add statuses (it reserves unknownFutureValue).</summary>
    public sealed class AdminRelationshipStatusCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            StatusCompleter.Matching(AdminRelationshipStatus.Values.Names, wordToComplete);
    }

    /// <summary>Tab completion for -Roles: the Entra role names the module knows (a role template id is accepted as well).</summary>
    public sealed class AdminRoleCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            StatusCompleter.Matching(AdminRoles.Names, wordToComplete);
    }
}
