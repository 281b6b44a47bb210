using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>How the names of a body are written.</summary>
internal enum BodyFormatting
{
    /// <summary>A Partner Center body: camelCase as built, PascalCase and BOM when the switches say so.</summary>
    PartnerCenter,

    /// <summary>A Partner Center body already written in PascalCase (the remove-relationship echo); only the BOM switch applies.</summary>
    PartnerCenterPascal,

    /// <summary>Not a Partner Center body (the Entra token endpoint, Graph): written as built, switches ignored.</summary>
    Verbatim,
}

/// <summary>
/// A response computed by a route, written later by the pipeline. Keeping it as data lets the pipeline
/// store it for MS-RequestId replays and throw it away for lost-response faults.
/// </summary>
internal sealed class EmulatorResponse(int statusCode, JsonNode? body)
{
    public int StatusCode { get; } = statusCode;

    public JsonNode? Body { get; } = body;

    public BodyFormatting Formatting { get; init; } = BodyFormatting.PartnerCenter;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>A copy safe to hand to another request (JsonNode trees are not shared between threads).</summary>
    public EmulatorResponse Clone()
    {
        var copy = new EmulatorResponse(StatusCode, Body?.DeepClone()) { Formatting = Formatting };
        copy.Headers.AddRange(Headers);
        return copy;
    }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public async Task WriteAsync(HttpResponse response, EmulatorOptions options)
    {
        response.StatusCode = StatusCode;
        foreach (var (key, value) in Headers)
        {
            response.Headers[key] = value;
        }

        if (Body is null)
        {
            response.ContentLength = 0;
            return;
        }

        var pascal = Formatting == BodyFormatting.PartnerCenter && options.PascalCaseBodies;
        var bom = Formatting != BodyFormatting.Verbatim && options.Utf8BomBodies;
        var bytes = Serialize(Body, pascal, bom);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    internal static byte[] Serialize(JsonNode body, bool pascal, bool bom)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (bom)
        {
            buffer.Write<byte>([0xEF, 0xBB, 0xBF]);
        }

        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, body, pascal);
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Walks the tree instead of mutating it, so stored (replayable) bodies stay camelCase.
    private static void Write(Utf8JsonWriter writer, JsonNode? node, bool pascal)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(pascal && name.Length > 0 && char.IsLower(name[0]) ? char.ToUpperInvariant(name[0]) + name[1..] : name);
                    Write(writer, value, pascal);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, pascal);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>The Partner Center error body: {"code","description","data":[],"source":"PartnerFD"}.</summary>
    public static EmulatorResponse Error(int status, int code, string description) =>
        new(status, new JsonObject
        {
            ["code"] = code,
            ["description"] = description,
            ["data"] = new JsonArray(),
            ["source"] = "PartnerFD",
        });

    /// <summary>The throttling body, which has its own shape: {"statusCode":429,"message":...}.</summary>
    public static EmulatorResponse Throttled(int retryAfterSeconds)
    {
        var response = new EmulatorResponse(429, new JsonObject
        {
            ["statusCode"] = 429,
            ["message"] = $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds.",
        });
        response.Headers.Add(new("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return response;
    }
}
