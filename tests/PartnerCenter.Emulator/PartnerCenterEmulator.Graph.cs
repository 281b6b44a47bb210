namespace PartnerCenter.Emulator;

/// <summary>
/// Microsoft Graph's GDAP routes (granular delegated admin relationships, v1.0), served by the same host as Partner
/// Center under /v1.0/tenantRelationships/delegatedAdminRelationships, through the same pipeline (latency, faults,
/// rate limit, request log). They accept only Graph tokens (<see cref="CreateGraphAccessToken"/>, or the token
/// endpoint's for resource https://graph.microsoft.com).
/// </summary>
public sealed partial class PartnerCenterEmulator
{
    /// <summary>Graph's root with the version, e.g. http://127.0.0.1:5123/v1.0/ (where https://graph.microsoft.com/v1.0/ would be).</summary>
    public Uri GraphRoot => new(BaseAddress, "v1.0/");

    /// <summary>A valid Graph access token for the partner tenant (audience https://graph.microsoft.com).</summary>
    public string CreateGraphAccessToken(bool appOnly = false, TimeSpan? lifetime = null) =>
        EmulatorTokens.Create(appOnly, Options.TimeProvider.GetUtcNow() + (lifetime ?? Options.TokenLifetime), PartnerTenantId,
            userPrincipalName: null, appId: null, audience: EmulatorTokens.GraphAudience);

    // ---- seeding --------------------------------------------------------------------------------

    /// <summary>
    /// Adds a GDAP relationship with <paramref name="customerTenantId"/> (who need not be a seeded customer); defaults:
    /// active, two years, extending itself, Directory Readers and User Administrator. Throws for a seed Graph could not have.
    /// </summary>
    public AdminRelationshipState AddAdminRelationship(Guid customerTenantId, AdminRelationshipSeed? seed = null) =>
        _state.AddAdminRelationship(customerTenantId, seed ?? new AdminRelationshipSeed());

    /// <summary>Adds a GDAP relationship with the given status (one of Graph's, e.g. "created" or "expired").</summary>
    public AdminRelationshipState AddAdminRelationship(Guid customerTenantId, string status, string? displayName = null) =>
        _state.AddAdminRelationship(customerTenantId, new AdminRelationshipSeed { Status = status, DisplayName = displayName });

    /// <summary>Adds an access assignment to a relationship: some of its roles (null = all) for a security group.</summary>
    public AccessAssignmentState AddAccessAssignment(string relationshipId, Guid securityGroupId, IReadOnlyList<Guid>? roleDefinitionIds = null) =>
        _state.AddAccessAssignment(relationshipId, securityGroupId, roleDefinitionIds);

    /// <summary>Sets a relationship's status directly (new etag), e.g. "terminated" as if it had ended long ago.</summary>
    public void SetAdminRelationshipStatus(string relationshipId, string status) => _state.SetAdminRelationshipStatus(relationshipId, status);

    // ---- read-back ------------------------------------------------------------------------------

    /// <summary>The relationship as it stands by the emulator's clock (a termination moves on by it), or null when unknown or deleted.</summary>
    public AdminRelationshipState? GetAdminRelationshipState(string relationshipId) => _state.GetAdminRelationship(relationshipId);

    /// <summary>Every relationship in list order (creation, then id), or only those with <paramref name="customerTenantId"/>.</summary>
    public IReadOnlyList<AdminRelationshipState> GetAdminRelationshipStates(Guid? customerTenantId = null) =>
        _state.GetAdminRelationships().Where(r => customerTenantId is not { } tenant || r.CustomerTenantId == tenant).ToList();
}
