using System;
using System.Globalization;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>Retry, timeout and clock settings for <see cref="PartnerCenterClient"/> and the token sources. Copied at construction.</summary>
    public sealed class PartnerCenterClientOptions
    {
        /// <summary>Retries after the first attempt (so at most MaxRetries + 1 attempts). 0 to 10; default 4.</summary>
        public int MaxRetries { get; set; } = 4;

        /// <summary>Base of the jittered exponential backoff for 408, 5xx, network failures and timeouts. Default 0.5 s.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        /// <summary>Cap of that backoff. Default 30 s.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>First wait after a 429 that has no usable Retry-After. Default 5 s.</summary>
        public TimeSpan DefaultThrottleDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How long one request may wait for throttling (429s) before it fails with PartnerCenterThrottled, naming
        /// the wait. Throttling uses none of the MaxRetries budget, which is for faults. A Retry-After that would end
        /// beyond it fails at once. Default 10 minutes.
        /// </summary>
        public TimeSpan MaxThrottleWait { get; set; } = DefaultMaxThrottleWait;

        /// <summary>The default of <see cref="MaxThrottleWait"/>: 10 minutes.</summary>
        public static readonly TimeSpan DefaultMaxThrottleWait = TimeSpan.FromMinutes(10);

        /// <summary>Time allowed for one attempt (HttpClient.Timeout). Default 100 s.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>A cached access token is renewed when less than this remains (at most half its lifetime). Default 5 minutes.</summary>
        public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The clock for retry delays and token expiry; tests pass a fake one so nothing really sleeps.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Sent as X-Locale. Default en-US.</summary>
        public string Locale { get; set; } = "en-US";

        /// <summary>Sent as MS-PartnerCenter-Application. Default PartnerCenter.Relationships.</summary>
        public string ApplicationName { get; set; } = "PartnerCenter.Relationships";

        /// <summary>The random source of the backoff jitter (values in [0, 1)); null for Polly's own.</summary>
        public Func<double>? Randomizer { get; set; }

        internal PartnerCenterClientOptions Validated()
        {
            if (MaxRetries < 0 || MaxRetries > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be from 0 to 10.");
            }

            CheckPositive(BaseDelay, nameof(BaseDelay));
            CheckPositive(MaxDelay, nameof(MaxDelay));
            CheckPositive(DefaultThrottleDelay, nameof(DefaultThrottleDelay));
            CheckPositive(MaxThrottleWait, nameof(MaxThrottleWait));
            CheckPositive(RequestTimeout, nameof(RequestTimeout));
            if (TokenRefreshMargin < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(TokenRefreshMargin), TokenRefreshMargin, "TokenRefreshMargin cannot be negative.");
            }

            return new PartnerCenterClientOptions
            {
                MaxRetries = MaxRetries,
                BaseDelay = BaseDelay,
                MaxDelay = MaxDelay,
                DefaultThrottleDelay = DefaultThrottleDelay,
                MaxThrottleWait = MaxThrottleWait,
                RequestTimeout = RequestTimeout,
                TokenRefreshMargin = TokenRefreshMargin,
                TimeProvider = TimeProvider ?? TimeProvider.System,
                Locale = string.IsNullOrWhiteSpace(Locale) ? "en-US" : Locale,
                ApplicationName = string.IsNullOrWhiteSpace(ApplicationName) ? "PartnerCenter.Relationships" : ApplicationName,
                Randomizer = Randomizer,
            };
        }

        private static void CheckPositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
            }
        }
    }

    /// <summary>Raised before each retry wait: what failed and how long the client waits before the next attempt.</summary>
    public sealed class PartnerCenterRetryEventArgs : EventArgs
    {
        internal PartnerCenterRetryEventArgs(string operation, string? requestId, string? correlationId, int attemptNumber, int maxAttempts, TimeSpan delay, int? statusCode, string reason)
        {
            Operation = operation;
            RequestId = requestId;
            CorrelationId = correlationId;
            AttemptNumber = attemptNumber;
            MaxAttempts = maxAttempts;
            Delay = delay;
            StatusCode = statusCode;
            Reason = reason;
        }

        /// <summary>"METHOD /path" (no query), e.g. "GET /v1/customers".</summary>
        public string Operation { get; }

        /// <summary>The MS-RequestId, the same on every attempt of one logical request; null for token requests.</summary>
        public string? RequestId { get; }

        public string? CorrelationId { get; }

        /// <summary>The attempt that just failed, from 1.</summary>
        public int AttemptNumber { get; }

        public int MaxAttempts { get; }

        /// <summary>The wait before the next attempt (Retry-After for a first 429).</summary>
        public TimeSpan Delay { get; }

        /// <summary>The HTTP status of the failed attempt; null for a network failure or timeout.</summary>
        public int? StatusCode { get; }

        /// <summary>A short reason, e.g. "HTTP 503 (Service Unavailable)" or "connection failed: Connection reset by peer".</summary>
        public string Reason { get; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0}: attempt {1} of {2} failed ({3}); retrying in {4:0.###} s.", Operation, AttemptNumber, MaxAttempts, Reason, Delay.TotalSeconds);
    }
}
