using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>Claims the emulator reads from an access token.</summary>
/// <param name="TenantId">Claim tid.</param>
/// <param name="Audience">Claim aud.</param>
/// <param name="ExpiresAt">Claim exp.</param>
/// <param name="IsAppOnly">True for a client-credentials token (idtyp=app, roles, no scp).</param>
/// <param name="UserPrincipalName">Claim upn (App+User tokens only).</param>
/// <param name="AppId">Claim appid.</param>
public sealed record EmulatorToken(Guid TenantId, string Audience, DateTimeOffset ExpiresAt, bool IsAppOnly, string? UserPrincipalName, string? AppId);

/// <summary>
/// Creates and reads the emulator's access tokens: unsigned JWTs (RFC 7519 "unsecured", header {"alg":"none","typ":"JWT"})
/// so tests can mint them without keys, e.g. for -AccessToken parameters.
/// </summary>
public static class EmulatorTokens
{
    /// <summary>Audience of Partner Center tokens.</summary>
    public const string PartnerCenterAudience = "https://api.partnercenter.microsoft.com";

    /// <summary>Audience of Microsoft Graph tokens, which the Graph (GDAP) routes accept.</summary>
    public const string GraphAudience = "https://graph.microsoft.com";

    /// <summary>Graph's app id; Entra writes it as the audience of some Graph tokens, so the Graph routes accept it too.</summary>
    public const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    /// <summary>Delegated scope of App+User Partner Center tokens.</summary>
    public const string UserImpersonationScope = "user_impersonation";

    /// <summary>The Graph permission of the GDAP routes: the scp of App+User Graph tokens and the role of app-only ones.</summary>
    public const string DelegatedAdminRelationshipPermission = "DelegatedAdminRelationship.ReadWrite.All";

    /// <summary>Default app id written in appid when none is given: the first-party "Microsoft Partner Center" app.</summary>
    public const string DefaultAppId = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";

    /// <summary>Default upn of App+User tokens.</summary>
    public const string DefaultUserPrincipalName = "admin@partner.onmicrosoft.com";

    private const string HeaderSegment = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"; // {"alg":"none","typ":"JWT"}

    /// <summary>
    /// A Partner Center access token for <paramref name="tenantId"/> that expires at <paramref name="expires"/>:
    /// app-only (roles, idtyp=app) or App+User (scp=user_impersonation, upn).
    /// </summary>
    public static string Create(bool appOnly, DateTimeOffset expires, Guid tenantId) =>
        Create(appOnly, expires, tenantId, userPrincipalName: null, appId: null, audience: PartnerCenterAudience, issuedAt: null);

    /// <summary>Like <see cref="Create(bool, DateTimeOffset, Guid)"/> with every claim choosable (null = default).</summary>
    public static string Create(bool appOnly, DateTimeOffset expires, Guid tenantId, string? userPrincipalName, string? appId, string? audience = null, DateTimeOffset? issuedAt = null)
    {
        var iat = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["aud"] = audience ?? PartnerCenterAudience,
            ["iss"] = $"https://sts.windows.net/{tenantId}/",
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = appId ?? DefaultAppId,
            ["tid"] = tenantId.ToString(),
            ["oid"] = Guid.NewGuid().ToString(),
            ["ver"] = "1.0",
        };

        var graph = IsGraphAudience(audience ?? PartnerCenterAudience);
        if (appOnly)
        {
            // App-only tokens carry no scp. The Partner Center role name is made up: the emulator only checks idtyp/scp.
            payload["idtyp"] = "app";
            payload["roles"] = new JsonArray(graph ? DelegatedAdminRelationshipPermission : "PartnerCenter.Application");
        }
        else
        {
            var upn = userPrincipalName ?? DefaultUserPrincipalName;
            payload["scp"] = DelegatedScopeFor(audience ?? PartnerCenterAudience);
            payload["upn"] = upn;
            payload["unique_name"] = upn;
            payload["amr"] = new JsonArray("pwd", "mfa");
        }

        return HeaderSegment + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".";
    }

    /// <summary>Whether a token with this audience (trailing slash or not) is a Graph token.</summary>
    public static bool IsGraphAudience(string audience)
    {
        var trimmed = audience.TrimEnd('/');
        return string.Equals(trimmed, GraphAudience, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, GraphAppId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The scp of an App+User token for the audience, also answered as the token endpoint's scope.</summary>
    internal static string DelegatedScopeFor(string audience) => IsGraphAudience(audience) ? DelegatedAdminRelationshipPermission : UserImpersonationScope;

    /// <summary>Reads the claims of a token made by <see cref="Create(bool, DateTimeOffset, Guid)"/> (any JWT with tid, aud and exp). Does not check expiry.</summary>
    public static bool TryParse(string? jwt, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmulatorToken? token)
    {
        token = null;
        if (string.IsNullOrWhiteSpace(jwt))
        {
            return false;
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is not JsonObject claims)
            {
                return false;
            }

            if (claims["tid"]?.GetValue<string>() is not { } tidText || !Guid.TryParse(tidText, out var tid)
                || claims["aud"]?.GetValue<string>() is not { } aud
                || claims["exp"] is not JsonValue expValue || !expValue.TryGetValue<long>(out var exp))
            {
                return false;
            }

            var appOnly = string.Equals(claims["idtyp"]?.GetValue<string>(), "app", StringComparison.Ordinal)
                || (claims["scp"] is null && claims["roles"] is JsonArray);
            token = new EmulatorToken(tid, aud, DateTimeOffset.FromUnixTimeSeconds(exp), appOnly, claims["upn"]?.GetValue<string>(), claims["appid"]?.GetValue<string>());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// The Entra ID token endpoint: POST /{tenant}/oauth2/token (v1, form body with resource) and /{tenant}/oauth2/v2.0/token (scope).
/// Like the real v1 endpoint it answers expires_in/expires_on as strings; v2.0 answers numbers.
/// </summary>
internal sealed class TokenEndpoint
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase); // client id -> secret
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmulatorOptions _options;

    public TokenEndpoint(EmulatorOptions options)
    {
        _options = options;
        RegisterApplication(options.ClientId, options.ClientSecret);
        if (options.RefreshToken is { } refresh)
        {
            AddRefreshToken(refresh, options.ClientId, options.UserPrincipalName);
        }
    }

    public void RegisterApplication(string clientId, string clientSecret)
    {
        lock (_gate)
        {
            _secrets[clientId] = clientSecret;
        }
    }

    public void AddRefreshToken(string refreshToken, string clientId, string userPrincipalName)
    {
        lock (_gate)
        {
            _refreshTokens[refreshToken] = new RefreshGrant(clientId, userPrincipalName, Revoked: false);
        }
    }

    public void RevokeRefreshToken(string refreshToken)
    {
        lock (_gate)
        {
            if (_refreshTokens.TryGetValue(refreshToken, out var grant))
            {
                _refreshTokens[refreshToken] = grant with { Revoked = true };
            }
        }
    }

    public int Count(string grantType) => _counts.TryGetValue(grantType, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> Counts() => new Dictionary<string, int>(_counts, StringComparer.OrdinalIgnoreCase);

    public void ResetCounts() => _counts.Clear();

    public static bool IsTokenPath(string path, out string tenant, out bool v2)
    {
        // /{tenant}/oauth2/token or /{tenant}/oauth2/v2.0/token
        tenant = "";
        v2 = false;
        var segments = path.Trim('/').Split('/');
        if (segments.Length == 3 && segments[1].Equals("oauth2", StringComparison.OrdinalIgnoreCase) && segments[2].Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            tenant = segments[0];
            return true;
        }

        if (segments.Length == 4 && segments[1].Equals("oauth2", StringComparison.OrdinalIgnoreCase)
            && segments[2].Equals("v2.0", StringComparison.OrdinalIgnoreCase) && segments[3].Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            tenant = segments[0];
            v2 = true;
            return true;
        }

        return false;
    }

    public async Task<EmulatorResponse> HandleAsync(HttpContext context, string tenant, bool v2)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return Error(405, "invalid_request", 900561, "AADSTS900561: The endpoint only accepts POST requests.");
        }

        if (!context.Request.HasFormContentType)
        {
            _counts.AddOrUpdate("(none)", 1, (_, n) => n + 1);
            return Error(400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

        var grantType = Field("grant_type");
        _counts.AddOrUpdate(grantType ?? "(none)", 1, (_, n) => n + 1);
        if (grantType is null)
        {
            return Missing("grant_type");
        }

        if (grantType is not ("refresh_token" or "client_credentials"))
        {
            return Error(400, "unsupported_grant_type", 70003, $"AADSTS70003: The app requested an unsupported grant type '{grantType}'.");
        }

        var clientId = Field("client_id");
        if (clientId is null)
        {
            return Missing("client_id");
        }

        var clientSecret = Field("client_secret");
        if (clientSecret is null)
        {
            return Error(401, "invalid_client", 7000218, "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var tenantId = Guid.TryParse(tenant, out var parsed) ? parsed : _options.PartnerTenantId;
        var audience = Audience(Field("resource"), Field("scope"));
        var refuseGraph = _options.RefuseGraphTokens && EmulatorTokens.IsGraphAudience(audience);
        string? upn = null;
        string? newRefreshToken = null;

        lock (_gate)
        {
            if (!_secrets.TryGetValue(clientId, out var secret))
            {
                return Error(400, "unauthorized_client", 700016, $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'.");
            }

            if (!string.Equals(secret, clientSecret, StringComparison.Ordinal))
            {
                return Error(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
            }

            if (grantType == "refresh_token")
            {
                var refreshToken = Field("refresh_token");
                if (refreshToken is null)
                {
                    return Missing("refresh_token");
                }

                if (!_refreshTokens.TryGetValue(refreshToken, out var grant) || !string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
                {
                    return Error(400, "invalid_grant", 9002313, "AADSTS9002313: Invalid request. Request is malformed or invalid.");
                }

                if (grant.Revoked)
                {
                    return Error(400, "invalid_grant", 700082, "AADSTS700082: The refresh token has expired due to inactivity.");
                }

                if (refuseGraph)
                {
                    return ConsentRequired(clientId); // before the refresh token rotates: a refusal issues nothing
                }

                upn = grant.UserPrincipalName;
                newRefreshToken = "rt." + Guid.NewGuid().ToString("N");
                _refreshTokens[newRefreshToken] = grant;
                if (_options.RevokeRedeemedRefreshTokens)
                {
                    _refreshTokens[refreshToken] = grant with { Revoked = true };
                }
            }
            else if (refuseGraph)
            {
                return ConsentRequired(clientId);
            }
        }

        var appOnly = grantType == "client_credentials";
        var lifetime = _options.TokenLifetime;
        var expires = now + lifetime;
        var accessToken = EmulatorTokens.Create(appOnly, expires, tenantId, upn, clientId, audience, now);
        var seconds = (long)lifetime.TotalSeconds;
        JsonNode Num(long value) => v2 ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = Num(seconds),
            ["ext_expires_in"] = Num(seconds),
        };
        if (!v2)
        {
            body["expires_on"] = Num(expires.ToUnixTimeSeconds());
            body["not_before"] = Num(now.ToUnixTimeSeconds());
            body["resource"] = audience;
        }

        if (!appOnly)
        {
            body["scope"] = EmulatorTokens.DelegatedScopeFor(audience);
        }

        body["access_token"] = accessToken;
        if (newRefreshToken is not null)
        {
            body["refresh_token"] = newRefreshToken;
            body["id_token"] = EmulatorTokens.Create(false, expires, tenantId, upn, clientId, clientId, now);
        }

        return new EmulatorResponse(200, body) { Formatting = BodyFormatting.Verbatim };
    }

    private static string Audience(string? resource, string? scope)
    {
        if (resource is not null)
        {
            return resource.TrimEnd('/');
        }

        // v2.0: "https://api.partnercenter.microsoft.com/.default" or ".../user_impersonation" -> the resource part.
        var first = scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        if (first is not null)
        {
            var slash = first.LastIndexOf('/');
            return slash > "https://".Length ? first[..slash] : first;
        }

        return EmulatorTokens.PartnerCenterAudience;
    }

    /// <summary>What Entra answers when nobody consented to the app's use of the resource (here: Graph).</summary>
    private static EmulatorResponse ConsentRequired(string clientId) =>
        Error(400, "invalid_grant", 65001, $"AADSTS65001: The user or administrator has not consented to use the application with ID '{clientId}'. Send an interactive authorization request for this user and resource.");

    private static EmulatorResponse Missing(string parameter) =>
        Error(400, "invalid_request", 900144, $"AADSTS900144: The request body must contain the following parameter: '{parameter}'.");

    private static EmulatorResponse Error(int status, string error, int code, string description) =>
        new(status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        })
        { Formatting = BodyFormatting.Verbatim };

    private sealed record RefreshGrant(string ClientId, string UserPrincipalName, bool Revoked);
}
