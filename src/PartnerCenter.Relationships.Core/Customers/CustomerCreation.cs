using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Customers
{
    /// <summary>Adding a customer to the local store, so a rehearsal can be set up (Partner Center creates customers through its own flows).</summary>
    public sealed class CustomerCreation
    {
        private readonly IPartnerBackend _backend;

        public CustomerCreation(IPartnerBackend backend) => _backend = backend ?? throw new ArgumentNullException(nameof(backend));

        public Customer Add(Customer customer)
        {
            var store = _backend.RequireLocalStore("Adding a customer");
            Validate(customer);
            using var operation = store.BeginOperation();
            var clash = store.GetCustomer(customer.CustomerId) ?? CustomerLookup.FindByDomain(store, customer.Domain);
            if (clash != null)
            {
                throw PartnerErrors.CustomerAlreadyExists(clash);
            }

            customer.BeginResellerRelationship(keepsDelegatedAdmin: customer.AllowDelegatedAccess);
            store.AddCustomer(customer);
            operation.Complete();
            return customer;
        }

        private static void Validate(Customer customer)
        {
            if (string.IsNullOrWhiteSpace(customer.Name))
            {
                throw PartnerErrors.InvalidArgument("-Name", customer.Name, "a customer needs a company name.");
            }

            if (DomainName.Problem(customer.Domain) is { } domainProblem)
            {
                throw PartnerErrors.InvalidDomain(customer.Domain, domainProblem);
            }

            // A tenant id is never the empty GUID; taking it for "make one up" would hide a script's unset variable.
            if (customer.CustomerId == Guid.Empty)
            {
                throw PartnerErrors.InvalidCustomerId(customer.CustomerId);
            }
        }
    }
}
