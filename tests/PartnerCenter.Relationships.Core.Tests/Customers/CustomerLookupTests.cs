using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Customers;

namespace PartnerCenter.Relationships.Core.Tests.Customers
{
    /// <summary>Listing customers: name prefixes taken literally with a predicate on top, and lookups by id whatever the relationship.</summary>
    public sealed class CustomerLookupTests
    {
        [Fact]
        public void NameQuery_UsesThePrefixAndThePredicate()
        {
            using var t = new TestStore();
            t.AddCustomer("Contoso");
            t.AddCustomer("Contoso Pharmaceuticals");
            t.AddCustomer("Fabrikam");
            t.AddCustomer("100% Organic_Foods");

            var query = new CustomerQuery { NamePrefix = "contoso", NameMatches = n => n.EndsWith("s", StringComparison.Ordinal) };
            Assert.Equal(new[] { "Contoso Pharmaceuticals" }, t.Customers.List(query).Select(c => c.Name));
            // LIKE's own wildcards in a prefix are taken literally.
            Assert.Equal(new[] { "100% Organic_Foods" }, t.Customers.List(new CustomerQuery { NamePrefix = "100% Organic_" }).Select(c => c.Name));
            Assert.Empty(t.Customers.List(new CustomerQuery { NamePrefix = "100_" }));
        }

        [Fact]
        public void IdQuery_FindsThoseCustomers_WhateverTheirRelationship_ButTheListingDoesNot()
        {
            using var t = new TestStore();
            var kept = t.AddCustomer("Contoso");
            var removed = t.AddCustomer("Fabrikam");
            t.AddCustomer("Litware");
            t.Removal.Remove(removed.CustomerId, Array.Empty<Guid>());
            var query = new CustomerQuery { CustomerIds = new[] { kept.CustomerId, removed.CustomerId, Guid.NewGuid() } };

            Assert.Equal(new[] { "Contoso", "Fabrikam" }, t.Store.GetCustomers(query).Select(c => c.Name));
            Assert.Equal(new[] { "Contoso" }, t.Customers.List(query).Select(c => c.Name));
        }
    }
}
