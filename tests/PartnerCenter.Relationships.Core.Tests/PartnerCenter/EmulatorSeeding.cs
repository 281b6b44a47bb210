using System;
using System.Linq;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The core's models put into the emulator as Partner Center would hold them, every field in its wire form, so
    /// that the same sample data can be read through the local store and through the remote backend.
    /// </summary>
    internal static class EmulatorSeeding
    {
        /// <summary>The sample's customers, then their subscriptions, base subscriptions before their add-ons.</summary>
        public static void Seed(this PartnerCenterEmulator emulator, SampleStoreContent content)
        {
            foreach (var customer in content.Customers)
            {
                emulator.AddCustomer(customer.Name, customer.Domain, KnownValues.ToWireName(customer.RelationshipToPartner), customer.AllowDelegatedAccess, customer.CustomerId);
            }

            foreach (var subscription in content.Subscriptions.OrderBy(s => s.ParentSubscriptionId.HasValue))
            {
                emulator.AddSubscription(subscription.CustomerId, SeedOf(subscription));
            }
        }

        public static SubscriptionSeed SeedOf(Subscription subscription) => new SubscriptionSeed
        {
            Id = subscription.SubscriptionId,
            OfferId = subscription.OfferId,
            OfferName = subscription.OfferName,
            FriendlyName = subscription.FriendlyName,
            Quantity = subscription.Quantity,
            Status = KnownValues.ToWireName(subscription.Status),
            AutoRenewEnabled = subscription.AutoRenewEnabled,
            BillingCycle = KnownValues.ToWireName(subscription.BillingCycle),
            BillingType = KnownValues.ToWireName(subscription.BillingType),
            TermDuration = subscription.TermDuration,
            CreationDate = Utc(subscription.CreationDate),
            CommitmentEndDate = Utc(subscription.CommitmentEndDate),
            CancellationAllowedUntil = Utc(subscription.CancellationAllowedUntil),
            ParentSubscriptionId = subscription.ParentSubscriptionId,
            ActiveAzureSubscriptions = subscription.ActiveAzureSubscriptions ?? 0,
        };

        /// <summary>The module's dates are UTC whatever their Kind says.</summary>
        private static DateTimeOffset? Utc(DateTime? value) =>
            value is DateTime moment ? new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc)) : (DateTimeOffset?)null;
    }
}
