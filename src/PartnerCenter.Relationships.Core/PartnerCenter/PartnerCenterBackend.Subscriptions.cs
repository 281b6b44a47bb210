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
            return resource == null ? null : PartnerCenterResources.ToSubscription(resource.Value.Body, customerId, resource.Value.ETag);
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
        /// Each subscription is written back whole with the new status (Partner Center wants the full resource), with
        /// If-Match on its etag so a change made in between is not overwritten: such a subscription is left out, and
        /// the service judges it again on what is there now. The resource written is the one the subscription came
        /// with (its listing, read or last change), so a change is one request; only one that carries none is read first.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetStatus(subscription, expectedStatus, newStatus, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);

                    // Undone even when the command was stopped: that is when it matters most. A cancellation
                    // cannot be undone, so it is not remembered. The object now keeps the answer to this change,
                    // so changing it back is again one request, at the etag the change gave it.
                    if (StatusChangeRules.CanBeUndone(newStatus))
                    {
                        CurrentOperation?.Remember(subscription, () => SetStatus(subscription, newStatus, expectedStatus, CancellationToken.None));
                    }
                }
            }

            return changed;
        }

        private bool SetStatus(Subscription subscription, string expectedStatus, string newStatus, CancellationToken cancellation)
        {
            var (body, etag) = Current(subscription, cancellation);
            if (!KnownValues.AreEqual(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")), expectedStatus))
            {
                return false;
            }

            JsonHelpers.Set(body, "status", KnownValues.ToWireName(newStatus));
            if (!WriteBack(subscription, body, etag, cancellation, out var answer))
            {
                return false;
            }

            var answered = JsonHelpers.GetString(answer, "status");
            return answered == null || KnownValues.AreEqual(SubscriptionStatus.Normalize(answered), newStatus);
        }

        /// <summary>
        /// Like a status change: written back whole with the new setting and If-Match, only while active (Partner
        /// Center refuses any other change of a suspended subscription, 800091). Inside an operation it is changed
        /// back unless the operation completes, as the local store's transaction would undo it.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetAutoRenew(subscription, autoRenewEnabled, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);
                    CurrentOperation?.Remember(subscription, () => SetAutoRenew(subscription, !autoRenewEnabled, CancellationToken.None));
                }
            }

            return changed;
        }

        private bool SetAutoRenew(Subscription subscription, bool autoRenewEnabled, CancellationToken cancellation)
        {
            var (body, etag) = Current(subscription, cancellation);
            if (!SubscriptionStatus.IsActive(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")))
                || JsonHelpers.GetBoolean(body, "autoRenewEnabled") == autoRenewEnabled)
            {
                return false;
            }

            JsonHelpers.Set(body, "autoRenewEnabled", autoRenewEnabled);
            return WriteBack(subscription, body, etag, cancellation, out var answer)
                && (JsonHelpers.GetBoolean(answer, "autoRenewEnabled") ?? autoRenewEnabled) == autoRenewEnabled;
        }

        /// <summary>
        /// The subscription to judge and write back, with its etag: the resource it keeps (a tree of its own, so the
        /// kept bytes stay as sent), else read now.
        /// </summary>
        private (JsonObject Body, string? ETag) Current(Subscription subscription, CancellationToken cancellation)
        {
            if (subscription.LastSent is RemoteResource kept)
            {
                return (PartnerCenterResources.Parse(kept), kept.ETag);
            }

            return ReadSubscription(subscription.CustomerId, subscription.SubscriptionId, cancellation)
                ?? throw PartnerErrors.SubscriptionNotFound(subscription.CustomerId, subscription.SubscriptionId);
        }

        /// <summary>
        /// The PATCH; false when the etag no longer matches (someone changed it meanwhile). Partner Center answers with
        /// the subscription as changed and its new etag, which the object keeps for its next change (an undo, say);
        /// an answer without them leaves it nothing to keep, and its next change reads it first.
        /// </summary>
        private bool WriteBack(Subscription subscription, JsonObject body, string? etag, CancellationToken cancellation, out JsonObject? answer)
        {
            try
            {
                var response = Request(Patch, SubscriptionUri(subscription.CustomerId, subscription.SubscriptionId), cancellation,
                    subscription.CustomerId, subscription.SubscriptionId, body, etag);
                answer = response.BodyObject;
                subscription.LastSent = PartnerCenterResources.Kept(answer, response.ETag);
                return true;
            }
            catch (PartnerException ex) when (ServiceErrorMap.IsETagMismatch(ex))
            {
                // What it kept is out of date: never written back again.
                subscription.LastSent = null;
                answer = null;
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
