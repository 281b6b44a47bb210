using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Nodes;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>One logical Partner Center request, and what it is about (so its failure can be named in the module's terms).</summary>
    public sealed class PartnerCenterRequest
    {
        public PartnerCenterRequest(HttpMethod method, string uri)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        }

        public HttpMethod Method { get; }

        /// <summary>Relative (the /v1 prefix is added unless present) or absolute within the endpoint.</summary>
        public string Uri { get; }

        public JsonNode? Body { get; set; }

        /// <summary>Extra headers (e.g. MS-ContinuationToken); they replace defaults of the same name. Authorization cannot be given.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>Sent as If-Match exactly as given (Partner Center etags are not quoted).</summary>
        public string? IfMatch { get; set; }

        /// <summary>The MS-CorrelationId to send; null for the client's current one. A backend sends its command's.</summary>
        public string? CorrelationId { get; set; }

        /// <summary>The next page's request: the same subject and correlation, at the address the service gave.</summary>
        internal PartnerCenterRequest ForPage(PartnerCenterPageLink link) => new PartnerCenterRequest(HttpMethod.Get, link.Uri)
        {
            Headers = link.Headers,
            CorrelationId = CorrelationId,
            CustomerId = CustomerId,
            SubscriptionId = SubscriptionId,
            RelationshipId = RelationshipId,
        };

        /// <summary>The customer the request is about, if any: a refusal for lack of a relationship names it.</summary>
        public Guid? CustomerId { get; set; }

        /// <summary>The subscription the request is about, if any: a 404 on it is "subscription not found".</summary>
        public Guid? SubscriptionId { get; set; }

        /// <summary>The GDAP relationship the (Graph) request is about, if any: a 404 on it is "relationship not found".</summary>
        public string? RelationshipId { get; set; }
    }
}
