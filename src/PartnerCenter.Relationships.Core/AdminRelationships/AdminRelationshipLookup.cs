using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.AdminRelationships
{
    /// <summary>Reading GDAP relationships: one customer's or the partner's, of the statuses asked, or one by id.</summary>
    public sealed class AdminRelationshipLookup
    {
        private readonly IPartnerBackend _backend;

        public AdminRelationshipLookup(IPartnerBackend backend)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        }

        /// <summary>
        /// Streamed as the backend lists them. The statuses are filtered here as well: a backend may filter on the
        /// service, but what is shown is this module's to decide (unknown statuses compare as written).
        /// </summary>
        public IEnumerable<AdminRelationship> List(Guid? customerId, IReadOnlyList<string>? statuses)
        {
            var wanted = statuses?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(AdminRelationshipStatus.Normalize).ToList();
            var query = new AdminRelationshipQuery { CustomerId = customerId, Statuses = wanted };
            foreach (var relationship in _backend.GetAdminRelationships(query))
            {
                // The customer is checked here too: the service's filter is its to honour, not ours to trust, and a
                // relationship of another customer must never be offered for ending with this one's.
                if ((customerId == null || relationship.CustomerId == customerId) &&
                    (wanted == null || wanted.Count == 0 || wanted.Any(s => KnownValues.AreEqual(s, relationship.Status))))
                {
                    yield return relationship;
                }
            }
        }

        /// <summary>The relationship, or AdminRelationshipNotFound.</summary>
        public AdminRelationship Require(string relationshipId)
        {
            var id = (relationshipId ?? string.Empty).Trim();
            if (id.Length == 0)
            {
                throw PartnerErrors.InvalidArgument("RelationshipId", relationshipId, "give the GDAP relationship's id, as Get-PartnerAdminRelationship shows it.");
            }

            return _backend.GetAdminRelationship(id) ?? throw PartnerErrors.AdminRelationshipNotFound(id);
        }

        /// <summary>The customer's relationships that are not over: granting access, ending, or not yet approved.</summary>
        public IReadOnlyList<AdminRelationship> Open(Guid customerId) =>
            List(customerId, null).Where(r => !AdminRelationshipStatus.IsFinal(r.Status)).ToList();
    }
}
