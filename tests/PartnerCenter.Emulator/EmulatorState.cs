using System.Globalization;

namespace PartnerCenter.Emulator;

/// <summary>Outcome of a customer lookup.</summary>
internal enum Lookup
{
    Found,
    Unknown,
    Removed,
}

/// <summary>
/// All the mutable state. One lock guards it: operations are tiny, and a single lock makes
/// "check then apply" (If-Match, transitions, MS-RequestId replays) trivially atomic under concurrent requests.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly Lock _gate = new();
    private readonly List<CustomerRecord> _customers = []; // insertion order = list order; Seq only grows
    private readonly Dictionary<Guid, CustomerRecord> _byId = [];
    private readonly Dictionary<string, EmulatorResponse> _applied = new(StringComparer.Ordinal); // MS-RequestId replays
    private readonly Queue<string> _appliedOrder = new(); // oldest first, for eviction beyond the capacity
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private long _nextSeq;
    private long _etagCounter;
    private int _seededCustomers;

    public EmulatorState(EmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
    }

    // ---- seeding and read-back -------------------------------------------------------------

    public Guid AddCustomer(string companyName, string domain, string relationshipToPartner, bool allowDelegatedAccess, Guid? id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(relationshipToPartner);
        var customerId = id ?? Guid.NewGuid();
        lock (_gate)
        {
            if (_byId.ContainsKey(customerId))
            {
                throw new InvalidOperationException($"Customer {customerId} already exists.");
            }

            var record = new CustomerRecord(customerId, ++_nextSeq, companyName, domain, relationshipToPartner, allowDelegatedAccess);
            _customers.Add(record);
            _byId.Add(customerId, record);
        }

        return customerId;
    }

    public SubscriptionState AddSubscription(Guid customerId, SubscriptionSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentException.ThrowIfNullOrWhiteSpace(seed.Status);
        lock (_gate)
        {
            var customer = RequireCustomer(customerId);
            var id = seed.Id ?? Guid.NewGuid();
            if (customer.Subscriptions.Any(s => s.Id == id))
            {
                throw new InvalidOperationException($"Subscription {id} already exists for customer {customerId}.");
            }

            if (seed.ParentSubscriptionId is { } parent && customer.Subscriptions.All(s => s.Id != parent))
            {
                throw new ArgumentException($"The base subscription {parent} of an add-on must be added to customer {customerId} first.", nameof(seed));
            }

            var created = seed.CreationDate ?? new DateTimeOffset(2024, 1, 15, 8, 0, 0, TimeSpan.Zero);
            var record = new SubscriptionRecord(id, customerId)
            {
                OfferId = seed.OfferId,
                OfferName = seed.OfferName,
                FriendlyName = seed.FriendlyName ?? seed.OfferName,
                Quantity = seed.Quantity,
                UnitType = seed.UnitType,
                Status = seed.Status,
                AutoRenewEnabled = seed.AutoRenewEnabled,
                BillingCycle = seed.BillingCycle,
                BillingType = seed.BillingType,
                TermDuration = seed.TermDuration,
                CreationDate = created,
                CommitmentEndDate = seed.CommitmentEndDate ?? AddTerm(created, seed.TermDuration),
                CancellationAllowedUntil = CancellationWindowOf(seed, created),
                ParentSubscriptionId = seed.ParentSubscriptionId,
                OrderId = seed.OrderId ?? Guid.NewGuid(),
                Etag = NewEtag(),
            };
            record.AzureSubscriptions.AddRange(AzureSubscriptionsOf(seed));
            customer.Subscriptions.Add(record);
            return record.Snapshot();
        }
    }

    /// <summary>The seed's window, or the one after purchase; a subscription that has none cannot be given one.</summary>
    private static DateTimeOffset? CancellationWindowOf(SubscriptionSeed seed, DateTimeOffset created)
    {
        if (!SubscriptionRules.HasCancellationWindow(seed.OfferId, seed.BillingType))
        {
            return seed.CancellationAllowedUntil is null ? null
                : throw new ArgumentException("Only a new-commerce license subscription (offer id product:sku, billing type license) has a cancellation window.", nameof(seed));
        }

        return seed.CancellationAllowedUntil ?? created.AddDays(SubscriptionRules.CancellationWindowDays);
    }

    private static IEnumerable<AzureSubscriptionState> AzureSubscriptionsOf(SubscriptionSeed seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed.ActiveAzureSubscriptions);
        ArgumentOutOfRangeException.ThrowIfNegative(seed.CancelledAzureSubscriptions);
        if (seed.ActiveAzureSubscriptions + seed.CancelledAzureSubscriptions > 0 && !SubscriptionRules.IsUsage(seed.BillingType))
        {
            throw new ArgumentException("Only an Azure plan (billing type usage) has Azure subscriptions.", nameof(seed));
        }

        var statuses = Enumerable.Repeat("active", seed.ActiveAzureSubscriptions).Concat(Enumerable.Repeat("disabled", seed.CancelledAzureSubscriptions));
        return statuses.Select((status, i) => new AzureSubscriptionState(Guid.NewGuid(), $"Azure subscription {i + 1}", status)).ToList();
    }

    public IReadOnlyList<Guid> Seed(int customers, int subscriptionsPerCustomer, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(subscriptionsPerCustomer);
        (string OfferId, string Name, string Cycle, string Term)[] offers =
        [
            ("CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", "monthly", "P1M"),
            ("CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard", "annual", "P1Y"),
            ("CFQ7TTC0LFLZ:0001", "Microsoft 365 E3", "annual", "P1Y"),
            ("CFQ7TTC0LH16:0001", "Exchange Online (Plan 1)", "monthly", "P1M"),
        ];

        // Everything, ids included, comes from one Random(seed): the same call gives the same data.
        var random = new Random(seed);
        Guid NextGuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, so the ids look like real ones
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        var ids = new List<Guid>(customers);
        lock (_gate)
        {
            var first = _seededCustomers + 1;
            var width = Math.Max(3, (first + customers - 1).ToString(CultureInfo.InvariantCulture).Length);
            for (var i = 0; i < customers; i++)
            {
                var number = (first + i).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
                var id = NextGuid();
                while (_byId.ContainsKey(id))
                {
                    id = NextGuid();
                }

                AddCustomer($"Contoso {number}", $"contoso{number}.onmicrosoft.com", "reseller", allowDelegatedAccess: random.Next(2) == 0, id);
                for (var s = 0; s < subscriptionsPerCustomer; s++)
                {
                    var offer = offers[random.Next(offers.Length)];
                    AddSubscription(id, new SubscriptionSeed
                    {
                        Id = NextGuid(),
                        OfferId = offer.OfferId,
                        OfferName = offer.Name,
                        Quantity = 1 + random.Next(50),
                        BillingCycle = offer.Cycle,
                        TermDuration = offer.Term,
                        CreationDate = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(365)).AddSeconds(random.Next(86400)),
                        OrderId = NextGuid(),
                    });
                }

                ids.Add(id);
            }

            _seededCustomers += customers;
        }

        return ids;
    }

    public CustomerState? GetCustomer(Guid id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var c) ? c.Snapshot() : null;
        }
    }

    public IReadOnlyList<CustomerState> GetCustomers()
    {
        lock (_gate)
        {
            return _customers.Select(c => c.Snapshot()).ToList();
        }
    }

    public SubscriptionState? GetSubscription(Guid customerId, Guid subscriptionId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(customerId, out var c) ? c.Subscriptions.FirstOrDefault(s => s.Id == subscriptionId)?.Snapshot() : null;
        }
    }

    public void SetRelationship(Guid customerId, string relationshipToPartner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relationshipToPartner);
        lock (_gate)
        {
            RequireCustomer(customerId).Relationship = relationshipToPartner;
        }
    }

    public void SetSubscriptionStatus(Guid customerId, Guid subscriptionId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        lock (_gate)
        {
            var sub = RequireCustomer(customerId).Subscriptions.FirstOrDefault(s => s.Id == subscriptionId)
                ?? throw new KeyNotFoundException($"Subscription {subscriptionId} not found.");
            sub.Status = status;
            sub.Etag = NewEtag();
        }
    }

    // ---- API operations (called by Routes) -------------------------------------------------

    /// <summary>One page of the visible customers (relationship not "none") after position <paramref name="afterSeq"/>.</summary>
    public (List<CustomerState> Items, long LastSeq, bool More) ListCustomers(Func<CustomerState, bool> filter, long afterSeq, int take)
    {
        lock (_gate)
        {
            var items = new List<CustomerState>(Math.Min(take, 1024));
            long last = afterSeq;
            foreach (var c in _customers)
            {
                if (c.Seq <= afterSeq || IsNone(c.Relationship))
                {
                    continue;
                }

                var snapshot = c.Snapshot();
                if (!filter(snapshot))
                {
                    continue;
                }

                if (items.Count == take)
                {
                    return (items, last, true);
                }

                items.Add(snapshot);
                last = c.Seq;
            }

            return (items, last, false);
        }
    }

    public Lookup FindCustomer(Guid id, out CustomerState? customer)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var c))
            {
                customer = null;
                return Lookup.Unknown;
            }

            customer = c.Snapshot();
            return IsNone(c.Relationship) ? Lookup.Removed : Lookup.Found;
        }
    }

    public List<SubscriptionState> ListSubscriptions(Guid customerId)
    {
        lock (_gate)
        {
            return _byId[customerId].Subscriptions.Select(s => s.Snapshot()).ToList();
        }
    }

    /// <summary>
    /// Runs <paramref name="apply"/> under the state lock unless a successful response is already stored for
    /// <paramref name="requestId"/> on this operation, in which case that response is replayed. Storing only
    /// successes follows the doc: after any answer the client uses a new id, and a retry after an error must re-run.
    /// </summary>
    public EmulatorResponse RunOnce(string? requestId, string operation, Func<Mutations, EmulatorResponse> apply, out bool replayed)
    {
        var key = requestId is null ? null : requestId + " " + operation;
        lock (_gate)
        {
            if (key is not null && _applied.TryGetValue(key, out var stored))
            {
                replayed = true;
                return stored.Clone();
            }

            replayed = false;
            var response = apply(new Mutations(this, requestId));
            if (key is not null && response.IsSuccess)
            {
                _applied[key] = response.Clone();
                _appliedOrder.Enqueue(key);
                var capacity = _options.IdempotencyCapacity;
                while (_appliedOrder.Count > capacity)
                {
                    _applied.Remove(_appliedOrder.Dequeue());
                }
            }

            return response;
        }
    }

    /// <summary>Changes made from inside <see cref="RunOnce"/> (the lock is held).</summary>
    internal readonly struct Mutations(EmulatorState state, string? requestId)
    {
        public Lookup FindCustomer(Guid id, out CustomerState? customer) => state.FindCustomer(id, out customer);

        public SubscriptionState? FindSubscription(Guid customerId, Guid subscriptionId) => state.GetSubscription(customerId, subscriptionId);

        public bool HasActiveSubscription(Guid customerId) =>
            state._byId[customerId].Subscriptions.Any(s => string.Equals(s.Status, "active", StringComparison.OrdinalIgnoreCase));

        public bool HasUncancelledNewCommerceSubscription(Guid customerId) =>
            state._byId[customerId].Subscriptions.Any(s => SubscriptionRules.BlocksRemovalUntilCancelled(s.OfferId, s.BillingType, s.Status));

        /// <summary>The emulator's clock, which cancellation windows are judged by.</summary>
        public DateTimeOffset Now => state._time.GetUtcNow();

        /// <summary>Applies what a PATCH changes: a status change is recorded as a transition; any change gives a new etag.</summary>
        public SubscriptionState Apply(Guid customerId, Guid subscriptionId, SubscriptionChange change)
        {
            var sub = state._byId[customerId].Subscriptions.First(s => s.Id == subscriptionId);
            if (!SubscriptionRules.Is(sub.Status, change.Status))
            {
                sub.History.Add(new StatusTransition(sub.Status, change.Status, state._time.GetUtcNow(), requestId));
                sub.Status = change.Status;
            }

            sub.AutoRenewEnabled = change.AutoRenewEnabled;
            sub.CancellationAllowedUntil = change.CancellationAllowedUntil;
            sub.Etag = state.NewEtag();
            return sub.Snapshot();
        }

        public CustomerState RemoveRelationship(Guid customerId)
        {
            var customer = state._byId[customerId];
            customer.Relationship = "none";
            customer.AllowDelegatedAccess = false; // removal also removes DAP
            return customer.Snapshot();
        }

        public CustomerState RemoveDelegatedAccess(Guid customerId)
        {
            var customer = state._byId[customerId];
            customer.AllowDelegatedAccess = false;
            return customer.Snapshot();
        }
    }

    internal static bool IsNone(string relationship) => string.Equals(relationship, "none", StringComparison.OrdinalIgnoreCase);

    private CustomerRecord RequireCustomer(Guid id) =>
        _byId.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"Customer {id} not found.");

    // Multiplying a counter by an odd constant is a bijection on 64-bit values: unique, yet opaque-looking etags.
    private string NewEtag() => unchecked((long)((ulong)++_etagCounter * 0x9E3779B97F4A7C15UL)).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? AddTerm(DateTimeOffset start, string term) => term.ToUpperInvariant() switch
    {
        "P1M" => start.AddMonths(1).AddDays(-1),
        "P1Y" => start.AddYears(1).AddDays(-1),
        "P3Y" => start.AddYears(3).AddDays(-1),
        _ => null,
    };

    private sealed class CustomerRecord(Guid id, long seq, string companyName, string domain, string relationship, bool allowDelegatedAccess)
    {
        public Guid Id { get; } = id;

        public long Seq { get; } = seq;

        public string CompanyName { get; } = companyName;

        public string Domain { get; } = domain;

        public string Relationship { get; set; } = relationship;

        public bool AllowDelegatedAccess { get; set; } = allowDelegatedAccess;

        public List<SubscriptionRecord> Subscriptions { get; } = [];

        public CustomerState Snapshot() => new(Id, CompanyName, Domain, Relationship, AllowDelegatedAccess, Subscriptions.Count) { Seq = Seq };
    }

    private sealed class SubscriptionRecord(Guid id, Guid customerId)
    {
        public Guid Id { get; } = id;

        public Guid CustomerId { get; } = customerId;

        public required string OfferId { get; init; }

        public required string OfferName { get; init; }

        public required string FriendlyName { get; init; }

        public required int Quantity { get; init; }

        public required string UnitType { get; init; }

        public required string Status { get; set; }

        public required bool AutoRenewEnabled { get; set; }

        public required string BillingCycle { get; init; }

        public required string BillingType { get; init; }

        public required string TermDuration { get; init; }

        public required DateTimeOffset CreationDate { get; init; }

        public required DateTimeOffset? CommitmentEndDate { get; init; }

        public required DateTimeOffset? CancellationAllowedUntil { get; set; }

        public required Guid? ParentSubscriptionId { get; init; }

        public required Guid OrderId { get; init; }

        public required string Etag { get; set; }

        public List<StatusTransition> History { get; } = [];

        public List<AzureSubscriptionState> AzureSubscriptions { get; } = [];

        public SubscriptionState Snapshot() => new(Id, CustomerId, OfferId, OfferName, FriendlyName, Quantity, UnitType, Status, AutoRenewEnabled,
            BillingCycle, BillingType, TermDuration, CreationDate, CommitmentEndDate, CancellationAllowedUntil, ParentSubscriptionId, OrderId, Etag,
            History.ToArray(), AzureSubscriptions.ToArray());
    }
}
