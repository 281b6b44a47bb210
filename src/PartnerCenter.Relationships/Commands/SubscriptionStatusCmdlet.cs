using System;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Suspend and resume differ only in the status they aim for; this is the part they share.</summary>
    public abstract class SubscriptionStatusCmdlet : PartnerCmdlet
    {
        protected const string ByIdSet = "ById";
        protected const string ByInputObjectSet = "ByInputObject";

        private StatusChangePreview? _preview;
        private StatusChangeQueue? _queue;
        private BulkProgress? _progress;

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public Guid[] SubscriptionId { get; set; } = Array.Empty<Guid>();

        /// <summary>
        /// Subscriptions as Get-PartnerSubscription writes them. What they show is used to preview the change, so a
        /// bulk run reads nothing more per subscription; the store is still checked when the change is saved. This is
        /// the default set, so piped subscriptions bind here rather than by their ids (PowerShell tries the default
        /// set first).
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
        public Subscription[] InputObject { get; set; } = Array.Empty<Subscription>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// How many subscriptions are changed at the same time against Partner Center. Confirmation still happens one
        /// subscription at a time, and results are written in input order. The local store saves in batches instead.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        #endregion

        protected abstract string TargetStatus { get; }

        /// <summary>The words of the -WhatIf and confirmation text, e.g. "Suspend subscription".</summary>
        protected abstract string Action { get; }

        #region Command code

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _preview = new StatusChangePreview(Backend);
            _queue = new StatusChangeQueue(new StatusChanger(Backend, _preview), ThrottleLimit, Cancellation);
            _progress = new BulkProgress(this, Action, activityId: 1);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByInputObjectSet)
            {
                foreach (var subscription in InputObject)
                {
                    ForRecord(() => Consider(_preview!.Prepare(subscription, TargetStatus)));
                }
            }
            else
            {
                foreach (var id in SubscriptionId)
                {
                    ForRecord(() => Consider(_preview!.Prepare(CustomerId, id, TargetStatus)));
                }
            }

            Write(_queue!.TakeCompleted());
        }

        /// <summary>Confirms a checked change (or notes that there is nothing to do) and queues it to be applied.</summary>
        private void Consider(SubscriptionStatusChange change)
        {
            var target = Describe.Subscription(change.Customer, change.Subscription);
            if (change.IsAlreadyDone)
            {
                WriteVerbose($"{target} is already {change.TargetStatus}; nothing to do.");
                _queue!.Add(change, Waiting);
            }
            else if (ShouldProcess(target, Action))
            {
                WarnOnce(change);
                _queue!.Add(change, Waiting);
            }
        }

        /// <summary>What the change will not do that a user may expect of it (suspending a new-commerce subscription does not stop its billing), said once per subscription.</summary>
        private void WarnOnce(SubscriptionStatusChange change)
        {
            if (StatusChangeRules.WarningFor(change.Subscription, change.TargetStatus) is string warning && _warned.Add(change.Subscription.SubscriptionId))
            {
                WriteWarning($"{Describe.Subscription(change.Customer, change.Subscription)}: {warning}");
            }
        }

        private readonly HashSet<Guid> _warned = new HashSet<Guid>();

        protected override void EndProcessing()
        {
            if (_queue != null)
            {
                Write(_queue.Drain(Waiting));
                _progress!.Complete();
            }

            base.EndProcessing();
        }

        protected override void DisposeCommandState()
        {
            _queue?.Dispose();
            _queue = null;
        }

        /// <summary>While the run waits for Partner Center: what it said meanwhile (verbose), and the progress, with any throttled wait.</summary>
        private void Waiting()
        {
            WriteServiceMessages();
            _progress!.Report(_queue!.Completed, _queue.Added, Backend.ThrottleWait);
        }

        private void Write(IEnumerable<StatusChangeOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                WriteServiceMessages();
                if (outcome.Error != null)
                {
                    WriteError(PartnerErrorRecord.From(outcome.Error));
                }
                else if (PassThru)
                {
                    WriteObject(outcome.Change.Subscription);
                }

                _progress!.Report(_queue!.Completed, _queue.Added);
            }
        }

        #endregion
    }
}
