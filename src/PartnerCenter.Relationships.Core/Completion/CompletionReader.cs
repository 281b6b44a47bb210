using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Completion
{
    /// <summary>What is being completed.</summary>
    internal enum CompletionKind
    {
        CustomerName,
        CustomerDomain,
        CustomerId,
        SubscriptionId,
    }

    /// <summary>
    /// What completion reads from a backend: a few pages of customers filtered by the word's literal prefix, or one
    /// customer's subscriptions, bounded so that a large partner answers within completion's time budget.
    /// </summary>
    internal static class CompletionReader
    {
        public static (IReadOnlyList<CompletionCandidate>, bool) ReadCustomers(IPartnerBackend backend, CompletionKind kind, CustomerScope scope, CompletionWord word, CancellationToken cancellation)
        {
            var found = new List<CompletionCandidate>();
            if (scope == CustomerScope.Removed && !backend.Can(BackendCapabilities.KeepsRemovedCustomers))
            {
                // Partner Center does not list a customer once the relationship is removed.
                return (found, true);
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var complete = true;
            foreach (var (query, matchesOn) in Queries(kind, scope, word))
            {
                complete &= Scan(backend.GetCustomers(query), customer =>
                {
                    if (customer.HasRelationship != (scope == CustomerScope.Listed) || !matchesOn(customer).Any(word.Matches))
                    {
                        return false;
                    }

                    var candidate = ToCompletionCandidate(kind, customer);
                    if (candidate != null && seen.Add(candidate.Key))
                    {
                        found.Add(candidate);
                    }

                    return true;
                }, cancellation);
            }

            return (found, complete);
        }

        /// <summary>
        /// Reads customers until enough matched, enough were scanned, or the budget ran out; true when the listing
        /// ended first (so what matched is all there is).
        /// </summary>
        private static bool Scan(IEnumerable<Customer> customers, Func<Customer, bool> take, CancellationToken cancellation)
        {
            var matched = 0;
            var scanned = 0;
            using var listing = customers.GetEnumerator();
            while (scanned < ArgumentCompletions.MaxScanned && matched <= ArgumentCompletions.MaxResults && !cancellation.IsCancellationRequested)
            {
                if (!listing.MoveNext())
                {
                    return true;
                }

                scanned++;
                if (take(listing.Current))
                {
                    matched++;
                }
            }

            return false;
        }

        /// <summary>
        /// What to ask the source. Names and domains: one listing filtered by the word's literal prefix. Ids: the
        /// customers whose name starts with the word, and (when the word could begin an id) a scan for the id.
        /// Small pages where every customer listed is likely a match, scan-sized ones where most are not.
        /// </summary>
        private static IEnumerable<(CustomerQuery Query, Func<Customer, IEnumerable<string>> MatchesOn)> Queries(CompletionKind kind, CustomerScope scope, CompletionWord word)
        {
            var prefix = word.LiteralPrefix;
            var refined = word.HasWildcards || scope == CustomerScope.Removed;
            var pageSize = refined ? ArgumentCompletions.ScanPageSize : ArgumentCompletions.MaxResults + 1;
            switch (kind)
            {
                case CompletionKind.CustomerName:
                    yield return (new CustomerQuery { NamePrefix = prefix, PageSize = pageSize }, c => new[] { c.Name });
                    break;
                case CompletionKind.CustomerDomain:
                    yield return (new CustomerQuery { DomainPrefix = prefix, PageSize = pageSize }, c => new[] { c.Domain });
                    break;
                default:
                    if (prefix.Length == 0)
                    {
                        yield return (new CustomerQuery { PageSize = word.Text.Length == 0 ? pageSize : ArgumentCompletions.ScanPageSize }, c => new[] { Id(c.CustomerId), c.Name });
                        break;
                    }

                    yield return (new CustomerQuery { NamePrefix = prefix, PageSize = pageSize }, c => new[] { c.Name });
                    if (CouldBeginAnId(prefix))
                    {
                        yield return (new CustomerQuery { PageSize = ArgumentCompletions.ScanPageSize }, c => new[] { Id(c.CustomerId) });
                    }

                    break;
            }
        }

        private static bool CouldBeginAnId(string prefix) =>
            prefix.Length <= 36 && prefix.All(c => c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

        public static (IReadOnlyList<CompletionCandidate>, bool) ReadSubscriptions(IPartnerBackend backend, Guid customerId, CancellationToken cancellation)
        {
            var found = new List<CompletionCandidate>();

            // The store keeps a removed customer's subscriptions, which the commands then refuse; Partner Center
            // refuses the listing itself (no relationship), which ends here as no results.
            if (backend.Can(BackendCapabilities.KeepsRemovedCustomers) && backend.GetCustomer(customerId) is not { HasRelationship: true })
            {
                return (found, true);
            }

            foreach (var subscription in backend.GetSubscriptions(customerId).Take(ArgumentCompletions.MaxScanned))
            {
                cancellation.ThrowIfCancellationRequested();
                var id = Id(subscription.SubscriptionId);
                var offer = string.IsNullOrEmpty(subscription.OfferName) ? id : subscription.OfferName;
                found.Add(new CompletionCandidate(
                    key: id,
                    value: id,
                    matchOn: new[] { id, subscription.OfferName, subscription.FriendlyName },
                    sortKey: offer,
                    listItemText: $"{offer} ({id})",
                    toolTip: string.IsNullOrEmpty(subscription.Status) ? offer : $"{offer}, {subscription.Status}"));
            }

            return (found, true);
        }

        private static CompletionCandidate? ToCompletionCandidate(CompletionKind kind, Customer customer)
        {
            var id = Id(customer.CustomerId);
            var name = string.IsNullOrEmpty(customer.Name) ? id : customer.Name;
            var toolTip = string.IsNullOrEmpty(customer.Domain) ? name : $"{name}, {customer.Domain}";
            switch (kind)
            {
                case CompletionKind.CustomerName:
                    return string.IsNullOrEmpty(customer.Name)
                        ? null
                        : new CompletionCandidate(customer.Name, CompletionWord.EscapeWildcards(customer.Name), new[] { customer.Name }, customer.Name, customer.Name, toolTip);
                case CompletionKind.CustomerDomain:
                    return string.IsNullOrEmpty(customer.Domain)
                        ? null
                        : new CompletionCandidate(customer.Domain, CompletionWord.EscapeWildcards(customer.Domain), new[] { customer.Domain }, customer.Domain, customer.Domain, toolTip);
                default:
                    return new CompletionCandidate(id, id, new[] { id, customer.Name }, name, $"{name} ({id})", toolTip);
            }
        }

        private static string Id(Guid id) => id.ToString("D");
    }

    /// <summary>A value that may be completed, before the word decides whether it is, and how it is quoted.</summary>
    internal sealed class CompletionCandidate
    {
        public CompletionCandidate(string key, string value, string[] matchOn, string sortKey, string listItemText, string toolTip)
        {
            Key = key;
            Value = value;
            MatchOn = matchOn;
            SortKey = sortKey;
            ListItemText = listItemText;
            ToolTip = toolTip;
        }

        /// <summary>What makes two candidates the same (the id; the name or domain for those).</summary>
        public string Key { get; }

        /// <summary>The text to complete, unquoted.</summary>
        public string Value { get; }

        /// <summary>The texts the word is matched against (an id is found by its start or by the customer's name).</summary>
        public string[] MatchOn { get; }

        public string SortKey { get; }

        public string ListItemText { get; }

        public string ToolTip { get; }
    }
}
