using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// The time one send may take, its whole body read included: what HttpClient.Timeout was for each send before
    /// the retries moved into the pipeline (where HttpClient's timeout would cover all attempts, and the token's).
    /// It sits just above the transport, so getting a token, and the resend after a 401, are not counted against it.
    /// A send that runs out of time ends in an <see cref="OperationCanceledException"/> the caller did not ask for.
    /// </summary>
    internal sealed class AttemptTimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan _timeout;

        public AttemptTimeoutHandler(TimeSpan timeout, HttpMessageHandler inner)
            : base(inner)
        {
            _timeout = timeout;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            var response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
            try
            {
                await BufferAsync(response, timeout.Token).ConfigureAwait(false);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Reads the whole body, ending the read when <paramref name="cancellation"/> fires (netstandard2.0 has no
        /// cancellable LoadIntoBufferAsync: the response is disposed under it instead).
        /// </summary>
        private static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellation)
        {
            if (response.Content == null)
            {
                return;
            }

            try
            {
                using (cancellation.Register(response.Dispose))
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (cancellation.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw new OperationCanceledException("The response body was not read in time.", e, cancellation);
            }

            cancellation.ThrowIfCancellationRequested();
        }
    }
}
