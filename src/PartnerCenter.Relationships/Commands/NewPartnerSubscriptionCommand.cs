using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Purchases a subscription on the customer's behalf (local store); refused once the relationship is removed.</summary>
    [Cmdlet(VerbsCommon.New, "PartnerSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Subscription))]
    public sealed class NewPartnerSubscriptionCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string OfferName { get; set; } = string.Empty;

        /// <summary>The offer's id; the offer name is used when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? OfferId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int Quantity { get; set; } = 1;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? FriendlyName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(Core.Models.BillingCycle.Monthly, Core.Models.BillingCycle.Annual, Core.Models.BillingCycle.Triennial, Core.Models.BillingCycle.OneTime)]
        public string BillingCycle { get; set; } = Core.Models.BillingCycle.Monthly;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(Core.Models.CommerceType.Legacy, Core.Models.CommerceType.NewCommerce)]
        public string CommerceType { get; set; } = Core.Models.CommerceType.NewCommerce;

        /// <summary>End of the commitment term; when omitted, the end of the term that starts on -CreationDate.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? CommitmentEndDate { get; set; }

        /// <summary>The commitment term; what -BillingCycle implies when omitted (Annual P1Y, Triennial P3Y, else P1M).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(Core.Models.TermDuration.OneMonth, Core.Models.TermDuration.OneYear, Core.Models.TermDuration.ThreeYears)]
        public string? TermDuration { get; set; }

        /// <summary>Whether it renews at its commitment end; on when omitted, as Partner Center sets a new purchase.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public bool AutoRenewEnabled { get; set; } = true;

        /// <summary>
        /// When it was bought; now when omitted. An earlier date rehearses a subscription bought then: its 7-day
        /// cancellation window is counted from it, and terms that ended since are renewed or expired.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? CreationDate { get; set; }

        /// <summary>License (the default), or Usage for an Azure plan.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(Core.Models.BillingType.License, Core.Models.BillingType.Usage)]
        public string BillingType { get; set; } = Core.Models.BillingType.License;

        /// <summary>Makes the new subscription an add-on of this one of the same customer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Guid? ParentSubscriptionId { get; set; }

        /// <summary>For an Azure plan: how many Azure subscriptions under it are active (none when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, int.MaxValue)]
        public int? ActiveAzureSubscriptions { get; set; }

        /// <summary>The subscription's id; a new one is generated when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Guid? SubscriptionId { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var order = new SubscriptionOrder
            {
                CustomerId = CustomerId,
                SubscriptionId = SubscriptionId,
                OfferId = OfferId,
                OfferName = OfferName,
                FriendlyName = FriendlyName,
                Quantity = Quantity,
                BillingCycle = BillingCycle,
                CommerceType = CommerceType,
                CommitmentEndDate = CommitmentEndDate,
                TermDuration = TermDuration,
                AutoRenewEnabled = AutoRenewEnabled,
                CreationDate = CreationDate,
                BillingType = BillingType,
                ParentSubscriptionId = ParentSubscriptionId,
                ActiveAzureSubscriptions = ActiveAzureSubscriptions,
            };
            var purchase = new SubscriptionPurchase(Backend);
            ForRecord(() =>
            {
                // Refused purchases are errors under -WhatIf too, not "What if: Purchase...".
                var customer = purchase.CustomerFor(CustomerId);
                if (ShouldProcess($"{OfferName} x{Quantity} for {Describe.Customer(customer)}", "Purchase subscription"))
                {
                    WriteObject(purchase.Purchase(order));
                }
            });
        }

        #endregion
    }
}
