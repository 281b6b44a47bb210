using System.Text;

namespace PartnerCenter.Emulator;

/// <summary>Where a list of GDAP relationships goes on from: after this creation time and, among equals, this id.</summary>
internal readonly record struct ListPosition(long CreatedTicks, string Id);

/// <summary>One page of GDAP relationships, and whether more follow.</summary>
internal sealed record AdminRelationshipPage(IReadOnlyList<AdminRelationshipState> Items, bool More);

/// <summary>
/// The GDAP relationships (Graph), under the same lock as the rest of the state. A termination is stored as when it was
/// asked and when it is done; the status in between is worked out from the clock whenever a relationship is read.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly Dictionary<string, AdminRelationshipRecord> _relationships = new(StringComparer.OrdinalIgnoreCase);

    // ---- seeding and read-back -------------------------------------------------------------

    public AdminRelationshipState AddAdminRelationship(Guid customerTenantId, AdminRelationshipSeed seed)
    {
        var status = CheckedStatus(seed);
        var roles = (seed.RoleDefinitionIds ?? AdminRelationshipRules.DefaultRoles).ToArray();
        lock (_gate)
        {
            var id = seed.Id ?? $"{Guid.NewGuid()}-{Guid.NewGuid()}";
            if (_relationships.ContainsKey(id))
            {
                throw new InvalidOperationException($"Admin relationship {id} already exists.");
            }

            var customerName = seed.CustomerDisplayName ?? (_byId.TryGetValue(customerTenantId, out var c) ? c.CompanyName : customerTenantId.ToString());
            var created = seed.CreatedDateTime ?? new DateTimeOffset(2024, 2, 1, 8, 0, 0, TimeSpan.Zero);
            var activated = seed.ActivatedDateTime ?? (AdminRelationshipRules.HasBeenActive(status) ? created.AddDays(1) : null);
            var record = new AdminRelationshipRecord(id, customerTenantId)
            {
                CustomerDisplayName = customerName,
                DisplayName = seed.DisplayName ?? "GDAP " + customerName,
                Duration = seed.Duration,
                AutoExtendDuration = seed.AutoExtendDuration,
                Roles = roles,
                CreatedDateTime = created,
                ActivatedDateTime = activated,
                EndDateTime = seed.EndDateTime ?? activated + AdminRelationshipRules.ParseDuration(seed.Duration, nameof(seed)),
                Status = status,
                ChangedAt = activated ?? created,
                Etag = NewEtag(),
            };
            _relationships.Add(id, record);
            return record.Snapshot(_time.GetUtcNow());
        }
    }

    /// <summary>The seed's status as Graph spells it, once the seed is one Graph could have.</summary>
    private static string CheckedStatus(AdminRelationshipSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var status = AdminRelationshipRules.Canonical(seed.Status)
            ?? throw new ArgumentException($"'{seed.Status}' is not a delegatedAdminRelationship status.", nameof(seed));
        if (seed.AutoExtendDuration is not ("P180D" or "PT0S"))
        {
            throw new ArgumentException("autoExtendDuration is P180D or PT0S.", nameof(seed));
        }

        if (AdminRelationshipRules.ParseDuration(seed.Duration, nameof(seed)) <= TimeSpan.Zero || seed.RoleDefinitionIds is { Count: 0 })
        {
            throw new ArgumentException("A relationship lasts a while and grants at least one role.", nameof(seed));
        }

        return status;
    }

    public AccessAssignmentState AddAccessAssignment(string relationshipId, Guid securityGroupId, IReadOnlyList<Guid>? roleDefinitionIds)
    {
        lock (_gate)
        {
            var relationship = RequireRelationship(relationshipId);
            var roles = roleDefinitionIds ?? relationship.Roles;
            if (roles.Count == 0 || roles.Except(relationship.Roles).Any())
            {
                throw new ArgumentException("An access assignment grants some of its relationship's roles, and no others.", nameof(roleDefinitionIds));
            }

            return new AdminRelationshipMutations(this, _time.GetUtcNow()).AddAccessAssignment(relationshipId, securityGroupId, roles);
        }
    }

    public AdminRelationshipState? GetAdminRelationship(string id)
    {
        lock (_gate)
        {
            return _relationships.TryGetValue(id, out var r) ? r.Snapshot(_time.GetUtcNow()) : null;
        }
    }

    /// <summary>Every relationship in list order: by creation, then id.</summary>
    public List<AdminRelationshipState> GetAdminRelationships()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return InListOrder().Select(r => r.Snapshot(now)).ToList();
        }
    }

    /// <summary>Sets the status as if Graph had moved it (a new etag); a termination under way is forgotten.</summary>
    public void SetAdminRelationshipStatus(string id, string status)
    {
        var canonical = AdminRelationshipRules.Canonical(status) ?? throw new ArgumentException($"'{status}' is not a delegatedAdminRelationship status.", nameof(status));
        lock (_gate)
        {
            var relationship = RequireRelationship(id);
            relationship.Status = canonical;
            relationship.Termination = null;
            relationship.ChangedAt = _time.GetUtcNow();
            relationship.Etag = NewEtag();
        }
    }

    // ---- API operations (called by GraphRoutes) --------------------------------------------

    /// <summary>One page of the relationships that pass <paramref name="filter"/>, in list order, after <paramref name="after"/>.</summary>
    public AdminRelationshipPage ListAdminRelationships(Func<AdminRelationshipState, bool> filter, ListPosition? after, int take)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var matching = InListOrder()
                .Where(r => after is not { } a || IsAfter(r, a))
                .Select(r => r.Snapshot(now))
                .Where(filter)
                .Take(take + 1)
                .ToList();
            return new AdminRelationshipPage(matching.Take(take).ToList(), matching.Count > take);
        }
    }

    /// <summary>Runs <paramref name="apply"/> under the state lock, so a check and the change it allows are one step.</summary>
    public EmulatorResponse ChangeAdminRelationships(Func<AdminRelationshipMutations, EmulatorResponse> apply)
    {
        lock (_gate)
        {
            return apply(new AdminRelationshipMutations(this, _time.GetUtcNow()));
        }
    }

    /// <summary>Changes made from inside <see cref="ChangeAdminRelationships"/> (the lock is held); the routes have checked the ids.</summary>
    internal readonly struct AdminRelationshipMutations(EmulatorState state, DateTimeOffset now)
    {
        public AdminRelationshipState? Find(string id) => state._relationships.TryGetValue(id, out var r) ? r.Snapshot(now) : null;

        /// <summary>Starts the end of the relationship, done after <paramref name="delay"/>; the request succeeds then.</summary>
        public AdminRelationshipRequestState RequestTermination(string id, TimeSpan delay)
        {
            var relationship = state._relationships[id];
            relationship.Termination = (now, now + delay);
            relationship.Etag = state.NewEtag();
            return AddRequest(relationship, AdminRelationshipRules.TerminateAction, doneAt: now + delay);
        }

        /// <summary>Sends a created relationship to the customer for approval, at once.</summary>
        public AdminRelationshipRequestState LockForApproval(string id)
        {
            var relationship = state._relationships[id];
            relationship.Status = AdminRelationshipRules.ApprovalPending;
            relationship.ChangedAt = now;
            relationship.Etag = state.NewEtag();
            return AddRequest(relationship, AdminRelationshipRules.LockForApprovalAction, doneAt: now);
        }

        public void Delete(string id) => state._relationships.Remove(id);

        public AccessAssignmentState AddAccessAssignment(string id, Guid securityGroupId, IReadOnlyList<Guid> roles)
        {
            var assignment = new AccessAssignmentRecord(Guid.NewGuid().ToString(), securityGroupId, roles.ToArray(), now, state.NewEtag());
            state._relationships[id].Assignments.Add(assignment);
            return assignment.Snapshot();
        }

        public void DeleteAccessAssignment(string id, string assignmentId) =>
            state._relationships[id].Assignments.RemoveAll(a => string.Equals(a.Id, assignmentId, StringComparison.OrdinalIgnoreCase));

        private AdminRelationshipRequestState AddRequest(AdminRelationshipRecord relationship, string action, DateTimeOffset doneAt)
        {
            var request = new RequestRecord(Guid.NewGuid().ToString(), action, now, doneAt);
            relationship.Requests.Add(request);
            return request.Snapshot(now);
        }
    }

    private AdminRelationshipRecord RequireRelationship(string id) =>
        _relationships.TryGetValue(id, out var r) ? r : throw new KeyNotFoundException($"Admin relationship {id} not found.");

    private IEnumerable<AdminRelationshipRecord> InListOrder() =>
        _relationships.Values.OrderBy(r => r.CreatedDateTime.UtcTicks).ThenBy(r => r.Id, StringComparer.Ordinal);

    private static bool IsAfter(AdminRelationshipRecord r, ListPosition position) =>
        r.CreatedDateTime.UtcTicks > position.CreatedTicks
        || (r.CreatedDateTime.UtcTicks == position.CreatedTicks && string.CompareOrdinal(r.Id, position.Id) > 0);

    /// <summary>
    /// Graph's etags are base64 of a quoted version (W/"JyI0NzAw...Jw=="). This one is of the stored etag and the
    /// termination phase, so a termination moving on by the clock changes the etag as every other change does.
    /// </summary>
    private static string GraphEtag(string etag, int phase) =>
        "W/\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"'\"{etag}-{phase}\"'")) + "\"";

    private sealed class AdminRelationshipRecord(string id, Guid customerTenantId)
    {
        public string Id { get; } = id;

        public Guid CustomerTenantId { get; } = customerTenantId;

        public required string CustomerDisplayName { get; init; }

        public required string DisplayName { get; init; }

        public required string Duration { get; init; }

        public required string AutoExtendDuration { get; init; }

        public required IReadOnlyList<Guid> Roles { get; init; }

        public required DateTimeOffset CreatedDateTime { get; init; }

        public required DateTimeOffset? ActivatedDateTime { get; init; }

        public required DateTimeOffset? EndDateTime { get; init; }

        /// <summary>The status last set; a termination under way (<see cref="Termination"/>) takes its place.</summary>
        public required string Status { get; set; }

        public required DateTimeOffset ChangedAt { get; set; }

        public required string Etag { get; set; }

        public (DateTimeOffset RequestedAt, DateTimeOffset EndsAt)? Termination { get; set; }

        public List<RequestRecord> Requests { get; } = [];

        public List<AccessAssignmentRecord> Assignments { get; } = [];

        public AdminRelationshipState Snapshot(DateTimeOffset now)
        {
            EndingPhase? ending = Termination is { } t ? AdminRelationshipRules.Ending(t.RequestedAt, t.EndsAt, now) : null;
            var ended = ending is { Status: AdminRelationshipRules.Terminated };
            return new AdminRelationshipState(Id, CustomerTenantId, CustomerDisplayName, DisplayName, ending?.Status ?? Status, Duration,
                AutoExtendDuration, CreatedDateTime, ending?.Since ?? ChangedAt, ActivatedDateTime, ended ? Termination!.Value.EndsAt : EndDateTime,
                Roles, GraphEtag(Etag, ending?.Phase ?? 0), Requests.Select(r => r.Snapshot(now)).ToArray(), Assignments.Select(a => a.Snapshot()).ToArray());
        }
    }

    /// <summary>A request is pending until <paramref name="DoneAt"/>, then succeeded.</summary>
    private sealed record RequestRecord(string Id, string Action, DateTimeOffset CreatedAt, DateTimeOffset DoneAt)
    {
        public AdminRelationshipRequestState Snapshot(DateTimeOffset now) =>
            now >= DoneAt ? new(Id, Action, "succeeded", CreatedAt, DoneAt) : new(Id, Action, "pending", CreatedAt, CreatedAt);
    }

    private sealed record AccessAssignmentRecord(string Id, Guid SecurityGroupId, IReadOnlyList<Guid> Roles, DateTimeOffset CreatedAt, string Etag)
    {
        public AccessAssignmentState Snapshot() => new(Id, SecurityGroupId, "active", Roles, CreatedAt, CreatedAt, GraphEtag(Etag, 0));
    }
}
