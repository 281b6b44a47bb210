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
                CommitmentEndDate = order.CommitmentEndDate?.Date ?? _clock().UtcDateTime.Date.AddYears(1),
            };
            store.AddSubscription(subscription);
            operation.Complete();
            return subscription;
        }

        private static void Validate(SubscriptionOrder order)
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
        }
    }
}
