using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>What is read from a Partner Center response besides its body: the service's fault and the headers.</summary>
    internal static class ResponseReading
    {
        /// <summary>The service's code and description: Partner Center's code/description, the 429 body's statusCode/message, or a Graph-style error object; else the cleaned raw text.</summary>
        public static (string? Code, string? Message) ReadFault(byte[] bytes, string? token)
        {
            const int MaxLength = 1024;
            JsonObject? fault = null;
            try
            {
                fault = JsonHelpers.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
                // Not JSON: the raw text below.
            }

            string? code = null;
            string? message = null;
            if (fault != null)
            {
                var inner = JsonHelpers.GetObject(fault, "error");
                code = JsonHelpers.GetString(fault, "code") ?? JsonHelpers.GetString(inner, "code");
                message = JsonHelpers.GetString(fault, "description") ?? JsonHelpers.GetString(fault, "message")
                    ?? JsonHelpers.GetString(inner, "message") ?? JsonHelpers.GetString(fault, "error_description");
            }

            if (code == null && message == null)
            {
                var raw = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
                message = string.IsNullOrWhiteSpace(raw) ? null : Redaction.Clean(raw, 300, token);
                return (null, message);
            }

            return (
                code == null ? null : Redaction.Clean(code, 100, token),
                message == null ? null : Redaction.Clean(message, MaxLength, token));
        }

        public static IReadOnlyDictionary<string, string> CollectHeaders(HttpResponseMessage response)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = response.Headers;
            if (response.Content != null)
            {
                all = all.Concat(response.Content.Headers);
            }

            foreach (var header in all)
            {
                var value = string.Join(", ", header.Value);
                result[header.Key] = result.TryGetValue(header.Key, out var existing) ? existing + ", " + value : value;
            }

            return result;
        }
    }
}
