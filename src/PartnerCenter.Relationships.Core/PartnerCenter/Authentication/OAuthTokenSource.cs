using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter.Http;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>
    /// A token source that asks the Entra ID v1 token endpoint ({AuthorityHost}/{tenant}/oauth2/token) for tokens with
    /// resource = the endpoint's audience, caches the token and renews it when less than
    /// <see cref="PartnerCenterClientOptions.TokenRefreshMargin"/> remains. Concurrent callers share one renewal.
    /// Failures raise AccessTokenRequestFailed (the server's error and error_description, never a secret) or
    /// TokenEndpointUnavailable; transient failures are retried like Partner Center requests.
    /// </summary>
    public abstract class OAuthTokenSource : IAccessTokenSource, IDisposable
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly HttpClient _http;
        private readonly HttpMessageHandler? _ownTransport;
        private readonly PartnerCenterClientOptions _options;
        private CachedToken? _current;
        private int _tokenRequests;

        private protected OAuthTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString? clientSecret, PartnerCenterClientOptions? options, HttpMessageHandler? handler)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw PartnerErrors.InvalidArgument("ApplicationId", clientId, "give the application (client) id registered in Entra ID.");
            }

            TokenEndpoint = endpoint.GetTokenEndpoint(tenantId);
            TenantId = tenantId.Trim();
            ClientId = clientId.Trim();
            ClientSecret = SecureStrings.ReadOnlyCopy(clientSecret);
            _options = (options ?? new PartnerCenterClientOptions()).Validated();
            // Token requests go through the same transport as the connection's Partner Center requests, with the same retries.
            _ownTransport = handler == null ? PartnerCenterHttp.CreateTransport() : null;
            _http = PartnerCenterHttp.CreateTokenClient(_options, args => RetryPolicy.Raise(Retrying, this, args), handler ?? _ownTransport!);
        }

        /// <summary>Raised before each retry of a token request (on a worker thread; handler exceptions are ignored).</summary>
        public event EventHandler<PartnerCenterRetryEventArgs>? Retrying;

        public PartnerCenterEndpoint Endpoint { get; }

        public string TenantId { get; }

        public string ClientId { get; }

        /// <summary>The token endpoint URL (holds no secret).</summary>
        public string TokenEndpoint { get; }

        public abstract bool IsAppOnly { get; }

        public AccessTokenClaims? Claims => Volatile.Read(ref _current)?.Claims;

        /// <summary>When the cached token expires; null before the first one.</summary>
        public DateTimeOffset? ExpiresOn => Volatile.Read(ref _current)?.ExpiresOn;

        /// <summary>How many tokens were obtained from the token endpoint (retries of one request count once).</summary>
        public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

        private protected SecureString? ClientSecret { get; }

        private protected TimeProvider Time => _options.TimeProvider;

        public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            var cached = Volatile.Read(ref _current);
            if (cached != null && Time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.AccessToken;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Someone else may have renewed it while this caller waited.
                cached = Volatile.Read(ref _current);
                if (cached != null && Time.GetUtcNow() < cached.RefreshAt)
                {
                    return cached.AccessToken;
                }

                try
                {
                    var fresh = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _current, fresh);
                    return fresh.AccessToken;
                }
                catch (PartnerException e) when (e.ErrorId == PartnerErrorId.TokenEndpointUnavailable &&
                    cached != null && cached.ExpiresOn - Time.GetUtcNow() > TimeSpan.FromMinutes(1))
                {
                    // The authority is unreachable but the current token still has a while to live: use it.
                    return cached.AccessToken;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>A refused token is renewed unless someone renewed it meanwhile; the current token either way.</summary>
        public async Task<string?> RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken)
        {
            var current = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            if (current != refusedToken)
            {
                return current;
            }

            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            return await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Obtains a new token now, whatever the cache holds (e.g. to check credentials when connecting).</summary>
        public async Task RefreshAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Volatile.Write(ref _current, await RequestTokenAsync(cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                _gate.Release();
            }
        }

        public abstract string Describe();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _http.Dispose();
                _ownTransport?.Dispose();
                _gate.Dispose();
                ClientSecret?.Dispose();
            }
        }

        /// <summary>The grant fields (grant_type, client_id, secrets...). resource is added after them.</summary>
        private protected abstract void AddGrant(FormBody form);

        /// <summary>The grant fields that come after resource (e.g. scope=openid).</summary>
        private protected virtual void AddTrailingFields(FormBody form)
        {
        }

        /// <summary>Called under the renewal lock with a successful token response (e.g. to keep a rotated refresh token).</summary>
        private protected virtual void OnTokenResponse(JsonObject response)
        {
        }

        /// <summary>Secrets that must never appear in a message, for redaction of server text.</summary>
        private protected virtual SecureString?[] Secrets => new[] { ClientSecret };

        private protected string DescribeAccount() =>
            Claims?.UserPrincipalName is string upn ? " as '" + upn + "'" : "";

        private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
        {
            var form = new FormBody();
            AddGrant(form);
            form.Add("resource", Endpoint.Audience);
            AddTrailingFields(form);
            var body = form.ToBytes();

            var state = new RequestState("POST " + TokenEndpoint, null, null);
            HttpResponseMessage result;
            try
            {
                using var request = state.NewMessage(HttpMethod.Post, new Uri(TokenEndpoint), body, "application/x-www-form-urlencoded");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                result = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (RetryPolicy.IsTransientException(exception, cancellationToken))
            {
                var reason = exception is OperationCanceledException
                    ? string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} seconds", _options.RequestTimeout.TotalSeconds)
                    : Redaction.Clean(RetryPolicy.InnermostMessage(exception), 300, null, Secrets);
                throw PartnerErrors.TokenEndpointUnavailable(TokenEndpoint, reason, state.Attempts, exception);
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }

            using (result)
            {
                return await ReadTokenResponseAsync(result).ConfigureAwait(false);
            }
        }

        private async Task<CachedToken> ReadTokenResponseAsync(HttpResponseMessage result)
        {
            var bytes = result.Content == null ? Array.Empty<byte>() : await result.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            JsonObject? json = null;
            try
            {
                json = JsonHelpers.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
                // Not JSON: reported below from the raw text.
            }

            var status = (int)result.StatusCode;
            var accessToken = JsonHelpers.GetString(json, "access_token");
            if (status >= 200 && status <= 299 && !string.IsNullOrEmpty(accessToken))
            {
                Interlocked.Increment(ref _tokenRequests);
                OnTokenResponse(json!);
                return CachedToken.Create(accessToken!, json!, Time.GetUtcNow(), _options.TokenRefreshMargin);
            }

            var error = JsonHelpers.GetString(json, "error");
            var description = JsonHelpers.GetString(json, "error_description");
            if (json == null || (error == null && description == null))
            {
                var raw = Encoding.UTF8.GetString(bytes);
                description = status >= 200 && status <= 299
                    ? "the response holds no access_token"
                    : string.IsNullOrWhiteSpace(raw) || json != null ? RetryPolicy.ReasonPhrase(result) : raw;
            }

            throw PartnerErrors.AccessTokenRequestFailed(
                TokenEndpoint, ClientId, status,
                error == null ? null : Redaction.Clean(error, 100, accessToken, Secrets),
                description == null ? null : Redaction.Clean(description, 1000, accessToken, Secrets));
        }
    }
}
