using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Delegated admin access on the real service: GDAP relationships in Microsoft Graph, legacy DAP in Partner Center.</summary>
    public sealed partial class PartnerCenterBackend
    {
        private const string GdapOperation = "Reading and ending GDAP relationships";

        public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query) => throw NoGraph();

        public AdminRelationship? GetAdminRelationship(string relationshipId) => throw NoGraph();

        public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship) => throw NoGraph();

        public void DeleteAdminRelationship(AdminRelationship relationship) => throw NoGraph();

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

        private PartnerException NoGraph() => PartnerErrors.GraphNotConnected(GdapOperation, _connection.GraphUnavailableReason);
    }
}
