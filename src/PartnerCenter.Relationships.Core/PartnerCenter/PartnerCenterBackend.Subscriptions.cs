using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Subscriptions on the real service: listed and read per customer, their status and auto-renew written back whole.</summary>
    public sealed partial class PartnerCenterBackend
    {
        public IEnumerable<Subscription> GetSubscriptions(Guid customerId) =>
            Paged(new PartnerCenterRequest(HttpMethod.Get, $"/customers/{customerId}/subscriptions") { CustomerId = customerId }, null)
                .Select(item => PartnerCenterResources.ToSubscription(item, customerId)).ToList();

        public Subscription? GetSubscription(Guid customerId, Guid subscriptionId)
        {
            var resource = ReadSubscription(customerId, subscriptionId, _cancellation);
            return resource == null ? null : PartnerCenterResources.ToSubscription(resource.Value.Body, customerId);
        }

        /// <summary>The plan's Azure subscriptions (entitlements) as Partner Center lists them, counted where active.</summary>
        public int CountActiveAzureSubscriptions(Subscription azurePlan) =>
            Paged(new PartnerCenterRequest(HttpMethod.Get, SubscriptionUri(azurePlan.CustomerId, azurePlan.SubscriptionId) + "/azureEntitlements")
                {
                    CustomerId = azurePlan.CustomerId,
                    SubscriptionId = azurePlan.SubscriptionId,
                }, null)
                .Count(item => KnownValues.AreEqual(JsonHelpers.GetString(item, "status"), "active"));

        /// <summary>
        /// Each subscription is read again and written back whole with the new status (Partner Center wants the full
        /// resource), with If-Match on its etag so a change made in between is not overwritten: such a subscription
        /// is left out, and the service judges it again on what is there now.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetStatus(subscription.CustomerId, subscription.SubscriptionId, expectedStatus, newStatus, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);

                    // Undone even when the command was stopped: that is when it matters most. A cancellation
                    // cannot be undone, so it is not remembered.
                    if (StatusChangeRules.CanBeUndone(newStatus))
                    {
                        _operation?.Remember(subscription, () => SetStatus(subscription.CustomerId, subscription.SubscriptionId, newStatus, expectedStatus, CancellationToken.None));
                    }
                }
            }

            return changed;
        }

        private bool SetStatus(Guid customerId, Guid subscriptionId, string expectedStatus, string newStatus, CancellationToken cancellation)
        {
            var resource = ReadSubscription(customerId, subscriptionId, cancellation) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            var body = resource.Body;
            if (!KnownValues.AreEqual(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")), expectedStatus))
            {
                return false;
            }

            JsonHelpers.Set(body, "status", KnownValues.ToWireName(newStatus));
            try
            {
                var response = Request(Patch, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId, body, resource.ETag);
                var answered = JsonHelpers.GetString(response.BodyObject, "status");
                return answered == null || KnownValues.AreEqual(SubscriptionStatus.Normalize(answered), newStatus);
            }
            catch (PartnerException ex) when (ServiceErrorMap.IsETagMismatch(ex))
            {
                // The etag no longer matches: someone changed it meanwhile.
                return false;
            }
        }

        /// <summary>
        /// Like a status change: read again, written back whole with the new setting and If-Match, only while active
        /// (Partner Center refuses any other change of a suspended subscription, 800091). Inside an operation it is
        /// changed back unless the operation completes, as the local store's transaction would undo it.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetAutoRenew(subscription.CustomerId, subscription.SubscriptionId, autoRenewEnabled, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);
                    _operation?.Remember(subscription,
                        () => SetAutoRenew(subscription.CustomerId, subscription.SubscriptionId, !autoRenewEnabled, CancellationToken.None));
                }
            }

            return changed;
        }

        private bool SetAutoRenew(Guid customerId, Guid subscriptionId, bool autoRenewEnabled, CancellationToken cancellation)
        {
            var resource = ReadSubscription(customerId, subscriptionId, cancellation) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            var body = resource.Body;
            if (!SubscriptionStatus.IsActive(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")))
                || JsonHelpers.GetBoolean(body, "autoRenewEnabled") == autoRenewEnabled)
            {
                return false;
            }

            body["autoRenewEnabled"] = autoRenewEnabled;
            try
            {
                var response = Request(Patch, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId, body, resource.ETag);
                return (JsonHelpers.GetBoolean(response.BodyObject, "autoRenewEnabled") ?? autoRenewEnabled) == autoRenewEnabled;
            }
            catch (PartnerException ex) when (ServiceErrorMap.IsETagMismatch(ex))
            {
                return false;
            }
        }

        private (JsonObject Body, string? ETag)? ReadSubscription(Guid customerId, Guid subscriptionId, CancellationToken cancellation)
        {
            try
            {
                var response = Request(HttpMethod.Get, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId);
                return response.BodyObject == null ? null : (response.BodyObject, response.ETag);
            }
            catch (PartnerException ex) when (ex.ErrorId == PartnerErrorId.SubscriptionNotFound)
            {
                return null;
            }
        }

        private static string SubscriptionUri(Guid customerId, Guid subscriptionId) => $"/customers/{customerId}/subscriptions/{subscriptionId}";
    }
}
