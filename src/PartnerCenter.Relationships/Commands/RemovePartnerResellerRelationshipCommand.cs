using System;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    [Cmdlet(VerbsCommon.Remove, "PartnerResellerRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RelationshipRemovalResult))]
    public sealed class RemovePartnerResellerRelationshipCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid[] CustomerId { get; set; } = Array.Empty<Guid>();

        /// <summary>Suspend each active subscription first (each its own confirmation) instead of refusing.</summary>
        [Parameter]
        public SwitchParameter SuspendActiveSubscriptions { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            foreach (var id in CustomerId)
            {
                ForRecord(() => Remove(id));
            }
        }

        private void Remove(Guid customerId)
        {
            var removal = new RelationshipRemoval(Backend);
            var plan = removal.Plan(customerId, SuspendActiveSubscriptions);
            var approved = new List<Guid>();
            foreach (var subscription in plan.ActiveSubscriptions)
            {
                if (ShouldProcessUnlessForced(Describe.Subscription(plan.Customer, subscription), "Suspend subscription", Force))
                {
                    approved.Add(subscription.SubscriptionId);
                }
            }

            if (!ShouldProcessUnlessForced(Describe.Customer(plan.Customer), "Remove reseller relationship", Force))
            {
                return;
            }

            var result = removal.Remove(customerId, approved);
            foreach (var action in result.Actions)
            {
                WriteVerbose($"{Describe.Customer(plan.Customer)}: {action}.");
            }

            if (PassThru)
            {
                WriteObject(result);
            }
        }

        #endregion
    }
}
