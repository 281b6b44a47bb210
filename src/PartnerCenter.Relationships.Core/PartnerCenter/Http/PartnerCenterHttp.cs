using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;
using PartnerCenter.Relationships.Core.PartnerCenter.Throttling;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// Builds the module's HTTP pipelines, as Microsoft Graph's GraphHttpClientFactory does: one transport (the
    /// sockets) shared by a connection, under two chains of handlers.
    /// <list type="bullet">
    /// <item>Partner Center requests: <see cref="RetryHandler"/> → <see cref="ThrottleHandler"/> → <see cref="AuthenticationHandler"/> → <see cref="AttemptTimeoutHandler"/> → transport.</item>
    /// <item>Token requests: <see cref="RetryHandler"/> → <see cref="AttemptTimeoutHandler"/> → transport (no bearer token, the same retries).</item>
    /// </list>
    /// The throttle sits below the retries (a 429 uses none of their budget) and above the token (a long wait
    /// must not send a token that ran out meanwhile).
    /// </summary>
    internal static class PartnerCenterHttp
    {
        /// <summary>The sockets: decompression on, no cookies, enough connections for requests side by side.</summary>
        public static HttpMessageHandler CreateTransport()
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

        /// <summary>The client Partner Center requests are sent with, over <paramref name="transport"/> (not disposed with it).</summary>
        public static HttpClient CreateApiClient(
            IAccessTokenSource tokens, PartnerCenterClientOptions options, Action<PartnerCenterRetryEventArgs>? onRetry,
            PartnerCenterThrottle throttle, string service, Action<PartnerCenterThrottleEventArgs>? onThrottle, HttpMessageHandler transport) =>
            Client(new RetryHandler(options, onRetry, new ThrottleHandler(throttle, options, service, onThrottle,
                new AuthenticationHandler(tokens, new AttemptTimeoutHandler(options.RequestTimeout, new Shared(transport))))));

        /// <summary>The client token requests are sent with, over <paramref name="transport"/> (not disposed with it).</summary>
        public static HttpClient CreateTokenClient(
            PartnerCenterClientOptions options, Action<PartnerCenterRetryEventArgs>? onRetry, HttpMessageHandler transport) =>
            Client(new RetryHandler(options, onRetry, new AttemptTimeoutHandler(options.RequestTimeout, new Shared(transport))));

        // Each send has its own timeout (AttemptTimeoutHandler): the client's would cover all attempts together.
        private static HttpClient Client(HttpMessageHandler pipeline) =>
            new HttpClient(pipeline, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        /// <summary>The transport at the end of a chain: disposing the chain leaves it to its owner, who shares it.</summary>
        private sealed class Shared : DelegatingHandler
        {
            public Shared(HttpMessageHandler transport)
                : base(transport)
            {
            }

            protected override void Dispose(bool disposing)
            {
                // Not base.Dispose: that would dispose the shared transport.
            }
        }
    }
}
