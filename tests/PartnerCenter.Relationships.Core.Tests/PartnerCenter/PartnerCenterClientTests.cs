using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    public sealed class PartnerCenterClientTests
    {
        [Fact]
        public async Task EveryRequest_CarriesTheStandardHeaders_AndTheV1Prefix()
        {
            var handler = new FakeHandler((r, i) => RestTest.Ok("{\"id\":\"1\"}"));
            using var client = RestTest.Client(handler);
            client.CorrelationId = "corr-1";

            var response = await client.SendAsync(HttpMethod.Patch, "/customers/1", new JsonObject { ["status"] = "suspended" }, ifMatch: "-4242");

            var seen = handler.Seen.Single();
            Assert.Equal("PATCH", seen.Method);
            Assert.Equal("http://127.0.0.1:5123/v1/customers/1", seen.Uri.AbsoluteUri);
            Assert.StartsWith("Bearer eyJ", seen.Header("Authorization"));
            Assert.Equal("application/json", seen.Header("Accept"));
            Assert.True(Guid.TryParse(seen.Header("MS-RequestId"), out _));
            Assert.Equal("corr-1", seen.Header("MS-CorrelationId"));
            Assert.Equal("en-US", seen.Header("X-Locale"));
            Assert.Equal("PartnerCenter.Relationships", seen.Header("MS-PartnerCenter-Application"));
            Assert.Equal("application/json", seen.Header("Content-Type"));
            Assert.Equal("-4242", seen.Header("If-Match"));
            Assert.Equal("{\"status\":\"suspended\"}", seen.Body);
            Assert.Equal("1", JsonHelpers.GetString(response.BodyObject, "id"));
            Assert.Equal(1, response.Attempts);
            Assert.Equal(seen.Header("MS-RequestId"), response.RequestId);
        }

        [Fact]
        public async Task Throttled_WaitsExactlyRetryAfterSeconds_ThenSucceeds()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => i == 0
                ? RestTest.Json((HttpStatusCode)429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 seconds.\"}", ("Retry-After", "57"))
                : RestTest.Ok());
            using var client = RestTest.Client(handler, time);

            var response = await client.GetAsync("/customers");

            Assert.Equal(new[] { TimeSpan.FromSeconds(57) }, time.Delays);
            Assert.Equal(2, response.Attempts);
            Assert.Equal(handler.Seen[0].Header("MS-RequestId"), handler.Seen[1].Header("MS-RequestId"));
        }

        [Fact]
        public async Task Throttled_RetryAfterAsHttpDate_WaitsUntilThatDate()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) =>
            {
                if (i > 0)
                {
                    return RestTest.Ok();
                }

                var response = RestTest.Status(429);
                response.Headers.RetryAfter = new RetryConditionHeaderValue(RestTest.Start.AddSeconds(30));
                return response;
            });
            using var client = RestTest.Client(handler, time);

            await client.GetAsync("/customers");

            Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, time.Delays);
        }

        [Fact]
        public async Task RepeatedThrottling_WaitsEachRetryAfter_AndUsesNoneOfTheRetriesKeptForFaults()
        {
            var time = new ManualTimeProvider(RestTest.Start);

            // More 429s than MaxRetries (4) allows faults: throttling is not a fault.
            var handler = new FakeHandler((r, i) => i < 7 ? RestTest.Json((HttpStatusCode)429, "{}", ("Retry-After", "10")) : RestTest.Ok());
            using var client = RestTest.Client(handler, time);

            var response = await client.GetAsync("/customers");

            Assert.Equal(Enumerable.Repeat(10.0, 7), time.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(8, response.Attempts);
        }

        [Fact]
        public async Task ThrottledPastMaxThrottleWait_FailsWithLimitsExceeded_NamingHowLongItWaited()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => RestTest.Json((HttpStatusCode)429, "{}", ("Retry-After", "30")));
            using var client = RestTest.Client(handler, time, maxThrottleWait: TimeSpan.FromSeconds(100));

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterThrottled, error.ErrorId);
            Assert.Equal(new[] { 30.0, 30.0, 30.0 }, time.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(4, handler.Count);
            Assert.Contains("waited 90 seconds for throttling (4 refusals)", error.RecommendedAction);
        }

        [Fact]
        public async Task ThrottledWithoutRetryAfter_WaitsTheDefaultThrottleDelay()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => i == 0 ? RestTest.Status(429) : RestTest.Ok());
            using var client = RestTest.Client(handler, time);

            await client.GetAsync("/customers");

            Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, time.Delays);
        }

        [Fact]
        public async Task AFailingRetryingHandler_DoesNotFailTheRequest()
        {
            var handler = new FakeHandler((r, i) => i == 0 ? RestTest.Status(503) : RestTest.Ok());
            using var client = RestTest.Client(handler);
            client.Retrying += (_, e) => throw new InvalidOperationException("not on the pipeline thread");

            var response = await client.GetAsync("/customers");

            Assert.Equal(2, response.Attempts);
        }

        [Fact]
        public async Task ARetryAfterBeyondMaxThrottleWait_FailsAtOnce_WithLimitsExceeded()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) =>
                RestTest.Json((HttpStatusCode)429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 900 seconds.\"}", ("Retry-After", "900")));
            using var client = RestTest.Client(handler, time);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterThrottled, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.LimitsExceeded, error.Category);
            Assert.Equal(TimeSpan.FromSeconds(900), error.RetryAfter);
            Assert.Contains("Rate limit is exceeded", error.Message);
            Assert.Contains("900", error.RecommendedAction);
            Assert.Equal(1, handler.Count);
            Assert.Empty(time.Delays);
        }

        [Fact]
        public async Task ServiceUnavailableTwice_ThenOk_IsThreeAttemptsWithOneRequestId_AndTheNextRequestGetsANewOne()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => i < 2 ? RestTest.Status(503) : RestTest.Ok());
            using var client = RestTest.Client(handler, time);
            var retries = new ConcurrentQueue<PartnerCenterRetryEventArgs>();
            client.Retrying += (_, e) => retries.Enqueue(e);

            var response = await client.GetAsync("/customers");
            await client.GetAsync("/customers");

            Assert.Equal(3, response.Attempts);
            var ids = handler.Seen.Select(s => s.Header("MS-RequestId")).ToList();
            Assert.Equal(4, ids.Count);
            Assert.Single(ids.Take(3).Distinct());
            Assert.NotEqual(ids[0], ids[3]);
            Assert.Equal(response.RequestId, ids[0]);
            Assert.Equal(new[] { 1, 2 }, retries.Select(e => e.AttemptNumber));
            Assert.All(retries, e => Assert.Equal(503, e.StatusCode));
            Assert.All(time.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public async Task NotFound_IsOneAttempt_WithIdCategoryCodeDescriptionAndIds()
        {
            var handler = new FakeHandler((r, i) => RestTest.Json(HttpStatusCode.NotFound,
                "{\"code\":3000,\"description\":\"Partner Organization with partner_id 9999999 could not be found\",\"data\":[],\"source\":\"PartnerFD\"}"));
            using var client = RestTest.Client(handler);
            client.CorrelationId = "corr-404";

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers/abc?x=1"));

            Assert.Equal(1, handler.Count);
            Assert.Equal(PartnerErrorId.PartnerCenterNotFound, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, error.Category);
            var requestId = handler.Seen[0].Header("MS-RequestId")!;
            Assert.Contains("404", error.Message);
            Assert.Contains("GET /v1/customers/abc", error.Message);
            Assert.Contains("3000", error.Message);
            Assert.Contains("Partner Organization with partner_id 9999999 could not be found", error.Message);
            Assert.Contains(requestId, error.Message);
            Assert.Contains("corr-404", error.Message);
            Assert.Equal(404, error.HttpStatusCode);
            Assert.Equal("3000", error.ServiceErrorCode);
            Assert.Equal(requestId, error.RequestId);
            Assert.Equal("corr-404", error.CorrelationId);
            Assert.Equal(1, error.Attempts);
            Assert.NotNull(error.RecommendedAction);
        }

        [Theory]
        [InlineData(400, nameof(PartnerErrorId.PartnerCenterBadRequest), PartnerErrorCategory.InvalidArgument)]
        [InlineData(401, nameof(PartnerErrorId.PartnerCenterUnauthorized), PartnerErrorCategory.AuthenticationError)]
        [InlineData(403, nameof(PartnerErrorId.PartnerCenterPermissionDenied), PartnerErrorCategory.PermissionDenied)]
        [InlineData(409, nameof(PartnerErrorId.PartnerCenterConflict), PartnerErrorCategory.ResourceExists)]
        [InlineData(412, nameof(PartnerErrorId.PartnerCenterPreconditionFailed), PartnerErrorCategory.InvalidOperation)]
        [InlineData(405, nameof(PartnerErrorId.PartnerCenterRequestFailed), PartnerErrorCategory.InvalidOperation)]
        [InlineData(500, nameof(PartnerErrorId.PartnerCenterUnavailable), PartnerErrorCategory.ConnectionError)]
        [InlineData(408, nameof(PartnerErrorId.PartnerCenterTimeout), PartnerErrorCategory.OperationTimeout)]
        public async Task FinalStatus_MapsToItsErrorIdAndCategory(int status, string errorId, PartnerErrorCategory category)
        {
            var handler = new FakeHandler((r, i) => RestTest.Status(status, "{\"code\":\"800002\",\"description\":\"Invalid request input\"}"));
            using var client = RestTest.Client(handler, maxRetries: 0);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(category, error.Category);
            Assert.Contains("800002", error.Message);
        }

        [Fact]
        public async Task OtherClientErrors_AreNeverRetried()
        {
            foreach (var status in new[] { 400, 401, 403, 404, 409, 412 })
            {
                var handler = new FakeHandler((r, i) => RestTest.Status(status));
                using var client = RestTest.Client(handler);

                await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

                Assert.Equal(1, handler.Count);
            }
        }

        [Fact]
        public async Task UnparseableErrorBody_FallsBackToTheRawText_OrTheReasonPhrase()
        {
            var handler = new FakeHandler((r, i) => i == 0
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html>Bad gateway page</html>") }
                : new HttpResponseMessage(HttpStatusCode.Forbidden));
            using var client = RestTest.Client(handler);

            var raw = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/a"));
            var empty = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/b"));

            Assert.Contains("<html>Bad gateway page</html>", raw.Message);
            Assert.Contains("403 (Forbidden)", empty.Message);
        }

        [Fact]
        public async Task ConnectionReset_IsRetried()
        {
            var handler = new FakeHandler((r, i) => i == 0
                ? throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"))
                : RestTest.Ok());
            using var client = RestTest.Client(handler);

            var response = await client.GetAsync("/customers");

            Assert.Equal(2, response.Attempts);
        }

        [Fact]
        public async Task HttpClientTimeout_IsRetried_AndFinallyPartnerCenterTimeout()
        {
            var handler = new FakeHandler((r, i) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()));
            using var client = RestTest.Client(handler, maxRetries: 2);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterTimeout, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.OperationTimeout, error.Category);
            Assert.Equal(3, handler.Count);
        }

        [Fact]
        public async Task Retries_AreBounded()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => RestTest.Status(503, "{\"code\":800003,\"description\":\"Unexpected service error\"}"));
            using var client = RestTest.Client(handler, time);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(5, handler.Count);
            Assert.Equal(4, time.Delays.Count);
            Assert.Equal(PartnerErrorId.PartnerCenterUnavailable, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.ConnectionError, error.Category);
            Assert.Equal(5, error.Attempts);
            Assert.Contains("after 5 attempts", error.Message);
        }

        [Fact]
        public async Task NetworkFailure_EveryTime_IsPartnerCenterUnavailable()
        {
            var handler = new FakeHandler((r, i) => throw new HttpRequestException("Connection refused (127.0.0.1:5123)"));
            using var client = RestTest.Client(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterUnavailable, error.ErrorId);
            Assert.Contains("Connection refused", error.Message);
            Assert.Equal(5, handler.Count);
        }

        [Fact]
        public async Task CallerCancellation_DuringBackoff_StopsAtOnce()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            var waiting = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            time.TimerStarted += d => waiting.TrySetResult(d);
            var handler = new FakeHandler((r, i) => RestTest.Status(503));
            using var client = RestTest.Client(handler, time);
            using var cancel = new CancellationTokenSource();

            var call = client.SendAsync(HttpMethod.Get, "/customers", cancellationToken: cancel.Token);
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var clock = Stopwatch.StartNew();
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
            Assert.Equal(1, handler.Count);
        }

        [Fact]
        public async Task CallerCancellation_DuringTheRequest_IsNotRetried()
        {
            using var cancel = new CancellationTokenSource();
            var handler = new FakeHandler(async (r, i, ct) =>
            {
                cancel.Cancel();
                await Task.Delay(Timeout.Infinite, ct);
                return RestTest.Ok();
            });
            using var client = RestTest.Client(handler);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(HttpMethod.Get, "/customers", cancellationToken: cancel.Token));
            Assert.Equal(1, handler.Count);
        }

        [Fact]
        public async Task BomAndPascalCaseBody_IsParsed_AndLookedUpInAnyCasing()
        {
            var json = Encoding.UTF8.GetBytes("{\"Status\":\"Active\",\"Attributes\":{\"Etag\":\"etag-1\",\"ObjectType\":\"Subscription\"}}");
            var handler = new FakeHandler((r, i) => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(json).ToArray()),
            });
            using var client = RestTest.Client(handler);

            var response = await client.GetAsync("/customers/1/subscriptions/2");

            var body = response.BodyObject!;
            Assert.Equal("Active", JsonHelpers.GetString(body, "status"));
            Assert.Equal("Subscription", JsonHelpers.AsString(JsonHelpers.GetPath(body, "attributes", "objectType")));
            Assert.Equal("etag-1", response.ETag);

            JsonHelpers.Set(body, "status", "suspended");
            Assert.Equal("{\"Status\":\"suspended\",\"Attributes\":{\"Etag\":\"etag-1\",\"ObjectType\":\"Subscription\"}}", body.ToJsonString());
        }

        [Fact]
        public void JsonHelpers_ParseText_SkipsBom_AndEmptyIsNull()
        {
            Assert.Null(JsonHelpers.Parse("\uFEFF  "));
            Assert.Null(JsonHelpers.Parse(Array.Empty<byte>()));
            Assert.Equal("x", JsonHelpers.GetString((JsonObject)JsonHelpers.Parse("\uFEFF{\"ID\":\"x\"}")!, "id"));
            Assert.Equal("3000", JsonHelpers.GetString((JsonObject)JsonHelpers.Parse("{\"code\":3000}")!, "CODE"));
            Assert.Equal("2030-01-01T00:00:00+00:00", JsonHelpers.GetString(new JsonObject { ["when"] = RestTest.Start }, "When"));
            Assert.Equal(true, JsonHelpers.GetBoolean((JsonObject)JsonHelpers.Parse("{\"allowDelegatedAccess\":\"True\"}")!, "AllowDelegatedAccess"));
            Assert.Equal(3599, JsonHelpers.GetInt64((JsonObject)JsonHelpers.Parse("{\"expires_in\":\"3599\"}")!, "expires_in"));
        }

        [Fact]
        public async Task NoTokenOrSecret_InAnyMessage_EvenWhenTheServerEchoesIt()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var token = RestTest.UserToken(RestTest.Start.AddDays(1), "echo-marker");
            var handler = new FakeHandler((r, i) => RestTest.Json(HttpStatusCode.Unauthorized,
                "{\"code\":400,\"description\":\"Access denied for token " + token + "\"}"));
            using var client = new PartnerCenterClient(RestTest.Endpoint, new GivenAccessTokenSource(token, time),
                new PartnerCenterClientOptions { TimeProvider = time }, handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterUnauthorized, error.ErrorId);
            Assert.Contains("Access denied for token", error.Message);
            Assert.DoesNotContain(token, error.ToString());
            Assert.DoesNotContain(token.Split('.')[1], error.ToString());
            Assert.DoesNotContain(token, error.RecommendedAction ?? "");
            Assert.DoesNotContain(token, client.TokenSource.Describe());
        }

        [Fact]
        public async Task EachAttempt_AsksTheTokenSource_SoARefreshApplies()
        {
            var source = new CountingTokenSource();
            var handler = new FakeHandler((r, i) => i < 2 ? RestTest.Status(502) : RestTest.Ok());
            var time = new ManualTimeProvider(RestTest.Start);
            using var client = new PartnerCenterClient(RestTest.Endpoint, source, new PartnerCenterClientOptions { TimeProvider = time }, handler);

            await client.GetAsync("/customers");

            Assert.Equal(new[] { "Bearer token-1", "Bearer token-2", "Bearer token-3" }, handler.Seen.Select(s => s.Header("Authorization")));
        }

        [Fact]
        public async Task ARequestsOwnCorrelationId_WinsOverTheClients_OnEveryPage()
        {
            var handler = new FakeHandler((r, i) => i == 0
                ? RestTest.Ok("{\"items\":[{\"id\":\"a\"}],\"links\":{\"next\":{\"uri\":\"/customers?page=2\"}}}")
                : RestTest.Ok("{\"items\":[{\"id\":\"b\"}]}"));
            using var client = RestTest.Client(handler);
            client.CorrelationId = "outer";

            await foreach (var _ in client.GetPagedItemsAsync(new PartnerCenterRequest(HttpMethod.Get, "/customers") { CorrelationId = "inner" }))
            {
            }

            await client.GetAsync("/b");

            Assert.Equal(new[] { "inner", "inner", "outer" }, handler.Seen.Select(s => s.Header("MS-CorrelationId")));
        }

        [Fact]
        public async Task ABodyThatStalls_IsGivenUpAfterTheRequestTimeout_AsATimeout()
        {
            // Headers come, the body never does: the attempt's timeout covers reading the body too.
            var handler = new FakeHandler((r, i) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StalledContent() });
            using var client = new PartnerCenterClient(RestTest.Endpoint, new GivenAccessTokenSource(RestTest.UserToken(DateTimeOffset.UtcNow.AddDays(1))),
                new PartnerCenterClientOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromMilliseconds(300) }, handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers")).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(PartnerErrorId.PartnerCenterTimeout, error.ErrorId);
            Assert.Equal(2, handler.Count);
        }

        [Fact]
        public async Task GettingTheToken_IsNotCountedAgainstTheRequestTimeout()
        {
            // The token source takes longer than a send may: the send itself is quick, so the request succeeds.
            var handler = new FakeHandler((r, i) => RestTest.Ok());
            var tokens = new SlowTokenSource(TimeSpan.FromMilliseconds(600));
            using var client = new PartnerCenterClient(RestTest.Endpoint, tokens,
                new PartnerCenterClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromMilliseconds(300) }, handler);

            var response = await client.GetAsync("/customers");

            Assert.Equal(1, response.Attempts);
            Assert.Equal(1, handler.Count);
        }

        [Fact]
        public async Task AStaleETag_AnsweredAs400With2055_StaysABadRequest_AndIsKnownAsAnETagMismatch()
        {
            var handler = new FakeHandler((r, i) => RestTest.Status(400, "{\"code\":2055,\"description\":\"The etag does not match\"}"));
            using var client = RestTest.Client(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/customers/x/subscriptions/y"));

            Assert.Equal(PartnerErrorId.PartnerCenterBadRequest, error.ErrorId);
            Assert.True(ServiceErrorMap.IsETagMismatch(error));
        }

        [Fact]
        public async Task ParallelRequests_EachHaveTheirOwnRequestId()
        {
            var handler = new FakeHandler(async (r, i, ct) =>
            {
                await Task.Yield();
                return RestTest.Ok();
            });
            using var client = RestTest.Client(handler);

            var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => client.GetAsync("/customers/" + i)));

            Assert.Equal(32, responses.Select(r => r.RequestId).Distinct().Count());
            Assert.Equal(32, handler.Seen.Select(s => s.Header("MS-RequestId")).Distinct().Count());
        }

        private sealed class CountingTokenSource : IAccessTokenSource
        {
            private int _calls;

            public bool IsAppOnly => false;

            public AccessTokenClaims? Claims => null;

            public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
                Task.FromResult("token-" + Interlocked.Increment(ref _calls));

            public Task<string?> RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

            public string Describe() => "counting";
        }

        /// <summary>A body that never arrives: it ends only when the response is disposed under it.</summary>
        private sealed class StalledContent : HttpContent
        {
            private readonly TaskCompletionSource<bool> _disposed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                await _disposed.Task;
                throw new ObjectDisposedException(nameof(StalledContent));
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                _disposed.TrySetResult(true);
                base.Dispose(disposing);
            }
        }

        private sealed class SlowTokenSource : IAccessTokenSource
        {
            private readonly TimeSpan _delay;

            public SlowTokenSource(TimeSpan delay) => _delay = delay;

            public bool IsAppOnly => false;

            public AccessTokenClaims? Claims => null;

            public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
            {
                await Task.Delay(_delay, cancellationToken);
                return "slow-token";
            }

            public Task<string?> RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

            public string Describe() => "slow";
        }
    }
}
