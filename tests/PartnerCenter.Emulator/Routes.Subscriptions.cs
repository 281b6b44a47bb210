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

    /// <summary>
    /// The Azure subscriptions (entitlements) under an Azure plan, as one collection. Other subscriptions have none
    /// and list an empty one (what the service answers for them is unconfirmed).
    /// </summary>
    private EmulatorResponse ListAzureEntitlements(string customerText, string subscriptionText)
    {
        if (CheckCustomer(customerText, out var customerId) is { } refusal)
        {
            return refusal;
        }

        if (!Guid.TryParse(subscriptionText, out var subscriptionId) || state.GetSubscription(customerId, subscriptionId) is not { } sub)
        {
            return SubscriptionNotFound(subscriptionText);
        }

        var items = new JsonArray();
        foreach (var azure in sub.AzureSubscriptions)
        {
            items.Add(new JsonObject
            {
                ["id"] = azure.Id.ToString(),
                ["friendlyName"] = azure.FriendlyName,
                ["status"] = azure.Status,
                ["attributes"] = new JsonObject { ["objectType"] = "AzureEntitlement" },
            });
        }

        return new EmulatorResponse(200, new JsonObject
        {
            ["totalCount"] = items.Count,
            ["items"] = items,
            ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
        });
    }

    private async Task<RouteResult> PatchSubscriptionAsync(HttpContext context, string customerText, string subscriptionText)
    {
        var (body, error) = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return new(BadInput(error!));
        }

        // The body is a full Subscription in any casing; its status and autoRenewEnabled are what is honoured.
        if (!TryGetString(body, "status", out var status) || !TryGetBool(body, "autoRenewEnabled", out var autoRenew))
        {
            return new(BadInput("status must be a string and autoRenewEnabled a boolean."));
        }

        var patch = new SubscriptionPatch(status, autoRenew);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var response = state.RunOnce(RequestId(context), "PATCH " + context.Request.Path,
            m => ApplyPatch(m, customerText, subscriptionText, ifMatch, patch), out var replayed);
        return new(response, replayed);
    }

    /// <summary>Finds the subscription, checks If-Match, and applies what Partner Center's rules allow of the patch.</summary>
    private EmulatorResponse ApplyPatch(EmulatorState.Mutations m, string customerText, string subscriptionText, string ifMatch, SubscriptionPatch patch)
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

        var baseStatus = sub.ParentSubscriptionId is { } parent ? m.FindSubscription(customerId, parent)?.Status : null;
        var decision = SubscriptionRules.Decide(sub, patch, m.Now, baseStatus);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        // No change (the same status and setting) is a no-op: no transition, the same etag.
        return new EmulatorResponse(200, Subscription(decision.Change is { } change ? m.Apply(customerId, subscriptionId, change) : sub));
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
