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
    /// <see cref="ForGraph"/> redeems the same refresh token for Microsoft Graph, so one sign-in serves both.
    /// </summary>
    public sealed class RefreshTokenSource : OAuthTokenSource
    {
        private readonly SharedRefreshToken _refreshToken;
        private readonly HttpMessageHandler? _handler;
        private readonly PartnerCenterClientOptions? _options;

        /// <param name="clientSecret">The application's secret; null for a public client application.</param>
        public RefreshTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString? clientSecret, SecureString refreshToken,
            PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
            : this(endpoint, tenantId, clientId, clientSecret, SharedRefreshToken.From(refreshToken), options, handler)
        {
        }

        private RefreshTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString? clientSecret, SharedRefreshToken refreshToken,
            PartnerCenterClientOptions? options, HttpMessageHandler? handler)
            : base(endpoint, tenantId, clientId, clientSecret, options, handler)
        {
            _refreshToken = refreshToken;
            _options = options;
            _handler = handler;
        }

        /// <summary>
        /// A source of Microsoft Graph tokens from the same refresh token (a refresh token is good for every resource
        /// the application was consented for), rotated in one place for both. Its first token is asked on first use.
        /// </summary>
        public RefreshTokenSource ForGraph() =>
            new RefreshTokenSource(Endpoint.Graph, TenantId, ClientId, ClientSecret, _refreshToken.Share(), _options, _handler);

        public override bool IsAppOnly => false;

        public override string Describe() =>
            $"App+User sign-in with a refresh token for application '{ClientId}' in tenant '{TenantId}'{DescribeAccount()}";

        private protected override SecureString?[] Secrets => new[] { ClientSecret, _refreshToken.Current };

        private protected override void AddGrant(FormBody form)
        {
            form.Add("grant_type", "refresh_token").Add("client_id", ClientId);
            if (ClientSecret != null && ClientSecret.Length > 0)
            {
                form.AddSecret("client_secret", ClientSecret);
            }

            form.AddSecret("refresh_token", _refreshToken.Current);
        }

        private protected override void AddTrailingFields(FormBody form) => form.Add("scope", "openid");

        private protected override void OnTokenResponse(JsonObject response)
        {
            var rotated = JsonHelpers.GetString(response, "refresh_token");
            if (!string.IsNullOrEmpty(rotated))
            {
                _refreshToken.Replace(SecureStrings.FromString(rotated!));
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _refreshToken.Release();
            }

            base.Dispose(disposing);
        }

        /// <summary>The refresh token of one sign-in, shared by its Partner Center and Graph sources; disposed with the last of them.</summary>
        private sealed class SharedRefreshToken
        {
            private SecureString _current;
            private int _users = 1;

            private SharedRefreshToken(SecureString current) => _current = current;

            public SecureString Current => Volatile.Read(ref _current);

            public static SharedRefreshToken From(SecureString refreshToken) =>
                refreshToken == null || refreshToken.Length == 0
                    ? throw PartnerErrors.InvalidArgument("RefreshToken", null, "a refresh token is required for App+User sign-in.")
                    : new SharedRefreshToken(SecureStrings.ReadOnlyCopy(refreshToken)!);

            public SharedRefreshToken Share()
            {
                Interlocked.Increment(ref _users);
                return this;
            }

            /// <summary>
            /// The rotated token replaces the old one, which is not disposed: a request of the other source may be
            /// reading it right now, and it is only a copy in memory that the garbage collector reclaims.
            /// </summary>
            public void Replace(SecureString rotated) => Interlocked.Exchange(ref _current, rotated);

            public void Release()
            {
                if (Interlocked.Decrement(ref _users) == 0)
                {
                    _current.Dispose();
                }
            }
        }
    }
}
