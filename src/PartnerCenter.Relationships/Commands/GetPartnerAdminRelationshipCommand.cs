using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>The partner's GDAP relationships: all, one customer's, of some statuses, or by id.</summary>
    [Cmdlet(VerbsCommon.Get, "PartnerAdminRelationship", DefaultParameterSetName = ByCustomerSet)]
    [OutputType(typeof(AdminRelationship))]
    public sealed class GetPartnerAdminRelationshipCommand : PartnerCmdlet
    {
        private const string ByCustomerSet = "ByCustomer";
        private const string ByIdSet = "ById";

        #region Parameters

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByCustomerSet)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid[]? CustomerId { get; set; }

        [Parameter(ParameterSetName = ByCustomerSet)]
        [ArgumentCompleter(typeof(AdminRelationshipStatusCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Status { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public string[] RelationshipId { get; set; } = Array.Empty<string>();

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var lookup = new AdminRelationshipLookup(Backend);
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in RelationshipId)
                {
                    ForRecord(() => WriteObject(lookup.Require(id)));
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
