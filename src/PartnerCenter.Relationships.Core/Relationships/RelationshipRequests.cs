using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Relationships
{
    /// <summary>Re-establishing a removed reseller relationship: the invitation a former customer accepts.</summary>
    public sealed class RelationshipRequests
    {
        private const string Operation = "Requesting a reseller relationship";

        private readonly IPartnerBackend _backend;

        public RelationshipRequests(IPartnerBackend backend) => _backend = backend ?? throw new ArgumentNullException(nameof(backend));

        /// <summary>An invitation for a customer whose relationship was removed; asking twice returns the same pending request.</summary>
        public RelationshipRequest Request(Customer customer)
        {
            _backend.RequireUserSignIn(Operation, customer.CustomerId);
            if (customer.HasRelationship)
            {
                throw PartnerErrors.RelationshipAlreadyExists(customer);
            }

            return _backend.FindPendingRelationshipRequest(customer.CustomerId) ?? _backend.CreateRelationshipRequest(customer);
        }

        /// <summary>The customer whose relationship a request would re-establish, found by id, whatever its relationship now.</summary>
        public Customer FindCustomer(Guid customerId)
        {
            _backend.RequireUserSignIn(Operation, customerId);
            var customer = _backend.GetCustomer(customerId);
            if (customer == null && !_backend.Can(BackendCapabilities.KeepsRemovedCustomers))
            {
                // Partner Center no longer shows a customer once the relationship is removed, and its invitation link
                // is the same for every customer: the id is all a request needs.
                return new Customer { CustomerId = customerId, RelationshipToPartner = RelationshipToPartner.None };
            }

            return customer ?? throw PartnerErrors.CustomerNotFound(customerId);
        }

        /// <summary>The customer whose relationship a request would re-establish, found by exact domain.</summary>
        public Customer FindCustomer(string domain) =>
            CustomerLookup.FindByDomain(_backend, domain) ?? throw PartnerErrors.CustomerDomainNotFound(domain);
    }
}
