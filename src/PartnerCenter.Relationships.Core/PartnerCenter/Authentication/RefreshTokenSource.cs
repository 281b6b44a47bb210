using System.Net.Http;
using System.Security;
using System.Text.Json.Nodes;
using System.Threading;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>
    /// App+User (Secure Application Model): exchanges a refresh token for Partner Center access tokens
    /// (grant_type=refresh_token, client_id, client_secret when given, refresh_token, resource, scope=openid) and
    /// keeps the rotated refresh token each response returns. The first call always asks for a token.
    /// </summary>
    public sealed class RefreshTokenSource : OAuthTokenSource
    {
        private SecureString _refreshToken;

        /// <param name="clientSecret">The application's secret; null for a public client application.</param>
        public RefreshTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString? clientSecret, SecureString refreshToken,
            PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
            : base(endpoint, tenantId, clientId, clientSecret, options, handler)
        {
            if (refreshToken == null || refreshToken.Length == 0)
            {
                throw PartnerErrors.InvalidArgument("RefreshToken", null, "a refresh token is required for App+User sign-in.");
            }

            _refreshToken = SecureStrings.ReadOnlyCopy(refreshToken)!;
        }

        public override bool IsAppOnly => false;

        public override string Describe() =>
            $"App+User sign-in with a refresh token for application '{ClientId}' in tenant '{TenantId}'{DescribeAccount()}";

        private protected override SecureString?[] Secrets => new[] { ClientSecret, Volatile.Read(ref _refreshToken) };

        private protected override void AddGrant(FormBody form)
        {
            form.Add("grant_type", "refresh_token").Add("client_id", ClientId);
            if (ClientSecret != null && ClientSecret.Length > 0)
            {
                form.AddSecret("client_secret", ClientSecret);
            }

            form.AddSecret("refresh_token", Volatile.Read(ref _refreshToken));
        }

        private protected override void AddTrailingFields(FormBody form) => form.Add("scope", "openid");

        private protected override void OnTokenResponse(JsonObject response)
        {
            var rotated = JsonHelpers.GetString(response, "refresh_token");
            if (!string.IsNullOrEmpty(rotated))
            {
                var previous = Interlocked.Exchange(ref _refreshToken, SecureStrings.FromString(rotated!));
                previous.Dispose();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _refreshToken.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
