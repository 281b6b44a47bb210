using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>A customer's subscription. Property names follow the older official module's PSSubscription.</summary>
    public sealed class Subscription
    {
        public Guid CustomerId { get; set; }

        public Guid SubscriptionId { get; set; }

        public string OfferId { get; set; } = string.Empty;

        public string OfferName { get; set; } = string.Empty;

        public string FriendlyName { get; set; } = string.Empty;

        public int Quantity { get; set; }

        /// <summary>Known values are in <see cref="SubscriptionStatus"/>; any other value is kept as received.</summary>
        public string Status { get; set; } = SubscriptionStatus.Active;

        public string BillingCycle { get; set; } = Models.BillingCycle.Monthly;

        public DateTime? CommitmentEndDate { get; set; }

        public string CommerceType { get; set; } = Models.CommerceType.Legacy;

        public override string ToString() => $"{OfferName} ({SubscriptionId})";
    }
}
