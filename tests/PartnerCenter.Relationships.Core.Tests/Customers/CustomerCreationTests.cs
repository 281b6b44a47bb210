using System;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Customers
{
    /// <summary>Adding a customer to the local store: input a script gets wrong is a clear error with its own id, and nothing is added.</summary>
    public sealed class CustomerCreationTests
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
        public void AddCustomer_RefusesADuplicateDomain()
        {
            using var t = new TestStore();
            t.AddCustomer("Contoso");

            var error = Assert.Throws<PartnerException>(() => new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Other", Domain = "CONTOSO.onmicrosoft.com" }));

            Assert.Equal(PartnerErrorId.CustomerAlreadyExists, error.ErrorId);
            Assert.Single(t.Customers.List(CustomerQuery.All));
        }
    }
}
