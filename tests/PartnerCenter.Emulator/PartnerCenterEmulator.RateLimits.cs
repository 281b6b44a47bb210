namespace PartnerCenter.Emulator;

/// <summary>
/// The two rate limits, in one sliding-window limiter under keys that cannot collide: partner-wide
/// (<see cref="EmulatorOptions.PartnerRequestsPerWindow"/>, Partner Center's requests only), then per tenant
/// (<see cref="EmulatorOptions.RequestsPerMinutePerTenant"/>), as the service counts per partner and per partner and customer.
/// </summary>
public sealed partial class PartnerCenterEmulator
{
    /// <summary>Null when both limits let the attempt through; otherwise the Retry-After seconds (at least 1) of the one that refused it.</summary>
    private int? RateLimited(IEmulatedApi api, string[] segments)
    {
        var now = Options.TimeProvider.GetUtcNow();
        var countThrottled = Options.CountThrottledRequests;

        // Partner-wide first: a request refused there never reached a customer's window, so it takes no slot of it.
        if (Options.PartnerRequestsPerWindow is { } partnerLimit && api.PartnerWideRateLimitKey is { } partnerKey
            && _limiter.TryAcquire(partnerKey, partnerLimit, Options.PartnerRateLimitWindow, countThrottled, now) is { } partnerRetryAfter)
        {
            return partnerRetryAfter;
        }

        // One refused here keeps the partner-wide slot it took: it was a real attempt all the same.
        return Options.RequestsPerMinutePerTenant is { } tenantLimit
            ? _limiter.TryAcquire(api.RateLimitKey(segments), tenantLimit, Options.RateLimitWindow, countThrottled, now)
            : null;
    }
}
