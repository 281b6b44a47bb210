using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>What a route answered, and whether it was a stored MS-RequestId result.</summary>
internal readonly record struct RouteResult(EmulatorResponse Response, bool Replayed = false);

/// <summary>
/// The /v1 routes. Authentication, latency, faults and throttling have already run in the pipeline
/// (<see cref="PartnerCenterEmulator"/>); this class only maps requests onto <see cref="EmulatorState"/>.
/// </summary>
internal sealed partial class Routes(EmulatorState state, EmulatorOptions options)
{
    private const string ContinuationHeader = "MS-ContinuationToken";

    /// <summary>
    /// The rate-limit key, as the doc describes: the customer for /customers/{id}/..., the partner otherwise
    /// (the list and relationshiprequests routes).
    /// </summary>
    public static string TenantKey(string[] segments, Guid partnerTenantId) =>
        segments.Length >= 2 && IsSegment(segments[0], "customers") && !IsSegment(segments[1], "relationshiprequests")
            ? "customer:" + segments[1].ToLowerInvariant()
            : "partner:" + partnerTenantId.ToString();

    public async Task<RouteResult> HandleAsync(HttpContext context, string[] segments, EmulatorToken token)
    {
        var method = context.Request.Method;
        if (segments.Length == 0 || !IsSegment(segments[0], "customers"))
        {
            return new(EmulatorResponse.Error(404, 1000, "The requested resource was not found."));
        }

        switch (segments.Length)
        {
            case 1:
                return HttpMethods.IsGet(method) ? new(ListCustomers(context.Request)) : NotAllowed();

            // Must come before /customers/{id}: "relationshiprequests" is not an id.
            case 2 when IsSegment(segments[1], "relationshiprequests"):
                return HttpMethods.IsGet(method) ? new(RelationshipRequest(token)) : NotAllowed();

            case 2 when HttpMethods.IsGet(method):
                return new(GetCustomer(segments[1]));

            case 2 when HttpMethods.IsPatch(method):
                return await PatchCustomerAsync(context, segments[1], token).ConfigureAwait(false);

            case 3 when IsSegment(segments[2], "subscriptions"):
                return HttpMethods.IsGet(method) ? new(ListSubscriptions(segments[1], context.Request)) : NotAllowed();

            case 4 when IsSegment(segments[2], "subscriptions") && HttpMethods.IsGet(method):
                return new(GetSubscription(segments[1], segments[3]));

            case 4 when IsSegment(segments[2], "subscriptions") && HttpMethods.IsPatch(method):
                return await PatchSubscriptionAsync(context, segments[1], segments[3]).ConfigureAwait(false);

            case 5 when IsSegment(segments[2], "subscriptions") && IsSegment(segments[4], "azureEntitlements"):
                return HttpMethods.IsGet(method) ? new(ListAzureEntitlements(segments[1], segments[3])) : NotAllowed();

            case 2:
            case 4 when IsSegment(segments[2], "subscriptions"):
                return NotAllowed();

            default:
                return new(EmulatorResponse.Error(404, 1000, "The requested resource was not found."));
        }
    }

    // ---- GET /v1/customers -------------------------------------------------------------------

    private EmulatorResponse ListCustomers(HttpRequest request)
    {
        int? size = null;
        if (request.Query.TryGetValue("size", out var sizeText))
        {
            if (!int.TryParse(sizeText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return BadInput($"The size '{sizeText}' is not a valid page size.");
            }

            size = parsed;
        }

        CustomerFilter? filter;
        long after;
        if (request.Query.TryGetValue("seekOperation", out var seek))
        {
            if (!string.Equals(seek.ToString(), "Next", StringComparison.OrdinalIgnoreCase))
            {
                return BadInput($"The seek operation '{seek}' is not supported (the emulator supports Next).");
            }

            var tokenText = request.Headers[ContinuationHeader].ToString();
            if (string.IsNullOrEmpty(tokenText))
            {
                return BadInput("The MS-ContinuationToken header is required with seekOperation=Next.");
            }

            if (!ContinuationToken.TryDecode(tokenText, out var position))
            {
                return BadInput("The continuation token is invalid.");
            }

            // The token carries the position and the filter of the first request; a size on the seek request wins.
            after = position.After;
            filter = position.Filter;
            size ??= position.Size;
        }
        else
        {
            after = 0;
            filter = null;
            if (request.Query.TryGetValue("filter", out var filterText) && !string.IsNullOrEmpty(filterText.ToString()))
            {
                if (!CustomerFilter.TryParse(filterText.ToString(), out filter, out var error))
                {
                    return BadInput(error);
                }
            }
        }

        // size=0 (what the SDK sends with a filter) or no size: the largest page.
        var max = options.MaxPageSize;
        var pageSize = size is > 0 ? Math.Min(size.Value, max) : max;
        var requestedSize = size is > 0 ? size.Value : pageSize;
        var page = state.ListCustomers(c => filter?.Matches(c) ?? true, after, pageSize);

        var items = new JsonArray();
        foreach (var customer in page.Items)
        {
            items.Add(CustomerListItem(customer));
        }

        var prefix = options.NextLinkWithVersionPrefix ? "/v1" : "";
        var links = new JsonObject { ["self"] = Link($"{prefix}/customers?size={requestedSize}") };
        var body = new JsonObject
        {
            // As in the doc examples, totalCount is the number of items in this page.
            ["totalCount"] = page.Items.Count,
            ["items"] = items,
            ["links"] = links,
            ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
        };

        if (page.More)
        {
            var token = ContinuationToken.Encode(new ContinuationToken(page.LastSeq, requestedSize, filter));
            body["continuationToken"] = token;
            links["next"] = Link($"{prefix}/customers?size={requestedSize}&seekOperation=Next", (ContinuationHeader, token));
        }

        return new EmulatorResponse(200, body);
    }

    // ---- GET /v1/customers/relationshiprequests ----------------------------------------------

    private EmulatorResponse RelationshipRequest(EmulatorToken token)
    {
        if (token.IsAppOnly)
        {
            return AccessDenied();
        }

        return new EmulatorResponse(200, new JsonObject
        {
            ["url"] = $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={options.PartnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
            ["attributes"] = new JsonObject { ["objectType"] = "RelationshipRequest" },
        });
    }

    // ---- GET and PATCH /v1/customers/{id} ----------------------------------------------------

    private EmulatorResponse GetCustomer(string idText)
    {
        if (!Guid.TryParse(idText, out var id))
        {
            return TenantNotFound(idText);
        }

        return state.FindCustomer(id, out var customer) switch
        {
            Lookup.Found => new EmulatorResponse(200, FullCustomer(customer!)),
            Lookup.Removed => RemovedCustomer(id, idText),
            _ => TenantNotFound(idText),
        };
    }

    private async Task<RouteResult> PatchCustomerAsync(HttpContext context, string idText, EmulatorToken token)
    {
        // Removing the relationship (or DAP) is App+User only.
        if (token.IsAppOnly)
        {
            return new(AccessDenied());
        }

        var (body, error) = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return new(BadInput(error!));
        }

        if (!TryGetString(body, "relationshipToPartner", out var relationship) || !TryGetBool(body, "allowDelegatedAccess", out var delegated))
        {
            return new(BadInput("relationshipToPartner must be a string and allowDelegatedAccess a boolean."));
        }

        if (!Guid.TryParse(idText, out var id))
        {
            return new(TenantNotFound(idText));
        }

        var response = state.RunOnce(RequestId(context), "PATCH " + context.Request.Path, m =>
        {
            switch (m.FindCustomer(id, out _))
            {
                case Lookup.Unknown:
                    return TenantNotFound(idText);
                case Lookup.Removed when relationship is null:
                    return RemovedCustomer(id, idText); // DAP of a customer who is gone: as reading the customer answers
                case Lookup.Removed:
                    // Seen in issue microsoft/Partner-Center-PowerShell#51; the HTTP status of that answer is unconfirmed.
                    return EmulatorResponse.Error(400, 3000, "The relationship between the partner and customer does not exist");
            }

            if (relationship is not null)
            {
                return RemoveRelationship(m, id, relationship);
            }

            // Remove DAP only (doc section 4, "Removing DAP only"): the relationship and everything else stay.
            return delegated == false
                ? new EmulatorResponse(200, FullCustomer(m.RemoveDelegatedAccess(id)))
                : BadInput("Only relationshipToPartner=none or allowDelegatedAccess=false can be patched.");
        }, out var replayed);

        return new(response, replayed);
    }

    /// <summary>relationshipToPartner=none: refused while subscriptions stand in the way, else the customer is gone (and DAP with it).</summary>
    private static EmulatorResponse RemoveRelationship(EmulatorState.Mutations m, Guid id, string relationship)
    {
        if (!EmulatorState.IsNone(relationship))
        {
            return BadInput($"relationshipToPartner can only be changed to none, not '{relationship}'.");
        }

        if (m.HasActiveSubscription(id))
        {
            // The real code and text for this case are unconfirmed (doc section 4); 800012 is the closest
            // documented code ("This subscription is not an active subscription"). Clients should check first.
            return EmulatorResponse.Error(400, 800012, $"The customer {id} has active subscriptions. Suspend or cancel all active subscriptions before removing the reseller relationship.");
        }

        if (m.HasUncancelledNewCommerceSubscription(id))
        {
            // The real answer is undocumented too; this code is made up, and kept out of the module's error
            // table on purpose, so that clients are seen to handle a refusal they do not know.
            return EmulatorResponse.Error(400, PartnerCenterEmulator.UncancelledNewCommerceRemovalCode, "The reseller relationship cannot be removed while new-commerce subscriptions are not cancelled or expired.");
        }

        m.RemoveRelationship(id);

        // The doc's example answer: a PascalCase Customer echo, everything null but RelationshipToPartner.
        return new EmulatorResponse(200, new JsonObject
        {
            ["Id"] = null,
            ["CommerceId"] = null,
            ["CompanyProfile"] = null,
            ["BillingProfile"] = null,
            ["RelationshipToPartner"] = "none",
            ["AllowDelegatedAccess"] = null,
            ["UserCredentials"] = null,
            ["CustomDomains"] = null,
            ["AssociatedPartnerId"] = null,
            ["Attributes"] = new JsonObject { ["ObjectType"] = "Customer" },
        })
        { Formatting = BodyFormatting.PartnerCenterPascal };
    }

    /// <summary>A customer whose relationship was removed: 403 (20002), or 404 (60003) when the option says so.</summary>
    private EmulatorResponse RemovedCustomer(Guid id, string idText) =>
        options.RemovedCustomerStatusCode == 404 ? TenantNotFound(idText) : NoRelationship(id);

    // ---- rendering ------------------------------------------------------------------------

    private static JsonObject CompanyProfile(CustomerState c) => new()
    {
        ["tenantId"] = c.Id.ToString(),
        ["domain"] = c.Domain,
        ["companyName"] = c.CompanyName,
        ["attributes"] = new JsonObject { ["objectType"] = "CustomerCompanyProfile" },
    };

    // List items carry only id, companyProfile and relationshipToPartner (no allowDelegatedAccess).
    private static JsonObject CustomerListItem(CustomerState c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["companyProfile"] = CompanyProfile(c),
        ["relationshipToPartner"] = c.RelationshipToPartner,
        ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
    };

    private static JsonObject FullCustomer(CustomerState c)
    {
        var profile = CompanyProfile(c);
        profile["links"] = new JsonObject { ["self"] = Link($"/customers/{c.Id}/profiles/company") };
        return new JsonObject
        {
            ["id"] = c.Id.ToString(),
            ["commerceId"] = DeriveGuid(c.Id, 0x5A).ToString(),
            ["companyProfile"] = profile,
            ["relationshipToPartner"] = c.RelationshipToPartner,
            ["allowDelegatedAccess"] = c.AllowDelegatedAccess,
            ["customDomains"] = new JsonArray(c.Domain),
            ["links"] = new JsonObject { ["self"] = Link($"/customers/{c.Id}") },
            ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
        };
    }

    private static JsonObject Link(string uri, params (string Key, string Value)[] headers)
    {
        var array = new JsonArray();
        foreach (var (key, value) in headers)
        {
            array.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }

        return new JsonObject { ["uri"] = uri, ["method"] = "GET", ["headers"] = array };
    }

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Guid DeriveGuid(Guid source, byte salt)
    {
        Span<byte> bytes = stackalloc byte[16];
        source.TryWriteBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= salt;
        }

        return new Guid(bytes);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private EmulatorResponse? CheckCustomer(string customerText, out Guid customerId)
    {
        if (!Guid.TryParse(customerText, out customerId))
        {
            return TenantNotFound(customerText);
        }

        return state.FindCustomer(customerId, out _) switch
        {
            Lookup.Unknown => TenantNotFound(customerText),
            Lookup.Removed => NoRelationship(customerId),
            _ => null,
        };
    }

    private static bool IsSegment(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);

    private static string? RequestId(HttpContext context) =>
        context.Request.Headers["MS-RequestId"].ToString() is { Length: > 0 } id ? id : null;

    private static bool EtagMatches(string ifMatch, string etag)
    {
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (candidate == "*" || string.Equals(candidate.Trim('"'), etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The request body as a JSON object, or why it is not one (Graph's routes read their bodies with it too).</summary>
    internal static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return node is JsonObject obj ? (obj, null) : (null, "The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "The request body is not valid JSON: " + ex.Message);
        }
    }

    /// <summary>Case-insensitive property read (clients send PascalCase or camelCase). False only for a wrong type.</summary>
    private static bool TryGetString(JsonObject body, string name, out string? value)
    {
        value = null;
        var node = Find(body, name);
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var text))
        {
            value = text;
            return true;
        }

        return false;
    }

    private static bool TryGetBool(JsonObject body, string name, out bool? value)
    {
        value = null;
        var node = Find(body, name);
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue<bool>(out var flag))
        {
            value = flag;
            return true;
        }

        return false;
    }

    private static JsonNode? Find(JsonObject body, string name)
    {
        foreach (var (key, node) in body)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return node;
            }
        }

        return null;
    }

    private static RouteResult NotAllowed() => new(EmulatorResponse.Error(405, 405, "The requested method is not allowed on this resource."));

    private static EmulatorResponse BadInput(string description) => EmulatorResponse.Error(400, 800002, "Invalid request input: " + description);

    private static EmulatorResponse AccessDenied() =>
        EmulatorResponse.Error(403, 400, "Access denied: this operation requires an App+User token; app-only authentication is not supported.");

    private static EmulatorResponse TenantNotFound(string id) =>
        EmulatorResponse.Error(404, 60003, $"Tenant not found: the customer with tenant id {id} could not be found.");

    private static EmulatorResponse SubscriptionNotFound(string id) =>
        EmulatorResponse.Error(404, 20003, $"Subscription with id {id} not found.");

    private EmulatorResponse NoRelationship(Guid customerId) =>
        EmulatorResponse.Error(403, 20002, $"The partner id {options.PartnerTenantId} has no commerce relationship with the customer id {customerId}.");

    /// <summary>A starts_with filter on CompanyName or Domain.</summary>
    internal sealed record CustomerFilter(string Field, string Value)
    {
        public bool Matches(CustomerState customer) =>
            (Field == "Domain" ? customer.Domain : customer.CompanyName).StartsWith(Value, StringComparison.OrdinalIgnoreCase);

        public static bool TryParse(string text, out CustomerFilter? filter, out string error)
        {
            filter = null;
            error = "";
            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                obj = null;
            }

            if (obj is null || !TryGetString(obj, "Field", out var field) || !TryGetString(obj, "Value", out var value) || !TryGetString(obj, "Operator", out var op)
                || field is null || value is null)
            {
                error = "The filter must be JSON like {\"Field\":\"CompanyName\",\"Value\":\"..\",\"Operator\":\"starts_with\"}.";
                return false;
            }

            if (!string.Equals(op ?? "starts_with", "starts_with", StringComparison.OrdinalIgnoreCase))
            {
                error = $"The filter operator '{op}' is not supported; use starts_with.";
                return false;
            }

            var canonical = field.ToLowerInvariant() switch
            {
                "companyname" => "CompanyName",
                "domain" => "Domain",
                _ => null,
            };
            if (canonical is null)
            {
                error = $"The filter field '{field}' is not supported by the emulator (CompanyName, Domain).";
                return false;
            }

            filter = new CustomerFilter(canonical, value);
            return true;
        }
    }

    /// <summary>Opaque seek position: base64url JSON of the last returned list position, the page size and the filter.</summary>
    internal sealed record ContinuationToken(long After, int Size, CustomerFilter? Filter)
    {
        private const string Marker = "pcemu1";

        public static string Encode(ContinuationToken token)
        {
            var json = new JsonObject
            {
                ["m"] = Marker,
                ["after"] = token.After,
                ["size"] = token.Size,
                ["field"] = token.Filter?.Field,
                ["value"] = token.Filter?.Value,
            };
            return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
        }

        public static bool TryDecode(string text, out ContinuationToken position)
        {
            position = new ContinuationToken(0, 0, null);
            try
            {
                if (JsonNode.Parse(Base64Url.DecodeFromChars(text.Trim())) is not JsonObject json
                    || json["m"]?.GetValue<string>() != Marker
                    || json["after"]?.GetValue<long>() is not { } after || after < 0
                    || json["size"]?.GetValue<int>() is not { } size || size < 0)
                {
                    return false;
                }

                var field = json["field"]?.GetValue<string>();
                var value = json["value"]?.GetValue<string>();
                position = new ContinuationToken(after, size, field is not null && value is not null ? new CustomerFilter(field, value) : null);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
