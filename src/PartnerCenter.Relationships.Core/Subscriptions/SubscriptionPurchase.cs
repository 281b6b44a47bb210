using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// "Purchase on the customer's behalf" in the local store, so a rehearsal can be set up: refused once the
    /// relationship is removed, as Partner Center refuses an order then.
    /// </summary>
    public sealed class SubscriptionPurchase
    {
        private const string Operation = "Purchasing a subscription";

        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;

        public SubscriptionPurchase(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The customer a purchase would be for, if the partner may still purchase on its behalf.</summary>
        public Customer CustomerFor(Guid customerId)
        {
            var customer = _backend.RequireLocalStore(Operation).GetCustomer(customerId) ?? throw PartnerErrors.CustomerNotFound(customerId);
            return customer.CanPurchase ? customer : throw PartnerErrors.PurchaseNotAllowed(customer);
        }

        public Subscription Purchase(SubscriptionOrder order)
        {
            var store = _backend.RequireLocalStore(Operation);
            Validate(order);
            using var operation = store.BeginOperation();
            CustomerFor(order.CustomerId);
            if (order.SubscriptionId is Guid wanted && store.GetSubscriptionById(wanted) != null)
            {
                throw PartnerErrors.SubscriptionAlreadyExists(wanted);
            }

            if (order.ParentSubscriptionId is Guid parent && store.GetSubscription(order.CustomerId, parent) == null)
            {
                throw PartnerErrors.InvalidArgument("-ParentSubscriptionId", parent, "the customer has no subscription with this id to be the base of an add-on.");
            }

            var subscription = NewSubscription(order, _clock().UtcDateTime);
            subscription = CommitmentTerms.AfterTermEnd(subscription, _clock().UtcDateTime) ?? subscription;
            store.AddSubscription(subscription);
            operation.Complete();
            return subscription;
        }

        /// <summary>
        /// The subscription as Partner Center would have made it on its creation date: its first term, and for a
        /// new-commerce license the 7-day cancellation window from then. A creation date in the past is caught up
        /// with its term ends (renewed, expired) by the caller.
        /// </summary>
        private static Subscription NewSubscription(SubscriptionOrder order, DateTime now)
        {
            var created = order.CreationDate?.ToUniversalTime() ?? now;
            var term = string.IsNullOrWhiteSpace(order.TermDuration) ? TermFor(order.BillingCycle) : order.TermDuration!.Trim().ToUpperInvariant();
            var subscription = new Subscription
            {
                CustomerId = order.CustomerId,
                SubscriptionId = order.SubscriptionId ?? Guid.NewGuid(),
                OfferId = string.IsNullOrWhiteSpace(order.OfferId) ? order.OfferName : order.OfferId!,
                OfferName = order.OfferName,
                FriendlyName = string.IsNullOrEmpty(order.FriendlyName) ? order.OfferName : order.FriendlyName!,
                Quantity = order.Quantity,
                Status = SubscriptionStatus.Active,
                BillingCycle = BillingCycle.Normalize(order.BillingCycle),
                CommerceType = CommerceType.Normalize(order.CommerceType),
                TermDuration = term,
                AutoRenewEnabled = order.AutoRenewEnabled,
                CreationDate = created,
                BillingType = BillingType.Normalize(order.BillingType),
                ParentSubscriptionId = order.ParentSubscriptionId,
                ActiveAzureSubscriptions = order.ActiveAzureSubscriptions ?? (BillingType.IsUsage(order.BillingType) ? 0 : (int?)null),
            };
            subscription.CommitmentEndDate = order.CommitmentEndDate?.Date ?? CommitmentTerms.CommitmentEndFor(term, created) ?? created.Date.AddYears(1);
            subscription.CancellationAllowedUntil = CommitmentTerms.CancellationWindowEnd(subscription, created);
            return subscription;
        }

        /// <summary>The term a billing cycle implies when none is given.</summary>
        internal static string TermFor(string billingCycle) =>
            KnownValues.AreEqual(billingCycle, BillingCycle.Annual) ? TermDuration.OneYear
            : KnownValues.AreEqual(billingCycle, BillingCycle.Triennial) ? TermDuration.ThreeYears
            : TermDuration.OneMonth;

        private void Validate(SubscriptionOrder order)
        {
            if (string.IsNullOrWhiteSpace(order.OfferName))
            {
                throw PartnerErrors.InvalidArgument("-OfferName", order.OfferName, "a subscription needs an offer name.");
            }

            if (order.Quantity < 1)
            {
                throw PartnerErrors.InvalidArgument("-Quantity", order.Quantity, "the quantity must be at least 1.");
            }

            if (order.SubscriptionId == Guid.Empty)
            {
                throw PartnerErrors.InvalidSubscriptionId(Guid.Empty);
            }

            if (!string.IsNullOrWhiteSpace(order.TermDuration) && TermDuration.EndOf(order.TermDuration, DateTime.UtcNow) == null)
            {
                throw PartnerErrors.InvalidArgument("-TermDuration", order.TermDuration, "the term is P1M, P1Y or P3Y.");
            }

            if (order.CreationDate is DateTime created && created.ToUniversalTime() > _clock().UtcDateTime)
            {
                throw PartnerErrors.InvalidArgument("-CreationDate", order.CreationDate, "a subscription cannot be created in the future.");
            }

            if (order.ActiveAzureSubscriptions != null && !BillingType.IsUsage(order.BillingType))
            {
                throw PartnerErrors.InvalidArgument("-ActiveAzureSubscriptions", order.ActiveAzureSubscriptions, "only an Azure plan (-BillingType Usage) has Azure subscriptions.");
            }
        }
    }
}
