using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// JSON reading that tolerates what Partner Center sends: a leading UTF-8 byte order mark, and property names
    /// in any casing (responses are camelCase, some echo PascalCase). Lookups try the exact name first, then any casing.
    /// </summary>
    public static class JsonHelpers
    {
        private const char ByteOrderMark = '\uFEFF';

        /// <summary>Parses JSON text; a leading byte order mark is skipped. Empty or whitespace text gives null.</summary>
        /// <exception cref="JsonException">The text is not JSON.</exception>
        public static JsonNode? Parse(string? text)
        {
            if (text == null)
            {
                return null;
            }

            var start = 0;
            while (start < text.Length && (text[start] == ByteOrderMark || char.IsWhiteSpace(text[start])))
            {
                start++;
            }

            return start == text.Length ? null : JsonNode.Parse(start == 0 ? text : text.Substring(start));
        }

        /// <summary>Parses UTF-8 JSON bytes; a leading EF BB BF (or an encoded U+FEFF) is skipped. Empty or whitespace gives null.</summary>
        /// <exception cref="JsonException">The bytes are not JSON.</exception>
        public static JsonNode? Parse(byte[]? utf8)
        {
            if (utf8 == null)
            {
                return null;
            }

            var start = 0;
            while (true)
            {
                if (start + 2 < utf8.Length && utf8[start] == 0xEF && utf8[start + 1] == 0xBB && utf8[start + 2] == 0xBF)
                {
                    start += 3;
                }
                else if (start < utf8.Length && (utf8[start] == (byte)' ' || utf8[start] == (byte)'\t' || utf8[start] == (byte)'\r' || utf8[start] == (byte)'\n'))
                {
                    start++;
                }
                else
                {
                    break;
                }
            }

            return start == utf8.Length ? null : JsonNode.Parse(new ReadOnlySpan<byte>(utf8, start, utf8.Length - start));
        }

        /// <summary>The value of property <paramref name="name"/>, matched exactly first and then in any casing; null when absent.</summary>
        public static JsonNode? Get(JsonObject? obj, string name)
        {
            if (obj == null)
            {
                return null;
            }

            if (obj.TryGetPropertyValue(name, out var exact))
            {
                return exact;
            }

            foreach (var property in obj)
            {
                if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }

            return null;
        }

        /// <summary>Follows a path of property names, each matched in any casing: <c>GetPath(body, "links", "next", "uri")</c>.</summary>
        public static JsonNode? GetPath(JsonNode? node, params string[] names)
        {
            foreach (var name in names)
            {
                node = Get(node as JsonObject, name);
                if (node == null)
                {
                    return null;
                }
            }

            return node;
        }

        public static JsonObject? GetObject(JsonObject? obj, string name) => Get(obj, name) as JsonObject;

        public static JsonArray? GetArray(JsonObject? obj, string name) => Get(obj, name) as JsonArray;

        /// <summary>A property as text: strings as they are, numbers in their JSON form ("3000"), booleans as "true"/"false"; otherwise null.</summary>
        public static string? GetString(JsonObject? obj, string name) => AsString(Get(obj, name));

        /// <summary>A scalar node as text (see <see cref="GetString"/>); null for null, objects and arrays.</summary>
        public static string? AsString(JsonNode? node)
        {
            if (node is not JsonValue value)
            {
                return null;
            }

            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    // A value built from a CLR type (DateTime, Guid...) is not a string until serialized.
                    return value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString());
                case JsonValueKind.Number:
                    return value.ToJsonString();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                default:
                    return null;
            }
        }

        /// <summary>A boolean property; also accepts the strings "true"/"false" in any casing.</summary>
        public static bool? GetBoolean(JsonObject? obj, string name)
        {
            var text = GetString(obj, name);
            return text != null && bool.TryParse(text, out var result) ? result : null;
        }

        /// <summary>An integer property; also accepts a number written as a string ("3599").</summary>
        public static long? GetInt64(JsonObject? obj, string name)
        {
            var text = GetString(obj, name);
            if (text == null)
            {
                return null;
            }

            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real >= long.MinValue && real <= long.MaxValue
                ? (long)real
                : null;
        }

        /// <summary>A date-time property in ISO 8601 form; null when absent or unreadable.</summary>
        public static DateTimeOffset? GetDateTimeOffset(JsonObject? obj, string name)
        {
            var text = GetString(obj, name);
            return text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var result)
                ? result
                : null;
        }

        /// <summary>
        /// Sets property <paramref name="name"/>. An existing property with the same name in any casing is replaced in
        /// place and keeps its casing (so a PATCH echoes the server's own names); other case variants are removed.
        /// A value that already belongs to another node is cloned.
        /// </summary>
        public static void Set(JsonObject obj, string name, JsonNode? value)
        {
            if (obj == null)
            {
                throw new ArgumentNullException(nameof(obj));
            }

            if (value?.Parent != null)
            {
                value = value.DeepClone();
            }

            var matches = obj.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();
            if (matches.Count == 0)
            {
                obj[name] = value;
                return;
            }

            var keep = matches.Contains(name) ? name : matches[0];
            foreach (var other in matches.Where(k => k != keep))
            {
                obj.Remove(other);
            }

            obj[keep] = value;
        }

        /// <summary>Removes property <paramref name="name"/> in every casing; true when something was removed.</summary>
        public static bool Remove(JsonObject obj, string name)
        {
            if (obj == null)
            {
                throw new ArgumentNullException(nameof(obj));
            }

            var matches = obj.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();
            foreach (var key in matches)
            {
                obj.Remove(key);
            }

            return matches.Count > 0;
        }

        /// <summary>Compact JSON text of a node as UTF-8 bytes (what request bodies are sent as).</summary>
        internal static byte[] ToUtf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

        /// <summary>The items of a collection body: the "items" array of an object, or the body itself when it is an array.</summary>
        internal static IEnumerable<JsonObject> Items(JsonNode? body)
        {
            var array = body as JsonArray ?? GetArray(body as JsonObject, "items");
            return array == null ? Enumerable.Empty<JsonObject>() : array.OfType<JsonObject>();
        }
    }
}
