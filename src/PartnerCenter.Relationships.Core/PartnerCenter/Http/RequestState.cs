using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Http
{
    /// <summary>
    /// One logical request across its attempts: what it is, the ids it carries on each of them, and what its
    /// attempts found. It travels with the request message down the handler pipeline.
    /// </summary>
    internal sealed class RequestState
    {
        private const string PropertyName = "PartnerCenter.Relationships.RequestState";

        public RequestState(string operation, string? requestId, string? correlationId, byte[]? body)
        {
            Operation = operation;
            RequestId = requestId;
            CorrelationId = correlationId;
            Body = body;
        }

        /// <summary>"METHOD /path" (no query), as used in messages.</summary>
        public string Operation { get; }

        /// <summary>The MS-RequestId, the same on every attempt; null for token requests.</summary>
        public string? RequestId { get; }

        public string? CorrelationId { get; }

        /// <summary>The body, kept so that each attempt sends a message of its own (a sent message may not be sent again).</summary>
        public byte[]? Body { get; }

        public int Attempts;

        public int Throttles;

        public TimeSpan FirstThrottleDelay;

        /// <summary>The token of the latest attempt: removed from any server text that goes into a message.</summary>
        public string? LastToken { get; set; }

        /// <summary>The token was renewed once after a 401 already; another 401 is final.</summary>
        public bool RenewedAfterRefusal { get; set; }

        /// <summary>A message carrying this state, for the pipeline; its body is <see cref="Body"/>.</summary>
        public HttpRequestMessage NewMessage(HttpMethod method, Uri uri, string? contentType)
        {
            var message = new HttpRequestMessage(method, uri);
            if (Body != null)
            {
                message.Content = new ByteArrayContent(Body);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }

            message.Properties[PropertyName] = this;
            return message;
        }

        public static RequestState Of(HttpRequestMessage message) =>
            message.Properties.TryGetValue(PropertyName, out var state) && state is RequestState known
                ? known
                : throw new InvalidOperationException("A request reached the Partner Center pipeline without its state.");

        /// <summary>
        /// A fresh copy of <paramref name="message"/> for one attempt: the same method, address, headers and body, as
        /// Microsoft Graph's retry handler clones a request; .NET Framework disposes a sent message's content.
        /// </summary>
        public static HttpRequestMessage CopyForAttempt(HttpRequestMessage message)
        {
            var state = Of(message);
            var copy = state.NewMessage(message.Method, message.RequestUri!, message.Content?.Headers.ContentType?.ToString());
            foreach (var header in message.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (message.Content != null && copy.Content != null)
            {
                foreach (var header in message.Content.Headers)
                {
                    copy.Content.Headers.Remove(header.Key);
                    copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return copy;
        }

        public static void SetHeaders(HttpRequestMessage message, IEnumerable<KeyValuePair<string, string>> headers)
        {
            foreach (var header in headers)
            {
                message.Headers.Remove(header.Key);
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value) && message.Content != null)
                {
                    message.Content.Headers.Remove(header.Key);
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }
    }
}
