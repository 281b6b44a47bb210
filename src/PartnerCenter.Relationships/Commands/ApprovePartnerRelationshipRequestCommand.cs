using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Relationships;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Stands in, on the local store only, for the customer accepting the invitation in their admin center.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "PartnerRelationshipRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Customer))]
    public sealed class ApprovePartnerRelationshipRequestCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public Guid[] RequestId { get; set; } = Array.Empty<Guid>();

        /// <summary>Write the customer, listed again, to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var approval = new RelationshipRequestApproval(Backend);
            foreach (var id in RequestId)
            {
                ForRecord(() =>
                {
                    var request = approval.Get(id);
                    if (!ShouldProcess($"{request.CustomerName} ({request.CustomerId}), request {request.RequestId}", "Accept reseller relationship request"))
                    {
                        return;
                    }

                    var customer = approval.Approve(id);
                    if (PassThru)
                    {
                        WriteObject(customer);
                    }
                });
            }
        }

        #endregion
    }
}
