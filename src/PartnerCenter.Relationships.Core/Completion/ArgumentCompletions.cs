using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;

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

        /// <summary>
        /// Customer names starting with the word, escaped for a parameter that takes wildcards; the tooltip names
        /// the domain. A name two customers share is listed once.
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerNames(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(CompletionKind.CustomerName, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// Customer domains starting with the word; the tooltip names the customer. Escaping for wildcards changes
        /// nothing here (a domain has none of * ? [ ] `), so they suit a literal -Domain as well.
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerDomains(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(CompletionKind.CustomerDomain, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// Customer ids whose id or name starts with the word; listed as "Name (id)", the tooltip the name and domain.
        /// An id prefix is looked for among the first <see cref="MaxScanned"/> customers the source lists (neither
        /// source filters on ids).
        /// </summary>
        public IReadOnlyList<CompletionItem> CustomerIds(string? wordToComplete, CustomerScope scope, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(CompletionKind.CustomerId, scope, null, wordToComplete, openBackend);

        /// <summary>
        /// The ids of the customer's subscriptions whose id or offer name starts with the word; listed as
        /// "Offer (id)", the tooltip the offer and status. None for a customer the partner has no relationship with.
        /// </summary>
        public IReadOnlyList<CompletionItem> SubscriptionIds(Guid customerId, string? wordToComplete, Func<CancellationToken, IPartnerBackend> openBackend) =>
            Complete(CompletionKind.SubscriptionId, CustomerScope.Listed, customerId, wordToComplete, openBackend);

        /// <summary>Forgets everything kept: the session's connection changed.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
            }
        }

        private IReadOnlyList<CompletionItem> Complete(CompletionKind kind, CustomerScope scope, Guid? customerId, string? wordToComplete, Func<CancellationToken, IPartnerBackend> openBackend)
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
        private IReadOnlyList<CompletionCandidate>? Kept(CompletionKind kind, CustomerScope scope, Guid? customerId, CompletionWord word)
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
        private (IReadOnlyList<CompletionCandidate> Candidates, bool Complete, bool GaveUp)? Read(
            CompletionKind kind, CustomerScope scope, Guid? customerId, CompletionWord word, Func<CancellationToken, IPartnerBackend> openBackend)
        {
            using var budget = new CancellationTokenSource(_timeBudget);
            try
            {
                using var backend = openBackend(budget.Token);
                var (candidates, complete) = kind == CompletionKind.SubscriptionId
                    ? CompletionReader.ReadSubscriptions(backend, customerId!.Value, budget.Token)
                    : CompletionReader.ReadCustomers(backend, kind, scope, word, budget.Token);
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

        private sealed class Entry
        {
            public Entry(CompletionKind kind, CustomerScope scope, Guid? customerId, CompletionWord word, IReadOnlyList<CompletionCandidate> candidates, bool complete, DateTimeOffset readAt)
            {
                Kind = kind;
                Scope = scope;
                CustomerId = customerId;
                Word = word;
                Candidates = candidates;
                Complete = complete;
                ReadAt = readAt;
            }

            public CompletionKind Kind { get; }

            public CustomerScope Scope { get; }

            public Guid? CustomerId { get; }

            public CompletionWord Word { get; }

            public IReadOnlyList<CompletionCandidate> Candidates { get; }

            /// <summary>Every match of the word there is, not only the first ones.</summary>
            public bool Complete { get; }

            public DateTimeOffset ReadAt { get; }
        }
    }
}
