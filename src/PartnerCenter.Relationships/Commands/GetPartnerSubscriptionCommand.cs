using System;
using System.Linq;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    [Cmdlet(VerbsCommon.Get, "PartnerSubscription")]
    [OutputType(typeof(Subscription))]
    public sealed class GetPartnerSubscriptionCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        public Guid[]? SubscriptionId { get; set; }

        /// <summary>Shorthand for -Status Active: the subscriptions that block removal.</summary>
        [Parameter]
        public SwitchParameter Active { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(StatusCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Status { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var statuses = (Status ?? Array.Empty<string>()).Concat(Active ? new[] { SubscriptionStatus.Active } : Array.Empty<string>()).ToList();
            var lookup = new SubscriptionLookup(Backend);
            if (SubscriptionId is { Length: > 0 })
            {
                foreach (var id in SubscriptionId)
                {
                    ForRecord(() =>
                    {
                        var subscription = lookup.Get(CustomerId, id);
                        if (SubscriptionLookup.HasAnyStatus(subscription, statuses))
                        {
                            WriteObject(subscription);
                        }
                    });
                }

                return;
            }

            ForRecord(() =>
            {
                foreach (var subscription in lookup.List(CustomerId, statuses))
                {
                    WriteObject(subscription);
                }
            });
        }

        #endregion
    }
}
