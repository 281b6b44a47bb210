using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>What the fake handler saw of one request (copied before the client disposes it).</summary>
    internal sealed class SeenRequest
    {
        public SeenRequest(HttpRequestMessage request, string? body)
        {
            Method = request.Method.Method;
            Uri = request.RequestUri!;
            Body = body;
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                Headers[header.Key] = string.Join(", ", header.Value);
            }

            if (request.Content != null)
            {
                foreach (var header in request.Content.Headers)
                {
                    Headers[header.Key] = string.Join(", ", header.Value);
                }
            }
        }

        public string Method { get; }

        public Uri Uri { get; }

        public string? Body { get; }

        public Dictionary<string, string> Headers { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public Dictionary<string, string> Form() =>
            (Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));
    }

    /// <summary>An HttpMessageHandler that answers from a function and records every request.</summary>
    internal sealed class FakeHandler : HttpMessageHandler
    {
        private readonly Func<SeenRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
        private int _count;

        public FakeHandler(Func<SeenRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

        public FakeHandler(Func<SeenRequest, int, HttpResponseMessage> respond)
            : this((r, i, _) => Task.FromResult(respond(r, i)))
        {
        }

        public ConcurrentQueue<SeenRequest> Requests { get; } = new ConcurrentQueue<SeenRequest>();

        public List<SeenRequest> Seen => Requests.ToList();

        public int Count => Volatile.Read(ref _count);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var seen = new SeenRequest(request, body);
            Requests.Enqueue(seen);
            var index = Interlocked.Increment(ref _count) - 1;
            var response = await _respond(seen, index, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }
    }

    /// <summary>
    /// A clock for tests. Timers record their due time; with AutoFire they fire at once (advancing the clock by the
    /// due time), so a retry delay never really sleeps; without it they never fire.
    /// </summary>
    internal sealed class ManualTimeProvider : TimeProvider
    {
        private readonly object _lock = new object();
        private readonly List<TimeSpan> _delays = new List<TimeSpan>();
        private DateTimeOffset _now;

        public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public bool AutoFire { get; set; } = true;

        /// <summary>With AutoFire, how much less than its due time the clock advances when a timer fires (one longer than twice this): real timers wake a little early against the wall clock.</summary>
        public TimeSpan EarlyBy { get; set; }

        public event Action<TimeSpan>? TimerStarted;

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_lock)
                {
                    return _delays.ToList();
                }
            }
        }

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public void Advance(TimeSpan by)
        {
            lock (_lock)
            {
                _now += by;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new FakeTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class FakeTimer : ITimer
        {
            private readonly ManualTimeProvider _owner;
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private volatile bool _disposed;

            public FakeTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == Timeout.InfiniteTimeSpan || _disposed)
                {
                    return true;
                }

                lock (_owner._lock)
                {
                    _owner._delays.Add(dueTime);
                }

                _owner.TimerStarted?.Invoke(dueTime);
                if (_owner.AutoFire)
                {
                    _owner.Advance(dueTime > _owner.EarlyBy + _owner.EarlyBy ? dueTime - _owner.EarlyBy : dueTime);
                    ThreadPool.QueueUserWorkItem(_ =>
                    {
                        if (!_disposed)
                        {
                            _callback(_state);
                        }
                    });
                }

                return true;
            }

            public void Dispose() => _disposed = true;

            public ValueTask DisposeAsync()
            {
                _disposed = true;
                return default;
            }
        }
    }

    internal static class RestTest
    {
        public static readonly DateTimeOffset Start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public const string ApiRoot = "http://127.0.0.1:5123";

        public static PartnerCenterEndpoint Endpoint => PartnerCenterEndpoint.Resolve(PartnerCenterEnvironment.Global, ApiRoot, ApiRoot);

        public static string Jwt(object payload)
        {
            static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return Part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + Part(JsonSerializer.Serialize(payload)) + ".c2lnbmF0dXJl";
        }

        public static long Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds();

        /// <summary>An App+User token expiring at <paramref name="expires"/>, with a marker to tell tokens apart.</summary>
        public static string UserToken(DateTimeOffset expires, string marker = "a") => Jwt(new
        {
            aud = "https://api.partnercenter.microsoft.com",
            tid = "11111111-1111-1111-1111-111111111111",
            upn = "admin@contoso.onmicrosoft.com",
            scp = "user_impersonation",
            exp = Epoch(expires),
            marker,
        });

        public static SecureString Secure(string text)
        {
            var result = new SecureString();
            foreach (var c in text)
            {
                result.AppendChar(c);
            }

            return result;
        }

        public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, new UTF8Encoding(false), "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }

        public static HttpResponseMessage Ok(string json = "{}") => Json(HttpStatusCode.OK, json);

        public static HttpResponseMessage Status(int status, string json = "") =>
            new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, new UTF8Encoding(false), "application/json") };

        /// <summary>A client on a given App+User token (valid for a day) with a fake clock.</summary>
        public static PartnerCenterClient Client(FakeHandler handler, ManualTimeProvider? time = null, int maxRetries = 4, TimeSpan? maxThrottleWait = null)
        {
            time ??= new ManualTimeProvider(Start);
            var token = new GivenAccessTokenSource(UserToken(Start.AddDays(1)), time);
            var options = new PartnerCenterClientOptions { TimeProvider = time, MaxRetries = maxRetries };
            options.MaxThrottleWait = maxThrottleWait ?? options.MaxThrottleWait;
            return new PartnerCenterClient(Endpoint, token, options, handler);
        }
    }
}
