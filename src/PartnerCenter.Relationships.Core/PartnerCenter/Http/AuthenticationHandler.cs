using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// Attaches the bearer token to each attempt (asked of the token source each time, so a renewal applies at once)
    /// and, when Partner Center refuses a renewable token (clock skew, or it ran out in flight), renews it and sends
    /// once more as the same logical request. A token given as is cannot be renewed, so its 401 stands.
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly IAccessTokenSource _tokens;

        public AuthenticationHandler(IAccessTokenSource tokens, HttpMessageHandler inner)
            : base(inner)
        {
            _tokens = tokens;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var state = RequestState.Of(request);
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendWithTokenAsync(request, token, state, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || state.RenewedAfterRefusal)
            {
                return response;
            }

            string? renewed;
            try
            {
                renewed = await _tokens.RenewAfterRefusalAsync(token, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            if (renewed == null)
            {
                return response;
            }

            state.RenewedAfterRefusal = true;
            response.Dispose();
            Interlocked.Increment(ref state.Attempts);
            return await SendWithTokenAsync(request, renewed, state, cancellationToken).ConfigureAwait(false);
        }

        private Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, string token, RequestState state, CancellationToken cancellationToken)
        {
            state.LastToken = token;
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
