using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;
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

        /// <summary>After the removal, terminate the customer's GDAP relationships (and turn legacy DAP off before it), each its own confirmation; cannot be undone.</summary>
        [Parameter]
        public SwitchParameter TerminateAdminRelationships { get; set; }

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
            var removal = new RelationshipRemoval(Backend, null, null, Cancellation);
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

            // Asked before the removal itself, as each subscription step is, so -WhatIf lists them all.
            var delegatedAdmin = TerminateAdminRelationships ? ApprovedDelegatedAdmin(plan) : DelegatedAdminApproval.None;
            if (!ShouldProcessUnlessForced(customer, "Remove reseller relationship", Force))
            {
                return;
            }

            var progress = new TerminationProgress(this, ProgressId);
            RelationshipRemovalResult result;
            try
            {
                result = removal.Remove(customerId, suspensions, cancellations, delegatedAdmin, progress.Report);
            }
            finally
            {
                progress.Complete();
            }

            Report(customer, result);
        }

        /// <summary>Each step taken (verbose), each effect not observed and each delegated admin access left (warnings), then the result.</summary>
        private void Report(string customer, RelationshipRemovalResult result)
        {
            foreach (var action in result.Actions)
            {
                WriteVerbose($"{customer}: {action}.");
            }

            // Delegated admin access left in GDAP, or not listed at all, is told below, relationship by relationship;
            // with no GDAP relationship left, what was not observed is legacy DAP, and this says so.
            var gdapToldBelow = result.RemainingAdminRelationships is not { Count: 0 };
            foreach (var check in result.Effects.Where(c => c.Outcome == RemovalEffectOutcome.NotObserved && !(gdapToldBelow && c.Effect == RemovalEffect.DelegatedAdmin)))
            {
                WriteWarning($"{customer}: {check.Effect} was not observed after the removal. {check.Evidence}");
            }

            WarnAboutDelegatedAdmin(customer, result);
            if (PassThru)
            {
                WriteObject(result);
            }
        }

        private const int ProgressId = 32;

        /// <summary>Legacy DAP and each GDAP relationship that can be ended, each asked on its own (Graph terminations cannot be undone).</summary>
        private DelegatedAdminApproval ApprovedDelegatedAdmin(OffboardingPlan plan)
        {
            var customer = Describe.Customer(plan);
            if (!plan.AdminRelationshipsChecked)
            {
                WriteWarning($"{customer}: GDAP relationships cannot be read, so none will be terminated. {plan.AdminRelationshipsNotChecked}");
            }

            var removeDap = plan.DelegatedAdminAccess &&
                ShouldProcessUnlessForced(customer, "Remove legacy delegated admin access (DAP; only the customer can grant it again)", Force);
            var terminations = new List<string>();
            foreach (var relationship in plan.AdminRelationships)
            {
                var words = Describe.Ending(AdminRelationshipTermination.EndingFor(relationship));
                if (words != null && ShouldProcessUnlessForced(Describe.AdminRelationship(relationship), words, Force))
                {
                    terminations.Add(relationship.RelationshipId);
                }
            }

            return new DelegatedAdminApproval(removeDap, terminations);
        }

        /// <summary>Delegated admin access that outlives the removal is named, each with how to end it.</summary>
        private void WarnAboutDelegatedAdmin(string customer, RelationshipRemovalResult result)
        {
            foreach (var error in result.AdminRelationshipErrors)
            {
                WriteError(PartnerErrorRecord.From(error));
            }

            if (result.RemainingAdminRelationships == null)
            {
                var check = result.Effects.FirstOrDefault(c => c.Effect == RemovalEffect.DelegatedAdmin);
                WriteWarning($"{customer}: delegated admin access was not fully checked. {check?.Evidence}");
                return;
            }

            foreach (var relationship in result.RemainingAdminRelationships)
            {
                WriteWarning($"{customer}: {Describe.AdminRelationship(relationship)} is {relationship.Status} and outlives the removal. " +
                    $"End it with: Remove-PartnerAdminRelationship -RelationshipId '{relationship.RelationshipId}'.");
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
