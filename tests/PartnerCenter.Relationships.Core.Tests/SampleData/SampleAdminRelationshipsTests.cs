using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;

namespace PartnerCenter.Relationships.Core.Tests.SampleData
{
    /// <summary>The sample's GDAP relationships: its fixed cases, the random ones, and the customers and subscriptions they left as they were.</summary>
    public sealed class SampleAdminRelationshipsTests
    {
        private static readonly DateTime Today = new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void TheCustomersAndSubscriptionsOfASeed_AreThoseTheyWereBeforeGdap_ContosoGainingLegacyDapOnly()
        {
            var content = SampleDataGenerator.Generate(60, seed: 7, new DateTime(2026, 3, 15));

            // The fingerprint of the sample as it was made before GDAP relationships were added to it (Contoso's DAP left out).
            Assert.Equal("C76ECDE0A74F8C9F50E540C87D35F85947B0E49F6D125731ACC9EEF210B86D0E", Fingerprint(content));
            Assert.Equal((60, 177), (content.Customers.Count, content.Subscriptions.Count));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(42)]
        public void Contoso_HasLegacyDap_WhateverTheSeed(int seed) =>
            Assert.True(SampleDataGenerator.Generate(4, seed, Today).Customers[0].AllowDelegatedAccess);

        [Fact]
        public void TheFixedCases_AreTheFirstCustomersRelationships_WithTheirStatusesRolesAndDates()
        {
            var content = SampleDataGenerator.Generate(4, seed: 1, Today);
            var day = new DateTimeOffset(Today);
            (string, string, string, string, DateTimeOffset?, DateTimeOffset?) Case(string name, string status, string roles, string autoExtend, int? endDays, int? activatedDays) =>
                (name, status, roles, autoExtend, endDays is int e ? day.AddDays(e) : null, activatedDays is int a ? day.AddDays(a) : null);

            var expected = new[]
            {
                ("Contoso", Case("Contoso admin", "Active", "Exchange Administrator, User Administrator", "P180D", 400, -330)),
                ("Contoso", Case("Contoso helpdesk", "Active", "Helpdesk Administrator, Global Reader", "PT0S", 20, -710)),
                ("Contoso Pharmaceuticals", Case("Contoso Pharma admin", "Active", "User Administrator, License Administrator", "PT0S", 630, -100)),
                ("Contoso Pharmaceuticals", Case("Contoso Pharma support", "Expiring", "Service Support Administrator, Directory Readers", "PT0S", 1, -364)),
                ("Fabrikam", Case("Fabrikam admin", "Expired", "Global Administrator", "PT0S", -220, -400)),
                ("Fabrikam", Case("Fabrikam helpdesk", "Terminated", "Helpdesk Administrator", "PT0S", -30, -300)),
                ("Northwind Traders", Case("Northwind Traders admin", "Active", "Exchange Administrator, Teams Administrator", "P180D", 685, -45)),
                ("Northwind Traders", Case("Northwind onboarding", "Created", "User Administrator, License Administrator", "PT0S", null, null)),
            };
            var customers = content.Customers.ToDictionary(c => c.CustomerId, c => c.Name);
            Assert.Equal(expected, content.AdminRelationships.Select(r => (customers[r.CustomerId],
                (r.DisplayName, r.Status, string.Join(", ", r.Roles), r.AutoExtendDuration, r.EndDateTime, r.ActivatedDateTime))));
            Assert.All(content.AdminRelationships, r => Assert.Equal(r.Roles.Select(AdminRoles.IdOf), r.RoleDefinitionIds));
            Assert.All(content.AdminRelationships, r => Assert.Equal(customers[r.CustomerId], r.CustomerName));
        }

        [Fact]
        public void RandomCustomers_HaveUpToTwoRelationships_MostlyActive_WithDatesThatFitTheirStatus_AndUniqueNamesWithinGraphsLimit()
        {
            var content = SampleDataGenerator.Generate(2000, seed: 3, Today);
            var day = new DateTimeOffset(Today);
            var random = content.AdminRelationships.Skip(8).ToList();
            var perCustomer = content.Customers.Skip(4).Select(c => random.Count(r => r.CustomerId == c.CustomerId)).ToList();
            var statuses = random.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());

            Assert.Equal(new[] { 0, 1, 2 }, perCustomer.Distinct().OrderBy(n => n));
            Assert.Equal(new[] { "Active", "Expired", "Terminated" }, statuses.Keys.OrderBy(s => s));
            Assert.True(statuses["Active"] > statuses["Expired"] + statuses["Terminated"], "mostly active");
            Assert.Equal(content.AdminRelationships.Count, content.AdminRelationships.Select(r => r.DisplayName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(content.AdminRelationships, r => Assert.InRange(r.DisplayName.Length, 1, SampleAdminRelationships.MaxSampleDisplayNameLength));
            Assert.Equal(content.AdminRelationships.Count, content.AdminRelationships.Select(r => r.RelationshipId).Distinct().Count());
            Assert.All(random.Where(r => r.Status == "Active"), r => Assert.True(r.EndDateTime > day));
            Assert.All(random.Where(r => r.Status != "Active"), r => Assert.True(r.EndDateTime < day && r.EndDateTime > r.CreatedDateTime));
            Assert.All(content.AdminRelationships.Where(r => r.AutoExtendDuration == AdminRelationshipTerms.AutoExtension),
                r => Assert.True(AdminRelationshipTerms.MayAutoExtend(r.RoleDefinitionIds)));
            Assert.Contains(content.AdminRelationships, r => r.DisplayName.Contains('#'));
        }

        [Fact]
        public void TheRelationships_AreTheSameForTheSameSeed_AndOthersForAnother()
        {
            static IEnumerable<(string, string, string)> Of(int seed) =>
                SampleDataGenerator.Generate(50, seed, Today).AdminRelationships.Select(r => (r.RelationshipId, r.DisplayName, r.ETag!));

            Assert.Equal(Of(7), Of(7));
            Assert.NotEqual(Of(7).First(), Of(8).First());
        }

        [Fact]
        public void AStoreFilledWithSampleData_HoldsTheRelationships_AsTheyStandToday()
        {
            using var t = new TestStore();
            var content = SampleDataGenerator.Generate(30, seed: 1);

            LocalStoreSetup.FillWithSampleData(t.Store, 30, seed: 1, replaceExisting: true);

            var stored = t.Store.GetAdminRelationships(new AdminRelationshipQuery()).ToList();
            Assert.Equal(content.AdminRelationships.Select(r => (r.RelationshipId, r.Status, r.ETag)).OrderBy(r => r.RelationshipId),
                stored.Select(r => (r.RelationshipId, r.Status, r.ETag)).OrderBy(r => r.RelationshipId));
            var contoso = content.Customers[0].CustomerId;
            Assert.Equal(new[] { "Contoso admin", "Contoso helpdesk" },
                t.Store.GetAdminRelationships(new AdminRelationshipQuery { CustomerId = contoso, Statuses = new[] { "active" } }).Select(r => r.DisplayName).OrderBy(n => n));
            Assert.True(t.Store.GetCustomer(contoso)!.AllowDelegatedAccess);
        }

        /// <summary>Every field of every customer (but Contoso's DAP) and subscription, hashed.</summary>
        private static string Fingerprint(SampleStoreContent content)
        {
            var customers = content.Customers.Select((c, i) => string.Join("|", c.CustomerId, c.Name, c.Domain, i == 0 ? "-" : c.AllowDelegatedAccess.ToString(),
                c.RelationshipToPartner, c.IsSupportContact, c.CanPurchase));
            var subscriptions = content.Subscriptions.Select(s => string.Join("|", s.CustomerId, s.SubscriptionId, s.OfferId, s.OfferName, s.FriendlyName, s.Quantity,
                s.Status, s.BillingCycle, s.CommerceType, s.CommitmentEndDate?.ToString("yyyy-MM-dd"), s.TermDuration, s.AutoRenewEnabled,
                s.CancellationAllowedUntil?.ToString("o"), s.CreationDate?.ToString("o"), s.BillingType, s.ParentSubscriptionId, s.ActiveAzureSubscriptions));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", customers.Concat(subscriptions)))));
        }
    }
}
