using System;
using System.Text.Json.Nodes;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>A token from the token endpoint, with when it expires and when it is renewed.</summary>
    internal sealed class CachedToken
    {
        private CachedToken(string accessToken, AccessTokenClaims? claims, DateTimeOffset expiresOn, DateTimeOffset refreshAt)
        {
            AccessToken = accessToken;
            Claims = claims;
            ExpiresOn = expiresOn;
            RefreshAt = refreshAt;
        }

        public string AccessToken { get; }

        public AccessTokenClaims? Claims { get; }

        public DateTimeOffset ExpiresOn { get; }

        public DateTimeOffset RefreshAt { get; }

        /// <summary>Expiry from the JWT's exp, else expires_in, else expires_on, else the documented one hour.</summary>
        public static CachedToken Create(string accessToken, JsonObject response, DateTimeOffset now, TimeSpan margin)
        {
            AccessTokenClaims.TryRead(accessToken, out var claims);
            var expiresOn = claims?.ExpiresOn
                ?? (JsonHelpers.GetInt64(response, "expires_in") is long seconds && seconds > 0 ? now.AddSeconds(seconds) : (DateTimeOffset?)null)
                ?? (JsonHelpers.GetInt64(response, "expires_on") is long epoch && epoch > 0 ? DateTimeOffset.FromUnixTimeSeconds(epoch) : (DateTimeOffset?)null)
                ?? now.AddHours(1);
            var lifetime = expiresOn - now;
            var halfLife = TimeSpan.FromTicks(Math.Max(lifetime.Ticks / 2, 0));
            return new CachedToken(accessToken, claims, expiresOn, expiresOn - (margin < halfLife ? margin : halfLife));
        }
    }
}
