using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>A customer's subscription. Property names follow the older official module's PSSubscription.</summary>
    public sealed class Subscription
    {
        /// <summary>
        /// Only the module makes subscriptions (read from a backend, or bought through a <see cref="SubscriptionOrder"/>).
        /// Without a public constructor PowerShell cannot turn some other object into a Subscription with made-up values
        /// when it binds pipeline input, so piped objects that are not the module's bind by their ids instead.
        /// </summary>
        internal Subscription()
        {
        }

        public Guid CustomerId { get; set; }

        /// <summary>The customer's company name, so a bulk run's confirmations and errors can name it without a lookup.</summary>
        public string CustomerName { get; set; } = string.Empty;

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

        /// <summary>The commitment term, as Partner Center writes it: P1M, P1Y or P3Y (empty when the source gives none).</summary>
        public string TermDuration { get; set; } = string.Empty;

        /// <summary>Whether the subscription renews into a new term at its commitment end.</summary>
        public bool AutoRenewEnabled { get; set; }

        /// <summary>
        /// The last moment a cancellation is accepted (Partner Center's cancellationAllowedUntilDate): a new-commerce
        /// license subscription can be cancelled for 7 days after purchase or renewal. Null when cancelling is not allowed.
        /// </summary>
        public DateTime? CancellationAllowedUntil { get; set; }

        /// <summary>When the subscription was purchased.</summary>
        public DateTime? CreationDate { get; set; }

        /// <summary>Known values are in <see cref="Models.BillingType"/>: License, or Usage for an Azure plan.</summary>
        public string BillingType { get; set; } = Models.BillingType.License;

        /// <summary>The base subscription of an add-on; null for a base subscription.</summary>
        public Guid? ParentSubscriptionId { get; set; }

        /// <summary>
        /// For an Azure plan, how many Azure subscriptions under it are still active (the plan cannot be suspended
        /// until they are cancelled); null when the source did not say.
        /// </summary>
        public int? ActiveAzureSubscriptions { get; set; }

        /// <summary>
        /// The subscription as Partner Center last sent it (in a listing, a read, or the answer to its last change),
        /// so that a change is one PATCH with If-Match on its etag instead of a GET and a PATCH. Null from the local
        /// store, and when the last answer brought none: such a subscription is read before it is changed. Internal,
        /// so PowerShell, which adapts public members only, never shows it.
        /// </summary>
        internal RemoteResource? LastSent { get; set; }

        public override string ToString() => $"{OfferName} ({SubscriptionId})";

        /// <summary>A copy; it shares <see cref="LastSent"/>, which is replaced, never changed.</summary>
        internal Subscription Copy() => (Subscription)MemberwiseClone();
    }
}
