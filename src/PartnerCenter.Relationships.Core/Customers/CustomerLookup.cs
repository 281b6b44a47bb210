using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Customers
{
    /// <summary>The partner's customers: only those it has a relationship with are listed or found.</summary>
    public sealed class CustomerLookup
    {
        private readonly IPartnerBackend _backend;

        public CustomerLookup(IPartnerBackend backend) => _backend = backend ?? throw new ArgumentNullException(nameof(backend));

        /// <summary>Customers the partner has a relationship with, streamed; a customer whose relationship was removed is not listed.</summary>
        public IEnumerable<Customer> List(CustomerQuery query) =>
            _backend.GetCustomers(query).Where(c => c.HasRelationship && query.Matches(c));

        public Customer Get(Guid customerId) => RequireRelationship(_backend, customerId);

        /// <summary>The customer, if the partner still has a relationship with it.</summary>
        internal static Customer RequireRelationship(IPartnerBackend backend, Guid customerId)
        {
            var customer = backend.GetCustomer(customerId);
            if (customer == null || !customer.HasRelationship)
            {
                throw PartnerErrors.CustomerRelationshipNotFound(customerId);
            }

            return customer;
        }
    }
}
