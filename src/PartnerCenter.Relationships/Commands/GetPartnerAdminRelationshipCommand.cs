using System;
using System.Linq;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// The partner's GDAP relationships: all, one customer's, of some statuses, or by id. One parameter set: a piped
    /// relationship carries both a CustomerId and a RelationshipId, and its id is what names it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerAdminRelationship")]
    [OutputType(typeof(AdminRelationship))]
    public sealed class GetPartnerAdminRelationshipCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid[]? CustomerId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AdminRelationshipStatusCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Status { get; set; }

        /// <summary>Relationships by id; when given, -CustomerId is not used to list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? RelationshipId { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var lookup = new AdminRelationshipLookup(Backend);
            if (RelationshipId is { Length: > 0 } ids)
            {
                foreach (var id in ids)
                {
                    ForRecord(() =>
                    {
                        var relationship = lookup.Require(id);
                        if (Status == null || Status.Any(s => KnownValues.AreEqual(AdminRelationshipStatus.Normalize(s), relationship.Status)))
                        {
                            WriteObject(relationship);
                        }
                    });
                }

                return;
            }

            if (CustomerId == null || CustomerId.Length == 0)
            {
                ForRecord(() => Write(lookup, null));
                return;
            }

            foreach (var id in CustomerId)
            {
                ForRecord(() => Write(lookup, id));
            }
        }

        /// <summary>Written as they are read: the first page shows before the last one is asked for.</summary>
        private void Write(AdminRelationshipLookup lookup, Guid? customerId)
        {
            foreach (var relationship in lookup.List(customerId, Status))
            {
                WriteObject(relationship);
            }
        }

        #endregion
    }
}
