using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Requests a new reseller relationship: an invitation link the customer's global admin accepts.</summary>
    [Cmdlet(VerbsLifecycle.Request, "PartnerRelationship", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RelationshipRequest))]
    public sealed class RequestPartnerRelationshipCommand : PartnerCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ByDomainSet = "ByDomain";

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(RemovedCustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByDomainSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RemovedCustomerDomainCompleter))]
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = string.Empty;

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            ForRecord(() =>
            {
                var customer = ParameterSetName == ByDomainSet
                    ? Service.FindCustomerForRequest(Domain)
                    : Service.FindCustomerForRequest(CustomerId);
                if (ShouldProcess(Describe.Customer(customer), "Request reseller relationship"))
                {
                    WriteObject(Service.RequestRelationship(customer));
                }
            });
        }

        #endregion
    }
}
