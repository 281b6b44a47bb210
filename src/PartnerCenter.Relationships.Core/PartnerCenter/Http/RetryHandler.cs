using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// Retries one logical request by <see cref="RetryPolicy"/> (Polly), each attempt counted in the request's
    /// <see cref="RequestState"/>. The final outcome, a response or the exception of the last attempt, goes back to
    /// the caller, who names it. Each send below has its own timeout (<see cref="AttemptTimeoutHandler"/>).
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        public RetryHandler(PartnerCenterClientOptions options, Action<PartnerCenterRetryEventArgs>? onRetry, HttpMessageHandler inner)
            : base(inner)
        {
            _pipeline = RetryPolicy.Create(options, onRetry);
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
                            Interlocked.Increment(ref s.State.Attempts);
                            return Outcome.FromResult(await s.Handler.SendAttemptAsync(s.Request, ctx.CancellationToken).ConfigureAwait(false));
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

        private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request, cancellationToken);
    }
}
