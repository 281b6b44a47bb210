using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Delegated admin access on the real service: GDAP relationships in Microsoft Graph (tenantRelationships, run in
    /// the partner tenant, with the connection's Graph token), legacy DAP in Partner Center.
    /// </summary>
    public sealed partial class PartnerCenterBackend
    {
        private const string GdapOperation = "Reading and ending GDAP relationships";
        private const string RelationshipsPath = "/tenantRelationships/delegatedAdminRelationships";

        /// <summary>Graph's largest page.</summary>
        internal const int AdminRelationshipPageSize = 300;

        /// <summary>One customer's on the service ($filter by its tenant id, and by status when one is asked); the caller filters again.</summary>
        public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query)
        {
            var graph = RequireGraph();
            var filters = new List<string>();
            if (query.CustomerId is Guid customer)
            {
                filters.Add($"customer/tenantId eq '{customer}'");
            }

            if (query.Statuses is { Count: 1 } statuses)
            {
                filters.Add($"status eq '{AdminRelationshipStatus.ToWireName(statuses[0]).Replace("'", "''")}'");
            }

            var uri = RelationshipsPath + "?$top=" + AdminRelationshipPageSize;
            if (filters.Count > 0)
            {
                uri += "&$filter=" + Uri.EscapeDataString(string.Join(" and ", filters));
            }

            return Paged(new PartnerCenterRequest(HttpMethod.Get, uri), null, graph).Select(GraphResources.ToAdminRelationship);
        }

        public AdminRelationship? GetAdminRelationship(string relationshipId)
        {
            try
            {
                var response = GraphRequest(HttpMethod.Get, RelationshipUri(relationshipId), relationshipId);
                return response.BodyObject == null ? null : GraphResources.ToAdminRelationship(response.BodyObject);
            }
            catch (PartnerException ex) when (ex.ErrorId == PartnerErrorId.AdminRelationshipNotFound)
            {
                return null;
            }
        }

        /// <summary>POST requests {action: terminate}: Graph accepts it (201) and ends the relationship on its own time.</summary>
        public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship)
        {
            var body = new JsonObject { ["action"] = "terminate" };
            var response = GraphRequest(HttpMethod.Post, RelationshipUri(relationship.RelationshipId) + "/requests", relationship.RelationshipId, body);
            return GraphResources.ToRequest(response.BodyObject);
        }

        /// <summary>
        /// DELETE with If-Match: Graph deletes only a relationship still in status created. A changed one (412) is
        /// AdminRelationshipChanged, as the local store says it, named as it is now.
        /// </summary>
        public void DeleteAdminRelationship(AdminRelationship relationship)
        {
            try
            {
                GraphRequest(HttpMethod.Delete, RelationshipUri(relationship.RelationshipId), relationship.RelationshipId, ifMatch: relationship.ETag);
            }
            catch (PartnerException ex) when (ex.HttpStatusCode == 412)
            {
                throw PartnerErrors.AdminRelationshipChanged(GetAdminRelationship(relationship.RelationshipId) ?? relationship, ex.Service);
            }
        }

        /// <summary>DAP only, the reseller relationship stays: PATCH the customer with allowDelegatedAccess false (App+User).</summary>
        public void RemoveDelegatedAdminAccess(Customer customer)
        {
            var body = new JsonObject
            {
                ["allowDelegatedAccess"] = false,
                ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
            };
            Request(Patch, "/customers/" + customer.CustomerId, _cancellation, customer.CustomerId, body: body);
        }

        private static string RelationshipUri(string relationshipId) => RelationshipsPath + "/" + Uri.EscapeDataString(relationshipId.Trim());

        private PartnerCenterClient RequireGraph() =>
            _connection.Graph ?? throw PartnerErrors.GraphNotConnected(GdapOperation, _connection.GraphUnavailableReason);

        private PartnerCenterResponse GraphRequest(HttpMethod method, string uri, string relationshipId, JsonNode? body = null, string? ifMatch = null) =>
            SyncBoundary.Wait(RequireGraph().SendAsync(
                new PartnerCenterRequest(method, uri) { Body = body, IfMatch = ifMatch, CorrelationId = _correlationId, RelationshipId = relationshipId },
                _cancellation));
    }
}
