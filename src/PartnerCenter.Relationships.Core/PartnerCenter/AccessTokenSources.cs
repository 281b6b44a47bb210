using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using Polly;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Where <see cref="PartnerCenterClient"/> gets the bearer token for each attempt. Implementations are thread-safe.</summary>
    public interface IAccessTokenSource
    {
        /// <summary>True for application (client credentials) tokens, false for App+User. Some operations need App+User.</summary>
        bool IsAppOnly { get; }

        /// <summary>The claims of the current token; null before the first one is obtained.</summary>
        AccessTokenClaims? Claims { get; }

        /// <summary>A valid access token, renewed when needed. Failures raise <see cref="PartnerException"/>.</summary>
        Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

        /// <summary>A one-line description for verbose output and Get-PartnerConnection-like views; never the token or a secret.</summary>
        string Describe();
    }

    /// <summary>
    /// An access token given as is (e.g. -AccessToken). It is never renewed: once expired every request fails with
    /// AccessTokenExpired. The constructor already refuses an unreadable (AccessTokenUnreadable) or expired token.
    /// </summary>
    public sealed class GivenAccessTokenSource : IAccessTokenSource
    {
        private readonly string _accessToken;
        private readonly TimeProvider _time;

        public GivenAccessTokenSource(string accessToken, TimeProvider? timeProvider = null)
        {
            var text = (accessToken ?? "").Trim();
            if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(7).Trim();
            }

            Claims = AccessTokenClaims.Read(text);
            if (Claims.ExpiresOn == null)
            {
                // A token given as is cannot be renewed, so its expiry is the whole life of the connection: without a
                // readable one the module could neither refuse it once expired nor say when it will stop working.
                throw PartnerErrors.AccessTokenUnreadable("its 'exp' claim (the expiry, in seconds since 1970) is missing or not a number");
            }

            _accessToken = text;
            _time = timeProvider ?? TimeProvider.System;
            ThrowIfExpired();
        }

        /// <summary>From a SecureString (e.g. the Az module's Get-AzAccessToken -AsSecureString); the token is read out once.</summary>
        public GivenAccessTokenSource(SecureString accessToken, TimeProvider? timeProvider = null)
            : this(ToText(accessToken), timeProvider)
        {
        }

        public bool IsAppOnly => Claims.IsAppOnly;

        public AccessTokenClaims Claims { get; }

        AccessTokenClaims? IAccessTokenSource.Claims => Claims;

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfExpired();
            return Task.FromResult(_accessToken);
        }

        public string Describe() => string.Format(CultureInfo.InvariantCulture,
            "{0} access token given as is{1}{2}{3}",
            IsAppOnly ? "An app-only" : "An App+User",
            Claims.UserPrincipalName != null ? " for '" + Claims.UserPrincipalName + "'" : "",
            Claims.TenantId != null ? " in tenant " + Claims.TenantId : "",
            Claims.ExpiresOn is DateTimeOffset exp ? string.Format(CultureInfo.InvariantCulture, ", expiring {0:yyyy-MM-dd HH:mm:ss} UTC", exp.UtcDateTime) : "");

        private void ThrowIfExpired()
        {
            if (Claims.IsExpired(_time.GetUtcNow()))
            {
                throw PartnerErrors.AccessTokenExpired(Claims.ExpiresOn!.Value, Claims.UserPrincipalName);
            }
        }

        private static string ToText(SecureString accessToken)
        {
            if (accessToken == null)
            {
                throw new ArgumentNullException(nameof(accessToken));
            }

            var chars = SecureStrings.ToChars(accessToken);
            try
            {
                return new string(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }

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
        private readonly PartnerCenterClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
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
            _http = handler == null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            _http.Timeout = _options.RequestTimeout;
            _pipeline = RetryPipeline.Create(_options, (_, args) => RetryPipeline.Raise(Retrying, this, args));
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
            Outcome<HttpResponseMessage> outcome;
            try
            {
                outcome = await RetryPipeline.ExecuteAsync(
                    _pipeline,
                    state,
                    static async (s, ct) =>
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, s.Source.TokenEndpoint) { Content = new ByteArrayContent(s.Body) };
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                        return await s.Source._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    },
                    (Source: this, Body: body),
                    cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }

            if (outcome.Exception is Exception exception)
            {
                if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                if (RetryPipeline.IsTransientException(exception, cancellationToken))
                {
                    var reason = exception is OperationCanceledException
                        ? string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} seconds", _options.RequestTimeout.TotalSeconds)
                        : Redaction.Clean(RetryPipeline.InnermostMessage(exception), 300, null, Secrets);
                    throw PartnerErrors.TokenEndpointUnavailable(TokenEndpoint, reason, state.Attempts, exception);
                }

                ExceptionDispatchInfo.Capture(exception).Throw();
            }

            using var result = outcome.Result!;
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
                    : string.IsNullOrWhiteSpace(raw) || json != null ? RetryPipeline.ReasonPhrase(result) : raw;
            }

            throw PartnerErrors.AccessTokenRequestFailed(
                TokenEndpoint, ClientId, status,
                error == null ? null : Redaction.Clean(error, 100, accessToken, Secrets),
                description == null ? null : Redaction.Clean(description, 1000, accessToken, Secrets));
        }

        private sealed class CachedToken
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

    /// <summary>App-only: client credentials (grant_type=client_credentials, client_id, client_secret, resource).</summary>
    public sealed class ClientCredentialsTokenSource : OAuthTokenSource
    {
        public ClientCredentialsTokenSource(PartnerCenterEndpoint endpoint, string tenantId, string clientId, SecureString clientSecret,
            PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
            : base(endpoint, tenantId, clientId, RequireSecret(clientSecret), options, handler)
        {
        }

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
