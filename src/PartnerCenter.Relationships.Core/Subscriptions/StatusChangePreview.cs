using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// Checks that a subscription may be suspended (or resumed) and says whether anything would change, without
    /// changing it, so a cmdlet can name the subscription in its confirmation prompt first. Within one instance (one
    /// command) each customer and its subscriptions are read once: a bulk run asks about the same customer many
    /// times. What is read here is only a preview; applying checks again against the backend.
    /// </summary>
    public sealed class StatusChangePreview
    {
        private readonly IPartnerBackend _backend;

        // Read and refreshed from several threads when a bulk change runs side by side against Partner Center.
        private readonly object _gate = new object();
        private readonly Dictionary<Guid, CustomerPreview> _previews = new Dictionary<Guid, CustomerPreview>();
        private readonly Dictionary<Guid, Customer> _customers = new Dictionary<Guid, Customer>();

        private readonly Func<DateTimeOffset> _clock;

        public StatusChangePreview(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The rules for this change, judged now; an Azure plan's Azure subscriptions are counted only when it would be suspended.</summary>
        private string RequiredStatusFor(Subscription subscription, string targetStatus) =>
            StatusChangeRules.RequiredStatusFor(subscription, targetStatus, _clock().UtcDateTime,
                plan => CommitmentTerms.ActiveAzureSubscriptionsOf(_backend, plan));

        public SubscriptionStatusChange Prepare(Guid customerId, Guid subscriptionId, string targetStatus) =>
            Prepare(customerId, subscriptionId, targetStatus, fresh: false);

        /// <summary>
        /// The same check for a subscription object the caller already holds (one this module wrote to the pipeline):
        /// its status is taken as the preview, so a bulk run reads nothing per subscription. A stale object cannot do
        /// harm: the write happens only if the backend still has the status it shows, and an object that says there
        /// is nothing to do, or that the change is not allowed, is checked against the backend first.
        /// </summary>
        public SubscriptionStatusChange Prepare(Subscription known, string targetStatus)
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
                // Judged on what the backend holds, below.
            }

            return PrepareFresh(known.CustomerId, known.SubscriptionId, targetStatus);
        }

        /// <summary>The check again on what the backend holds now, whatever was read before.</summary>
        internal SubscriptionStatusChange PrepareFresh(Guid customerId, Guid subscriptionId, string targetStatus) =>
            Prepare(customerId, subscriptionId, targetStatus, fresh: true);

        /// <summary>
        /// The check again for a change whose write found the subscription changed meanwhile. Where the backend checks
        /// the relationship on every read and write itself (Partner Center refuses both without one), the customer
        /// already judged stands and only that subscription is read: one request per conflict, not the customer and
        /// its whole listing.
        /// </summary>
        internal SubscriptionStatusChange PrepareFresh(Customer customer, Guid subscriptionId, string targetStatus)
        {
            if (!_backend.Can(BackendCapabilities.ChecksRelationshipOnWrite))
            {
                return PrepareFresh(customer.CustomerId, subscriptionId, targetStatus);
            }

            targetStatus = SubscriptionStatus.Normalize(targetStatus);
            var subscription = _backend.GetSubscription(customer.CustomerId, subscriptionId) ?? throw PartnerErrors.SubscriptionNotFound(customer.CustomerId, subscriptionId);
            SubscriptionLookup.Named(subscription, customer);
            return new SubscriptionStatusChange(customer, subscription, targetStatus, RequiredStatusFor(subscription, targetStatus));
        }

        private SubscriptionStatusChange Prepare(Guid customerId, Guid subscriptionId, string targetStatus, bool fresh)
        {
            targetStatus = SubscriptionStatus.Normalize(targetStatus);
            CustomerPreview? preview;
            lock (_gate)
            {
                _previews.TryGetValue(customerId, out preview);
            }

            if (fresh || preview == null)
            {
                var customer = StatusChangeRules.RequireRelationshipFor(_backend, customerId, subscriptionId, targetStatus);
                preview = new CustomerPreview(customer, _backend.GetSubscriptions(customerId).Select(s => SubscriptionLookup.Named(s, customer)));
                lock (_gate)
                {
                    _previews[customerId] = preview;
                }
            }

            var subscription = preview.Find(subscriptionId) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            return new SubscriptionStatusChange(preview.Customer, subscription, targetStatus, RequiredStatusFor(subscription, targetStatus));
        }

        /// <summary>
        /// The customer a held subscription belongs to, read once per customer. Where the backend checks the
        /// relationship on every write itself, the subscription's own customer id and name stand in, so a bulk run
        /// makes no request per customer before its writes.
        /// </summary>
        private Customer PreviewCustomer(Subscription known, string targetStatus)
        {
            lock (_gate)
            {
                if (_customers.TryGetValue(known.CustomerId, out var cached))
                {
                    return cached;
                }
            }

            var customer = _backend.Can(BackendCapabilities.ChecksRelationshipOnWrite)
                ? new Customer { CustomerId = known.CustomerId, Name = known.CustomerName }
                : StatusChangeRules.RequireRelationshipFor(_backend, known.CustomerId, known.SubscriptionId, targetStatus);
            lock (_gate)
            {
                _customers[known.CustomerId] = customer;
            }

            return customer;
        }

        /// <summary>A customer and its subscriptions as read for previewing status changes.</summary>
        private sealed class CustomerPreview
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
    }
}
