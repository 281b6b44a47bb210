using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;
using PartnerCenter.Relationships.Core.PartnerCenter.Http;
using PartnerCenter.Relationships.Core.PartnerCenter.Throttling;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Sends Partner Center REST requests through the pipeline of <see cref="PartnerCenterHttp"/> (retries, then the
    /// bearer token): adds /v1 and the standard headers, parses JSON bodies and names every final failure once,
    /// through <see cref="ServiceErrorMap"/>. One instance is safe to use from many requests at once. Over a Graph
    /// endpoint (<see cref="PartnerCenterEndpoint.IsGraph"/>) the same client speaks Microsoft Graph: /v1.0,
    /// client-request-id, "value" pages with @odata.nextLink, and Graph* error ids.
    /// </summary>
    public sealed class PartnerCenterClient : IDisposable
    {
        private static readonly ProductInfoHeaderValue UserAgent = new ProductInfoHeaderValue("PartnerCenter.Relationships", ModuleVersion());

        private readonly HttpClient _http;
        private readonly HttpMessageHandler? _ownTransport;
        private readonly PartnerCenterClientOptions _options;
        private readonly PartnerCenterThrottle _throttle;
        private string _correlationId = NewId();

        /// <param name="handler">The transport (tests pass a fake one, a connection the one its token source uses); null for a new one. A given one is not disposed.</param>
        public PartnerCenterClient(PartnerCenterEndpoint endpoint, IAccessTokenSource tokenSource, PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            TokenSource = tokenSource ?? throw new ArgumentNullException(nameof(tokenSource));
            _options = (options ?? new PartnerCenterClientOptions()).Validated();
            _ownTransport = handler == null ? PartnerCenterHttp.CreateTransport() : null;
            _throttle = new PartnerCenterThrottle(_options.TimeProvider);
            _http = PartnerCenterHttp.CreateApiClient(
                TokenSource, _options, args => RetryPolicy.Raise(Retrying, this, args), _throttle, Endpoint.ServiceName, args => Throttling?.Invoke(this, args), handler ?? _ownTransport!);
        }

        /// <summary>
        /// Raised when a request waits because Partner Center asked to slow down, and when the connection's
        /// parallelism changes, on the thread of that request. Exceptions thrown by handlers are ignored.
        /// </summary>
        public event EventHandler<PartnerCenterThrottleEventArgs>? Throttling;

        /// <summary>How many requests of this client may be under way at once now (it falls on a 429 and climbs back).</summary>
        public int Parallelism => _throttle.Parallelism.Limit;

        /// <summary>How long one request may wait for throttling before it fails (<see cref="PartnerCenterClientOptions.MaxThrottleWait"/>).</summary>
        public TimeSpan MaxThrottleWait => _options.MaxThrottleWait;

        /// <summary>
        /// Raised before each retry wait, on the thread that ran the failed attempt (not the pipeline thread: a cmdlet
        /// queues the text and writes it from its own thread). Exceptions thrown by handlers are ignored.
        /// </summary>
        public event EventHandler<PartnerCenterRetryEventArgs>? Retrying;

        public PartnerCenterEndpoint Endpoint { get; }

        public IAccessTokenSource TokenSource { get; }

        /// <summary>
        /// The MS-CorrelationId sent with a request that names none of its own (a new GUID at construction). A
        /// backend names its command's on every request (<see cref="PartnerCenterRequest.CorrelationId"/>).
        /// </summary>
        public string CorrelationId
        {
            get => Volatile.Read(ref _correlationId);
            set
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new ArgumentException("A correlation id is required.", nameof(value));
                }

                Volatile.Write(ref _correlationId, value.Trim());
            }
        }

        /// <summary>GET, see <see cref="SendAsync(PartnerCenterRequest, CancellationToken)"/>.</summary>
        public Task<PartnerCenterResponse> GetAsync(string relativeOrAbsoluteUri, CancellationToken cancellationToken = default) =>
            SendAsync(new PartnerCenterRequest(HttpMethod.Get, relativeOrAbsoluteUri), cancellationToken);

        /// <summary>See <see cref="SendAsync(PartnerCenterRequest, CancellationToken)"/>.</summary>
        public Task<PartnerCenterResponse> SendAsync(
            HttpMethod method, string relativeOrAbsoluteUri, JsonNode? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null,
            string? ifMatch = null, CancellationToken cancellationToken = default) =>
            SendAsync(new PartnerCenterRequest(method, relativeOrAbsoluteUri) { Body = body, Headers = headers?.ToList() ?? (IReadOnlyList<KeyValuePair<string, string>>)Array.Empty<KeyValuePair<string, string>>(), IfMatch = ifMatch }, cancellationToken);

        /// <summary>
        /// Sends one logical request (a new MS-RequestId, kept on each retry) and returns the parsed response.
        /// Non-success final responses, network failures and timeouts raise <see cref="PartnerException"/>; the
        /// caller's token cancels at once with <see cref="OperationCanceledException"/>.
        /// </summary>
        public async Task<PartnerCenterResponse> SendAsync(PartnerCenterRequest request, CancellationToken cancellationToken = default)
        {
            if (request.Headers.Any(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException("The Authorization header comes from the token source and cannot be given.", nameof(request));
            }

            var uri = Endpoint.ResolveRequestUri(request.Uri);
            var state = new RequestState(request.Method.Method + " " + uri.AbsolutePath, NewId(), request.CorrelationId ?? CorrelationId, request.CustomerId);
            cancellationToken.ThrowIfCancellationRequested();
            using var message = BuildMessage(request, uri, state);
            using var response = await SendThroughPipelineAsync(message, state, cancellationToken).ConfigureAwait(false);
            var bytes = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status < 200 || status > 299)
            {
                throw Named(Failure(request, response, bytes, state));
            }

            JsonNode? parsed;
            try
            {
                parsed = JsonHelpers.Parse(bytes);
            }
            catch (JsonException e)
            {
                throw Named(PartnerErrors.PartnerCenterResponseInvalid(state.Operation, "the body is not JSON", state.RequestId!, state.CorrelationId!, e));
            }

            return new PartnerCenterResponse(state.Operation, uri, response.StatusCode, parsed, ResponseReading.CollectHeaders(response), state.RequestId!, state.CorrelationId!, state.Attempts);
        }

        /// <summary>Every item of a collection, page by page; see <see cref="GetPagedItemsAsync(PartnerCenterRequest, IProgress{int}, CancellationToken)"/>.</summary>
        public IAsyncEnumerable<JsonObject> GetPagedItemsAsync(string firstUri, IProgress<int>? pagesRead = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(firstUri))
            {
                throw new ArgumentException("A URI is required.", nameof(firstUri));
            }

            return GetPagedItemsAsync(new PartnerCenterRequest(HttpMethod.Get, firstUri), pagesRead, cancellationToken);
        }

        /// <summary>Every item of a collection, page by page (see <see cref="GetPagesAsync"/>).</summary>
        /// <param name="pagesRead">Told the number of pages read so far after each page, on the thread that read it.</param>
        public async IAsyncEnumerable<JsonObject> GetPagedItemsAsync(PartnerCenterRequest first, IProgress<int>? pagesRead = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var pages = 0;
            await foreach (var page in GetPagesAsync(first, cancellationToken).ConfigureAwait(false))
            {
                pagesRead?.Report(++pages);
                foreach (var item in page.Items)
                {
                    yield return item;
                }
            }
        }

        /// <summary>
        /// The pages of a collection: the one paging loop. A page is requested only when the previous one has been
        /// consumed. Every page is asked with the first request's subject and correlation id.
        /// </summary>
        public async IAsyncEnumerable<PartnerCenterPage> GetPagesAsync(PartnerCenterRequest first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            PartnerCenterRequest? request = first;
            while (request != null)
            {
                var page = await GetPageAsync(request, cancellationToken).ConfigureAwait(false);
                yield return page;
                request = page.Next == null ? null : first.ForPage(page.Next);
            }
        }

        /// <summary>
        /// GETs one page and works out the next one: <c>links.next</c> (its uri as given, /v1 added when missing, and
        /// every <c>links.next.headers[]</c> entry), else a body <c>continuationToken</c> (the same path with
        /// seekOperation=Next and the MS-ContinuationToken header), else none.
        /// </summary>
        private async Task<PartnerCenterPage> GetPageAsync(PartnerCenterRequest request, CancellationToken cancellationToken)
        {
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var array = response.Body as JsonArray ?? JsonHelpers.GetArray(response.BodyObject, "items") ?? JsonHelpers.GetArray(response.BodyObject, "value");
            var items = array?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
            array?.Clear();

            var next = PartnerCenterPaging.NextLink(response.BodyObject, request.Uri);
            if (next != null && PartnerCenterPaging.SameRequest(next, request.Uri, request.Headers))
            {
                throw Named(PartnerErrors.PartnerCenterResponseInvalid(response.Operation, "its next link repeats the page just read, so paging would not end", response.RequestId, response.CorrelationId));
            }

            return new PartnerCenterPage(items, JsonHelpers.GetInt64(response.BodyObject, "totalCount"), next, response);
        }

        public void Dispose()
        {
            _http.Dispose();
            _throttle.Dispose();
            _ownTransport?.Dispose();
        }

        private HttpRequestMessage BuildMessage(PartnerCenterRequest request, Uri uri, RequestState state)
        {
            var message = state.NewMessage(request.Method, uri, request.Body == null ? null : JsonHelpers.ToUtf8(request.Body), "application/json");
            var headers = message.Headers;
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (Endpoint.IsGraph)
            {
                // Graph's correlation: the client's request id, the same on every attempt, echoed in its answers and errors.
                headers.TryAddWithoutValidation("client-request-id", state.RequestId);
                headers.TryAddWithoutValidation("return-client-request-id", "true");
            }
            else
            {
                headers.TryAddWithoutValidation("MS-RequestId", state.RequestId);
                headers.TryAddWithoutValidation("MS-CorrelationId", state.CorrelationId);
                headers.TryAddWithoutValidation("X-Locale", _options.Locale);
                headers.TryAddWithoutValidation("MS-PartnerCenter-Application", _options.ApplicationName);
            }

            headers.UserAgent.Add(UserAgent);
            if (!string.IsNullOrWhiteSpace(request.IfMatch))
            {
                headers.TryAddWithoutValidation("If-Match", request.IfMatch);
            }

            RequestState.SetHeaders(message, request.Headers);
            return message;
        }

        /// <summary>The final response of the pipeline; no response at all (on every attempt) is named here.</summary>
        private async Task<HttpResponseMessage> SendThroughPipelineAsync(HttpRequestMessage message, RequestState state, CancellationToken cancellationToken)
        {
            try
            {
                return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Named(PartnerErrors.PartnerCenterTimeout(state.Operation, _options.RequestTimeout, state.RequestId!, state.CorrelationId!, state.Attempts, e));
            }
            catch (Exception e) when (RetryPolicy.IsTransientException(e, cancellationToken))
            {
                var reason = Redaction.Clean(RetryPolicy.InnermostMessage(e), 300, state.LastToken);
                throw Named(PartnerErrors.PartnerCenterUnavailable(state.Operation, reason, state.RequestId!, state.CorrelationId!, state.Attempts, e));
            }
        }

        private PartnerException Failure(PartnerCenterRequest request, HttpResponseMessage response, byte[] bytes, RequestState state)
        {
            var status = (int)response.StatusCode;
            var (code, message) = ResponseReading.ReadFault(bytes, state.LastToken);
            var retryAfter = status == 429 ? RetryPolicy.GetRetryAfter(response, _options.TimeProvider) : null;
            var service = new ServiceDetails(status, code, state.RequestId, state.CorrelationId, retryAfter, state.Attempts)
            {
                ThrottleWaited = status == 429 ? state.ThrottleWaited : (TimeSpan?)null,
                Throttles = state.Throttles,
            };
            return ServiceErrorMap.ToError(new ServiceFailure(state.Operation, RetryPolicy.ReasonPhrase(response), message, service, request.CustomerId, request.SubscriptionId)
            {
                RelationshipId = request.RelationshipId,
                IsGraph = Endpoint.IsGraph,
            });
        }

        /// <summary>A failure as the service this client speaks to names it.</summary>
        private PartnerException Named(PartnerException error) => Endpoint.IsGraph ? PartnerErrors.AsGraph(error) : error;

        private static string NewId() => Guid.NewGuid().ToString();

        private static string ModuleVersion()
        {
            var version = typeof(PartnerCenterClient).Assembly.GetName().Version;
            return version == null ? "0.0.0" : string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", version.Major, version.Minor, Math.Max(version.Build, 0));
        }
    }
}
