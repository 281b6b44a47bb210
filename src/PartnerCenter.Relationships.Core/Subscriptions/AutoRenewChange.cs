using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// Turning auto-renew on or off: off is how a new-commerce subscription past its cancellation window is let run
    /// out, so that the relationship can be removed after its commitment end. Partner Center changes it only on an
    /// active subscription.
    /// </summary>
    public sealed class AutoRenewChange
    {
        private readonly IPartnerBackend _backend;
        private readonly SubscriptionLookup _lookup;

        public AutoRenewChange(IPartnerBackend backend)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _lookup = new SubscriptionLookup(backend);
        }

        /// <summary>The subscription as the backend holds it now, named after its customer.</summary>
        public Subscription Read(Guid customerId, Guid subscriptionId) => _lookup.Get(customerId, subscriptionId);

        /// <summary>
        /// False when the subscription already has the setting (nothing to do); refused (AutoRenewCannotChange)
        /// unless it is active.
        /// </summary>
        public bool NeedsChange(Subscription subscription, bool autoRenewEnabled) =>
            subscription.AutoRenewEnabled != autoRenewEnabled &&
            (SubscriptionStatus.IsActive(subscription.Status) ? true : throw PartnerErrors.AutoRenewCannotChange(subscription));

        /// <summary>Saves the setting; the subscription object shows it once saved. Judged again if it changed in between.</summary>
        public void Apply(Subscription subscription, bool autoRenewEnabled)
        {
            for (var round = 1; ; round++)
            {
                if (_backend.UpdateSubscriptionAutoRenew(new[] { subscription }, autoRenewEnabled).Count == 1)
                {
                    subscription.AutoRenewEnabled = autoRenewEnabled;
                    return;
                }

                // What was just read is what the next round writes back: one request, not a read and a write again.
                var fresh = Read(subscription.CustomerId, subscription.SubscriptionId);
                subscription.LastSent = fresh.LastSent;
                if (!NeedsChange(fresh, autoRenewEnabled))
                {
                    subscription.AutoRenewEnabled = autoRenewEnabled;
                    return;
                }

                if (round == StatusChangeRules.MaxWriteRounds)
                {
                    throw PartnerErrors.SubscriptionKeepsChanging(subscription, autoRenewEnabled ? "auto-renewing" : "not auto-renewing", round);
                }
            }
        }
    }
}
