using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>The subscription routes: /v1/customers/{id}/subscriptions and below.</summary>
internal sealed partial class Routes
{
    // ---- /v1/customers/{id}/subscriptions -----------------------------------------------------

    private EmulatorResponse ListSubscriptions(string customerText, HttpRequest request)
    {
        if (CheckCustomer(customerText, out var customerId) is { } refusal)
        {
            return refusal;
        }

        var orderFilter = request.Query["order_id"].ToString();
        var items = new JsonArray();
        foreach (var sub in state.ListSubscriptions(customerId))
        {
            if (orderFilter.Length == 0 || string.Equals(orderFilter, sub.OrderId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                items.Add(Subscription(sub));
            }
        }

        // Not seek-based: the whole list in one page, as the SDK models it.
        return new EmulatorResponse(200, new JsonObject
        {
            ["totalCount"] = items.Count,
            ["items"] = items,
            ["links"] = new JsonObject { ["self"] = Link($"/customers/{customerId}/subscriptions") },
            ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
        });
    }

    private EmulatorResponse GetSubscription(string customerText, string subscriptionText)
    {
        if (CheckCustomer(customerText, out var customerId) is { } refusal)
        {
            return refusal;
        }

        return Guid.TryParse(subscriptionText, out var subscriptionId) && state.GetSubscription(customerId, subscriptionId) is { } sub
            ? new EmulatorResponse(200, Subscription(sub))
            : SubscriptionNotFound(subscriptionText);
    }

    private async Task<RouteResult> PatchSubscriptionAsync(HttpContext context, string customerText, string subscriptionText)
    {
        var (body, error) = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return new(BadInput(error!));
        }

        // The body is a full Subscription in any casing; only status is honoured.
        if (!TryGetString(body, "status", out var requested))
        {
            return new(BadInput("status must be a string."));
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var response = state.RunOnce(RequestId(context), "PATCH " + context.Request.Path, m =>
        {
            if (!Guid.TryParse(customerText, out var customerId))
            {
                return TenantNotFound(customerText);
            }

            switch (m.FindCustomer(customerId, out _))
            {
                case Lookup.Unknown:
                    return TenantNotFound(customerText);
                case Lookup.Removed:
                    return NoRelationship(customerId);
            }

            if (!Guid.TryParse(subscriptionText, out var subscriptionId) || m.FindSubscription(customerId, subscriptionId) is not { } sub)
            {
                return SubscriptionNotFound(subscriptionText);
            }

            if (ifMatch.Length > 0 && !EtagMatches(ifMatch, sub.Etag))
            {
                return EmulatorResponse.Error(412, 2055, "Etag is no longer valid.");
            }

            var current = sub.Status;
            if (string.Equals(current, "deleted", StringComparison.OrdinalIgnoreCase))
            {
                return EmulatorResponse.Error(400, 2011, $"Subscription with id {sub.Id} and deleted status cannot be updated.");
            }

            if (requested is null || string.Equals(current, requested, StringComparison.OrdinalIgnoreCase))
            {
                return new EmulatorResponse(200, Subscription(sub)); // no-op: no transition, same etag
            }

            var target = requested.ToLowerInvariant();
            var allowed = (Is(current, "active") && target == "suspended") || (Is(current, "suspended") && target == "active");
            if (!allowed)
            {
                return EmulatorResponse.Error(400, 800096, "Cannot update the status for this subscription.");
            }

            return new EmulatorResponse(200, Subscription(m.SetStatus(customerId, subscriptionId, target)));
        }, out var replayed);

        return new(response, replayed);
    }

    // ---- rendering ------------------------------------------------------------------------

    private static JsonObject Subscription(SubscriptionState s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["entitlementId"] = DeriveGuid(s.Id, 0xE7).ToString(),
        ["offerId"] = s.OfferId,
        ["offerName"] = s.OfferName,
        ["friendlyName"] = s.FriendlyName,
        ["quantity"] = s.Quantity,
        ["unitType"] = s.UnitType,
        ["creationDate"] = Date(s.CreationDate),
        ["effectiveStartDate"] = Date(s.CreationDate.UtcDateTime.Date),
        ["commitmentEndDate"] = s.CommitmentEndDate is { } end ? Date(end) : null,
        ["status"] = s.Status,
        ["autoRenewEnabled"] = s.AutoRenewEnabled,
        ["billingType"] = s.BillingType,
        ["billingCycle"] = s.BillingCycle,
        ["termDuration"] = s.TermDuration,

        // Null when cancelling is not allowed (legacy, an Azure plan, or no longer), as the doc says.
        ["cancellationAllowedUntilDate"] = s.CancellationAllowedUntil is { } until ? Date(until) : null,
        ["parentSubscriptionId"] = s.ParentSubscriptionId?.ToString(),
        ["contractType"] = "subscription",
        ["isTrial"] = false,
        ["links"] = new JsonObject
        {
            ["offer"] = Link($"/v1/offers/{s.OfferId}"),
            ["self"] = Link($"/customers/{s.CustomerId}/subscriptions/{s.Id}"),
        },
        ["orderId"] = s.OrderId.ToString(),
        ["attributes"] = new JsonObject { ["etag"] = s.Etag, ["objectType"] = "Subscription" },
    };
}
