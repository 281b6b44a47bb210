using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>What a partner asks for when purchasing a subscription on a customer's behalf.</summary>
    public sealed class SubscriptionOrder
    {
        public Guid CustomerId { get; set; }

        /// <summary>The new subscription's id; one is generated when null. The empty GUID is refused.</summary>
        public Guid? SubscriptionId { get; set; }

        /// <summary>The offer's id; the offer name is used when empty.</summary>
        public string? OfferId { get; set; }

        public string OfferName { get; set; } = string.Empty;

        /// <summary>The offer name is used when empty.</summary>
        public string? FriendlyName { get; set; }

        public int Quantity { get; set; } = 1;

        public string BillingCycle { get; set; } = Models.BillingCycle.Monthly;

        public string CommerceType { get; set; } = Models.CommerceType.NewCommerce;

        /// <summary>End of the commitment term; one year from today when empty.</summary>
        public DateTime? CommitmentEndDate { get; set; }
    }
}
