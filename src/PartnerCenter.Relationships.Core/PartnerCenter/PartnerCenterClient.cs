using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using Polly;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Sends Partner Center REST requests: adds /v1 and the standard headers, gets the bearer token per attempt,
    /// retries transient failures (see <see cref="PartnerCenterClientOptions"/>), parses JSON bodies and turns every
    /// final failure into a <see cref="PartnerException"/>. One instance is safe to use from many requests at once.
    /// </summary>
    public sealed class PartnerCenterClient : IDisposable
    {
        private const string ContinuationTokenHeader = "MS-ContinuationToken";

        private static readonly ProductInfoHeaderValue UserAgent = new ProductInfoHeaderValue("PartnerCenter.Relationships", ModuleVersion());

        private readonly HttpClient _http;
        private readonly PartnerCenterClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly AsyncLocal<string?> _scopedCorrelationId = new AsyncLocal<string?>();
        private string _correlationId = NewId();

        /// <param name="handler">The HTTP handler (tests pass a fake one); null for a new HttpClientHandler. A given handler is not disposed.</param>
        public PartnerCenterClient(PartnerCenterEndpoint endpoint, IAccessTokenSource tokenSource, PartnerCenterClientOptions? options = null, HttpMessageHandler? handler = null)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            TokenSource = tokenSource ?? throw new ArgumentNullException(nameof(tokenSource));
            _options = (options ?? new PartnerCenterClientOptions()).Validated();
            _http = handler == null ? new HttpClient(CreateDefaultHandler(), disposeHandler: true) : new HttpClient(handler, disposeHandler: false);
            _http.Timeout = _options.RequestTimeout;
            _pipeline = RetryPipeline.Create(_options, (_, args) => RetryPipeline.Raise(Retrying, this, args));
        }

        /// <summary>
        /// Raised before each retry wait, on the thread that ran the failed attempt (not the pipeline thread: a cmdlet
        /// queues the text and writes it from its own thread). Exceptions thrown by handlers are ignored.
        /// </summary>
        public event EventHandler<PartnerCenterRetryEventArgs>? Retrying;

        public PartnerCenterEndpoint Endpoint { get; }

        public IAccessTokenSource TokenSource { get; }

        /// <summary>
        /// The MS-CorrelationId sent with every request: the one of the innermost <see cref="BeginCorrelationScope"/> of
        /// the current async flow, else this value (a new GUID at construction; the cmdlet sets one per invocation).
        /// </summary>
        public string CorrelationId
        {
            get => _scopedCorrelationId.Value ?? Volatile.Read(ref _correlationId);
            set
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new ArgumentException("A correlation id is required.", nameof(value));
                }

                Volatile.Write(ref _correlationId, value.Trim());
            }
        }

        /// <summary>
        /// Uses <paramref name="correlationId"/> (a new GUID when null) for the requests of the current async flow until
        /// the returned scope is disposed; requests elsewhere keep theirs.
        /// </summary>
        public IDisposable BeginCorrelationScope(string? correlationId = null)
        {
            var previous = _scopedCorrelationId.Value;
            _scopedCorrelationId.Value = string.IsNullOrWhiteSpace(correlationId) ? NewId() : correlationId!.Trim();
            return new CorrelationScope(this, previous);
        }

        /// <summary>GET, see <see cref="SendAsync"/>.</summary>
        public Task<PartnerCenterResponse> GetAsync(string relativeOrAbsoluteUri, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Get, relativeOrAbsoluteUri, null, null, null, cancellationToken);

        /// <summary>
        /// Sends one logical request (a new MS-RequestId, kept on each retry) and returns the parsed response.
        /// A relative URI gets the /v1 prefix unless it has it. Non-success final responses, network failures and
        /// timeouts raise <see cref="PartnerException"/> (ErrorIds PartnerCenter*); the caller's token cancels at
        /// once with <see cref="OperationCanceledException"/>.
        /// </summary>
        /// <param name="headers">Extra headers (e.g. MS-ContinuationToken); they replace defaults of the same name. Authorization cannot be given.</param>
        /// <param name="ifMatch">Sent as If-Match exactly as given (Partner Center etags are not quoted).</param>
        public async Task<PartnerCenterResponse> SendAsync(
            HttpMethod method,
            string relativeOrAbsoluteUri,
            JsonNode? body = null,
            IEnumerable<KeyValuePair<string, string>>? headers = null,
            string? ifMatch = null,
            CancellationToken cancellationToken = default)
        {
            if (method == null)
            {
                throw new ArgumentNullException(nameof(method));
            }

            var uri = Endpoint.ResolveRequestUri(relativeOrAbsoluteUri);
            var extraHeaders = headers?.ToList() ?? new List<KeyValuePair<string, string>>();
            if (extraHeaders.Any(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException("The Authorization header comes from the token source and cannot be given.", nameof(headers));
            }

            var request = new OutgoingRequest(
                method, uri, body == null ? null : JsonHelpers.ToUtf8(body), extraHeaders, ifMatch,
                new RequestState(method.Method + " " + uri.AbsolutePath, NewId(), CorrelationId));
            cancellationToken.ThrowIfCancellationRequested();

            var outcome = await RetryPipeline.ExecuteAsync(_pipeline, request.State, SendAttemptAsync, request, cancellationToken).ConfigureAwait(false);

            var state = request.State;
            if (outcome.Exception is Exception exception)
            {
                if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                if (exception is OperationCanceledException)
                {
                    throw PartnerErrors.PartnerCenterTimeout(state.Operation, _options.RequestTimeout, state.RequestId!, state.CorrelationId!, state.Attempts, exception);
                }

                if (RetryPipeline.IsTransientException(exception, cancellationToken))
                {
                    var reason = Redaction.Clean(RetryPipeline.InnermostMessage(exception), 300, request.LastToken);
                    throw PartnerErrors.PartnerCenterUnavailable(state.Operation, reason, state.RequestId!, state.CorrelationId!, state.Attempts, exception);
                }

                ExceptionDispatchInfo.Capture(exception).Throw();
            }

            using var response = outcome.Result!;
            var bytes = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status < 200 || status > 299)
            {
                var (code, message) = ReadFault(bytes, request.LastToken);
                var retryAfter = status == 429 ? RetryPipeline.GetRetryAfter(response, _options.TimeProvider) : null;
                throw PartnerErrors.PartnerCenterHttpError(
                    status, RetryPipeline.ReasonPhrase(response), state.Operation, code, message, state.RequestId!, state.CorrelationId!, retryAfter, state.Attempts);
            }

            JsonNode? parsed;
            try
            {
                parsed = JsonHelpers.Parse(bytes);
            }
            catch (JsonException e)
            {
                throw PartnerErrors.PartnerCenterResponseInvalid(state.Operation, "the body is not JSON", state.RequestId!, state.CorrelationId!, e);
            }

            return new PartnerCenterResponse(state.Operation, uri, response.StatusCode, parsed, CollectHeaders(response), state.RequestId!, state.CorrelationId!, state.Attempts);
        }

        /// <summary>
        /// GETs one page and works out the next one: <c>links.next</c> (its uri as given, /v1 added when missing, and
        /// every <c>links.next.headers[]</c> entry), else a body <c>continuationToken</c> (the same path with
        /// seekOperation=Next and the MS-ContinuationToken header), else none.
        /// </summary>
        public async Task<PartnerCenterPage> GetPageAsync(string relativeOrAbsoluteUri, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default)
        {
            var sentHeaders = headers?.ToList() ?? new List<KeyValuePair<string, string>>();
            var response = await SendAsync(HttpMethod.Get, relativeOrAbsoluteUri, null, sentHeaders, null, cancellationToken).ConfigureAwait(false);
            var array = response.Body as JsonArray ?? JsonHelpers.GetArray(response.BodyObject, "items");
            var items = array?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
            array?.Clear();

            var next = NextLink(response.BodyObject, relativeOrAbsoluteUri);
            if (next != null && SameRequest(next, relativeOrAbsoluteUri, sentHeaders))
            {
                throw PartnerErrors.PartnerCenterResponseInvalid(response.Operation, "its next link repeats the page just read, so paging would not end", response.RequestId, response.CorrelationId);
            }

            return new PartnerCenterPage(items, JsonHelpers.GetInt64(response.BodyObject, "totalCount"), next, response);
        }

        /// <summary>Every item of a collection, page by page: a page is requested only when the previous one has been consumed.</summary>
        /// <param name="pagesRead">Told the number of pages read so far after each page.</param>
        public async IAsyncEnumerable<JsonObject> GetPagedItemsAsync(string firstUri, IProgress<int>? pagesRead = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            PartnerCenterPageLink? link = new PartnerCenterPageLink(firstUri);
            var pages = 0;
            while (link != null)
            {
                var page = await GetPageAsync(link.Uri, link.Headers, cancellationToken).ConfigureAwait(false);
                pagesRead?.Report(++pages);
                foreach (var item in page.Items)
                {
                    yield return item;
                }

                link = page.Next;
            }
        }

        /// <summary>The synchronous form of <see cref="GetPagedItemsAsync"/> (lazy: the first item comes before page 2 is asked for).</summary>
        public IEnumerable<JsonObject> GetPagedItems(string firstUri, IProgress<int>? pagesRead = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(firstUri))
            {
                throw new ArgumentException("A URI is required.", nameof(firstUri));
            }

            return Iterate();

            IEnumerable<JsonObject> Iterate()
            {
                PartnerCenterPageLink? link = new PartnerCenterPageLink(firstUri);
                var pages = 0;
                while (link != null)
                {
                    var page = GetPageAsync(link.Uri, link.Headers, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
                    pagesRead?.Report(++pages);
                    foreach (var item in page.Items)
                    {
                        yield return item;
                    }

                    link = page.Next;
                }
            }
        }

        public void Dispose() => _http.Dispose();

        /// <summary>The next-page request of a collection body, or null on the last page.</summary>
        internal static PartnerCenterPageLink? NextLink(JsonObject? body, string currentUri)
        {
            if (JsonHelpers.GetPath(body, "links", "next") is JsonObject next && JsonHelpers.GetString(next, "uri") is { } uri && !string.IsNullOrWhiteSpace(uri))
            {
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var header in JsonHelpers.GetArray(next, "headers")?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    var key = JsonHelpers.GetString(header, "key");
                    var value = JsonHelpers.GetString(header, "value");
                    if (!string.IsNullOrWhiteSpace(key) && value != null)
                    {
                        headers.Add(new KeyValuePair<string, string>(key!, value));
                    }
                }

                return new PartnerCenterPageLink(uri, headers);
            }

            var continuationToken = JsonHelpers.GetString(body, "continuationToken");
            return string.IsNullOrEmpty(continuationToken)
                ? null
                : new PartnerCenterPageLink(WithSeekNext(currentUri), new[] { new KeyValuePair<string, string>(ContinuationTokenHeader, continuationToken!) });
        }

        /// <summary>The URI with its seekOperation query parameter (any casing) replaced by seekOperation=Next.</summary>
        internal static string WithSeekNext(string uri)
        {
            var fragmentAt = uri.IndexOf('#');
            if (fragmentAt >= 0)
            {
                uri = uri.Substring(0, fragmentAt);
            }

            var queryAt = uri.IndexOf('?');
            var path = queryAt < 0 ? uri : uri.Substring(0, queryAt);
            var parameters = queryAt < 0
                ? new List<string>()
                : uri.Substring(queryAt + 1).Split('&').Where(p => p.Length > 0 &&
                    !string.Equals(p.Split('=')[0], "seekOperation", StringComparison.OrdinalIgnoreCase)).ToList();
            parameters.Add("seekOperation=Next");
            return path + "?" + string.Join("&", parameters);
        }

        private static bool SameRequest(PartnerCenterPageLink next, string currentUri, IReadOnlyList<KeyValuePair<string, string>> currentHeaders) =>
            string.Equals(next.Uri, currentUri, StringComparison.Ordinal) &&
            next.Headers.Count == currentHeaders.Count &&
            next.Headers.Zip(currentHeaders, (a, b) => string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase) && a.Value == b.Value).All(same => same);

        private async Task<HttpResponseMessage> SendAttemptAsync(OutgoingRequest request, CancellationToken cancellationToken)
        {
            var token = await TokenSource.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            request.LastToken = token;
            var response = await SendWithTokenAsync(request, token, cancellationToken).ConfigureAwait(false);

            // A renewable token refused as expired (clock skew, or it ran out in flight): renew it and send once
            // more, as the same logical request. A given token cannot be renewed, so its 401 stands.
            if (response.StatusCode == HttpStatusCode.Unauthorized && TokenSource is OAuthTokenSource renewable && !request.RenewedAfterRefusal)
            {
                request.RenewedAfterRefusal = true;
                var current = await TokenSource.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                if (current == token)
                {
                    await renewable.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    current = await TokenSource.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                }

                response.Dispose();
                Interlocked.Increment(ref request.State.Attempts);
                request.LastToken = current;
                response = await SendWithTokenAsync(request, current, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }

        private async Task<HttpResponseMessage> SendWithTokenAsync(OutgoingRequest request, string token, CancellationToken cancellationToken)
        {
            using var message = BuildMessage(request, token);
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }

        private HttpRequestMessage BuildMessage(OutgoingRequest request, string token)
        {
            var message = new HttpRequestMessage(request.Method, request.Uri);
            var headers = message.Headers;
            headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            headers.TryAddWithoutValidation("MS-RequestId", request.State.RequestId);
            headers.TryAddWithoutValidation("MS-CorrelationId", request.State.CorrelationId);
            headers.TryAddWithoutValidation("X-Locale", _options.Locale);
            headers.TryAddWithoutValidation("MS-PartnerCenter-Application", _options.ApplicationName);
            headers.UserAgent.Add(UserAgent);
            if (!string.IsNullOrWhiteSpace(request.IfMatch))
            {
                headers.TryAddWithoutValidation("If-Match", request.IfMatch);
            }

            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            foreach (var header in request.Headers)
            {
                headers.Remove(header.Key);
                if (!headers.TryAddWithoutValidation(header.Key, header.Value) && message.Content != null)
                {
                    message.Content.Headers.Remove(header.Key);
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return message;
        }

        /// <summary>The service's code and description: Partner Center's code/description, the 429 body's statusCode/message, or a Graph-style error object; else the cleaned raw text.</summary>
        private static (string? Code, string? Message) ReadFault(byte[] bytes, string? token)
        {
            const int MaxLength = 1024;
            JsonObject? fault = null;
            try
            {
                fault = JsonHelpers.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
                // Not JSON: the raw text below.
            }

            string? code = null;
            string? message = null;
            if (fault != null)
            {
                var inner = JsonHelpers.GetObject(fault, "error");
                code = JsonHelpers.GetString(fault, "code") ?? JsonHelpers.GetString(inner, "code");
                message = JsonHelpers.GetString(fault, "description") ?? JsonHelpers.GetString(fault, "message")
                    ?? JsonHelpers.GetString(inner, "message") ?? JsonHelpers.GetString(fault, "error_description");
            }

            if (code == null && message == null)
            {
                var raw = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
                message = string.IsNullOrWhiteSpace(raw) ? null : Redaction.Clean(raw, 300, token);
                return (null, message);
            }

            return (
                code == null ? null : Redaction.Clean(code, 100, token),
                message == null ? null : Redaction.Clean(message, MaxLength, token));
        }

        private static IReadOnlyDictionary<string, string> CollectHeaders(HttpResponseMessage response)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = response.Headers;
            if (response.Content != null)
            {
                all = all.Concat(response.Content.Headers);
            }

            foreach (var header in all)
            {
                var value = string.Join(", ", header.Value);
                result[header.Key] = result.TryGetValue(header.Key, out var existing) ? existing + ", " + value : value;
            }

            return result;
        }

        private static HttpMessageHandler CreateDefaultHandler()
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            try
            {
                // .NET Framework allows 2 connections per host by default, too few for parallel requests.
                handler.MaxConnectionsPerServer = 32;
            }
            catch (PlatformNotSupportedException)
            {
                // The platform decides.
            }

            return handler;
        }

        private static string NewId() => Guid.NewGuid().ToString();

        private static string ModuleVersion()
        {
            var version = typeof(PartnerCenterClient).Assembly.GetName().Version;
            return version == null ? "0.0.0" : string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", version.Major, version.Minor, Math.Max(version.Build, 0));
        }

        private sealed class OutgoingRequest
        {
            public OutgoingRequest(HttpMethod method, Uri uri, byte[]? body, IReadOnlyList<KeyValuePair<string, string>> headers, string? ifMatch, RequestState state)
            {
                Method = method;
                Uri = uri;
                Body = body;
                Headers = headers;
                IfMatch = ifMatch;
                State = state;
            }

            public HttpMethod Method { get; }

            public Uri Uri { get; }

            public byte[]? Body { get; }

            public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

            public string? IfMatch { get; }

            public RequestState State { get; }

            /// <summary>The token of the latest attempt: removed from any server text that goes into a message.</summary>
            public string? LastToken { get; set; }

            /// <summary>The token was renewed once after a 401 already; another 401 is final.</summary>
            public bool RenewedAfterRefusal { get; set; }
        }

        private sealed class CorrelationScope : IDisposable
        {
            private readonly PartnerCenterClient _client;
            private readonly string? _previous;
            private bool _disposed;

            public CorrelationScope(PartnerCenterClient client, string? previous)
            {
                _client = client;
                _previous = previous;
            }

            public void Dispose()
            {
                if (!_disposed)
                {
                    _disposed = true;
                    _client._scopedCorrelationId.Value = _previous;
                }
            }
        }
    }
}
