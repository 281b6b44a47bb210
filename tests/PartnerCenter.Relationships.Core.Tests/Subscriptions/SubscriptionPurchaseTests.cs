using System;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>Buying a subscription in the local store: its id, and no purchase once the relationship is removed.</summary>
    public sealed class SubscriptionPurchaseTests
    {
        [Fact]
        public void Purchase_WithTheEmptyGuid_IsInvalidSubscriptionId_AndWithoutAnId_GetsANewOne()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();

            var error = Assert.Throws<PartnerException>(() => new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Office 365 E3", SubscriptionId = Guid.Empty }));
            Assert.Equal(PartnerErrorId.InvalidSubscriptionId, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Empty(t.Store.GetSubscriptions(customer.CustomerId));

            var bought = new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Office 365 E3" });
            Assert.NotEqual(Guid.Empty, bought.SubscriptionId);
            var chosen = Guid.NewGuid();
            Assert.Equal(chosen, new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Office 365 E5", SubscriptionId = chosen }).SubscriptionId);
        }

        [Fact]
        public void Purchase_IsRefused_OnceTheRelationshipIsRemoved()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            var error = Assert.Throws<PartnerException>(() => t.AddSubscription(customer));

            Assert.Equal(PartnerErrorId.PurchaseNotAllowed, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.PermissionDenied, error.Category);
            Assert.Empty(t.Store.GetSubscriptions(customer.CustomerId));
        }
    }
}
