using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>The Partner Center REST API, /v1: its routes (<see cref="Routes"/>) and the way it words refusals and faults.</summary>
internal sealed class PartnerCenterApi(Routes routes, EmulatorOptions options) : IEmulatedApi
{
    public string RequestIdHeader => "MS-RequestId";

    public bool TryMatch(string path, out string[] segments)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && string.Equals(parts[0], "v1", StringComparison.OrdinalIgnoreCase))
        {
            segments = parts[1..];
            return true;
        }

        segments = [];
        return false;
    }

    public bool AcceptsAudience(string audience) => string.Equals(audience, EmulatorTokens.PartnerCenterAudience, StringComparison.OrdinalIgnoreCase);

    // The service echoes the tracing ids (or makes them up when the client sent none).
    public void EchoTracingHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var requestId = context.Request.Headers["MS-RequestId"].ToString();
        var correlationId = context.Request.Headers["MS-CorrelationId"].ToString();
        headers["MS-RequestId"] = requestId.Length > 0 ? requestId : Guid.NewGuid().ToString();
        headers["MS-CorrelationId"] = correlationId.Length > 0 ? correlationId : Guid.NewGuid().ToString();
        headers["MS-CV"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..22] + ".0";
        headers["MS-ServerId"] = "PartnerCenter.Emulator";
    }

    public EmulatorResponse? FaultAnswer(FaultKind fault) => FaultAnswerBeforeRouting(fault);

    /// <summary>
    /// A fault's answer in Partner Center's words; also for paths no API claims (and for the token endpoint's
    /// scripted faults), which the pipeline has always answered this way.
    /// </summary>
    public static EmulatorResponse? FaultAnswerBeforeRouting(FaultKind fault) =>
        fault.AbortsConnection ? null
        : fault.RetryAfterSeconds is { } seconds ? EmulatorResponse.Throttled(seconds)
        : fault.StatusCode == 408 ? EmulatorResponse.Error(408, 408, "The request timed out.")
        : EmulatorResponse.Error(fault.StatusCode, 800003, "An unexpected error occurred in the service. (injected fault)");

    public EmulatorResponse Unauthorized(TokenProblem problem, EmulatorToken? token)
    {
        var description = problem switch
        {
            TokenProblem.Missing => "Partner token missing: the Authorization header is required.",
            TokenProblem.Malformed => "Partner token missing or malformed: expected 'Authorization: Bearer <jwt>'.",
            TokenProblem.WrongAudience => $"Partner token audience '{token?.Audience}' is not {EmulatorTokens.PartnerCenterAudience}.",
            TokenProblem.Expired => "Partner token expired.",
            _ => "Partner token missing.",
        };
        var response = EmulatorResponse.Error(401, 800001, description);
        response.Headers.Add(new("WWW-Authenticate", $"OAuth realm=urn:cpsvc:cpid:{options.PartnerTenantId}"));
        return response;
    }

    public string RateLimitKey(string[] segments) => Routes.TenantKey(segments, options.PartnerTenantId);

    // Every route counts, customer-scoped or not; the prefix keeps it apart from the per-tenant "partner:" window of the list routes.
    public string? PartnerWideRateLimitKey => "partner-wide:" + options.PartnerTenantId.ToString();

    public EmulatorResponse Throttled(int retryAfterSeconds) => EmulatorResponse.Throttled(retryAfterSeconds);

    public Task<RouteResult> HandleAsync(HttpContext context, string[] segments, EmulatorToken token) => routes.HandleAsync(context, segments, token);

    public void Complete(HttpContext context, EmulatorResponse response)
    {
        // Partner Center bodies are complete as the routes make them.
    }
}
