using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>
/// The access assignments of a relationship: /delegatedAdminRelationships/{id}/accessAssignments, which roles a
/// security group of the partner holds. Kept small: list, get, create, delete; an assignment is active at once.
/// </summary>
internal sealed partial class GraphRoutes
{
    private const string SecurityGroup = "securityGroup";

    private async Task<RouteResult> AccessAssignmentsAsync(HttpContext context, string id)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return new(ListAccessAssignments(request, id));
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return NotAllowed();
        }

        var (body, error) = await Routes.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null || !TryReadAssignment(body, out var groupId, out var roles, out error))
        {
            return new(GraphResponses.BadRequest(error!));
        }

        return new(state.ChangeAdminRelationships(m => CreateAccessAssignment(m, request, id, groupId, roles)));
    }

    /// <summary>Roles can be assigned only while the relationship is active, and only roles it grants.</summary>
    private static EmulatorResponse CreateAccessAssignment(EmulatorState.AdminRelationshipMutations m, HttpRequest request, string id, Guid groupId, IReadOnlyList<Guid> roles)
    {
        if (m.Find(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        if (relationship.Status != AdminRelationshipRules.Active)
        {
            return GraphResponses.BadRequest($"The delegatedAdminRelationship is {relationship.Status}: access can be assigned only while it is active.");
        }

        var extra = roles.Except(relationship.RoleDefinitionIds).ToList();
        if (extra.Count > 0)
        {
            return GraphResponses.BadRequest($"The role {extra[0]} is not one the delegatedAdminRelationship grants.");
        }

        var assignment = m.AddAccessAssignment(id, groupId, roles);
        var body = AccessAssignment(assignment);
        body.Insert(0, "@odata.context", Metadata(request, $"{RelationshipPath(id)}/accessAssignments/$entity"));
        return GraphResponses.Created(body, $"{Root(request)}{RelationshipPath(id)}/accessAssignments/{assignment.Id}");
    }

    private EmulatorResponse ListAccessAssignments(HttpRequest request, string id)
    {
        if (state.GetAdminRelationship(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        var items = new JsonArray();
        foreach (var assignment in relationship.AccessAssignments)
        {
            items.Add(AccessAssignment(assignment));
        }

        return GraphResponses.Json(200, new JsonObject { ["@odata.context"] = Metadata(request, $"{RelationshipPath(id)}/accessAssignments"), ["value"] = items });
    }

    /// <summary>GET or DELETE (with If-Match) of one assignment.</summary>
    private EmulatorResponse AccessAssignment(HttpRequest request, string id, string assignmentId)
    {
        var get = HttpMethods.IsGet(request.Method);
        if (!get && !HttpMethods.IsDelete(request.Method))
        {
            return NotAllowed().Response;
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        return state.ChangeAdminRelationships(m =>
        {
            if (m.Find(id) is not { } relationship)
            {
                return RelationshipNotFound(id);
            }

            if (relationship.AccessAssignments.FirstOrDefault(a => string.Equals(a.Id, assignmentId, StringComparison.OrdinalIgnoreCase)) is not { } assignment)
            {
                return GraphResponses.NotFound($"The delegatedAdminAccessAssignment with id '{assignmentId}' was not found.");
            }

            if (get)
            {
                return GraphResponses.Json(200, AccessAssignment(assignment));
            }

            if (IfMatchRefusal(ifMatch, assignment.Etag) is { } refusal)
            {
                return refusal;
            }

            m.DeleteAccessAssignment(id, assignment.Id);
            return GraphResponses.NoContent();
        });
    }

    private static bool TryReadAssignment(JsonObject body, out Guid groupId, out IReadOnlyList<Guid> roles, out string? error)
    {
        roles = [];
        groupId = Guid.Empty;
        error = "accessContainer must name a securityGroup by its accessContainerId (a GUID).";
        if (body["accessContainer"] is not JsonObject container
            || !Guid.TryParse(StringOf(container["accessContainerId"]), out groupId)
            || !string.Equals(StringOf(container["accessContainerType"]), SecurityGroup, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        error = "accessDetails.unifiedRoles must list at least one roleDefinitionId (a GUID).";
        var parsed = new List<Guid>();
        foreach (var role in (body["accessDetails"]?["unifiedRoles"] as JsonArray) ?? [])
        {
            if (!Guid.TryParse(StringOf(role?["roleDefinitionId"]), out var roleId))
            {
                return false;
            }

            parsed.Add(roleId);
        }

        roles = parsed;
        return parsed.Count > 0;
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject AccessAssignment(AccessAssignmentState a) => new()
    {
        ["@odata.type"] = "#microsoft.graph.delegatedAdminAccessAssignment",
        ["@odata.etag"] = a.Etag,
        ["id"] = a.Id,
        ["status"] = a.Status,
        ["createdDateTime"] = Date(a.CreatedDateTime),
        ["lastModifiedDateTime"] = Date(a.LastModifiedDateTime),
        ["accessContainer"] = new JsonObject { ["accessContainerId"] = a.SecurityGroupId.ToString(), ["accessContainerType"] = SecurityGroup },
        ["accessDetails"] = AccessDetails(a.RoleDefinitionIds),
    };
}
