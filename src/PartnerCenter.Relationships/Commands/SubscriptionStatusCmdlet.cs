using System;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerCenter.Relationships.Core;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Suspend and resume differ only in the status they aim for; this is the part they share.</summary>
    public abstract class SubscriptionStatusCmdlet : PartnerCmdlet
    {
        protected const string ByIdSet = "ById";
        protected const string ByInputObjectSet = "ByInputObject";

        /// <summary>
        /// Approved changes are saved together, this many at a time (and at the end of input), so a bulk run commits
        /// once per batch. Each one is checked and confirmed as it arrives; results are written in input order.
        /// </summary>
        private const int BatchSize = 200;

        private readonly List<SubscriptionStatusChange> _approved = new List<SubscriptionStatusChange>();

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("TenantId")]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("Id")]
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

        #endregion

        protected abstract string TargetStatus { get; }

        /// <summary>The words of the -WhatIf and confirmation text, e.g. "Suspend subscription".</summary>
        protected abstract string Action { get; }

        #region Command code

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByInputObjectSet)
            {
                foreach (var subscription in InputObject)
                {
                    ForRecord(() => Consider(Service.PrepareStatusChange(subscription, TargetStatus)));
                }
            }
            else
            {
                foreach (var id in SubscriptionId)
                {
                    ForRecord(() => Consider(Service.PrepareStatusChange(CustomerId, id, TargetStatus)));
                }
            }

            if (_approved.Count >= BatchSize)
            {
                SaveApproved();
            }
        }

        /// <summary>Confirms a checked change (or notes that there is nothing to do) and queues it to be saved.</summary>
        private void Consider(SubscriptionStatusChange change)
        {
            var target = Describe.Subscription(change.Customer, change.Subscription);
            if (change.IsAlreadyDone)
            {
                WriteVerbose($"{target} is already {change.TargetStatus}; nothing to do.");
                _approved.Add(change);
            }
            else if (ShouldProcess(target, Action))
            {
                _approved.Add(change);
            }
        }

        protected override void EndProcessing()
        {
            SaveApproved();
            base.EndProcessing();
        }

        private void SaveApproved()
        {
            if (_approved.Count == 0)
            {
                return;
            }

            var outcomes = Service.ApplyStatusChanges(_approved);
            _approved.Clear();
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null)
                {
                    WriteError(PartnerErrorRecord.From(outcome.Error));
                }
                else if (PassThru)
                {
                    WriteObject(outcome.Change.Subscription);
                }
            }
        }

        #endregion
    }
}
