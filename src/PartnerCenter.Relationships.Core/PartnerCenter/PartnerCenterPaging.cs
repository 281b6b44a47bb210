using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>How Partner Center says where the next page is: links.next, or a continuation token; Graph: @odata.nextLink.</summary>
    internal static class PartnerCenterPaging
    {
        private const string ContinuationTokenHeader = "MS-ContinuationToken";

        /// <summary>The next-page request of a collection body, or null on the last page.</summary>
        internal static PartnerCenterPageLink? NextLink(JsonObject? body, string currentUri)
        {
            if (JsonHelpers.GetPath(body, "links", "next") is JsonObject next && JsonHelpers.GetString(next, "uri") is { } uri && !string.IsNullOrWhiteSpace(uri))
            {
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var header in JsonHelpers.GetArray(next, "headers")?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    var key = JsonHelpers.GetString(header, "key");
                    var value = JsonHelpers.GetString(header, "value");
                    if (!string.IsNullOrWhiteSpace(key) && value != null)
                    {
                        headers.Add(new KeyValuePair<string, string>(key!, value));
                    }
                }

                return new PartnerCenterPageLink(uri, headers);
            }

            if (JsonHelpers.GetString(body, "@odata.nextLink") is { } graphNext && !string.IsNullOrWhiteSpace(graphNext))
            {
                return new PartnerCenterPageLink(graphNext, Array.Empty<KeyValuePair<string, string>>());
            }

            var continuationToken = JsonHelpers.GetString(body, "continuationToken");
            return string.IsNullOrEmpty(continuationToken)
                ? null
                : new PartnerCenterPageLink(WithSeekNext(currentUri), new[] { new KeyValuePair<string, string>(ContinuationTokenHeader, continuationToken!) });
        }

        /// <summary>The URI with its seekOperation query parameter (any casing) replaced by seekOperation=Next.</summary>
        internal static string WithSeekNext(string uri)
        {
            var fragmentAt = uri.IndexOf('#');
            if (fragmentAt >= 0)
            {
                uri = uri.Substring(0, fragmentAt);
            }

            var queryAt = uri.IndexOf('?');
            var path = queryAt < 0 ? uri : uri.Substring(0, queryAt);
            var parameters = queryAt < 0
                ? new List<string>()
                : uri.Substring(queryAt + 1).Split('&').Where(p => p.Length > 0 &&
                    !string.Equals(p.Split('=')[0], "seekOperation", StringComparison.OrdinalIgnoreCase)).ToList();
            parameters.Add("seekOperation=Next");
            return path + "?" + string.Join("&", parameters);
        }

        internal static bool SameRequest(PartnerCenterPageLink next, string currentUri, IReadOnlyList<KeyValuePair<string, string>> currentHeaders) =>
            string.Equals(next.Uri, currentUri, StringComparison.Ordinal) &&
            next.Headers.Count == currentHeaders.Count &&
            next.Headers.Zip(currentHeaders, (a, b) => string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase) && a.Value == b.Value).All(same => same);
    }
}
