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

        /// <summary>
        /// How many customers are planned and removed at the same time against Partner Center, under the connection's
        /// one throttle. Confirmation still happens one customer at a time, and results are written in input order.
        /// The local store removes one customer at a time.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        #endregion

        #region Command code

        private BulkRemoval? _bulk;
        private BulkProgress? _overall;
        private TerminationProgress? _termination;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkRemoval(Backend, ThrottleLimit, SuspendActiveSubscriptions, CancelNewCommerceSubscriptions, Cancellation);
            _overall = new BulkProgress(this, "Removing reseller relationships", activityId: 31);
            _termination = new TerminationProgress(this, ProgressId);
        }

        protected override void ProcessRecord()
        {
            foreach (var id in CustomerId)
            {
                _bulk!.Plan(id, Waiting);
            }

            Confirm(_bulk!.TakePlanned());
        }

        protected override void EndProcessing()
        {
            if (_bulk != null)
            {
                Confirm(_bulk.DrainPlanned(Waiting));
                Write(_bulk.Drain(Waiting));
                _termination!.Complete();
                _overall!.Complete();
            }

            base.EndProcessing();
        }

        protected override void DisposeCommandState()
        {
            _bulk?.Dispose();
            _bulk = null;
        }

        /// <summary>Each plan's steps and its removal confirmed, in input order, on the pipeline thread; what is confirmed is queued.</summary>
        private void Confirm(IEnumerable<PlannedRemoval> plans)
        {
            foreach (var planned in plans)
            {
                WriteServiceMessages();
                if (planned.Plan is OffboardingPlan plan)
                {
                    Confirm(planned, plan);
                }
                else
                {
                    _bulk!.Skip(planned);
                }

                Write(_bulk!.TakeCompleted());
            }
        }

        private void Confirm(PlannedRemoval planned, OffboardingPlan plan)
        {
            var customer = Describe.Customer(plan);
            var suspensions = Approved(plan, OffboardingAction.Suspend, "Suspend subscription");
            var cancellations = Approved(plan, OffboardingAction.Cancel, "Cancel subscription (cannot be undone)");
            if (suspensions.Count + cancellations.Count < plan.Steps.Count && !IsWhatIfRequested())
            {
                // A declined step would block the removal anyway: nothing is changed for this customer.
                _bulk!.Skip(planned);
                return;
            }

            // Asked before the removal itself, as each subscription step is, so -WhatIf lists them all.
            var delegatedAdmin = TerminateAdminRelationships ? ApprovedDelegatedAdmin(plan) : DelegatedAdminApproval.None;
            if (ShouldProcessUnlessForced(customer, "Remove reseller relationship", Force))
            {
                _bulk!.Remove(planned, suspensions, cancellations, delegatedAdmin, _termination!.Report, Waiting);
            }
        }

        /// <summary>Outcomes in input order: each error, declined plan or removal as it is told.</summary>
        private void Write(IEnumerable<RemovalOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                WriteServiceMessages();
                if (outcome.Error != null)
                {
                    WriteError(PartnerErrorRecord.From(outcome.Error));
                }
                else if (outcome.Result is RelationshipRemovalResult result)
                {
                    Report(Describe.Customer(outcome.Planned.Plan!), result);
                }
                else
                {
                    WriteWarning($"{Describe.Customer(outcome.Planned.Plan!)}: the reseller relationship was not removed, and nothing was changed: a step it needs was declined.");
                }

                _overall!.Report(_bulk!.Completed, _bulk.Added);
            }
        }

        /// <summary>While the run waits for Partner Center or Graph: what they said (verbose), the progress, and any wait for terminations.</summary>
        private void Waiting()
        {
            WriteServiceMessages();
            _overall!.Report(_bulk!.Completed, _bulk.Added, Backend.ThrottleWait);
            if (_bulk.TakeWaitProgress() is AdminRelationshipWaitProgress progress)
            {
                _termination!.Report(progress);
            }
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
