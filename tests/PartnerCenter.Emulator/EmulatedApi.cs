using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>Why a request's bearer token is refused; <see cref="None"/> when it is accepted.</summary>
internal enum TokenProblem
{
    None,
    Missing,
    Malformed,
    WrongAudience,
    Expired,
}

/// <summary>
/// One API behind the emulator's pipeline (<see cref="PartnerCenterEmulator"/>): Partner Center's /v1 or Graph's /v1.0.
/// The steps are the same for both, so every switch (latency, faults, rate limit) applies to both alike; what differs
/// is how each names its routes and words its answers, so a throttled Graph request reads like Graph, not Partner Center.
/// </summary>
internal interface IEmulatedApi
{
    /// <summary>The header a client keeps across retries of one logical request; random faults are counted by it.</summary>
    string RequestIdHeader { get; }

    /// <summary>Whether the path is this API's; <paramref name="segments"/> are the ones after the version.</summary>
    bool TryMatch(string path, out string[] segments);

    /// <summary>Whether a token with this audience is meant for this API.</summary>
    bool AcceptsAudience(string audience);

    /// <summary>Sets the tracing headers this API answers every request with.</summary>
    void EchoTracingHeaders(HttpContext context);

    /// <summary>The answer of a fault that comes before applying; null = drop the connection.</summary>
    EmulatorResponse? FaultAnswer(FaultKind fault);

    /// <summary>The 401 for a refused token (<paramref name="token"/> is set when it could be read).</summary>
    EmulatorResponse Unauthorized(TokenProblem problem, EmulatorToken? token);

    /// <summary>The rate-limit window the request counts against.</summary>
    string RateLimitKey(string[] segments);

    /// <summary>The window of <see cref="EmulatorOptions.PartnerRequestsPerWindow"/> every request counts against; null when none does.</summary>
    string? PartnerWideRateLimitKey { get; }

    /// <summary>The 429 of the rate limiter.</summary>
    EmulatorResponse Throttled(int retryAfterSeconds);

    /// <summary>Runs the route, once authentication, faults and the rate limit have let the request through.</summary>
    Task<RouteResult> HandleAsync(HttpContext context, string[] segments, EmulatorToken token);

    /// <summary>Last touches on whatever the pipeline answers, from any step (Graph writes its request ids into error bodies).</summary>
    void Complete(HttpContext context, EmulatorResponse response);
}

/// <summary>Reads and checks the bearer token of a request, the same way for every API.</summary>
internal static class BearerAuthentication
{
    public static TokenProblem Check(HttpRequest request, IEmulatedApi api, DateTimeOffset now, [NotNullWhen(true)] out EmulatorToken? token)
    {
        token = null;
        if (request.Headers.Authorization.ToString().Length == 0)
        {
            return TokenProblem.Missing;
        }

        if (BearerToken(request) is not { } jwt || !EmulatorTokens.TryParse(jwt, out var parsed))
        {
            return TokenProblem.Malformed;
        }

        token = parsed;
        if (!api.AcceptsAudience(parsed.Audience.TrimEnd('/')))
        {
            return TokenProblem.WrongAudience;
        }

        return parsed.ExpiresAt <= now ? TokenProblem.Expired : TokenProblem.None;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
