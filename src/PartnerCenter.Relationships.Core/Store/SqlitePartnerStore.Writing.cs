using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Store
{
    // Writing: status changes, relationships, requests, and the administration of a rehearsal store.
    public sealed partial class SqlitePartnerStore
    {
        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus) => Guard(() =>
        {
            // One statement for the whole batch. The pairs go in as a JSON array: the first IN finds each row by its
            // primary key, the second (materialized once per statement) checks it belongs to the customer named with
            // it. RETURNING says which rows really changed.
            var pairs = new System.Text.StringBuilder("[");
            foreach (var subscription in subscriptions)
            {
                pairs.Append(pairs.Length > 1 ? "," : string.Empty)
                    .Append("{\"s\":\"").Append(Key(subscription.SubscriptionId)).Append("\",\"c\":\"").Append(Key(subscription.CustomerId)).Append("\"}");
            }

            var updated = new HashSet<Guid>();
            using var reader = Reader(
                "UPDATE subscription SET status = $status WHERE subscription_id IN (SELECT value ->> 's' FROM json_each($pairs)) " +
                "AND (subscription_id, customer_id) IN (SELECT value ->> 's', value ->> 'c' FROM json_each($pairs)) " +
                "AND status = $expected COLLATE NOCASE RETURNING subscription_id",
                ("$status", newStatus), ("$pairs", pairs.Append(']').ToString()), ("$expected", expectedStatus));
            while (reader.Read())
            {
                updated.Add(Guid.Parse(reader.GetString(0)));
            }

            if (updated.Count > 0 && !StatusChangeRules.CanBeUndone(newStatus))
            {
                var changed = subscriptions.Where(s => updated.Contains(s.SubscriptionId)).ToList();
                KeepAfterUndo(() => UpdateSubscriptionStatuses(changed, expectedStatus, newStatus));
            }

            return updated;
        });

        public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled) => Guard(() =>
        {
            var updated = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                // Partner Center changes nothing but the status of a suspended subscription (800091): only an active one is changed.
                var rows = Execute("UPDATE subscription SET auto_renew_enabled = $renew WHERE subscription_id = $id AND customer_id = $customer " +
                    "AND status = 'Active' AND auto_renew_enabled <> $renew",
                    ("$renew", autoRenewEnabled), ("$id", Key(subscription.SubscriptionId)), ("$customer", Key(subscription.CustomerId)));
                if (rows == 1)
                {
                    updated.Add(subscription.SubscriptionId);
                }
            }

            return updated;
        });

        public void RemoveResellerRelationship(Customer customer) => SaveCustomerRelationship(customer);

        public void SaveCustomerRelationship(Customer customer) => Guard(() =>
            Execute("UPDATE customer SET relationship = $relationship, allow_delegated_access = $dap, is_support_contact = $support, " +
                    "can_purchase = $purchase, relationship_changed_at = $now WHERE customer_id = $id",
                ("$relationship", customer.RelationshipToPartner), ("$dap", customer.AllowDelegatedAccess),
                ("$support", customer.IsSupportContact), ("$purchase", customer.CanPurchase),
                ("$now", Timestamp(DateTimeOffset.UtcNow)), ("$id", Key(customer.CustomerId))));

        public string GetResellerInvitationUrl() => InvitationUrl.ForResellerRelationship(GetPartner());

        public RelationshipRequest CreateRelationshipRequest(Customer customer)
        {
            var request = new RelationshipRequest
            {
                RequestId = Guid.NewGuid(),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                Domain = customer.Domain,
                Url = GetResellerInvitationUrl(),
                Status = RelationshipRequestStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Guard(() => Execute("INSERT INTO relationship_request (request_id, customer_id, url, status, created_at) VALUES ($id, $customer, $url, $status, $created)",
                ("$id", Key(request.RequestId)), ("$customer", Key(customer.CustomerId)), ("$url", request.Url),
                ("$status", request.Status), ("$created", Timestamp(request.CreatedAt))));
            return request;
        }

        public void AddCustomer(Customer customer) => Guard(() =>
            Execute("INSERT INTO customer (" + CustomerColumns + ") VALUES ($id, $name, $domain, $relationship, $dap, $support, $purchase)",
                ("$id", Key(customer.CustomerId)), ("$name", customer.Name), ("$domain", customer.Domain),
                ("$relationship", RelationshipToPartner.Normalize(customer.RelationshipToPartner)), ("$dap", customer.AllowDelegatedAccess),
                ("$support", customer.IsSupportContact), ("$purchase", customer.CanPurchase)));

        public void AddSubscription(Subscription subscription) => Guard(() =>
            Execute("INSERT INTO subscription (" + SubscriptionColumns + ") VALUES ($customer, $id, $offerId, $offerName, $friendly, $quantity, $status, $cycle, $commerce, $end, " +
                    "$term, $autoRenew, $cancelUntil, $created, $billingType, $parent, $azure)",
                ("$customer", Key(subscription.CustomerId)), ("$id", Key(subscription.SubscriptionId)), ("$offerId", subscription.OfferId),
                ("$offerName", subscription.OfferName), ("$friendly", subscription.FriendlyName), ("$quantity", subscription.Quantity),
                ("$status", subscription.Status), ("$cycle", subscription.BillingCycle), ("$commerce", subscription.CommerceType),
                ("$end", DateText(subscription.CommitmentEndDate)), ("$term", subscription.TermDuration), ("$autoRenew", subscription.AutoRenewEnabled),
                ("$cancelUntil", MomentText(subscription.CancellationAllowedUntil)), ("$created", MomentText(subscription.CreationDate)),
                ("$billingType", BillingType.Normalize(subscription.BillingType)), ("$parent", subscription.ParentSubscriptionId is Guid parent ? Key(parent) : null),
                ("$azure", subscription.ActiveAzureSubscriptions)));

        private static string? DateText(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string? MomentText(DateTime? moment) => moment is DateTime value
            ? DateTime.SpecifyKind(value, value.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : value.Kind).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : null;

        public void SaveRelationshipRequest(RelationshipRequest request) => Guard(() =>
            Execute("UPDATE relationship_request SET status = $status, accepted_at = $accepted WHERE request_id = $id",
                ("$status", request.Status), ("$accepted", TimestampText(request.AcceptedAt)), ("$id", Key(request.RequestId))));

        public void ReplaceContent(PartnerInfo partner, IEnumerable<Customer> customers, IEnumerable<Subscription> subscriptions, IEnumerable<AdminRelationship> adminRelationships)
        {
            using var operation = BeginOperation();
            Guard(() =>
            {
                Execute("DELETE FROM admin_relationship");
                Execute("DELETE FROM relationship_request");
                Execute("DELETE FROM subscription");
                Execute("DELETE FROM customer");
                Execute("UPDATE partner SET tenant_id = $tenant, name = $name, mpn_id = $mpn WHERE id = 1",
                    ("$tenant", Key(partner.TenantId)), ("$name", partner.Name), ("$mpn", partner.MpnId));
                return 0;
            });
            _partner = null;
            foreach (var customer in customers)
            {
                AddCustomer(customer);
            }

            foreach (var subscription in subscriptions)
            {
                AddSubscription(subscription);
            }

            foreach (var relationship in adminRelationships)
            {
                AddAdminRelationship(relationship);
            }

            operation.Complete();
        }
    }
}
