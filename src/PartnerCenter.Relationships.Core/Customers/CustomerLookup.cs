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

        /// <summary>
        /// The customer, if the partner still has a relationship with it; otherwise <paramref name="refusal"/> says why
        /// the operation is refused (given the customer, or null when the backend does not know it at all).
        /// </summary>
        internal static Customer RequireRelationship(IPartnerBackend backend, Guid customerId, Func<Customer?, PartnerException>? refusal = null)
        {
            var customer = backend.GetCustomer(customerId);
            if (customer == null || !customer.HasRelationship)
            {
                throw refusal?.Invoke(customer) ?? PartnerErrors.CustomerRelationshipNotFound(customerId);
            }

            return customer;
        }

        /// <summary>The customer with exactly this domain, whatever its relationship; null when there is none.</summary>
        internal static Customer? FindByDomain(IPartnerBackend backend, string domain) =>
            backend.GetCustomers(new CustomerQuery { DomainPrefix = domain })
                .FirstOrDefault(c => string.Equals(c.Domain, domain, StringComparison.OrdinalIgnoreCase));
    }
}
