using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;
using Polly;
using Polly.Retry;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// The one retry policy, built on Polly.Core's retry strategy:
    /// <list type="bullet">
    /// <item>408, 5xx except 501/505, network failures (HttpRequestException, IOException, SocketException) and timeouts
    /// (OperationCanceledException not caused by the caller's token): jittered exponential backoff from BaseDelay, capped at MaxDelay.</item>
    /// <item>Any other status (all other 4xx) and any other exception: no retry. 429 never reaches it: <see cref="ThrottleHandler"/> below waits throttling out.</item>
    /// </list>
    /// At most MaxRetries retries. The caller's token cancels at once, also during a wait. <see cref="RetryHandler"/> runs it.
    /// </summary>
    internal static class RetryPolicy
    {
        public static readonly ResiliencePropertyKey<RequestState> StateKey = new ResiliencePropertyKey<RequestState>("PartnerCenter.RequestState");

        public static ResiliencePipeline<HttpResponseMessage> Create(PartnerCenterClientOptions options, Action<PartnerCenterRetryEventArgs>? onRetry)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 0),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, options)),
                OnRetry = args =>
                {
                    if (onRetry != null && args.Context.Properties.TryGetValue(StateKey, out var state))
                    {
                        var status = args.Outcome.Result is HttpResponseMessage response ? (int?)(int)response.StatusCode : null;
                        onRetry(new PartnerCenterRetryEventArgs(
                            state.Operation, state.RequestId, state.CorrelationId, args.AttemptNumber + 1, options.MaxRetries + 1,
                            args.RetryDelay, status, Describe(args.Outcome, args.Context)));
                    }

                    return default;
                },
            };
            if (options.Randomizer != null)
            {
                retry.Randomizer = options.Randomizer;
            }

            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
            return options.MaxRetries == 0 ? builder.Build() : builder.AddRetry(retry).Build();
        }

        /// <summary>Raises a Retrying event; a failing handler must not fail the request it only reports on.</summary>
        public static void Raise(EventHandler<PartnerCenterRetryEventArgs>? handler, object sender, PartnerCenterRetryEventArgs args)
        {
            try
            {
                handler?.Invoke(sender, args);
            }
            catch (Exception)
            {
                // Reporting only: ignored.
            }
        }

        /// <summary>
        /// True for a fault worth another attempt. Not 429: throttling is not a fault, and <see cref="ThrottleHandler"/>
        /// waits it out below these retries, so it uses none of their budget.
        /// </summary>
        public static bool IsTransientStatus(int status) =>
            status == 408 || (status >= 500 && status <= 599 && status != 501 && status != 505);

        /// <summary>True when an exception means no answer came (network failure or a timeout), not that the caller stopped.</summary>
        public static bool IsTransientException(Exception? exception, CancellationToken callerToken) => exception switch
        {
            null => false,
            OperationCanceledException => !callerToken.IsCancellationRequested,
            HttpRequestException or IOException or SocketException or TimeoutException => true,
            _ => false,
        };

        /// <summary>The Retry-After of a response: delta seconds or an HTTP date (relative to the provider's now); null when absent or unreadable.</summary>
        public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider time)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                var wait = date - time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            if (response.Headers.TryGetValues("Retry-After", out var values) &&
                double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
                seconds >= 0 && seconds < int.MaxValue)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            return null;
        }

        private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, PartnerCenterClientOptions options)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (outcome.Result is HttpResponseMessage response)
            {
                return IsTransientStatus((int)response.StatusCode);
            }

            return IsTransientException(outcome.Exception, context.CancellationToken);
        }

        private static string Describe(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
        {
            if (outcome.Result is HttpResponseMessage response)
            {
                return string.Format(CultureInfo.InvariantCulture, "HTTP {0} ({1})", (int)response.StatusCode, ReasonPhrase(response));
            }

            return outcome.Exception switch
            {
                OperationCanceledException when !context.CancellationToken.IsCancellationRequested => "timed out",
                Exception e => "connection failed: " + Redaction.Clean(InnermostMessage(e), 200),
                null => "failed",
            };
        }

        internal static string ReasonPhrase(HttpResponseMessage response) =>
            !string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.ReasonPhrase!
            : Enum.IsDefined(typeof(System.Net.HttpStatusCode), response.StatusCode) ? SplitWords(response.StatusCode.ToString())
            : (int)response.StatusCode == 429 ? "Too Many Requests"
            : "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

        /// <summary>The exception's message, with the inner exceptions' when they add something.</summary>
        internal static string InnermostMessage(Exception exception)
        {
            var message = exception.Message;
            for (var inner = exception.InnerException; inner != null; inner = inner.InnerException)
            {
                if (!string.IsNullOrWhiteSpace(inner.Message) && message.IndexOf(inner.Message, StringComparison.Ordinal) < 0)
                {
                    message = message.TrimEnd('.', ' ') + ": " + inner.Message;
                }
            }

            return message;
        }

        private static string SplitWords(string name)
        {
            var builder = new System.Text.StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (i > 0 && char.IsUpper(name[i]))
                {
                    builder.Append(' ');
                }

                builder.Append(name[i]);
            }

            return builder.ToString();
        }
    }
}
