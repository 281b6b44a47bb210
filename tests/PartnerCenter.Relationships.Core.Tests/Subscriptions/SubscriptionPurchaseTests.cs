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

        [Fact]
        public void ANewCommercePurchase_HasItsTerm_AutoRenew_AndASevenDayWindowFromItsCreation()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var created = DateTime.UtcNow.AddDays(-2);
            var bought = new SubscriptionPurchase(t.Store).Purchase(new SubscriptionOrder
            {
                CustomerId = customer.CustomerId, OfferName = "Microsoft 365 E3", BillingCycle = BillingCycle.Annual, CreationDate = created,
            });
            var read = t.Store.GetSubscriptionById(bought.SubscriptionId)!;
            Assert.Equal((TermDuration.OneYear, true, BillingType.License), (read.TermDuration, read.AutoRenewEnabled, read.BillingType));
            Assert.Equal(created.Date.AddYears(1).AddDays(-1), read.CommitmentEndDate);
            Assert.Equal(created.AddDays(7), read.CancellationAllowedUntil!.Value, TimeSpan.FromSeconds(1));
            Assert.Equal(created, read.CreationDate!.Value, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public void APurchaseDatedBeforeItsTermEnded_IsRenewedOrExpired_AsPartnerCenterWouldHaveDone()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var purchase = new SubscriptionPurchase(t.Store);
            SubscriptionOrder Order(bool renew) => new SubscriptionOrder
            {
                CustomerId = customer.CustomerId, OfferName = "Power BI Pro", TermDuration = "P1M", AutoRenewEnabled = renew, CreationDate = DateTime.UtcNow.AddDays(-40),
            };
            var renewed = purchase.Purchase(Order(true));
            Assert.Equal(SubscriptionStatus.Active, renewed.Status);
            Assert.True(renewed.CommitmentEndDate >= DateTime.UtcNow.Date);
            Assert.Equal(SubscriptionStatus.Expired, purchase.Purchase(Order(false)).Status);
        }

        [Fact]
        public void LegacyAndAzurePlanPurchases_HaveNoCancellationWindow_AndAnAddOnNeedsItsBase()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var purchase = new SubscriptionPurchase(t.Store);
            Assert.Null(purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Office 365 E3", CommerceType = CommerceType.Legacy }).CancellationAllowedUntil);
            var azure = purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Azure plan", BillingType = BillingType.Usage, ActiveAzureSubscriptions = 2 });
            Assert.Equal((null, 2), (azure.CancellationAllowedUntil, azure.ActiveAzureSubscriptions));

            var addOn = purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Teams Phone", ParentSubscriptionId = azure.SubscriptionId });
            Assert.Equal(azure.SubscriptionId, t.Store.GetSubscriptionById(addOn.SubscriptionId)!.ParentSubscriptionId);
            var noBase = Assert.Throws<PartnerException>(() =>
                purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Teams Phone", ParentSubscriptionId = Guid.NewGuid() }));
            Assert.Equal(PartnerErrorId.InvalidArgument, noBase.ErrorId);
        }

        [Theory]
        [InlineData("TermDuration")]
        [InlineData("CreationDate")]
        [InlineData("ActiveAzureSubscriptions")]
        public void AnOrderThatCannotBe_IsInvalidArgument_NamingTheParameter(string parameter)
        {
            using var t = new TestStore();
            var order = new SubscriptionOrder { CustomerId = t.AddCustomer().CustomerId, OfferName = "Microsoft 365 E3" };
            switch (parameter)
            {
                case "TermDuration": order.TermDuration = "P2W"; break;
                case "CreationDate": order.CreationDate = DateTime.UtcNow.AddDays(3); break;
                default: order.ActiveAzureSubscriptions = 1; break;
            }

            var error = Assert.Throws<PartnerException>(() => new SubscriptionPurchase(t.Store).Purchase(order));
            Assert.Equal(PartnerErrorId.InvalidArgument, error.ErrorId);
            Assert.Contains("-" + parameter, error.Message);
        }
    }
}
