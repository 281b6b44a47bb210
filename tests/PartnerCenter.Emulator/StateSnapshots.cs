namespace PartnerCenter.Emulator;

/// <summary>Snapshot of a customer, for assertions.</summary>
public sealed record CustomerState(
    Guid Id,
    string CompanyName,
    string Domain,
    string RelationshipToPartner,
    bool AllowDelegatedAccess,
    int SubscriptionCount)
{
    /// <summary>Customer id = Entra tenant id.</summary>
    public Guid TenantId => Id;

    /// <summary>Position in the list order; continuation tokens point at it so paging survives removals.</summary>
    internal long Seq { get; init; }
}

/// <summary>One applied status change of a subscription.</summary>
/// <param name="From">Status before.</param>
/// <param name="To">Status after.</param>
/// <param name="At">When it was applied.</param>
/// <param name="RequestId">MS-RequestId of the PATCH that applied it, if any.</param>
public sealed record StatusTransition(string From, string To, DateTimeOffset At, string? RequestId);

/// <summary>Snapshot of a subscription, for assertions.</summary>
public sealed record SubscriptionState(
    Guid Id,
    Guid CustomerId,
    string OfferId,
    string OfferName,
    string FriendlyName,
    int Quantity,
    string UnitType,
    string Status,
    bool AutoRenewEnabled,
    string BillingCycle,
    string TermDuration,
    DateTimeOffset CreationDate,
    DateTimeOffset? CommitmentEndDate,
    Guid OrderId,
    string Etag,
    IReadOnlyList<StatusTransition> StatusHistory)
{
    /// <summary>Status changes applied through PATCH (no-ops and replays are not counted).</summary>
    public int StatusTransitionCount => StatusHistory.Count;

    /// <summary>How many applied transitions went to <paramref name="status"/> (e.g. "suspended exactly once").</summary>
    public int TransitionsTo(string status) => StatusHistory.Count(t => string.Equals(t.To, status, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What <see cref="PartnerCenterEmulator.AddSubscription(Guid, SubscriptionSeed?)"/> creates; every property has a default.</summary>
public sealed record SubscriptionSeed
{
    /// <summary>Id; null = new random id.</summary>
    public Guid? Id { get; init; }

    /// <summary>Offer id.</summary>
    public string OfferId { get; init; } = "CFQ7TTC0LH18:0001";

    /// <summary>Offer name.</summary>
    public string OfferName { get; init; } = "Microsoft 365 Business Basic";

    /// <summary>Friendly name; null = the offer name.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>Seat count.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>Unit type.</summary>
    public string UnitType { get; init; } = "Licenses";

    /// <summary>Status, any string (unknown values such as "in_grace" are kept as is).</summary>
    public string Status { get; init; } = "active";

    /// <summary>Auto-renew flag.</summary>
    public bool AutoRenewEnabled { get; init; } = true;

    /// <summary>Billing cycle.</summary>
    public string BillingCycle { get; init; } = "monthly";

    /// <summary>Term duration.</summary>
    public string TermDuration { get; init; } = "P1M";

    /// <summary>Creation date; null = 2024-01-15.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>Commitment end date; null = creation date + term.</summary>
    public DateTimeOffset? CommitmentEndDate { get; init; }

    /// <summary>Order id; null = new random id.</summary>
    public Guid? OrderId { get; init; }
}
