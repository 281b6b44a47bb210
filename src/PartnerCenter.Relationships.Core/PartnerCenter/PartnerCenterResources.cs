using System;
using System.Text.Json.Nodes;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Partner Center's resources as the module's models: customers and subscriptions, tolerant of what it adds.</summary>
    internal static class PartnerCenterResources
    {
        public static Customer ToCustomer(JsonObject item, Guid? knownId = null)
        {
            var profile = JsonHelpers.GetObject(item, "companyProfile");
            var relationship = RelationshipToPartner.Normalize(JsonHelpers.GetString(item, "relationshipToPartner") ?? RelationshipToPartner.Reseller);
            var customer = new Customer
            {
                CustomerId = Guid.TryParse(JsonHelpers.GetString(item, "id") ?? JsonHelpers.GetString(profile, "tenantId"), out var id) ? id : knownId ?? Guid.Empty,
                Name = JsonHelpers.GetString(profile, "companyName") ?? string.Empty,
                Domain = JsonHelpers.GetString(profile, "domain") ?? string.Empty,
                RelationshipToPartner = relationship,
                AllowDelegatedAccess = JsonHelpers.GetBoolean(item, "allowDelegatedAccess") ?? false,
            };

            // A reseller relationship is what lists the partner as a support contact and lets it purchase.
            var isReseller = KnownValues.AreEqual(relationship, RelationshipToPartner.Reseller);
            customer.IsSupportContact = isReseller;
            customer.CanPurchase = isReseller;
            return customer;
        }

        /// <summary>
        /// The subscription of a listing's item or a read's body, keeping the resource itself to be written back;
        /// <paramref name="etag"/> is the answer's when it has its own (a read's ETag header), else the item's.
        /// </summary>
        public static Subscription ToSubscription(JsonObject item, Guid customerId, string? etag = null)
        {
            var offerId = JsonHelpers.GetString(item, "offerId") ?? string.Empty;
            var commitmentEnd = JsonHelpers.GetDateTimeOffset(item, "commitmentEndDate");
            return new Subscription
            {
                CustomerId = customerId,
                SubscriptionId = Guid.TryParse(JsonHelpers.GetString(item, "id"), out var id) ? id : Guid.Empty,
                OfferId = offerId,
                OfferName = JsonHelpers.GetString(item, "offerName") ?? string.Empty,
                FriendlyName = JsonHelpers.GetString(item, "friendlyName") ?? string.Empty,
                Quantity = (int)(JsonHelpers.GetInt64(item, "quantity") ?? 0),

                // Unknown values (a status added after this module was written) are kept as received.
                Status = SubscriptionStatus.Normalize(JsonHelpers.GetString(item, "status") ?? SubscriptionStatus.Active),
                BillingCycle = BillingCycle.Normalize(JsonHelpers.GetString(item, "billingCycle") ?? BillingCycle.None),
                CommitmentEndDate = commitmentEnd?.UtcDateTime.Date,

                // New-commerce offers are product:sku:availability ids ("CFQ7TTC0LH18:0001:CFQ7TTC0K5BF").
                CommerceType = offerId.Contains(":") ? CommerceType.NewCommerce : CommerceType.Legacy,
                TermDuration = JsonHelpers.GetString(item, "termDuration") ?? string.Empty,
                AutoRenewEnabled = JsonHelpers.GetBoolean(item, "autoRenewEnabled") ?? false,
                CancellationAllowedUntil = JsonHelpers.GetDateTimeOffset(item, "cancellationAllowedUntilDate")?.UtcDateTime,
                CreationDate = JsonHelpers.GetDateTimeOffset(item, "creationDate")?.UtcDateTime,
                BillingType = BillingType.Normalize(JsonHelpers.GetString(item, "billingType") ?? BillingType.License),
                ParentSubscriptionId = Guid.TryParse(JsonHelpers.GetString(item, "parentSubscriptionId"), out var parent) && parent != Guid.Empty ? parent : (Guid?)null,
                LastSent = Kept(item, etag),
            };
        }

        /// <summary>
        /// What a subscription keeps of an answer to be written back in one request: the resource and its etag (the
        /// given one, else its attributes.etag). Null without either: a PATCH without If-Match could overwrite a
        /// change made in between, so such a subscription is read again before it is changed.
        /// </summary>
        public static RemoteResource? Kept(JsonObject? resource, string? etag = null)
        {
            etag ??= JsonHelpers.AsString(JsonHelpers.GetPath(resource, "attributes", "etag"));
            return resource == null || string.IsNullOrEmpty(etag) ? null : new RemoteResource(JsonHelpers.ToUtf8(resource), etag!);
        }

        /// <summary>A tree of its own from a kept resource (only objects are kept), to judge and change: the kept bytes stay as they were sent.</summary>
        public static JsonObject Parse(RemoteResource kept) => (JsonObject)JsonNode.Parse(kept.Utf8Json)!;

        public static bool StartsWith(string value, string? prefix) =>
            string.IsNullOrEmpty(prefix) || value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
