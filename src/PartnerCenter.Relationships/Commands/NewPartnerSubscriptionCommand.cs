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

        /// <summary>End of the commitment term; one year from today when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? CommitmentEndDate { get; set; }

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
