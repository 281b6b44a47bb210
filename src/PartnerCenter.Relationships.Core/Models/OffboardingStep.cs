using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>One thing that has to happen to one subscription before the reseller relationship can be removed.</summary>
    public sealed class OffboardingStep
    {
        internal OffboardingStep()
        {
        }

        public Guid CustomerId { get; internal set; }

        /// <summary>The customer's company name, so a step read on its own still says whose it is.</summary>
        public string CustomerName { get; internal set; } = string.Empty;

        public Guid SubscriptionId { get; internal set; }

        public string OfferName { get; internal set; } = string.Empty;

        /// <summary>One of <see cref="OffboardingAction"/>.</summary>
        public string Action { get; internal set; } = string.Empty;

        /// <summary>
        /// By when: the end of the cancellation window for Cancel, the commitment end for DisableAutoRenew and
        /// WaitForExpiry; null when there is no date.
        /// </summary>
        public DateTime? Deadline { get; internal set; }

        /// <summary>Why, in words, including what happens to billing.</summary>
        public string Reason { get; internal set; } = string.Empty;

        /// <summary>The subscription as it was when the plan was made.</summary>
        public Subscription Subscription { get; internal set; } = null!;

        public override string ToString() => $"{Action} {OfferName} ({SubscriptionId})";
    }

    /// <summary>What an offboarding step asks for.</summary>
    public static class OffboardingAction
    {
        /// <summary>Suspend it (a legacy subscription, or an Azure plan with nothing under it): done today, billing stops.</summary>
        public const string Suspend = "Suspend";

        /// <summary>Cancel it inside its window (new commerce): done today, with a prorated refund; cannot be undone.</summary>
        public const string Cancel = "Cancel";

        /// <summary>Turn auto-renew off so that it expires at its commitment end instead of renewing.</summary>
        public const string DisableAutoRenew = "DisableAutoRenew";

        /// <summary>Wait until its commitment ends; it stays billed until then.</summary>
        public const string WaitForExpiry = "WaitForExpiry";

        /// <summary>Something the module cannot do, described in the reason.</summary>
        public const string Manual = "Manual";

        /// <summary>Whether a step of this kind clears its blocker today, with the module.</summary>
        public static bool ClearsToday(string action) => action == Suspend || action == Cancel;
    }
}
