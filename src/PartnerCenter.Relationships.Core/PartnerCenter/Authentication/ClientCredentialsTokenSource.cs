using System.Net.Http;
using System.Security;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>App-only: client credentials (grant_type=client_credentials, client_id, client_secret, resource).</summary>
    public sealed class ClientCredentialsTokenSource : OAuthTokenSource
    {
        private readonly PartnerCenterClientOptions? _options;
        private readonly HttpMessageHandler? _handler;

        public ClientCredentialsTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString clientSecret,
            PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
            : base(endpoint, tenantId, clientId, RequireSecret(clientSecret), options, handler)
        {
            _options = options;
            _handler = handler;
        }

        /// <summary>Microsoft Graph tokens for the same application and secret (resource https://graph.microsoft.com).</summary>
        public ClientCredentialsTokenSource ForGraph() =>
            new ClientCredentialsTokenSource(Endpoint.Graph, TenantId, ClientId, ClientSecret!, _options, _handler);

        public override bool IsAppOnly => true;

        public override string Describe() =>
            $"App-only sign-in with a client secret for application '{ClientId}' in tenant '{TenantId}'";

        private protected override void AddGrant(FormBody form) =>
            form.Add("grant_type", "client_credentials").Add("client_id", ClientId).AddSecret("client_secret", ClientSecret!);

        private static SecureString RequireSecret(SecureString clientSecret) =>
            clientSecret != null && clientSecret.Length > 0
                ? clientSecret
                : throw PartnerErrors.InvalidArgument("ClientSecret", null, "app-only sign-in needs the application's client secret.");
    }
}
