using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>
/// Microsoft Graph, /v1.0 (only its GDAP routes, <see cref="GraphRoutes"/>): Graph tokens only, Graph's error body
/// for every refusal, fault and 429, and Graph's tracing headers, request-id and the echoed client-request-id.
/// </summary>
internal sealed class GraphApi(GraphRoutes routes, EmulatorOptions options) : IEmulatedApi
{
    private const string RequestIdHeaderName = "request-id";
    private const string ClientRequestIdHeaderName = "client-request-id";

    // Graph's SDKs keep the client-request-id across their retries: it names the logical request.
    public string RequestIdHeader => ClientRequestIdHeaderName;

    public bool TryMatch(string path, out string[] segments)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && string.Equals(parts[0], "v1.0", StringComparison.OrdinalIgnoreCase))
        {
            segments = parts[1..];
            return true;
        }

        segments = [];
        return false;
    }

    public bool AcceptsAudience(string audience) => EmulatorTokens.IsGraphAudience(audience);

    // Graph answers the client's id back, or its own request id when the client sent none.
    public void EchoTracingHeaders(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var clientRequestId = context.Request.Headers[ClientRequestIdHeaderName].ToString();
        context.Response.Headers[RequestIdHeaderName] = requestId;
        context.Response.Headers[ClientRequestIdHeaderName] = clientRequestId.Length > 0 ? clientRequestId : requestId;
    }

    public EmulatorResponse? FaultAnswer(FaultKind fault) =>
        fault.AbortsConnection ? null
        : fault.RetryAfterSeconds is { } seconds ? Throttled(seconds)
        : GraphResponses.Error(fault.StatusCode, ((HttpStatusCode)fault.StatusCode).ToString(), "An unexpected error occurred in the service. (injected fault)");

    public EmulatorResponse Unauthorized(TokenProblem problem, EmulatorToken? token)
    {
        var message = problem switch
        {
            TokenProblem.Missing => "Access token is empty.",
            TokenProblem.Malformed => "Access token validation failure. The token is not a well-formed JWT.",
            TokenProblem.WrongAudience => $"Access token validation failure. Invalid audience '{token?.Audience}'.",
            TokenProblem.Expired => "Lifetime validation failed, the token is expired.",
            _ => "Access token is empty.",
        };
        var response = GraphResponses.Error(401, "InvalidAuthenticationToken", message);
        response.Headers.Add(new("WWW-Authenticate", $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"{EmulatorTokens.GraphAppId}\""));
        return response;
    }

    // Graph is another service than Partner Center: its requests count against a window of their own.
    public string RateLimitKey(string[] segments) => "graph:" + options.PartnerTenantId.ToString();

    // The partner-wide limit is Partner Center's; Graph's requests are not counted against it.
    public string? PartnerWideRateLimitKey => null;

    public EmulatorResponse Throttled(int retryAfterSeconds)
    {
        var response = GraphResponses.Error(429, "TooManyRequests", $"Too many requests. Retry after {retryAfterSeconds} seconds.");
        response.Headers.Add(new("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        return response;
    }

    public Task<RouteResult> HandleAsync(HttpContext context, string[] segments, EmulatorToken token) => routes.HandleAsync(context, segments);

    /// <summary>Writes the request's ids into an error body's innerError, wherever in the pipeline the error was made.</summary>
    public void Complete(HttpContext context, EmulatorResponse response)
    {
        if (response.Body is JsonObject body && body["error"] is JsonObject error)
        {
            error["innerError"] = new JsonObject
            {
                ["request-id"] = context.Response.Headers[RequestIdHeaderName].ToString(),
                ["client-request-id"] = context.Response.Headers[ClientRequestIdHeaderName].ToString(),
                ["date"] = options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            };
        }
    }
}

/// <summary>Graph's bodies: written as built (the Partner Center body switches do not apply), errors in Graph's shape.</summary>
internal static class GraphResponses
{
    public static EmulatorResponse Json(int status, JsonObject body) => new(status, body) { Formatting = BodyFormatting.Verbatim };

    /// <summary>Graph's error body, {"error":{"code","message","innerError"}}; the innerError is filled in by <see cref="GraphApi.Complete"/>.</summary>
    public static EmulatorResponse Error(int status, string code, string message) => Json(status, new JsonObject
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = new JsonObject() },
    });

    public static EmulatorResponse NoContent() => new(204, null) { Formatting = BodyFormatting.Verbatim };

    public static EmulatorResponse Created(JsonObject body, string location)
    {
        var response = Json(201, body);
        response.Headers.Add(new("Location", location));
        return response;
    }

    public static EmulatorResponse BadRequest(string message) => Error(400, "BadRequest", message);

    public static EmulatorResponse NotFound(string message) => Error(404, "NotFound", message);
}
