using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json.Nodes;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>A successful Partner Center response.</summary>
    public sealed class PartnerCenterResponse
    {
        internal PartnerCenterResponse(string operation, Uri requestUri, HttpStatusCode statusCode, JsonNode? body, IReadOnlyDictionary<string, string> headers,
            string requestId, string correlationId, int attempts)
        {
            Operation = operation;
            RequestUri = requestUri;
            StatusCode = statusCode;
            Body = body;
            Headers = headers;
            RequestId = requestId;
            CorrelationId = correlationId;
            Attempts = attempts;
        }

        /// <summary>"METHOD /path" (no query), as used in messages.</summary>
        public string Operation { get; }

        public Uri RequestUri { get; }

        public HttpStatusCode StatusCode { get; }

        /// <summary>The parsed body (a leading BOM skipped); null when the body is empty.</summary>
        public JsonNode? Body { get; }

        /// <summary>The body when it is a JSON object.</summary>
        public JsonObject? BodyObject => Body as JsonObject;

        /// <summary>Response and content headers, names matched in any casing; several values are joined with ", ".</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The ETag header, or the body's attributes.etag (Partner Center puts it there); null when neither.</summary>
        public string? ETag =>
            Headers.TryGetValue("ETag", out var etag) ? etag : JsonHelpers.AsString(JsonHelpers.GetPath(Body, "attributes", "etag"));

        /// <summary>The MS-RequestId sent (the same on each attempt).</summary>
        public string RequestId { get; }

        /// <summary>The MS-CorrelationId sent.</summary>
        public string CorrelationId { get; }

        /// <summary>HTTP attempts it took (1 when the first one succeeded).</summary>
        public int Attempts { get; }
    }

    /// <summary>A next-page request: the URI as given by the service and the headers to send with it (e.g. MS-ContinuationToken).</summary>
    public sealed class PartnerCenterPageLink
    {
        public PartnerCenterPageLink(string uri, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
        {
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
            Headers = headers ?? Array.Empty<KeyValuePair<string, string>>();
        }

        public string Uri { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    }

    /// <summary>One page of a collection.</summary>
    public sealed class PartnerCenterPage
    {
        internal PartnerCenterPage(IReadOnlyList<JsonObject> items, long? totalCount, PartnerCenterPageLink? next, PartnerCenterResponse response)
        {
            Items = items;
            TotalCount = totalCount;
            Next = next;
            Response = response;
        }

        /// <summary>The page's items, detached from the body (they can be added to other JSON as they are).</summary>
        public IReadOnlyList<JsonObject> Items { get; }

        /// <summary>The body's totalCount (Partner Center gives the count of this page or of the whole list, depending on the resource).</summary>
        public long? TotalCount { get; }

        /// <summary>The next page's request; null on the last page.</summary>
        public PartnerCenterPageLink? Next { get; }

        /// <summary>The response; its body no longer holds the items.</summary>
        public PartnerCenterResponse Response { get; }
    }
}
