using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.PartnerCenter.Throttling;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// Every attempt waits its turn at the connection's <see cref="PartnerCenterThrottle"/> (the gates of its
    /// scopes, their pace, a place among those in flight), since Partner Center counts every attempt. A 429 is not a
    /// fault: it is waited out here, below the retries, and sent again when the gate opens, until the request has
    /// waited <see cref="PartnerCenterClientOptions.MaxThrottleWait"/>; then the 429 goes up as the final answer.
    /// </summary>
    internal sealed class ThrottleHandler : DelegatingHandler
    {
        private readonly PartnerCenterThrottle _throttle;
        private readonly PartnerCenterClientOptions _options;
        private readonly Action<PartnerCenterThrottleEventArgs>? _onThrottle;
        private readonly string _service;

        public ThrottleHandler(PartnerCenterThrottle throttle, PartnerCenterClientOptions options, string service, Action<PartnerCenterThrottleEventArgs>? onThrottle, HttpMessageHandler inner)
            : base(inner)
        {
            _service = service;
            _throttle = throttle;
            _options = options;
            _onThrottle = onThrottle;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var state = RequestState.Of(request);
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0)
                {
                    Interlocked.Increment(ref state.Attempts);
                }

                var turn = await WaitTurnAsync(state, request.Method == HttpMethod.Get, cancellationToken).ConfigureAwait(false);
                HttpResponseMessage response;
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Report(state, _throttle.Admitted(turn), TimeSpan.Zero);
                    throw;
                }

                if ((int)response.StatusCode != 429)
                {
                    Report(state, _throttle.Admitted(turn), TimeSpan.Zero);
                    return response;
                }

                var retryAfter = RetryPolicy.GetRetryAfter(response, _options.TimeProvider) ?? _options.DefaultThrottleDelay;
                Report(state, _throttle.Refused(turn, retryAfter), TimeSpan.Zero);
                if (!KeepsWaiting(state, retryAfter))
                {
                    return response;
                }

                response.Dispose();
            }
        }

        /// <summary>Counts the 429 and says whether the budget allows waiting <paramref name="retryAfter"/> more.</summary>
        private bool KeepsWaiting(RequestState state, TimeSpan retryAfter)
        {
            var now = _options.TimeProvider.GetUtcNow();
            state.Throttles++;
            state.ThrottledSince ??= now;
            state.ThrottleWaited = now - state.ThrottledSince.Value;
            return state.ThrottleWaited + retryAfter <= _options.MaxThrottleWait;
        }

        private async Task<PartnerCenterThrottle.Turn> WaitTurnAsync(RequestState state, bool read, CancellationToken cancellationToken)
        {
            var turn = await _throttle.WaitTurnAsync(state.CustomerId, wait => Report(state, null, wait), cancellationToken, read).ConfigureAwait(false);
            if (state.ThrottledSince != null)
            {
                state.ThrottleWaited = _options.TimeProvider.GetUtcNow() - state.ThrottledSince.Value;
            }

            return turn;
        }

        /// <summary>Tells the client's listeners of a wait at a closed gate, or of a new parallelism; reporting never fails a request.</summary>
        private void Report(RequestState state, int? parallelism, TimeSpan wait)
        {
            if (_onThrottle == null || (parallelism == null && wait <= TimeSpan.Zero))
            {
                return;
            }

            try
            {
                _onThrottle(new PartnerCenterThrottleEventArgs(_service, state.Operation, state.CorrelationId, wait, parallelism, _throttle.PartnerRate));
            }
            catch (Exception)
            {
                // Reporting only.
            }
        }
    }
}
