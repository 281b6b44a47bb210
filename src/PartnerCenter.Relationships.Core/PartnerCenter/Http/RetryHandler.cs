using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// Retries one logical request by <see cref="RetryPolicy"/> (Polly), each attempt a fresh copy of the message with
    /// its own timeout, counted in the request's <see cref="RequestState"/>. The final outcome, a response or the
    /// exception of the last attempt, goes back to the caller, who names it.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly TimeSpan _attemptTimeout;

        public RetryHandler(PartnerCenterClientOptions options, Action<RequestState, PartnerCenterRetryEventArgs>? onRetry, HttpMessageHandler inner)
            : base(inner)
        {
            _pipeline = RetryPolicy.Create(options, onRetry);
            _attemptTimeout = options.RequestTimeout;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var state = RequestState.Of(request);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RetryPolicy.StateKey, state);
            try
            {
                var outcome = await _pipeline.ExecuteOutcomeAsync(
                    static async (ctx, s) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await s.Handler.AttemptAsync(s.Request, s.State, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception e)
                        {
                            return Outcome.FromException<HttpResponseMessage>(e);
                        }
                    },
                    context,
                    (Handler: this, Request: request, State: state)).ConfigureAwait(false);
                if (outcome.Exception != null)
                {
                    ExceptionDispatchInfo.Capture(outcome.Exception).Throw();
                }

                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>One attempt: its own message, its own timeout, and the whole body read within it.</summary>
        private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, RequestState state, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref state.Attempts);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_attemptTimeout);
            using var attempt = RequestState.CopyForAttempt(request);
            var response = await base.SendAsync(attempt, timeout.Token).ConfigureAwait(false);
            try
            {
                if (response.Content != null)
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }

                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
