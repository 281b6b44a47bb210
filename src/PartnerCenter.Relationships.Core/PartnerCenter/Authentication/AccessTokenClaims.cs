using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>
    /// What an Entra ID access token (a JWT) says about itself. The signature is not checked: the token is only
    /// inspected to know its expiry and kind; Partner Center validates it. The token text is never kept or shown.
    /// </summary>
    public sealed class AccessTokenClaims
    {
        private AccessTokenClaims(
            DateTimeOffset? expiresOn, DateTimeOffset? notBefore, bool isAppOnly, string? tenantId, string? userPrincipalName,
            IReadOnlyList<string> audiences, string? applicationId, string? objectId, IReadOnlyList<string> scopes, IReadOnlyList<string> roles)
        {
            ExpiresOn = expiresOn;
            NotBefore = notBefore;
            IsAppOnly = isAppOnly;
            TenantId = tenantId;
            UserPrincipalName = userPrincipalName;
            Audiences = audiences;
            ApplicationId = applicationId;
            ObjectId = objectId;
            Scopes = scopes;
            Roles = roles;
        }

        /// <summary>The <c>exp</c> claim; null when the token has none.</summary>
        public DateTimeOffset? ExpiresOn { get; }

        /// <summary>The <c>nbf</c> claim.</summary>
        public DateTimeOffset? NotBefore { get; }

        /// <summary>
        /// True for an application (client credentials) token: <c>idtyp</c> is "app", or there are <c>roles</c> and no
        /// <c>scp</c>. False for App+User (delegated) tokens, which carry <c>scp</c>.
        /// </summary>
        public bool IsAppOnly { get; }

        /// <summary>The <c>tid</c> claim.</summary>
        public string? TenantId { get; }

        /// <summary>The signed-in user: <c>upn</c>, else <c>unique_name</c>, else <c>preferred_username</c>; null for app-only tokens.</summary>
        public string? UserPrincipalName { get; }

        /// <summary>The <c>aud</c> claim (first value when it is a list).</summary>
        public string? Audience => Audiences.Count > 0 ? Audiences[0] : null;

        public IReadOnlyList<string> Audiences { get; }

        /// <summary>The <c>appid</c> (v1) or <c>azp</c> (v2) claim.</summary>
        public string? ApplicationId { get; }

        /// <summary>The <c>oid</c> claim.</summary>
        public string? ObjectId { get; }

        /// <summary>The delegated scopes (<c>scp</c>, space separated), e.g. user_impersonation.</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>The application roles (<c>roles</c>).</summary>
        public IReadOnlyList<string> Roles { get; }

        /// <summary>True when <see cref="ExpiresOn"/> is at or before <paramref name="now"/>.</summary>
        public bool IsExpired(DateTimeOffset now) => ExpiresOn is DateTimeOffset exp && exp <= now;

        /// <summary>
        /// Reads the claims of a JWT (a leading "Bearer " is ignored). A token that is not a readable JWT raises
        /// <see cref="PartnerException"/> with ErrorId AccessTokenUnreadable; the message never contains the token.
        /// Expiry is not checked here: see <see cref="IsExpired"/>.
        /// </summary>
        public static AccessTokenClaims Read(string token)
        {
            if (TryRead(token, out var claims, out var problem))
            {
                return claims!;
            }

            throw PartnerErrors.AccessTokenUnreadable(problem!);
        }

        /// <summary>Like <see cref="Read"/>, without throwing.</summary>
        public static bool TryRead(string? token, out AccessTokenClaims? claims) => TryRead(token, out claims, out _);

        private static bool TryRead(string? token, out AccessTokenClaims? claims, out string? problem)
        {
            claims = null;
            var payload = Payload(token, out problem);
            if (payload == null)
            {
                return false;
            }

            try
            {
                using var document = JsonDocument.Parse(payload);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "its payload is not a JSON object";
                    return false;
                }

                claims = FromPayload(document.RootElement);
                return true;
            }
            catch (JsonException)
            {
                problem = "its payload is not JSON";
                return false;
            }
        }

        /// <summary>The decoded payload (the JWT's second part), or null with what is wrong with the token.</summary>
        private static byte[]? Payload(string? token, out string? problem)
        {
            var text = token?.Trim() ?? "";
            if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(7).Trim();
            }

            var parts = text.Split('.');
            problem = text.Length == 0 ? "it is empty"
                : parts.Length == 5 ? "it is an encrypted token (JWE), whose claims cannot be read"
                : parts.Length != 3 || parts[1].Length == 0
                    ? string.Format(CultureInfo.InvariantCulture, "it is not a JWT (a JWT has three parts separated by dots; this has {0})", parts.Length)
                : null;
            if (problem != null)
            {
                return null;
            }

            var payload = DecodeBase64Url(parts[1]);
            problem = payload == null ? "its payload (second part) is not base64url" : null;
            return payload;
        }

        private static AccessTokenClaims FromPayload(JsonElement root)
        {
            var idtyp = StringClaim(root, "idtyp");
            var hasScp = root.TryGetProperty("scp", out _);
            var isAppOnly = string.Equals(idtyp, "app", StringComparison.OrdinalIgnoreCase)
                || (!hasScp && root.TryGetProperty("roles", out _) && !string.Equals(idtyp, "user", StringComparison.OrdinalIgnoreCase));
            return new AccessTokenClaims(
                TimeClaim(root, "exp"),
                TimeClaim(root, "nbf"),
                isAppOnly,
                StringClaim(root, "tid"),
                isAppOnly ? null : StringClaim(root, "upn") ?? StringClaim(root, "unique_name") ?? StringClaim(root, "preferred_username"),
                ListClaim(root, "aud"),
                StringClaim(root, "appid") ?? StringClaim(root, "azp"),
                StringClaim(root, "oid"),
                SplitScopes(StringClaim(root, "scp")),
                ListClaim(root, "roles"));
        }

        private static byte[]? DecodeBase64Url(string part)
        {
            var base64 = part.Replace('-', '+').Replace('_', '/');
            switch (base64.Length % 4)
            {
                case 2: base64 += "=="; break;
                case 3: base64 += "="; break;
                case 1: return null;
            }

            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static string? StringClaim(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : null;

        private static IReadOnlyList<string> ListClaim(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                return Array.Empty<string>();
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => new[] { value.GetString()! },
                JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
                _ => Array.Empty<string>(),
            };
        }

        private static IReadOnlyList<string> SplitScopes(string? scp) =>
            scp == null ? Array.Empty<string>() : scp.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);

        private static DateTimeOffset? TimeClaim(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                return null;
            }

            double seconds;
            if (value.ValueKind == JsonValueKind.Number)
            {
                seconds = value.GetDouble();
            }
            else if (value.ValueKind != JsonValueKind.String ||
                !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }

            // Beyond year 9999 DateTimeOffset cannot hold it; such a token is as good as never expiring.
            return seconds >= 253402300799 ? DateTimeOffset.MaxValue
                : seconds <= 0 ? DateTimeOffset.FromUnixTimeSeconds(0)
                : DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }
    }
}
