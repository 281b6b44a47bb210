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

/// <summary>One Azure subscription under an Azure plan (an Azure entitlement), for assertions.</summary>
/// <param name="Id">Entitlement id.</param>
/// <param name="FriendlyName">Name shown for it.</param>
/// <param name="Status">"active", or "disabled" once cancelled.</param>
public sealed record AzureSubscriptionState(Guid Id, string FriendlyName, string Status);

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
    string BillingType,
    string TermDuration,
    DateTimeOffset CreationDate,
    DateTimeOffset? CommitmentEndDate,
    DateTimeOffset? CancellationAllowedUntil,
    Guid? ParentSubscriptionId,
    Guid OrderId,
    string Etag,
    IReadOnlyList<StatusTransition> StatusHistory,
    IReadOnlyList<AzureSubscriptionState> AzureSubscriptions)
{
    /// <summary>Status changes applied through PATCH (no-ops and replays are not counted).</summary>
    public int StatusTransitionCount => StatusHistory.Count;

    /// <summary>Whether the offer id has the new-commerce shape (product:sku), the way the service's callers tell.</summary>
    public bool IsNewCommerce => SubscriptionRules.IsNewCommerce(OfferId);

    /// <summary>How many Azure subscriptions under this (Azure plan) subscription are active.</summary>
    public int ActiveAzureSubscriptionCount => AzureSubscriptions.Count(a => SubscriptionRules.Is(a.Status, "active"));

    /// <summary>How many applied transitions went to <paramref name="status"/> (e.g. "suspended exactly once").</summary>
    public int TransitionsTo(string status) => StatusHistory.Count(t => string.Equals(t.To, status, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What <see cref="PartnerCenterEmulator.AddSubscription(Guid, SubscriptionSeed?)"/> creates; every property has a default.</summary>
public sealed record SubscriptionSeed
{
    /// <summary>Id; null = new random id.</summary>
    public Guid? Id { get; init; }

    /// <summary>
    /// Offer id. A legacy (GUID) offer by default, so a default subscription is suspended, not cancelled, before
    /// removal; a product:sku id ("CFQ7TTC0LFLX:0001") makes it new commerce (<see cref="NewCommerce"/>).
    /// </summary>
    public string OfferId { get; init; } = "91FD106F-4B2C-4938-95AC-F54F74E9A239";

    /// <summary>Offer name.</summary>
    public string OfferName { get; init; } = "Office 365 E1";

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

    /// <summary>"license", or "usage" for an Azure plan (<see cref="AzurePlan"/>).</summary>
    public string BillingType { get; init; } = "license";

    /// <summary>Term duration.</summary>
    public string TermDuration { get; init; } = "P1M";

    /// <summary>Creation date; null = 2024-01-15.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>Commitment end date; null = creation date + term.</summary>
    public DateTimeOffset? CommitmentEndDate { get; init; }

    /// <summary>Order id; null = new random id.</summary>
    public Guid? OrderId { get; init; }

    /// <summary>
    /// The last moment a cancellation is accepted; null = the window after purchase (creation date + 7 days) for a
    /// new-commerce license subscription, and none for any other, which cannot be given one.
    /// </summary>
    public DateTimeOffset? CancellationAllowedUntil { get; init; }

    /// <summary>The base subscription (of the same customer, added before) of an add-on; null for a base subscription.</summary>
    public Guid? ParentSubscriptionId { get; init; }

    /// <summary>For an Azure plan: how many active Azure subscriptions it has (listed by azureEntitlements).</summary>
    public int ActiveAzureSubscriptions { get; init; }

    /// <summary>For an Azure plan: how many cancelled ("disabled") Azure subscriptions it still lists.</summary>
    public int CancelledAzureSubscriptions { get; init; }

    /// <summary>An active new-commerce Microsoft 365 E3 for one year, bought at <paramref name="creationDate"/> (default 2024-01-15).</summary>
    public static SubscriptionSeed NewCommerce(DateTimeOffset? creationDate = null) => new()
    {
        OfferId = "CFQ7TTC0LFLX:0001",
        OfferName = "Microsoft 365 E3",
        BillingCycle = "annual",
        TermDuration = "P1Y",
        CreationDate = creationDate,
    };

    /// <summary>An active Azure plan (new commerce, billed by usage) with <paramref name="activeAzureSubscriptions"/> active Azure subscriptions.</summary>
    public static SubscriptionSeed AzurePlan(int activeAzureSubscriptions = 0) => new()
    {
        OfferId = "DZH318Z0BPS6:0001",
        OfferName = "Azure plan",
        UnitType = "Usage-based",
        BillingType = "usage",
        TermDuration = "",
        ActiveAzureSubscriptions = activeAzureSubscriptions,
    };
}

/// <summary>Snapshot of a GDAP relationship (Graph's delegatedAdminRelationship) at the emulator's clock, for assertions.</summary>
/// <param name="Id">Relationship id (two GUIDs joined by '-', as Graph makes them).</param>
/// <param name="CustomerTenantId">customer.tenantId.</param>
/// <param name="CustomerDisplayName">customer.displayName.</param>
/// <param name="DisplayName">displayName.</param>
/// <param name="Status">Current status; a requested termination moves on by the clock (see <see cref="EmulatorOptions.GraphTerminationDelay"/>).</param>
/// <param name="Duration">duration, e.g. P730D.</param>
/// <param name="AutoExtendDuration">autoExtendDuration: P180D or PT0S.</param>
/// <param name="CreatedDateTime">createdDateTime.</param>
/// <param name="LastModifiedDateTime">lastModifiedDateTime: when the status (or anything else) last changed.</param>
/// <param name="ActivatedDateTime">activatedDateTime; null until the customer approved it.</param>
/// <param name="EndDateTime">endDateTime: when it ends, or ended once terminated.</param>
/// <param name="RoleDefinitionIds">accessDetails.unifiedRoles.</param>
/// <param name="Etag">The @odata.etag exactly as served (W/"..."), for If-Match; it changes with every change.</param>
/// <param name="Requests">The requests made of it (terminate, lockForApproval), oldest first.</param>
/// <param name="AccessAssignments">Its access assignments, oldest first.</param>
public sealed record AdminRelationshipState(
    string Id,
    Guid CustomerTenantId,
    string CustomerDisplayName,
    string DisplayName,
    string Status,
    string Duration,
    string AutoExtendDuration,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset LastModifiedDateTime,
    DateTimeOffset? ActivatedDateTime,
    DateTimeOffset? EndDateTime,
    IReadOnlyList<Guid> RoleDefinitionIds,
    string Etag,
    IReadOnlyList<AdminRelationshipRequestState> Requests,
    IReadOnlyList<AccessAssignmentState> AccessAssignments);

/// <summary>A request made of a GDAP relationship (delegatedAdminRelationshipRequest).</summary>
/// <param name="Id">Request id (a GUID).</param>
/// <param name="Action">terminate or lockForApproval.</param>
/// <param name="Status">pending until done, then succeeded (the POST itself answers created).</param>
/// <param name="CreatedDateTime">When it was made.</param>
/// <param name="LastModifiedDateTime">When its status last changed.</param>
public sealed record AdminRelationshipRequestState(string Id, string Action, string Status, DateTimeOffset CreatedDateTime, DateTimeOffset LastModifiedDateTime);

/// <summary>An access assignment of a GDAP relationship (delegatedAdminAccessAssignment): roles granted to a security group.</summary>
/// <param name="Id">Assignment id.</param>
/// <param name="SecurityGroupId">accessContainer.accessContainerId (accessContainerType is always securityGroup).</param>
/// <param name="Status">Always active: the emulator applies assignments at once.</param>
/// <param name="RoleDefinitionIds">accessDetails.unifiedRoles, a subset of the relationship's.</param>
/// <param name="CreatedDateTime">createdDateTime.</param>
/// <param name="LastModifiedDateTime">lastModifiedDateTime.</param>
/// <param name="Etag">The @odata.etag exactly as served (W/"..."), for If-Match.</param>
public sealed record AccessAssignmentState(
    string Id,
    Guid SecurityGroupId,
    string Status,
    IReadOnlyList<Guid> RoleDefinitionIds,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset LastModifiedDateTime,
    string Etag);

/// <summary>What <see cref="PartnerCenterEmulator.AddAdminRelationship(Guid, AdminRelationshipSeed?)"/> creates; every property has a default.</summary>
public sealed record AdminRelationshipSeed
{
    /// <summary>Id; null = two new GUIDs joined by '-'.</summary>
    public string? Id { get; init; }

    /// <summary>displayName; null = "GDAP " and the customer's display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>customer.displayName; null = the company name of a seeded customer with that id, else the tenant id.</summary>
    public string? CustomerDisplayName { get; init; }

    /// <summary>Status, one of Graph's (any casing): active by default.</summary>
    public string Status { get; init; } = "active";

    /// <summary>duration, an ISO 8601 duration.</summary>
    public string Duration { get; init; } = "P730D";

    /// <summary>autoExtendDuration: P180D (extends itself) or PT0S (does not), the only two Graph has.</summary>
    public string AutoExtendDuration { get; init; } = "P180D";

    /// <summary>The roles (role template ids); null = Directory Readers and User Administrator.</summary>
    public IReadOnlyList<Guid>? RoleDefinitionIds { get; init; }

    /// <summary>createdDateTime; null = 2024-02-01T08:00:00Z.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>activatedDateTime; null = a day after creation for a status that comes after approval (active and on), else none.</summary>
    public DateTimeOffset? ActivatedDateTime { get; init; }

    /// <summary>endDateTime; null = activation + duration, or none before activation.</summary>
    public DateTimeOffset? EndDateTime { get; init; }
}
