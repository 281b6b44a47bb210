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

        /// <summary>End of the commitment term; when empty, the end of the term that starts on the creation date.</summary>
        public DateTime? CommitmentEndDate { get; set; }

        /// <summary>P1M, P1Y or P3Y; when empty, what the billing cycle implies (annual P1Y, triennial P3Y, else P1M).</summary>
        public string? TermDuration { get; set; }

        /// <summary>Partner Center turns auto-renew on for a new purchase unless told otherwise.</summary>
        public bool AutoRenewEnabled { get; set; } = true;

        /// <summary>When it was purchased; now when empty. A date in the past rehearses a subscription bought earlier.</summary>
        public DateTime? CreationDate { get; set; }

        public string BillingType { get; set; } = Models.BillingType.License;

        /// <summary>The base subscription, for an add-on.</summary>
        public Guid? ParentSubscriptionId { get; set; }

        /// <summary>For an Azure plan (billing type Usage): how many Azure subscriptions under it are active.</summary>
        public int? ActiveAzureSubscriptions { get; set; }
    }
}
