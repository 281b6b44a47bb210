using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>The requests of a relationship: /delegatedAdminRelationships/{id}/requests, how a partner ends one.</summary>
internal sealed partial class GraphRoutes
{
    private async Task<RouteResult> RequestsAsync(HttpContext context, string id)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return new(ListRequests(request, id));
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return NotAllowed();
        }

        var (body, error) = await Routes.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return new(GraphResponses.BadRequest(error!));
        }

        var action = body["action"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return new(state.ChangeAdminRelationships(m => CreateRequest(m, request, id, action)));
    }

    /// <summary>
    /// terminate on an active (or expiring) relationship starts its end; lockForApproval on a created one sends it to
    /// the customer. Any other action, or one the relationship's status does not allow, is a bad request.
    /// </summary>
    private EmulatorResponse CreateRequest(EmulatorState.AdminRelationshipMutations m, HttpRequest request, string id, string? action)
    {
        if (m.Find(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        AdminRelationshipRequestState made;
        if (string.Equals(action, AdminRelationshipRules.TerminateAction, StringComparison.OrdinalIgnoreCase))
        {
            if (!AdminRelationshipRules.CanTerminate(relationship.Status))
            {
                return GraphResponses.BadRequest($"The delegatedAdminRelationship is {relationship.Status}: only an active or expiring one can be terminated.");
            }

            made = m.RequestTermination(id, options.GraphTerminationDelay);
        }
        else if (string.Equals(action, AdminRelationshipRules.LockForApprovalAction, StringComparison.OrdinalIgnoreCase) && relationship.Status == AdminRelationshipRules.Created)
        {
            made = m.LockForApproval(id);
        }
        else
        {
            return GraphResponses.BadRequest($"The action '{action}' is not allowed on a delegatedAdminRelationship in status {relationship.Status}.");
        }

        // The answer is the request as made; it is pending, then succeeded, when read afterwards.
        var body = Request(made with { Status = "created" });
        body.Insert(0, "@odata.context", Metadata(request, $"{RelationshipPath(id)}/requests/$entity"));
        return GraphResponses.Created(body, $"{Root(request)}{RelationshipPath(id)}/requests/{made.Id}");
    }

    private EmulatorResponse ListRequests(HttpRequest request, string id)
    {
        if (state.GetAdminRelationship(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        var items = new JsonArray();
        foreach (var made in relationship.Requests)
        {
            items.Add(Request(made));
        }

        return GraphResponses.Json(200, new JsonObject { ["@odata.context"] = Metadata(request, $"{RelationshipPath(id)}/requests"), ["value"] = items });
    }

    private EmulatorResponse GetRequest(HttpRequest request, string id, string requestId)
    {
        if (state.GetAdminRelationship(id) is not { } relationship)
        {
            return RelationshipNotFound(id);
        }

        if (relationship.Requests.FirstOrDefault(r => string.Equals(r.Id, requestId, StringComparison.OrdinalIgnoreCase)) is not { } made)
        {
            return GraphResponses.NotFound($"The delegatedAdminRelationshipRequest with id '{requestId}' was not found.");
        }

        var body = Request(made);
        body.Insert(0, "@odata.context", Metadata(request, $"{RelationshipPath(id)}/requests/$entity"));
        return GraphResponses.Json(200, body);
    }

    private static JsonObject Request(AdminRelationshipRequestState r) => new()
    {
        ["@odata.type"] = "#microsoft.graph.delegatedAdminRelationshipRequest",
        ["id"] = r.Id,
        ["action"] = r.Action,
        ["status"] = r.Status,
        ["createdDateTime"] = Date(r.CreatedDateTime),
        ["lastModifiedDateTime"] = Date(r.LastModifiedDateTime),
    };
}
