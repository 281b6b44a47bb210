using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core
{
    /// <summary>
    /// The rules of ending and re-establishing a reseller relationship, once, for every backend: what is listed,
    /// which status changes are allowed, what blocks removal and what removal does.
    /// </summary>
    public sealed class PartnerRelationshipService
    {
        /// <summary>How many times one status change is read and written again when it keeps being changed meanwhile.</summary>
        private const int MaxWriteRounds = 3;

        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;
        // Previews are read and refreshed from several threads when a bulk change runs side by side against Partner Center.
        private readonly object _previewGate = new object();
        private readonly Dictionary<Guid, CustomerPreview> _previews = new Dictionary<Guid, CustomerPreview>();
        private readonly Dictionary<Guid, Customer> _customers = new Dictionary<Guid, Customer>();

        public PartnerRelationshipService(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        // ---- Customers ----

        /// <summary>Customers the partner has a relationship with, streamed; a customer whose relationship was removed is not listed.</summary>
        public IEnumerable<Customer> GetCustomers(CustomerQuery query) =>
            _backend.GetCustomers(query).Where(c => c.HasRelationship && query.Matches(c));

        public Customer GetCustomer(Guid customerId) => RequireRelationship(customerId);

        public Customer AddCustomer(Customer customer)
        {
            var store = RequireLocalStore("Adding a customer");
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

            using var operation = store.BeginOperation();
            var clash = store.GetCustomer(customer.CustomerId)
                ?? store.GetCustomers(new CustomerQuery { DomainPrefix = customer.Domain })
                    .FirstOrDefault(c => string.Equals(c.Domain, customer.Domain, StringComparison.OrdinalIgnoreCase));
            if (clash != null)
            {
                throw PartnerErrors.CustomerAlreadyExists(clash);
            }

            customer.BeginResellerRelationship(keepsDelegatedAdmin: customer.AllowDelegatedAccess);
            store.AddCustomer(customer);
            operation.Complete();
            return customer;
        }

        // ---- Subscriptions ----

        public IEnumerable<Subscription> GetSubscriptions(Guid customerId, IReadOnlyCollection<string>? statuses = null)
        {
            var customer = RequireRelationship(customerId);
            var wanted = statuses?.Select(SubscriptionStatus.Normalize).ToList();
            return _backend.GetSubscriptions(customerId)
                .Where(s => wanted == null || wanted.Count == 0 || wanted.Any(w => KnownValues.AreEqual(w, s.Status)))
                .Select(s => Named(s, customer));
        }

        public Subscription GetSubscription(Guid customerId, Guid subscriptionId)
        {
            var customer = RequireRelationship(customerId);
            var subscription = _backend.GetSubscription(customerId, subscriptionId)
                ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            return Named(subscription, customer);
        }

        private static Subscription Named(Subscription subscription, Customer customer)
        {
            subscription.CustomerName = customer.Name;
            return subscription;
        }

        /// <summary>The customer a purchase would be for, if the partner may still purchase on its behalf.</summary>
        public Customer CustomerForPurchase(Guid customerId)
        {
            var customer = RequireLocalStore("Purchasing a subscription").GetCustomer(customerId) ?? throw PartnerErrors.CustomerNotFound(customerId);
            return customer.CanPurchase ? customer : throw PartnerErrors.PurchaseNotAllowed(customer);
        }

        /// <summary>"Purchase on the customer's behalf": refused once the relationship is removed.</summary>
        public Subscription PurchaseSubscription(SubscriptionOrder order)
        {
            var store = RequireLocalStore("Purchasing a subscription");
            if (string.IsNullOrWhiteSpace(order.OfferName))
            {
                throw PartnerErrors.InvalidArgument("-OfferName", order.OfferName, "a subscription needs an offer name.");
            }

            if (order.Quantity < 1)
            {
                throw PartnerErrors.InvalidArgument("-Quantity", order.Quantity, "the quantity must be at least 1.");
            }

            if (order.SubscriptionId == Guid.Empty)
            {
                throw PartnerErrors.InvalidSubscriptionId(Guid.Empty);
            }

            using var operation = store.BeginOperation();
            CustomerForPurchase(order.CustomerId);
            if (order.SubscriptionId is Guid wanted && store.GetSubscriptionById(wanted) != null)
            {
                throw PartnerErrors.SubscriptionAlreadyExists(wanted);
            }

            var subscription = new Subscription
            {
                CustomerId = order.CustomerId,
                SubscriptionId = order.SubscriptionId ?? Guid.NewGuid(),
                OfferId = string.IsNullOrWhiteSpace(order.OfferId) ? order.OfferName : order.OfferId!,
                OfferName = order.OfferName,
                FriendlyName = string.IsNullOrEmpty(order.FriendlyName) ? order.OfferName : order.FriendlyName!,
                Quantity = order.Quantity,
                Status = SubscriptionStatus.Active,
                BillingCycle = BillingCycle.Normalize(order.BillingCycle),
                CommerceType = CommerceType.Normalize(order.CommerceType),
                CommitmentEndDate = order.CommitmentEndDate?.Date ?? _clock().UtcDateTime.Date.AddYears(1),
            };
            store.AddSubscription(subscription);
            operation.Complete();
            return subscription;
        }

        /// <summary>
        /// Checks that a subscription may be suspended (or resumed) and says whether anything would change, without
        /// changing it, so a cmdlet can name the subscription in its confirmation prompt first. Within one service
        /// (one command) each customer and its subscriptions are read once: a bulk run asks about the same customer
        /// many times. What is read here is only a preview; applying checks again against the store.
        /// </summary>
        public SubscriptionStatusChange PrepareStatusChange(Guid customerId, Guid subscriptionId, string targetStatus) =>
            PrepareStatusChange(customerId, subscriptionId, targetStatus, fresh: false);

        private SubscriptionStatusChange PrepareStatusChange(Guid customerId, Guid subscriptionId, string targetStatus, bool fresh)
        {
            targetStatus = SubscriptionStatus.Normalize(targetStatus);
            CustomerPreview? preview;
            lock (_previewGate)
            {
                _previews.TryGetValue(customerId, out preview);
            }

            if (fresh || preview == null)
            {
                var customer = RequireRelationshipFor(customerId, subscriptionId, targetStatus);
                preview = new CustomerPreview(customer, _backend.GetSubscriptions(customerId).Select(s => Named(s, customer)));
                lock (_previewGate)
                {
                    _previews[customerId] = preview;
                }
            }

            var subscription = preview.Find(subscriptionId) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            return new SubscriptionStatusChange(preview.Customer, subscription, targetStatus, RequiredStatusFor(subscription, targetStatus));
        }

        /// <summary>
        /// The same check for a subscription object the caller already holds (one this module wrote to the pipeline):
        /// its status is taken as the preview, so a bulk run reads nothing per subscription. A stale object cannot do
        /// harm: the write happens only if the store still has the status it shows, and an object that says there is
        /// nothing to do, or that the change is not allowed, is checked against the store first.
        /// </summary>
        public SubscriptionStatusChange PrepareStatusChange(Subscription known, string targetStatus)
        {
            targetStatus = SubscriptionStatus.Normalize(targetStatus);
            var customer = PreviewCustomer(known, targetStatus);

            var preview = known.Copy();
            try
            {
                var change = new SubscriptionStatusChange(customer, preview, targetStatus, RequiredStatusFor(preview, targetStatus));
                if (!change.IsAlreadyDone)
                {
                    return change;
                }
            }
            catch (PartnerException)
            {
                // Judged on what the store holds, below.
            }

            return PrepareStatusChange(known.CustomerId, known.SubscriptionId, targetStatus, fresh: true);
        }

        /// <summary>
        /// The customer a held subscription belongs to, read once per customer. Partner Center checks the relationship
        /// on every write itself, so there the subscription's own customer id and name stand in and a bulk run makes
        /// no request per customer before its writes.
        /// </summary>
        private Customer PreviewCustomer(Subscription known, string targetStatus)
        {
            lock (_previewGate)
            {
                if (_customers.TryGetValue(known.CustomerId, out var cached))
                {
                    return cached;
                }
            }

            var customer = _backend.IsRemote
                ? new Customer { CustomerId = known.CustomerId, Name = known.CustomerName }
                : RequireRelationshipFor(known.CustomerId, known.SubscriptionId, targetStatus);
            lock (_previewGate)
            {
                _customers[known.CustomerId] = customer;
            }

            return customer;
        }

        /// <summary>The customer, if the partner still has a relationship; resuming for a removed customer says why it is refused.</summary>
        private Customer RequireRelationshipFor(Guid customerId, Guid subscriptionId, string targetStatus)
        {
            var customer = _backend.GetCustomer(customerId);
            return customer != null && customer.HasRelationship ? customer : throw RelationshipRefusal(customer, customerId, subscriptionId, targetStatus);
        }

        private static PartnerException RelationshipRefusal(Customer? customer, Guid customerId, Guid subscriptionId, string targetStatus) =>
            customer != null && KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active)
                ? PartnerErrors.ResumeRequiresRelationship(customer, subscriptionId)
                : PartnerErrors.CustomerRelationshipNotFound(customerId);

        /// <summary>Applies a prepared change; true when the status changed, false when it was already in the target state.</summary>
        public bool ApplyStatusChange(SubscriptionStatusChange change)
        {
            var current = change;
            for (var round = 1; !current.IsAlreadyDone; round++)
            {
                if (_backend.UpdateSubscriptionStatuses(new[] { current.Subscription }, current.RequiredStatus, current.TargetStatus).Count == 1)
                {
                    change.Subscription.Status = current.TargetStatus;
                    return true;
                }

                // A subscription that changes under every attempt (someone else is working on it) is left to them.
                if (round == MaxWriteRounds)
                {
                    throw PartnerErrors.SubscriptionKeepsChanging(current.Subscription, current.TargetStatus, round);
                }

                // Someone changed it between the check and the write: judge again on what is there now.
                current = PrepareStatusChange(change.Customer.CustomerId, change.Subscription.SubscriptionId, change.TargetStatus, fresh: true);
            }

            change.Subscription.Status = current.Subscription.Status;
            return false;
        }

        /// <summary>
        /// Applies one prepared change on its own and says how it went, instead of throwing: what a bulk run against
        /// Partner Center does for each subscription, several side by side. A failed change leaves the subscription
        /// object showing the status it had.
        /// </summary>
        public StatusChangeOutcome TryApplyStatusChange(SubscriptionStatusChange change) => TryApply(change, change.Subscription.Status);

        /// <summary>Applies one change; on failure the subscription object shows <paramref name="statusBefore"/> again.</summary>
        private StatusChangeOutcome TryApply(SubscriptionStatusChange change, string statusBefore)
        {
            try
            {
                return new StatusChangeOutcome(change, ApplyStatusChange(change), null);
            }
            catch (PartnerException ex)
            {
                change.Subscription.Status = statusBefore;
                return new StatusChangeOutcome(change, false, ex);
            }
        }

        /// <summary>
        /// Applies prepared changes together in one operation, so a bulk suspend commits once per batch instead of
        /// once per subscription. Each change gets its own outcome: one that fails leaves its subscription as it was,
        /// and if the batch cannot be saved at all, every change in it fails and nothing is changed.
        /// </summary>
        public IReadOnlyList<StatusChangeOutcome> ApplyStatusChanges(IReadOnlyList<SubscriptionStatusChange> changes)
        {
            var statusesBefore = changes.Select(c => c.Subscription.Status).ToList();
            try
            {
                using var operation = _backend.BeginOperation();
                var unrelated = CustomersWithoutRelationship(changes);
                var updated = new HashSet<Guid>();
                foreach (var group in changes.Where(c => !c.IsAlreadyDone && !unrelated.ContainsKey(c.Customer.CustomerId))
                             .GroupBy(c => (c.RequiredStatus, c.TargetStatus)))
                {
                    updated.UnionWith(_backend.UpdateSubscriptionStatuses(group.Select(c => c.Subscription).ToList(), group.Key.RequiredStatus, group.Key.TargetStatus));
                }

                var outcomes = new List<StatusChangeOutcome>(changes.Count);
                for (var i = 0; i < changes.Count; i++)
                {
                    var change = changes[i];
                    if (!change.IsAlreadyDone && unrelated.TryGetValue(change.Customer.CustomerId, out var customer))
                    {
                        var refusal = RelationshipRefusal(customer, change.Customer.CustomerId, change.Subscription.SubscriptionId, change.TargetStatus);
                        outcomes.Add(new StatusChangeOutcome(change, false, refusal));
                    }
                    else if (updated.Remove(change.Subscription.SubscriptionId))
                    {
                        change.Subscription.Status = change.TargetStatus;
                        outcomes.Add(new StatusChangeOutcome(change, true, null));
                    }
                    else
                    {
                        // Already done, changed meanwhile, or named twice: judged one by one on what the store holds.
                        outcomes.Add(TryApply(change, statusesBefore[i]));
                    }
                }

                operation.Complete();
                return outcomes;
            }
            catch (PartnerException ex)
            {
                // The batch was not saved: every change in it failed, whatever it looked like inside.
                for (var i = 0; i < changes.Count; i++)
                {
                    changes[i].Subscription.Status = statusesBefore[i];
                }

                return changes.Select(c => new StatusChangeOutcome(c, false, ex)).ToList();
            }
        }

        /// <summary>
        /// The relationship may have ended since the preview: checked once per customer, at write time. Returns the
        /// customers that no longer have one (null where the store no longer knows the customer at all).
        /// </summary>
        private Dictionary<Guid, Customer?> CustomersWithoutRelationship(IReadOnlyList<SubscriptionStatusChange> changes)
        {
            var customerIds = changes.Where(c => !c.IsAlreadyDone).Select(c => c.Customer.CustomerId).Distinct().ToList();
            if (customerIds.Count == 0)
            {
                return new Dictionary<Guid, Customer?>();
            }

            var found = _backend.GetCustomers(new CustomerQuery { CustomerIds = customerIds }).ToDictionary(c => c.CustomerId);
            var unrelated = new Dictionary<Guid, Customer?>();
            foreach (var customerId in customerIds)
            {
                found.TryGetValue(customerId, out var customer);
                if (customer == null || !customer.HasRelationship)
                {
                    unrelated[customerId] = customer;
                }
            }

            return unrelated;
        }

        public SubscriptionStatusChange SuspendSubscription(Guid customerId, Guid subscriptionId) =>
            ChangeStatus(customerId, subscriptionId, SubscriptionStatus.Suspended);

        public SubscriptionStatusChange ResumeSubscription(Guid customerId, Guid subscriptionId) =>
            ChangeStatus(customerId, subscriptionId, SubscriptionStatus.Active);

        private SubscriptionStatusChange ChangeStatus(Guid customerId, Guid subscriptionId, string targetStatus)
        {
            var change = PrepareStatusChange(customerId, subscriptionId, targetStatus);
            ApplyStatusChange(change);
            return change;
        }

        /// <summary>Active can be suspended, suspended resumed; the target state itself is a no-op; everything else is refused.</summary>
        private static string RequiredStatusFor(Subscription subscription, string targetStatus)
        {
            if (KnownValues.AreEqual(subscription.Status, targetStatus))
            {
                return targetStatus;
            }

            var from = KnownValues.AreEqual(targetStatus, SubscriptionStatus.Suspended) ? SubscriptionStatus.Active
                : KnownValues.AreEqual(targetStatus, SubscriptionStatus.Active) ? SubscriptionStatus.Suspended
                : null;
            if (from == null || !KnownValues.AreEqual(subscription.Status, from))
            {
                throw PartnerErrors.SubscriptionStatusCannotChange(subscription, targetStatus);
            }

            return from;
        }

        // ---- Removing the reseller relationship ----

        /// <summary>
        /// Looks at what removal would take: the customer and its active subscriptions. Without permission to suspend
        /// them, active subscriptions block removal and every one of them is named.
        /// </summary>
        public RemovalPlan PlanRemoval(Guid customerId, bool suspendActiveSubscriptions)
        {
            RequireUserSignIn("Removing a reseller relationship", customerId);
            var customer = RequireRelationship(customerId);
            var active = _backend.GetSubscriptions(customerId).Where(s => SubscriptionStatus.IsActive(s.Status)).ToList();
            if (active.Count > 0 && !suspendActiveSubscriptions)
            {
                throw PartnerErrors.ActiveSubscriptionsBlockRemoval(customer, active);
            }

            return new RemovalPlan(customer, active);
        }

        /// <summary>
        /// Suspends the approved active subscriptions, then removes the relationship, as one operation: if any
        /// subscription is still active nothing is changed. Removal takes the customer off the partner's list, the
        /// partner off the customer's support contacts, revokes delegated admin and ends purchasing.
        /// </summary>
        public RelationshipRemovalResult RemoveResellerRelationship(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions)
        {
            RequireUserSignIn("Removing a reseller relationship", customerId);
            using var operation = _backend.BeginOperation();
            try
            {
                var result = RemoveWithin(customerId, approvedSuspensions);
                operation.Complete();
                return result;
            }
            catch (PartnerException ex)
            {
                // Partner Center has no transaction: what was suspended for this removal is resumed again.
                var report = operation.Undo(ex);
                if (ReferenceEquals(report, ex))
                {
                    throw;
                }

                throw report;
            }
        }

        private RelationshipRemovalResult RemoveWithin(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions)
        {
            var customer = RequireRelationship(customerId);
            var active = _backend.GetSubscriptions(customerId).Where(s => SubscriptionStatus.IsActive(s.Status)).ToList();
            var approved = active.Where(s => approvedSuspensions.Contains(s.SubscriptionId)).ToList();
            var updated = approved.Count == 0
                ? new HashSet<Guid>()
                : _backend.UpdateSubscriptionStatuses(approved, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
            var stillActive = active.Where(s => !updated.Contains(s.SubscriptionId)).ToList();
            if (stillActive.Count > 0)
            {
                throw PartnerErrors.ActiveSubscriptionsBlockRemoval(customer, stillActive);
            }

            var suspended = active.Where(s => updated.Contains(s.SubscriptionId)).ToList();
            var actions = new List<string>();
            foreach (var subscription in suspended)
            {
                subscription.Status = SubscriptionStatus.Suspended;
                actions.Add($"Suspended subscription {subscription.SubscriptionId} ({subscription.OfferName})");
            }

            var hadDelegatedAdmin = customer.AllowDelegatedAccess;
            var wasSupportContact = customer.IsSupportContact;
            var couldPurchase = customer.CanPurchase;
            customer.EndResellerRelationship();
            _backend.SaveCustomerRelationship(customer);

            actions.Add("Removed the customer from the partner's customer list");
            actions.Add(wasSupportContact ? "Removed the partner from the customer's support contacts" : "The partner was not a support contact");
            actions.Add(hadDelegatedAdmin ? "Revoked the partner's delegated admin privileges" : "No delegated admin privileges to revoke");
            actions.Add(couldPurchase ? "Ended purchasing on the customer's behalf" : "Purchasing was already ended");
            return new RelationshipRemovalResult
            {
                CustomerId = customer.CustomerId,
                Name = customer.Name,
                Domain = customer.Domain,
                RelationshipToPartner = customer.RelationshipToPartner,
                SuspendedSubscriptions = suspended,
                RemovedFromCustomerList = true,
                RemovedAsSupportContact = wasSupportContact,
                DelegatedAdminRevoked = hadDelegatedAdmin,
                PurchasingEnded = couldPurchase,
                RemovedAt = _clock(),
                Actions = actions,
            };
        }

        // ---- Re-establishing ----

        /// <summary>An invitation for a customer whose relationship was removed; asking twice returns the same pending request.</summary>
        public RelationshipRequest RequestRelationship(Customer customer)
        {
            RequireUserSignIn("Requesting a reseller relationship", customer.CustomerId);
            if (customer.HasRelationship)
            {
                throw PartnerErrors.RelationshipAlreadyExists(customer);
            }

            if (_backend is ILocalPartnerStore store && store.FindPendingRelationshipRequest(customer.CustomerId) is { } pending)
            {
                return pending;
            }

            return _backend.CreateRelationshipRequest(customer);
        }

        /// <summary>
        /// The partner-wide invitation: one link for every customer, new or former, recorded nowhere (Partner Center
        /// keeps no request for it). App+User only, as Partner Center's GET /v1/customers/relationshiprequests.
        /// </summary>
        public ResellerInvitation GetResellerInvitation()
        {
            RequireUserSignIn("Reading the reseller invitation link", null);
            var partner = _backend.GetPartner();
            return new ResellerInvitation
            {
                PartnerName = partner.Name,
                PartnerTenantId = partner.TenantId,
                Url = _backend.GetResellerInvitationUrl(),
            };
        }

        /// <summary>The customer whose relationship a request would re-establish, found by id, whatever its relationship now.</summary>
        public Customer FindCustomerForRequest(Guid customerId)
        {
            RequireUserSignIn("Requesting a reseller relationship", customerId);
            var customer = _backend.GetCustomer(customerId);
            if (customer == null && _backend.IsRemote)
            {
                // Partner Center no longer shows a customer once the relationship is removed, and its invitation link
                // is the same for every customer: the id is all a request needs.
                return new Customer { CustomerId = customerId, RelationshipToPartner = RelationshipToPartner.None };
            }

            return customer ?? throw PartnerErrors.CustomerNotFound(customerId);
        }

        /// <summary>The customer whose relationship a request would re-establish, found by exact domain.</summary>
        public Customer FindCustomerForRequest(string domain) =>
            _backend.GetCustomers(new CustomerQuery { DomainPrefix = domain })
                .FirstOrDefault(c => string.Equals(c.Domain, domain, StringComparison.OrdinalIgnoreCase))
            ?? throw PartnerErrors.CustomerDomainNotFound(domain);

        /// <summary>
        /// Stands in for the customer accepting the invitation in their admin center (local store only): the customer
        /// is listed again as reseller, with support contact and purchasing restored. Delegated admin is not restored,
        /// and subscriptions stay suspended until resumed.
        /// </summary>
        public Customer ApproveRelationshipRequest(Guid requestId)
        {
            var store = RequireLocalStore("Accepting a relationship request");
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

        public RelationshipRequest GetRelationshipRequest(Guid requestId) =>
            RequireLocalStore("Reading a relationship request").GetRelationshipRequest(requestId)
            ?? throw PartnerErrors.RelationshipRequestNotFound(requestId);

        private Customer RequireRelationship(Guid customerId)
        {
            var customer = _backend.GetCustomer(customerId);
            if (customer == null || !customer.HasRelationship)
            {
                throw PartnerErrors.CustomerRelationshipNotFound(customerId);
            }

            return customer;
        }

        /// <summary>Refused up front, before any request is made, when signed in as an application alone.</summary>
        private void RequireUserSignIn(string operation, Guid? customerId)
        {
            if (!_backend.CanActAsUser)
            {
                throw PartnerErrors.UserSignInRequired(operation, customerId);
            }
        }

        private ILocalPartnerStore RequireLocalStore(string operation) =>
            _backend as ILocalPartnerStore ?? throw PartnerErrors.LocalStoreOnly(operation);
    }

    /// <summary>A checked, not yet applied, status change of one subscription.</summary>
    public sealed class SubscriptionStatusChange
    {
        internal SubscriptionStatusChange(Customer customer, Subscription subscription, string targetStatus, string requiredStatus)
        {
            Customer = customer;
            Subscription = subscription;
            TargetStatus = targetStatus;
            RequiredStatus = requiredStatus;
            IsAlreadyDone = KnownValues.AreEqual(requiredStatus, targetStatus);
        }

        public Customer Customer { get; }

        public Subscription Subscription { get; }

        public string TargetStatus { get; }

        /// <summary>The status the subscription had when checked; the write happens only if it still has it.</summary>
        public string RequiredStatus { get; }

        /// <summary>The subscription is already in the target state, so applying the change does nothing.</summary>
        public bool IsAlreadyDone { get; }
    }

    /// <summary>A customer and its subscriptions as read for previewing status changes.</summary>
    internal sealed class CustomerPreview
    {
        private readonly Dictionary<Guid, Subscription> _subscriptions;

        public CustomerPreview(Customer customer, IEnumerable<Subscription> subscriptions)
        {
            Customer = customer;
            _subscriptions = subscriptions.ToDictionary(s => s.SubscriptionId);
        }

        public Customer Customer { get; }

        public Subscription? Find(Guid subscriptionId) => _subscriptions.TryGetValue(subscriptionId, out var subscription) ? subscription : null;
    }

    /// <summary>How one change of a batch went: applied, already done, or failed with an error.</summary>
    public sealed class StatusChangeOutcome
    {
        internal StatusChangeOutcome(SubscriptionStatusChange change, bool changed, PartnerException? error)
        {
            Change = change;
            Changed = changed;
            Error = error;
        }

        public SubscriptionStatusChange Change { get; }

        /// <summary>True when the status changed; false when it was already in the target state or the change failed.</summary>
        public bool Changed { get; }

        public PartnerException? Error { get; }
    }

    /// <summary>What removing one customer's relationship involves, found before anything is changed.</summary>
    public sealed class RemovalPlan
    {
        internal RemovalPlan(Customer customer, IReadOnlyList<Subscription> activeSubscriptions)
        {
            Customer = customer;
            ActiveSubscriptions = activeSubscriptions;
        }

        public Customer Customer { get; }

        public IReadOnlyList<Subscription> ActiveSubscriptions { get; }
    }
}
