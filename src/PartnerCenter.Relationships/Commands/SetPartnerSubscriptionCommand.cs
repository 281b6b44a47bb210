using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Changes a subscription's settings; today its auto-renew, the way out for a new-commerce subscription past its window.</summary>
    [Cmdlet(VerbsCommon.Set, "PartnerSubscription", DefaultParameterSetName = ByInputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subscription))]
    public sealed class SetPartnerSubscriptionCommand : PartnerCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ByInputObjectSet = "ByInputObject";

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public Guid[] SubscriptionId { get; set; } = Array.Empty<Guid>();

        /// <summary>Subscriptions as Get-PartnerSubscription writes them; each is read again before it is changed.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
        public Subscription[] InputObject { get; set; } = Array.Empty<Subscription>();

        [Parameter(Mandatory = true)]
        public bool AutoRenewEnabled { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var change = new AutoRenewChange(Backend);
            if (ParameterSetName == ByInputObjectSet)
            {
                foreach (var subscription in InputObject)
                {
                    ForRecord(() => Set(change, subscription.CustomerId, subscription.SubscriptionId));
                }

                return;
            }

            foreach (var id in SubscriptionId)
            {
                ForRecord(() => Set(change, CustomerId, id));
            }
        }

        private void Set(AutoRenewChange change, Guid customerId, Guid subscriptionId)
        {
            var subscription = change.Read(customerId, subscriptionId);
            var target = $"{subscription.OfferName} ({subscription.SubscriptionId}) of {subscription.CustomerName} ({subscription.CustomerId})";
            if (!change.NeedsChange(subscription, AutoRenewEnabled))
            {
                WriteVerbose($"{target} already has auto-renew {(AutoRenewEnabled ? "on" : "off")}; nothing to do.");
            }
            else if (ShouldProcess(target, AutoRenewEnabled ? "Turn auto-renew on" : "Turn auto-renew off"))
            {
                change.Apply(subscription, AutoRenewEnabled);
            }
            else
            {
                return;
            }

            if (PassThru)
            {
                WriteObject(subscription);
            }
        }

        #endregion
    }
}
