using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Relationships;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Returns the partner's reseller invitation link (no parameters: one link for every customer), or requests a
    /// relationship with one customer, whose invitation text then names that customer.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Request, "PartnerRelationship", DefaultParameterSetName = PartnerWideSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ResellerInvitation), ParameterSetName = new[] { PartnerWideSet })]
    [OutputType(typeof(RelationshipRequest), ParameterSetName = new[] { ByIdSet, ByDomainSet })]
    public sealed class RequestPartnerRelationshipCommand : PartnerCmdlet
    {
        private const string PartnerWideSet = "PartnerWide";
        private const string ByIdSet = "ById";
        private const string ByDomainSet = "ByDomain";

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(RemovedCustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        // Not bound from the pipeline: a piped customer has a Domain too, and must go by its id.
        [Parameter(Mandatory = true, ParameterSetName = ByDomainSet)]
        [ArgumentCompleter(typeof(RemovedCustomerDomainCompleter))]
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = string.Empty;

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            ForRecord(() =>
            {
                if (ParameterSetName == PartnerWideSet)
                {
                    // Reading the link changes nothing, in Partner Center or in the store: no ShouldProcess.
                    WriteObject(new ResellerInvitations(Backend).Get());
                    return;
                }

                var requests = new RelationshipRequests(Backend);
                var customer = ParameterSetName == ByDomainSet
                    ? requests.FindCustomer(Domain)
                    : requests.FindCustomer(CustomerId);
                if (ShouldProcess(Describe.Customer(customer), "Request reseller relationship"))
                {
                    WriteObject(requests.Request(customer));
                }
            });
        }

        #endregion
    }
}
