using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Suspend and resume differ only in the status they aim for; this is the part they share.</summary>
    public abstract class SubscriptionStatusCmdlet : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId")]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public Guid[] SubscriptionId { get; set; } = Array.Empty<Guid>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        protected abstract string TargetStatus { get; }

        /// <summary>The words of the -WhatIf and confirmation text, e.g. "Suspend subscription".</summary>
        protected abstract string Action { get; }

        #region Command code

        protected override void ProcessRecord()
        {
            foreach (var id in SubscriptionId)
            {
                ForRecord(() =>
                {
                    var change = Service.PrepareStatusChange(CustomerId, id, TargetStatus);
                    var target = Describe.Subscription(change.Customer, change.Subscription);
                    if (change.IsAlreadyDone)
                    {
                        WriteVerbose($"{target} is already {change.TargetStatus}; nothing to do.");
                    }
                    else if (ShouldProcess(target, Action))
                    {
                        Service.ApplyStatusChange(change);
                    }
                    else
                    {
                        return;
                    }

                    if (PassThru)
                    {
                        WriteObject(change.Subscription);
                    }
                });
            }
        }

        #endregion
    }
}
