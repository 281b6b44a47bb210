using System;
using System.Collections.Generic;
using System.Linq;
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

        /// <summary>Suspend each active legacy subscription (and empty Azure plan) first, each its own confirmation, instead of refusing.</summary>
        [Parameter]
        public SwitchParameter SuspendActiveSubscriptions { get; set; }

        /// <summary>Cancel each new-commerce subscription inside its cancellation window first, each its own confirmation; cannot be undone.</summary>
        [Parameter]
        public SwitchParameter CancelNewCommerceSubscriptions { get; set; }

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
            var plan = removal.Plan(customerId, SuspendActiveSubscriptions, CancelNewCommerceSubscriptions);
            var customer = Describe.Customer(plan);
            var suspensions = Approved(plan, OffboardingAction.Suspend, "Suspend subscription");
            var cancellations = Approved(plan, OffboardingAction.Cancel, "Cancel subscription (cannot be undone)");
            if (suspensions.Count + cancellations.Count < plan.Steps.Count && !IsWhatIfRequested())
            {
                // A declined step would block the removal anyway: nothing is changed for this customer.
                WriteWarning($"{customer}: the reseller relationship was not removed, and nothing was changed: a step it needs was declined.");
                return;
            }

            if (!ShouldProcessUnlessForced(customer, "Remove reseller relationship", Force))
            {
                return;
            }

            var result = removal.Remove(customerId, suspensions, cancellations);
            foreach (var action in result.Actions)
            {
                WriteVerbose($"{customer}: {action}.");
            }

            foreach (var check in result.Effects.Where(c => c.Outcome == RemovalEffectOutcome.NotObserved))
            {
                WriteWarning($"{customer}: {check.Effect} was not observed after the removal. {check.Evidence}");
            }

            if (PassThru)
            {
                WriteObject(result);
            }
        }

        /// <summary>The subscriptions of the plan's steps of one kind that the user approves, each asked on its own.</summary>
        private List<Guid> Approved(OffboardingPlan plan, string action, string words)
        {
            var approved = new List<Guid>();
            foreach (var step in plan.Steps.Where(s => s.Action == action))
            {
                var deadline = step.Deadline is DateTime by && action == OffboardingAction.Cancel ? $" (window closes {by:yyyy-MM-dd HH:mm} UTC)" : string.Empty;
                if (ShouldProcessUnlessForced(Describe.Subscription(step) + deadline, words, Force))
                {
                    approved.Add(step.SubscriptionId);
                }
            }

            return approved;
        }

        #endregion
    }
}
