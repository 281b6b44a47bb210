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

        public RequestState(string operation, string? requestId, string? correlationId, Guid? customerId = null)
        {
            CustomerId = customerId;
            Operation = operation;
            RequestId = requestId;
            CorrelationId = correlationId;
        }

        /// <summary>"METHOD /path" (no query), as used in messages.</summary>
        public string Operation { get; }

        /// <summary>The MS-RequestId, the same on every attempt; null for token requests.</summary>
        public string? RequestId { get; }

        public string? CorrelationId { get; }

        public int Attempts;

        /// <summary>The customer whose resource it is (Partner Center throttles per partner and customer); null for partner-wide ones.</summary>
        public Guid? CustomerId { get; }

        /// <summary>429s answered to it.</summary>
        public int Throttles;

        /// <summary>When the first 429 came, for the throttling budget; null before one.</summary>
        public DateTimeOffset? ThrottledSince;

        /// <summary>How long it waited for throttling, for the error when the budget runs out.</summary>
        public TimeSpan ThrottleWaited;

        /// <summary>The token of the latest attempt: removed from any server text that goes into a message.</summary>
        public string? LastToken { get; set; }

        /// <summary>The token was renewed once after a 401 already; another 401 is final.</summary>
        public bool RenewedAfterRefusal { get; set; }

        /// <summary>
        /// A message carrying this state, for the pipeline. Its body is bytes, so every attempt can send the message
        /// again: below HttpClient a message may be sent more than once (HttpClient itself refuses a second send,
        /// and .NET Framework disposes the content only once HttpClient's send is over).
        /// </summary>
        public HttpRequestMessage NewMessage(HttpMethod method, Uri uri, byte[]? body, string contentType)
        {
            var message = new HttpRequestMessage(method, uri);
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            message.Properties[PropertyName] = this;
            return message;
        }

        public static RequestState Of(HttpRequestMessage message) =>
            message.Properties.TryGetValue(PropertyName, out var state) && state is RequestState known
                ? known
                : throw new InvalidOperationException("A request reached the Partner Center pipeline without its state.");

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
