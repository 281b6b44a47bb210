using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using PartnerCenter.Relationships.Core.Completion;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>What an argument completer of the module completes.</summary>
    internal enum CompletedArgument
    {
        CustomerName,
        CustomerDomain,
        CustomerId,

        /// <summary>Customers whose relationship was removed, as a relationship request wants them.</summary>
        RemovedCustomerDomain,
        RemovedCustomerId,

        /// <summary>The subscriptions of the customer named by the command's -CustomerId.</summary>
        SubscriptionId,
    }

    /// <summary>
    /// The module's argument completers: thin, over this runspace's session and the core's
    /// <see cref="ArgumentCompletions"/> (which bounds, filters, quotes and keeps the answers). A completer never
    /// fails: whatever goes wrong (no store, a broken one, Partner Center unreachable) gives no completions.
    /// </summary>
    public abstract class PartnerArgumentCompleter : IArgumentCompleter
    {
        private readonly CompletedArgument _argument;

        private protected PartnerArgumentCompleter(CompletedArgument argument) => _argument = argument;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return Complete(wordToComplete, fakeBoundParameters);
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        // Not inlined into CompleteArgument: the core types named here load (into the module's load context) when this
        // is first compiled, and a failure to load them must land in the catch above.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private List<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters)
        {
            var session = PartnerSession.Current;
            var completions = session.Completions;
            var items = _argument switch
            {
                CompletedArgument.CustomerName => completions.CustomerNames(wordToComplete, CustomerScope.Listed, session.OpenBackendForCompletion),
                CompletedArgument.CustomerDomain => completions.CustomerDomains(wordToComplete, CustomerScope.Listed, session.OpenBackendForCompletion),
                CompletedArgument.CustomerId => completions.CustomerIds(wordToComplete, CustomerScope.Listed, session.OpenBackendForCompletion),
                CompletedArgument.RemovedCustomerDomain => completions.CustomerDomains(wordToComplete, CustomerScope.Removed, session.OpenBackendForCompletion),
                CompletedArgument.RemovedCustomerId => completions.CustomerIds(wordToComplete, CustomerScope.Removed, session.OpenBackendForCompletion),
                _ => BoundCustomerId(fakeBoundParameters) is Guid customerId
                    ? completions.SubscriptionIds(customerId, wordToComplete, session.OpenBackendForCompletion)
                    : Array.Empty<CompletionItem>(),
            };
            return items.Select(item => new CompletionResult(item.CompletionText, item.ListItemText, CompletionResultType.ParameterValue, item.ToolTip)).ToList();
        }

        /// <summary>The one customer id already on the command line (a literal; PowerShell does not run anything to complete).</summary>
        private static Guid? BoundCustomerId(IDictionary? fakeBoundParameters)
        {
            var value = fakeBoundParameters?["CustomerId"];
            while (true)
            {
                switch (value)
                {
                    case PSObject wrapped:
                        value = wrapped.BaseObject;
                        continue;
                    case IList list when list.Count == 1:
                        value = list[0];
                        continue;
                    case Guid id:
                        return id;
                    case string text when Guid.TryParse(text.Trim(), out var parsed):
                        return parsed;
                    default:
                        return null;
                }
            }
        }
    }

    /// <summary>-Name of Get-PartnerCustomer: names of listed customers, wildcard-escaped and quoted as needed.</summary>
    public sealed class CustomerNameCompleter : PartnerArgumentCompleter
    {
        public CustomerNameCompleter()
            : base(CompletedArgument.CustomerName)
        {
        }
    }

    /// <summary>-Domain of Get-PartnerCustomer: domains of listed customers.</summary>
    public sealed class CustomerDomainCompleter : PartnerArgumentCompleter
    {
        public CustomerDomainCompleter()
            : base(CompletedArgument.CustomerDomain)
        {
        }
    }

    /// <summary>-CustomerId: ids of listed customers, found by id or name; the tooltip names the customer.</summary>
    public sealed class CustomerIdCompleter : PartnerArgumentCompleter
    {
        public CustomerIdCompleter()
            : base(CompletedArgument.CustomerId)
        {
        }
    }

    /// <summary>-Domain of Request-PartnerRelationship: domains of customers whose relationship was removed (local store).</summary>
    public sealed class RemovedCustomerDomainCompleter : PartnerArgumentCompleter
    {
        public RemovedCustomerDomainCompleter()
            : base(CompletedArgument.RemovedCustomerDomain)
        {
        }
    }

    /// <summary>-CustomerId of Request-PartnerRelationship: ids of customers whose relationship was removed (local store).</summary>
    public sealed class RemovedCustomerIdCompleter : PartnerArgumentCompleter
    {
        public RemovedCustomerIdCompleter()
            : base(CompletedArgument.RemovedCustomerId)
        {
        }
    }

    /// <summary>-SubscriptionId: the subscriptions of the customer given with -CustomerId; the tooltip names offer and status.</summary>
    public sealed class SubscriptionIdCompleter : PartnerArgumentCompleter
    {
        public SubscriptionIdCompleter()
            : base(CompletedArgument.SubscriptionId)
        {
        }
    }
}
