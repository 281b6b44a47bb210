using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;
using System.Net.Http;
using System.Security;
using System.Threading;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;
using PartnerCenter.Relationships.Core.PartnerCenter.Http;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>How a connection signed in.</summary>
    public enum PartnerCenterSignIn
    {
        /// <summary>An access token given as is; never renewed.</summary>
        AccessToken,

        /// <summary>Secure Application Model: an application and a user's refresh token; renewed before it expires.</summary>
        AppPlusUser,

        /// <summary>An application alone (client credentials): some operations are refused.</summary>
        AppOnly,
    }

    /// <summary>
    /// A signed-in Partner Center connection: the HTTP client with its token source, and who signed in. It lives in
    /// the runspace's memory only (never in the store, output or messages) until Disconnect-PartnerCenter or
    /// Remove-Module; each command opens a <see cref="PartnerCenterBackend"/> over it.
    /// </summary>
    public sealed class PartnerCenterConnection : IDisposable
    {
        private readonly HttpMessageHandler _transport;

        // What the sign-in was given, for before the first token names them (and for tokens that do not).
        private readonly string? _signedInTenant;
        private readonly string? _applicationId;

        private PartnerCenterConnection(PartnerCenterClient client, PartnerCenterSignIn signIn, HttpMessageHandler transport, OAuthTokenSource? source = null)
        {
            _signedInTenant = source?.TenantId;
            _applicationId = source?.ClientId;
            Client = client;
            SignIn = signIn;
            _transport = transport;
        }

        /// <summary>Graph requests go through a client of their own, over the same transport, retries and options.</summary>
        private void UseGraph(IAccessTokenSource tokens, PartnerCenterClientOptions? options)
        {
            Graph = new PartnerCenterClient(Endpoint.Graph, tokens, options, _transport);
            GraphUnavailableReason = null;
        }

        public PartnerCenterClient Client { get; }

        /// <summary>The Microsoft Graph client (GDAP relationships), over the same transport; null when the sign-in gave no Graph token.</summary>
        public PartnerCenterClient? Graph { get; private set; }

        /// <summary>Why there is no Graph client, in words, for the error a GDAP command raises.</summary>
        public string? GraphUnavailableReason { get; private set; } = "this sign-in did not ask for one";

        public PartnerCenterSignIn SignIn { get; }

        public PartnerCenterEndpoint Endpoint => Client.Endpoint;

        public bool IsAppOnly => Client.TokenSource.IsAppOnly;

        public string? TenantId => Client.TokenSource.Claims?.TenantId ?? _signedInTenant;

        /// <summary>The user (App+User) or application (app-only) that signed in, as the token names it.</summary>
        public string? Account => Client.TokenSource.Claims?.UserPrincipalName ?? Client.TokenSource.Claims?.ApplicationId ?? _applicationId;

        /// <summary>The partner organization as the sign-in names it: its tenant, and the user or application for a name.</summary>
        public PartnerInfo Partner => new PartnerInfo
        {
            TenantId = Guid.TryParse(TenantId, out var tenant) ? tenant : Guid.Empty,
            Name = Account ?? "Partner Center",
        };

        /// <summary>When the current access token expires; a renewing sign-in gets a new one before then.</summary>
        public DateTimeOffset? ExpiresOn => Client.TokenSource.Claims?.ExpiresOn;

        /// <summary>
        /// Access tokens given as is: read (and refused if unreadable, expired or for the other service) now. Without
        /// <paramref name="graphAccessToken"/> the connection has no Graph client.
        /// </summary>
        public static PartnerCenterConnection WithAccessToken(
            PartnerCenterEndpoint endpoint, SecureString accessToken, PartnerCenterClientOptions? options = null, SecureString? graphAccessToken = null)
        {
            var tokens = new GivenAccessTokenSource(accessToken, options?.TimeProvider);
            RefuseAudience(tokens, endpoint.Graph.Audience, "AccessToken", "it is a Microsoft Graph token; give it as -GraphAccessToken and a Partner Center token as -AccessToken.");
            var graphTokens = graphAccessToken == null ? null : new GivenAccessTokenSource(graphAccessToken, options?.TimeProvider);
            if (graphTokens != null)
            {
                RefuseAudience(graphTokens, endpoint.Audience, "GraphAccessToken", "it is a Partner Center token; give a token for https://graph.microsoft.com.");
            }

            var transport = PartnerCenterHttp.CreateTransport();
            try
            {
                var connection = new PartnerCenterConnection(new PartnerCenterClient(endpoint, tokens, options, transport), PartnerCenterSignIn.AccessToken, transport);
                if (graphTokens != null)
                {
                    connection.UseGraph(graphTokens, options);
                }
                else
                {
                    connection.GraphUnavailableReason = "it was connected with -AccessToken and no -GraphAccessToken";
                }

                return connection;
            }
            catch
            {
                transport.Dispose();
                throw;
            }
        }

        /// <summary>A token whose audience is plainly the other service's is a mix-up, refused before any request.</summary>
        private static void RefuseAudience(GivenAccessTokenSource tokens, string wrongAudience, string parameterName, string problem)
        {
            if (tokens.Claims.Audiences.Any(a => string.Equals(a.TrimEnd('/'), wrongAudience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                // The target names the token by its audience, never by its text.
                throw PartnerErrors.InvalidArgument(parameterName, "a token for " + wrongAudience, problem);
            }
        }

        /// <summary>App+User: the first access token is requested now, so a wrong secret or refresh token fails here.</summary>
        public static PartnerCenterConnection WithRefreshToken(
            PartnerCenterEndpoint endpoint, string tenantId, string applicationId, SecureString? applicationSecret, SecureString refreshToken,
            PartnerCenterClientOptions? options, CancellationToken cancellation) =>
            SignedIn(transport => new RefreshTokenSource(endpoint, tenantId, applicationId, applicationSecret, refreshToken, options, transport),
                source => ((RefreshTokenSource)source).ForGraph(), endpoint, options, PartnerCenterSignIn.AppPlusUser, cancellation);

        /// <summary>App-only: the first access token is requested now.</summary>
        public static PartnerCenterConnection WithClientSecret(
            PartnerCenterEndpoint endpoint, string tenantId, string applicationId, SecureString applicationSecret,
            PartnerCenterClientOptions? options, CancellationToken cancellation) =>
            SignedIn(transport => new ClientCredentialsTokenSource(endpoint, tenantId, applicationId, applicationSecret, options, transport),
                source => ((ClientCredentialsTokenSource)source).ForGraph(), endpoint, options, PartnerCenterSignIn.AppOnly, cancellation);

        /// <summary>
        /// Token requests and Partner Center requests share one transport; the first token is asked for now. Then a
        /// Graph token from the same sign-in: refused (no consent for Graph, say), the connection goes on without
        /// Graph and says why, since everything but GDAP works without it.
        /// </summary>
        private static PartnerCenterConnection SignedIn(
            Func<HttpMessageHandler, OAuthTokenSource> createSource, Func<OAuthTokenSource, OAuthTokenSource> forGraph, PartnerCenterEndpoint endpoint,
            PartnerCenterClientOptions? options, PartnerCenterSignIn signIn, CancellationToken cancellation)
        {
            var transport = PartnerCenterHttp.CreateTransport();
            OAuthTokenSource? source = null;
            try
            {
                source = createSource(transport);
                SyncBoundary.Wait(source.GetAccessTokenAsync(cancellation));
                var connection = new PartnerCenterConnection(new PartnerCenterClient(endpoint, source, options, transport), signIn, transport, source);
                connection.SignInToGraph(forGraph(source), options, cancellation);
                return connection;
            }
            catch
            {
                source?.Dispose();
                transport.Dispose();
                throw;
            }
        }

        private void SignInToGraph(OAuthTokenSource graphSource, PartnerCenterClientOptions? options, CancellationToken cancellation)
        {
            try
            {
                SyncBoundary.Wait(graphSource.GetAccessTokenAsync(cancellation));
                UseGraph(graphSource, options);
            }
            catch (PartnerException ex)
            {
                graphSource.Dispose();
                GraphUnavailableReason = "the sign-in could not get one: " + ex.Message;
            }
            catch
            {
                // Stopped (Ctrl+C): its share of the refresh token is given back with it.
                graphSource.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Client.Dispose();
            (Client.TokenSource as IDisposable)?.Dispose();
            Graph?.Dispose();
            (Graph?.TokenSource as IDisposable)?.Dispose();
            _transport.Dispose();
        }
    }
}
