using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Relationships
{
    /// <summary>
    /// Stands in for the customer accepting the invitation in their admin center (local store only, so a rehearsal
    /// can play the customer's part).
    /// </summary>
    public sealed class RelationshipRequestApproval
    {
        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;

        public RelationshipRequestApproval(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public RelationshipRequest Get(Guid requestId) =>
            _backend.RequireLocalStore("Reading a relationship request").GetRelationshipRequest(requestId)
            ?? throw PartnerErrors.RelationshipRequestNotFound(requestId);

        /// <summary>
        /// The customer is listed again as reseller, with support contact and purchasing restored. Delegated admin is
        /// not restored, and subscriptions stay suspended until resumed.
        /// </summary>
        public Customer Approve(Guid requestId)
        {
            var store = _backend.RequireLocalStore("Accepting a relationship request");
            using var operation = store.BeginOperation();
            var request = store.GetRelationshipRequest(requestId) ?? throw PartnerErrors.RelationshipRequestNotFound(requestId);
            if (!KnownValues.AreEqual(request.Status, RelationshipRequestStatus.Pending))
            {
                throw PartnerErrors.RelationshipRequestNotPending(request);
            }

            var customer = store.GetCustomer(request.CustomerId) ?? throw PartnerErrors.CustomerNotFound(request.CustomerId);
            customer.BeginResellerRelationship();
            store.SaveCustomerRelationship(customer);
            request.Status = RelationshipRequestStatus.Accepted;
            request.AcceptedAt = _clock();
            store.SaveRelationshipRequest(request);
            operation.Complete();
            return customer;
        }
    }
}
