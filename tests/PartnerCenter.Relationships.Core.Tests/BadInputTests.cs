using System;
using System.IO;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;
using PartnerCenter.Relationships.Core.Tests.PartnerCenter;

namespace PartnerCenter.Relationships.Core.Tests
{
    /// <summary>Input a script gets wrong: each is a clear error with its own id, and nothing is changed.</summary>
    public sealed class BadInputTests
    {
        [Fact]
        public void AddCustomer_WithTheEmptyGuid_IsInvalidCustomerId_AndAddsNothing()
        {
            using var t = new TestStore();

            var error = Assert.Throws<PartnerException>(() => new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.Empty, Name = "Contoso", Domain = "contoso.onmicrosoft.com" }));

            Assert.Equal(PartnerErrorId.InvalidCustomerId, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Equal(Guid.Empty, error.Target);
            Assert.Empty(t.Customers.List(CustomerQuery.All));
        }

        [Theory]
        [InlineData(".")]
        [InlineData("contoso")]
        [InlineData("contoso..onmicrosoft.com")]
        public void AddCustomer_WithAMalformedDomain_IsInvalidDomain_AndAddsNothing(string domain)
        {
            using var t = new TestStore();

            var error = Assert.Throws<PartnerException>(() => new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso", Domain = domain }));

            Assert.Equal(PartnerErrorId.InvalidDomain, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Equal(domain, error.Target);
            Assert.Empty(t.Customers.List(CustomerQuery.All));
        }

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

        [Theory]
        [InlineData("a\0b.db", "NUL")]
        [InlineData("", "empty")]
        [InlineData("  ", "empty")]
        public void StorePath_ThatIsNoPath_IsInvalidStorePath(string path, string problem)
        {
            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.InvalidStorePath, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Equal(path, error.Target);
            Assert.Contains(problem, error.Message);
            Assert.False(error.Message.Contains('\0'), "the message holds a NUL character");
        }

        [Theory]
        [InlineData("relationship_request", null)]
        [InlineData("subscription", null)]
        [InlineData("customer", "can_purchase")]
        public void StoreMissingATableOrColumn_IsStoreCorrupt_WhenOpened(string table, string? column)
        {
            using var t = new TestStore();
            var path = t.Path;
            t.Store.Dispose();
            using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                raw.Open();
                using var command = raw.CreateCommand();
                command.CommandText = "PRAGMA foreign_keys = OFF; " + (column == null ? $"DROP TABLE {table};" : $"ALTER TABLE {table} DROP COLUMN {column};");
                command.ExecuteNonQuery();
            }

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path, mustExist: true));

            Assert.Equal(PartnerErrorId.StoreCorrupt, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidData, error.Category);
            Assert.Equal(path, error.Target);
            Assert.Contains(column ?? table, error.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("soon")]
        [InlineData("")]
        public void GivenToken_WithoutANumericExpiry_IsAccessTokenUnreadable(string? exp)
        {
            var token = exp == null
                ? RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", upn = "admin@contoso.onmicrosoft.com", scp = "user_impersonation" })
                : RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", upn = "admin@contoso.onmicrosoft.com", scp = "user_impersonation", exp });

            var error = Assert.Throws<PartnerException>(() => new GivenAccessTokenSource(token));

            Assert.Equal(PartnerErrorId.AccessTokenUnreadable, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Contains("'exp'", error.Message);
            Assert.DoesNotContain(token, error.ToString());
        }

        [Fact]
        public void GivenToken_WithANumericStringExpiry_IsAccepted()
        {
            var token = RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", scp = "user_impersonation", exp = RestTest.Epoch(DateTimeOffset.UtcNow.AddHours(1)).ToString(System.Globalization.CultureInfo.InvariantCulture) });

            Assert.NotNull(new GivenAccessTokenSource(token).Claims.ExpiresOn);
        }
    }
}
