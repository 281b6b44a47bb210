using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Completion
{
    /// <summary>Which customers a parameter names.</summary>
    public enum CustomerScope
    {
        /// <summary>Customers on the partner's list (a relationship exists): what every command but a request acts on.</summary>
        Listed,

        /// <summary>
        /// Customers whose relationship was removed: what a new relationship request is for. Only the local store
        /// knows them; Partner Center no longer lists such a customer.
        /// </summary>
        Removed,
    }

    /// <summary>One completion, ready for PowerShell's CompletionResult (every text non-empty).</summary>
    public sealed class CompletionItem
    {
        internal CompletionItem(string completionText, string listItemText, string toolTip)
        {
            CompletionText = completionText;
            ListItemText = listItemText;
            ToolTip = toolTip;
        }

        /// <summary>What replaces the word on the command line, quoted as needed.</summary>
        public string CompletionText { get; }

        /// <summary>What a completion menu lists.</summary>
        public string ListItemText { get; }

        public string ToolTip { get; }

        public override string ToString() => CompletionText;
    }

    /// <summary>
    /// Tab completion of customer names, domains and ids and of a customer's subscription ids, for one session (one
    /// runspace's connection): at most <see cref="MaxResults"/> results, read from the backend with as little as
    /// that takes (name and domain prefixes go to the source, pages are small, reading stops once enough are found),
    /// and kept for <see cref="DefaultLifetime"/> so that pressing Tab again does not ask again. A longer word is
    /// answered from what was kept for a shorter one when that was everything there is. Completion never fails:
    /// a backend that cannot be opened or read gives no results (and nothing is kept).
    /// </summary>
    public sealed class ArgumentCompletions
    {
        /// <summary>The most results one completion returns.</summary>
        public const int MaxResults = 50;

        /// <summary>The most customers one completion reads when what it looks for cannot be filtered by the source (an id prefix, a wildcard).</summary>
        internal const int MaxScanned = 1000;

        /// <summary>The page size of such a scan: Partner Center's largest, so 1000 customers are two requests.</summary>
        internal const int ScanPageSize = 500;

        /// <summary>The most completions kept at once; beyond it the oldest go first.</summary>
        internal const int MaxKept = 64;

        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(30);

        /// <summary>How long one completion may take reading a backend (Partner Center's retries included) before it gives up.</summary>
        public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromSeconds(5);

        private readonly Func<DateTimeOffset> _clock;
        private readonly TimeSpan _lifetime;
        private readonly TimeSpan _timeBudget;
        private readonly object _gate = new object();
        private readonly List<Entry> _entries = new List<Entry>();

        public ArgumentCompletions(Func<DateTimeOffset>? clock = null, TimeSpan? lifetime = null, TimeSpan? timeBudget = null)
        {
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _lifetime = lifetime ?? DefaultLifetime;
            _timeBudget = timeBudget ?? DefaultTimeBudget;
        }

        private enum Kind
        {
            CustomerName,
            CustomerDomain,
            CustomerId,
            SubscriptionId,
        }

        /// <summary>
        /// Customer names starting with the word, escaped for a parameter that takes wildcards; the tooltip names
        /// the domain. A name two customers share is listed once.
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerNames(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(Kind.CustomerName, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// Customer domains starting with the word; the tooltip names the customer. Escaping for wildcards changes
        /// nothing here (a domain has none of * ? [ ] `), so they suit a literal -Domain as well.
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerDomains(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(Kind.CustomerDomain, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// Customer ids whose id or name starts with the word; listed as "Name (id)", the tooltip the name and domain.
        /// An id prefix is looked for among the first <see cref="MaxScanned"/> customers the source lists (neither
        /// source filters on ids).
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerIds(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(Kind.CustomerId, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// The ids of the customer's subscriptions whose id or offer name starts with the word; listed as
        /// "Offer (id)", the tooltip the offer and status. None for a customer the partner has no relationship with.
        /// </summary>
        public IReadOnlyList<CompletionItem> SubscriptionIds(Guid customerId, string? wordToComplete, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(Kind.SubscriptionId, CustomerScope.Listed, customerId, wordToComplete, openBackend);

        /// <summary>Forgets everything kept: the session's connection changed.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
            }
        }

        private IReadOnlyList<CompletionItem> Complete(Kind kind, CustomerScope scope, Guid? customerId, string? wordToComplete, Func<CancellationToken, IPartnerBackend> openBackend)
        {
            var word = CompletionWord.Parse(wordToComplete);
            var candidates = Kept(kind, scope, customerId, word);
            if (candidates == null)
            {
                var read = Read(kind, scope, customerId, word, openBackend);
                if (read == null)
                {
                    return Array.Empty<CompletionItem>();
                }

                // What a read that ran out of its time budget found is shown, never kept: kept, it would answer
                // this word (wrongly, perhaps with nothing) for the whole lifetime, though the next try may be quick.
                if (!read.Value.GaveUp)
                {
                    Keep(new Entry(kind, scope, customerId, word, read.Value.Candidates, read.Value.Complete, _clock()));
                }

                candidates = read.Value.Candidates;
            }

            return candidates
                .Where(c => c.MatchOn.Any(word.Matches))
                .OrderBy(c => c.SortKey, StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => c.Value, StringComparer.Ordinal)
                .Take(MaxResults)
                .Select(c => new CompletionItem(word.ToCompletionText(c.Value), c.ListItemText, c.ToolTip))
                .ToList();
        }

        // ---- Keeping ----

        /// <summary>
        /// What was kept for this very word, or for a plain shorter word it starts with when that found everything
        /// there is (so it holds every match of this one); null when the backend must be asked.
        /// </summary>
        private IReadOnlyList<Candidate>? Kept(Kind kind, CustomerScope scope, Guid? customerId, CompletionWord word)
        {
            var now = _clock();
            lock (_gate)
            {
                _entries.RemoveAll(e => now - e.ReadAt >= _lifetime || now < e.ReadAt);
                var same = _entries.Where(e => e.Kind == kind && e.Scope == scope && e.CustomerId == customerId).ToList();
                var exact = same.FirstOrDefault(e => string.Equals(e.Word.Text, word.Text, StringComparison.OrdinalIgnoreCase));
                var covering = exact ?? same.FirstOrDefault(e => e.Complete && e.Word.IsPlain && word.Text.StartsWith(e.Word.Text, StringComparison.OrdinalIgnoreCase));
                return covering?.Candidates;
            }
        }

        private void Keep(Entry entry)
        {
            lock (_gate)
            {
                _entries.RemoveAll(e => e.Kind == entry.Kind && e.Scope == entry.Scope && e.CustomerId == entry.CustomerId &&
                                        string.Equals(e.Word.Text, entry.Word.Text, StringComparison.OrdinalIgnoreCase));
                _entries.Add(entry);
                if (_entries.Count > MaxKept)
                {
                    _entries.RemoveRange(0, _entries.Count - MaxKept);
                }
            }
        }

        // ---- Reading ----

        /// <summary>
        /// The candidates for the word, whether they are all there are, and whether the read gave up when its time
        /// budget ran out (so they may be only some of them); null when the backend could not be opened or read.
        /// </summary>
        private (IReadOnlyList<Candidate> Candidates, bool Complete, bool GaveUp)? Read(
            Kind kind, CustomerScope scope, Guid? customerId, CompletionWord word, Func<CancellationToken, IPartnerBackend> openBackend)
        {
            using var budget = new CancellationTokenSource(_timeBudget);
            try
            {
                using var backend = openBackend(budget.Token);
                var (candidates, complete) = kind == Kind.SubscriptionId
                    ? ReadSubscriptions(backend, customerId!.Value, budget.Token)
                    : ReadCustomers(backend, kind, scope, word, budget.Token);
                return (candidates, complete, budget.IsCancellationRequested);
            }
            catch (PartnerException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        private static (IReadOnlyList<Candidate>, bool) ReadCustomers(IPartnerBackend backend, Kind kind, CustomerScope scope, CompletionWord word, CancellationToken cancellation)
        {
            var found = new List<Candidate>();
            if (scope == CustomerScope.Removed && !backend.Can(BackendCapabilities.KeepsRemovedCustomers))
            {
                // Partner Center does not list a customer once the relationship is removed.
                return (found, true);
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var complete = true;
            foreach (var (query, matchesOn) in Queries(kind, scope, word))
            {
                var matched = 0;
                var scanned = 0;
                var exhausted = false;
                using (var customers = backend.GetCustomers(query).GetEnumerator())
                {
                    while (scanned < MaxScanned && matched <= MaxResults && !cancellation.IsCancellationRequested)
                    {
                        if (!customers.MoveNext())
                        {
                            exhausted = true;
                            break;
                        }

                        scanned++;
                        var customer = customers.Current;
                        if (customer.HasRelationship != (scope == CustomerScope.Listed) || !matchesOn(customer).Any(word.Matches))
                        {
                            continue;
                        }

                        matched++;
                        var candidate = ToCandidate(kind, customer);
                        if (candidate != null && seen.Add(candidate.Key))
                        {
                            found.Add(candidate);
                        }
                    }
                }

                complete &= exhausted;
            }

            return (found, complete);
        }

        /// <summary>
        /// What to ask the source. Names and domains: one listing filtered by the word's literal prefix. Ids: the
        /// customers whose name starts with the word, and (when the word could begin an id) a scan for the id.
        /// Small pages where every customer listed is likely a match, scan-sized ones where most are not.
        /// </summary>
        private static IEnumerable<(CustomerQuery Query, Func<Customer, IEnumerable<string>> MatchesOn)> Queries(Kind kind, CustomerScope scope, CompletionWord word)
        {
            var prefix = word.LiteralPrefix;
            var refined = word.HasWildcards || scope == CustomerScope.Removed;
            var pageSize = refined ? ScanPageSize : MaxResults + 1;
            switch (kind)
            {
                case Kind.CustomerName:
                    yield return (new CustomerQuery { NamePrefix = prefix, PageSize = pageSize }, c => new[] { c.Name });
                    break;
                case Kind.CustomerDomain:
                    yield return (new CustomerQuery { DomainPrefix = prefix, PageSize = pageSize }, c => new[] { c.Domain });
                    break;
                default:
                    if (prefix.Length == 0)
                    {
                        yield return (new CustomerQuery { PageSize = word.Text.Length == 0 ? pageSize : ScanPageSize }, c => new[] { Id(c.CustomerId), c.Name });
                        break;
                    }

                    yield return (new CustomerQuery { NamePrefix = prefix, PageSize = pageSize }, c => new[] { c.Name });
                    if (CouldBeginAnId(prefix))
                    {
                        yield return (new CustomerQuery { PageSize = ScanPageSize }, c => new[] { Id(c.CustomerId) });
                    }

                    break;
            }
        }

        private static bool CouldBeginAnId(string prefix) =>
            prefix.Length <= 36 && prefix.All(c => c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

        private static (IReadOnlyList<Candidate>, bool) ReadSubscriptions(IPartnerBackend backend, Guid customerId, CancellationToken cancellation)
        {
            var found = new List<Candidate>();

            // The store keeps a removed customer's subscriptions, which the commands then refuse; Partner Center
            // refuses the listing itself (no relationship), which ends here as no results.
            if (backend.Can(BackendCapabilities.KeepsRemovedCustomers) && backend.GetCustomer(customerId) is not { HasRelationship: true })
            {
                return (found, true);
            }

            foreach (var subscription in backend.GetSubscriptions(customerId).Take(MaxScanned))
            {
                cancellation.ThrowIfCancellationRequested();
                var id = Id(subscription.SubscriptionId);
                var offer = string.IsNullOrEmpty(subscription.OfferName) ? id : subscription.OfferName;
                found.Add(new Candidate(
                    key: id,
                    value: id,
                    matchOn: new[] { id, subscription.OfferName, subscription.FriendlyName },
                    sortKey: offer,
                    listItemText: $"{offer} ({id})",
                    toolTip: string.IsNullOrEmpty(subscription.Status) ? offer : $"{offer}, {subscription.Status}"));
            }

            return (found, true);
        }

        private static Candidate? ToCandidate(Kind kind, Customer customer)
        {
            var id = Id(customer.CustomerId);
            var name = string.IsNullOrEmpty(customer.Name) ? id : customer.Name;
            var toolTip = string.IsNullOrEmpty(customer.Domain) ? name : $"{name}, {customer.Domain}";
            switch (kind)
            {
                case Kind.CustomerName:
                    return string.IsNullOrEmpty(customer.Name)
                        ? null
                        : new Candidate(customer.Name, CompletionWord.EscapeWildcards(customer.Name), new[] { customer.Name }, customer.Name, customer.Name, toolTip);
                case Kind.CustomerDomain:
                    return string.IsNullOrEmpty(customer.Domain)
                        ? null
                        : new Candidate(customer.Domain, CompletionWord.EscapeWildcards(customer.Domain), new[] { customer.Domain }, customer.Domain, customer.Domain, toolTip);
                default:
                    return new Candidate(id, id, new[] { id, customer.Name }, name, $"{name} ({id})", toolTip);
            }
        }

        private static string Id(Guid id) => id.ToString("D");

        /// <summary>A value that may be completed, before the word decides whether it is, and how it is quoted.</summary>
        private sealed class Candidate
        {
            public Candidate(string key, string value, string[] matchOn, string sortKey, string listItemText, string toolTip)
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

        private sealed class Entry
        {
            public Entry(Kind kind, CustomerScope scope, Guid? customerId, CompletionWord word, IReadOnlyList<Candidate> candidates, bool complete, DateTimeOffset readAt)
            {
                Kind = kind;
                Scope = scope;
                CustomerId = customerId;
                Word = word;
                Candidates = candidates;
                Complete = complete;
                ReadAt = readAt;
            }

            public Kind Kind { get; }

            public CustomerScope Scope { get; }

            public Guid? CustomerId { get; }

            public CompletionWord Word { get; }

            public IReadOnlyList<Candidate> Candidates { get; }

            /// <summary>Every match of the word there is, not only the first ones.</summary>
            public bool Complete { get; }

            public DateTimeOffset ReadAt { get; }
        }
    }
}
