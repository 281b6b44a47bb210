using System;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Microsoft Graph's GDAP resources as the module's models, tolerant of what Graph adds.</summary>
    internal static class GraphResources
    {
        public static AdminRelationship ToAdminRelationship(JsonObject item)
        {
            var customer = JsonHelpers.GetObject(item, "customer");
            var roleIds = (JsonHelpers.GetArray(JsonHelpers.GetObject(item, "accessDetails"), "unifiedRoles")?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                .Select(role => JsonHelpers.GetString(role, "roleDefinitionId"))
                .Where(id => !string.IsNullOrWhiteSpace(id))
                .Select(id => id!)
                .ToList();
            return new AdminRelationship
            {
                RelationshipId = JsonHelpers.GetString(item, "id") ?? string.Empty,
                CustomerId = Guid.TryParse(JsonHelpers.GetString(customer, "tenantId"), out var tenant) ? tenant : Guid.Empty,
                CustomerName = JsonHelpers.GetString(customer, "displayName") ?? string.Empty,
                DisplayName = JsonHelpers.GetString(item, "displayName") ?? string.Empty,

                // Unknown values (unknownFutureValue, or a status added later) are kept as received.
                Status = AdminRelationshipStatus.Normalize(JsonHelpers.GetString(item, "status")),
                RoleDefinitionIds = roleIds,
                Roles = roleIds.Select(AdminRoles.NameOf).ToList(),
                Duration = JsonHelpers.GetString(item, "duration") ?? string.Empty,
                AutoExtendDuration = JsonHelpers.GetString(item, "autoExtendDuration") ?? string.Empty,
                CreatedDateTime = JsonHelpers.GetDateTimeOffset(item, "createdDateTime"),
                ActivatedDateTime = JsonHelpers.GetDateTimeOffset(item, "activatedDateTime"),
                EndDateTime = JsonHelpers.GetDateTimeOffset(item, "endDateTime"),
                LastModifiedDateTime = JsonHelpers.GetDateTimeOffset(item, "lastModifiedDateTime"),
                ETag = JsonHelpers.GetString(item, "@odata.etag"),
            };
        }

        public static AdminRelationshipRequest ToRequest(JsonObject? item) => new AdminRelationshipRequest
        {
            RequestId = JsonHelpers.GetString(item, "id") ?? string.Empty,
            Action = JsonHelpers.GetString(item, "action") ?? "terminate",
            Status = JsonHelpers.GetString(item, "status") ?? string.Empty,
            CreatedDateTime = JsonHelpers.GetDateTimeOffset(item, "createdDateTime"),
        };
    }
}
