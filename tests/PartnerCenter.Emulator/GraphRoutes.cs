using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>
/// Graph's GDAP routes under /v1.0/tenantRelationships/delegatedAdminRelationships. Authentication, latency, faults
/// and throttling have already run in the pipeline; this class only maps requests onto <see cref="EmulatorState"/>.
/// App-only and App+User Graph tokens are both accepted, as DelegatedAdminRelationship.ReadWrite.All is both.
/// </summary>
internal sealed partial class GraphRoutes(EmulatorState state, EmulatorOptions options)
{
    private const string CollectionPath = "tenantRelationships/delegatedAdminRelationships";

    public async Task<RouteResult> HandleAsync(HttpContext context, string[] segments)
    {
        if (segments.Length < 2 || !IsSegment(segments[0], "tenantRelationships") || !IsSegment(segments[1], "delegatedAdminRelationships"))
        {
            return new(GraphResponses.NotFound($"Resource not found for the segment '{string.Join('/', segments)}'."));
        }

        var request = context.Request;
        var method = request.Method;
        var rest = segments[2..];
        return rest switch
        {
            [] => HttpMethods.IsGet(method) ? new(ListRelationships(request)) : NotAllowed(),
            [var id] when HttpMethods.IsGet(method) => new(GetRelationship(request, id)),
            [var id] when HttpMethods.IsDelete(method) => new(DeleteRelationship(id, request.Headers.IfMatch.ToString())),
            [_] => NotAllowed(),
            [var id, var sub] when IsSegment(sub, "requests") => await RequestsAsync(context, id).ConfigureAwait(false),
            [var id, var sub, var requestId] when IsSegment(sub, "requests") => HttpMethods.IsGet(method) ? new(GetRequest(request, id, requestId)) : NotAllowed(),
            [var id, var sub] when IsSegment(sub, "accessAssignments") => await AccessAssignmentsAsync(context, id).ConfigureAwait(false),
            [var id, var sub, var assignmentId] when IsSegment(sub, "accessAssignments") => new(AccessAssignment(request, id, assignmentId)),
            _ => new(GraphResponses.NotFound($"Resource not found for the segment '{string.Join('/', rest)}'.")),
        };
    }

    // ---- GET /delegatedAdminRelationships ---------------------------------------------------------

    private EmulatorResponse ListRelationships(HttpRequest request)
    {
        if (!RelationshipListQuery.TryRead(request.Query, out var query, out var error))
        {
            return GraphResponses.BadRequest(error);
        }

        var page = state.ListAdminRelationships(query.Filter.Matches, query.After, query.Top);
        var items = new JsonArray();
        foreach (var relationship in page.Items)
        {
            items.Add(Relationship(relationship));
        }

        var body = new JsonObject { ["@odata.context"] = Metadata(request, CollectionPath), ["value"] = items };
        if (page.More)
        {
            // Absolute, on this host: a client follows it as it is, without building URLs of its own.
            var token = RelationshipListQuery.Encode(query.Top, query.Filter, page.Items[^1]);
            body["@odata.nextLink"] = $"{Root(request)}{CollectionPath}?$top={query.Top}&$skiptoken={token}";
        }

        return GraphResponses.Json(200, body);
    }

    // ---- GET and DELETE /delegatedAdminRelationships/{id} --------------------------------------

    private EmulatorResponse GetRelationship(HttpRequest request, string id)
    {
        if (state.GetAdminRelationship(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        var body = Relationship(relationship);
        body.Insert(0, "@odata.context", Metadata(request, CollectionPath + "/$entity"));
        return GraphResponses.Json(200, body);
    }

    /// <summary>Only a created relationship (one the customer never saw) can be deleted, and only at its current etag.</summary>
    private EmulatorResponse DeleteRelationship(string id, string ifMatch) => state.ChangeAdminRelationships(m =>
    {
        if (m.Find(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        if (IfMatchRefusal(ifMatch, relationship.Etag) is { } refusal)
        {
            return refusal;
        }

        if (!AdminRelationshipRules.CanDelete(relationship.Status))
        {
            return GraphResponses.BadRequest($"The delegatedAdminRelationship is {relationship.Status}: only one in status created can be deleted; terminate it instead.");
        }

        m.Delete(id);
        return GraphResponses.NoContent();
    });

    // ---- rendering ------------------------------------------------------------------------

    private static JsonObject Relationship(AdminRelationshipState r) => new()
    {
        ["@odata.type"] = "#microsoft.graph.delegatedAdminRelationship",
        ["@odata.etag"] = r.Etag,
        ["id"] = r.Id,
        ["displayName"] = r.DisplayName,
        ["duration"] = r.Duration,
        ["status"] = r.Status,
        ["autoExtendDuration"] = r.AutoExtendDuration,
        ["createdDateTime"] = Date(r.CreatedDateTime),
        ["lastModifiedDateTime"] = Date(r.LastModifiedDateTime),
        ["activatedDateTime"] = Date(r.ActivatedDateTime),
        ["endDateTime"] = Date(r.EndDateTime),
        ["customer"] = new JsonObject { ["tenantId"] = r.CustomerTenantId.ToString(), ["displayName"] = r.CustomerDisplayName },
        ["accessDetails"] = AccessDetails(r.RoleDefinitionIds),
    };

    private static JsonObject AccessDetails(IReadOnlyList<Guid> roles)
    {
        var unifiedRoles = new JsonArray();
        foreach (var role in roles)
        {
            unifiedRoles.Add(new JsonObject { ["roleDefinitionId"] = role.ToString() });
        }

        return new JsonObject { ["unifiedRoles"] = unifiedRoles };
    }

    /// <summary>Graph's form, with seven fractional digits: 2022-02-10T11:24:42.3148266Z.</summary>
    private static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>This host's Graph root as the client reached it, e.g. http://127.0.0.1:5123/v1.0/.</summary>
    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}/v1.0/";

    private static string Metadata(HttpRequest request, string path) => $"{Root(request)}$metadata#{path}";

    private static string RelationshipPath(string id) => $"{CollectionPath}/{Uri.EscapeDataString(id)}";

    // ---- helpers ----------------------------------------------------------------------------

    /// <summary>
    /// Deletes need the etag the client last read: none is a bad request (the header is required), another one 412.
    /// Weak or strong, quoted or not, and * match as HTTP has them.
    /// </summary>
    private static EmulatorResponse? IfMatchRefusal(string ifMatch, string etag)
    {
        if (ifMatch.Trim().Length == 0)
        {
            return GraphResponses.BadRequest("The If-Match header is required: send the @odata.etag last read.");
        }

        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*" || EtagValue(part) == EtagValue(etag))
            {
                return null;
            }
        }

        return GraphResponses.Error(412, "PreconditionFailed", "The If-Match etag does not match the resource's current etag: read it again.");
    }

    private static string EtagValue(string etag) => (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');

    private static bool IsSegment(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);

    private static RouteResult NotAllowed() => new(GraphResponses.Error(405, "MethodNotAllowed", "The requested method is not allowed on this resource."));

    private static EmulatorResponse RelationshipNotFound(string id) =>
        GraphResponses.NotFound($"The delegatedAdminRelationship with id '{id}' was not found.");
}
