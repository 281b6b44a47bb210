namespace PartnerCenter.Emulator;

/// <summary>
/// Settings of a <see cref="PartnerCenterEmulator"/>.
/// </summary>
/// <remarks>
/// <see cref="PartnerCenterEmulator.StartAsync"/> copies the options it is given; the copy is
/// <see cref="PartnerCenterEmulator.Options"/>. The properties marked "runtime" may be changed on that copy
/// while requests are in flight: every request reads them once, when it arrives. They are backed by
/// volatile fields so a change made on one thread is seen by the request threads without locks.
/// The other properties are read once at start.
/// </remarks>
public sealed class EmulatorOptions
{
    /// <summary>The partner tenant of the doc's relationship-request example.</summary>
    public static readonly Guid DefaultPartnerTenantId = Guid.Parse("3b33e682-00c3-41ee-9dd2-a548adf56438");

    private long _latencyTicks;
    private int _requestsPerWindow = -1; // -1 = no rate limit
    private long _rateLimitWindowTicks = TimeSpan.FromSeconds(60).Ticks;
    private int _partnerRequestsPerWindow = -1; // -1 = no partner-wide limit
    private long _partnerRateLimitWindowTicks = TimeSpan.FromSeconds(1).Ticks;
    private bool _countThrottledRequests = true;
    private double _transientFaultRate;
    private double _faultAfterApplyRate;
    private bool _utf8BomBodies;
    private bool _pascalCaseBodies;
    private int _removedCustomerStatusCode = 403;
    private int _maxPageSize = 500;
    private bool _nextLinkWithVersionPrefix;
    private long _tokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;
    private int _requestLogCapacity = 100_000;
    private int _idempotencyCapacity = 100_000;
    private bool _refuseGraphTokens;
    private long _graphTerminationDelayTicks = TimeSpan.FromSeconds(2).Ticks;

    /// <summary>Start only. The partner's Entra tenant id (used for list-route and partner-wide rate limiting and the relationship-request link).</summary>
    public Guid PartnerTenantId { get; set; } = DefaultPartnerTenantId;

    /// <summary>Start only. Seed of the random source used for transient faults, so a failing run can be replayed.</summary>
    public int Seed { get; set; }

    /// <summary>Start only. Clock used for token expiry and the rate-limit window. Tests may pass their own TimeProvider.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Start only. Client id of the app registered at start (more can be added with <see cref="PartnerCenterEmulator.RegisterApplication"/>).</summary>
    public string ClientId { get; set; } = "5d1a4fd9-6a1f-4a52-a2a0-6d6c2f2f6c01";

    /// <summary>Start only. Secret of <see cref="ClientId"/>.</summary>
    public string ClientSecret { get; set; } = "emulator-secret";

    /// <summary>Start only. A refresh token valid for <see cref="ClientId"/>; null to register none.</summary>
    public string? RefreshToken { get; set; } = "emulator-refresh-token";

    /// <summary>Start only. The user (upn claim) behind <see cref="RefreshToken"/>.</summary>
    public string UserPrincipalName { get; set; } = "admin@partner.onmicrosoft.com";

    /// <summary>
    /// Start only. When true a refresh token stops working once it has been redeemed (the new, rotated one must be used).
    /// Entra ID normally keeps the old one valid, hence the default false.
    /// </summary>
    public bool RevokeRedeemedRefreshTokens { get; set; }

    /// <summary>Runtime. Lifetime of issued access tokens (claim exp = now + this). Default 1 hour.</summary>
    public TimeSpan TokenLifetime
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _tokenLifetimeTicks));
        set => Volatile.Write(ref _tokenLifetimeTicks, value.Ticks);
    }

    /// <summary>Runtime. Delay added to every API response, /v1 and Graph's /v1.0 (not to the token endpoint). Default zero.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Runtime. Requests allowed per tenant key within <see cref="RateLimitWindow"/> (a sliding window); null = unlimited (default).
    /// The key is the customer id for /v1/customers/{id}/... and the partner for the list routes, as the doc describes.
    /// </summary>
    public int? RequestsPerMinutePerTenant
    {
        get
        {
            var value = Volatile.Read(ref _requestsPerWindow);
            return value < 0 ? null : value;
        }
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Use null for no limit.");
            }

            Volatile.Write(ref _requestsPerWindow, value ?? -1);
        }
    }

    /// <summary>Runtime. Length of the sliding rate-limit window. Default 60 seconds; tests use a short one.</summary>
    public TimeSpan RateLimitWindow
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _rateLimitWindowTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Volatile.Write(ref _rateLimitWindowTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Runtime. Partner Center /v1 requests allowed within <see cref="PartnerRateLimitWindow"/> (a sliding window) for the
    /// whole partner tenant, whichever customer they are for; null = no partner-wide limit (default). The service
    /// throttles per partner as well as per partner and customer: a request must pass this limit, then
    /// <see cref="RequestsPerMinutePerTenant"/>. One refused here takes no per-tenant slot; one refused per tenant has
    /// taken its partner-wide slot, as any attempt does. Graph's /v1.0 requests do not count: Graph is another service.
    /// </summary>
    public int? PartnerRequestsPerWindow
    {
        get
        {
            var value = Volatile.Read(ref _partnerRequestsPerWindow);
            return value < 0 ? null : value;
        }
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Use null for no limit.");
            }

            Volatile.Write(ref _partnerRequestsPerWindow, value ?? -1);
        }
    }

    /// <summary>Runtime. Length of the sliding partner-wide window of <see cref="PartnerRequestsPerWindow"/>. Default 1 second.</summary>
    public TimeSpan PartnerRateLimitWindow
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _partnerRateLimitWindowTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Volatile.Write(ref _partnerRateLimitWindowTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Runtime. Whether a throttled (429) attempt also uses up a slot, of the partner-wide window and the per-tenant one
    /// alike; the doc says every attempt counts. Default true.
    /// </summary>
    public bool CountThrottledRequests
    {
        get => Volatile.Read(ref _countThrottledRequests);
        set => Volatile.Write(ref _countThrottledRequests, value);
    }

    /// <summary>
    /// Runtime. Probability (0..1) that an API request (/v1 or Graph's /v1.0) is answered, before anything is applied,
    /// with 500, 503 or a connection reset (one third each). Drawn only once the request is authenticated and let
    /// through by the rate limits, so a faulted attempt has used its slots, as every real attempt does. Default 0.
    /// </summary>
    public double TransientFaultRate
    {
        get => Volatile.Read(ref _transientFaultRate);
        set => Volatile.Write(ref _transientFaultRate, CheckRate(value));
    }

    /// <summary>
    /// Runtime. Probability (0..1) that a PATCH is applied and then its connection is reset (a lost response),
    /// so clients must retry with the same MS-RequestId. Default 0.
    /// </summary>
    public double FaultAfterApplyRate
    {
        get => Volatile.Read(ref _faultAfterApplyRate);
        set => Volatile.Write(ref _faultAfterApplyRate, CheckRate(value));
    }

    /// <summary>
    /// Runtime. The most random faults (of either rate) one logical request, one MS-RequestId, may get; null for no
    /// limit. With a limit below the client's retry budget, "transient" is guaranteed rather than likely, so a test
    /// that expects every request to succeed in the end cannot fail by chance. Default null.
    /// </summary>
    public int? MaxRandomFaultsPerRequest { get; set; }

    /// <summary>Runtime. Prefix every /v1 JSON body with a UTF-8 BOM (EF BB BF). Default false.</summary>
    public bool Utf8BomBodies
    {
        get => Volatile.Read(ref _utf8BomBodies);
        set => Volatile.Write(ref _utf8BomBodies, value);
    }

    /// <summary>Runtime. Write /v1 JSON property names in PascalCase instead of camelCase. Default false.</summary>
    public bool PascalCaseBodies
    {
        get => Volatile.Read(ref _pascalCaseBodies);
        set => Volatile.Write(ref _pascalCaseBodies, value);
    }

    /// <summary>
    /// Runtime. Status answered by GET /v1/customers/{id} for a customer whose relationship was removed:
    /// 403 (code 20002, default) or 404 (code 60003). The doc marks the real answer unconfirmed.
    /// </summary>
    public int RemovedCustomerStatusCode
    {
        get => Volatile.Read(ref _removedCustomerStatusCode);
        set
        {
            if (value is not (403 or 404))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Only 403 and 404 are supported.");
            }

            Volatile.Write(ref _removedCustomerStatusCode, value);
        }
    }

    /// <summary>Runtime. Largest page GET /v1/customers returns, whatever size is asked. Default 500 (the anecdotal real limit).</summary>
    public int MaxPageSize
    {
        get => Volatile.Read(ref _maxPageSize);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxPageSize, value);
        }
    }

    /// <summary>
    /// Runtime. When true, links.next.uri starts with /v1/customers; when false (default) with /customers,
    /// the form without the version that the doc says clients must handle.
    /// </summary>
    public bool NextLinkWithVersionPrefix
    {
        get => Volatile.Read(ref _nextLinkWithVersionPrefix);
        set => Volatile.Write(ref _nextLinkWithVersionPrefix, value);
    }

    /// <summary>Runtime. Most entries kept in the request log; older ones are dropped. Default 100,000.</summary>
    public int RequestLogCapacity
    {
        get => Volatile.Read(ref _requestLogCapacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            Volatile.Write(ref _requestLogCapacity, value);
        }
    }

    /// <summary>
    /// Runtime. Most successful PATCH results kept for MS-RequestId replays; the oldest are forgotten first
    /// (the real service also keeps them only for a while). Default 100,000.
    /// </summary>
    public int IdempotencyCapacity
    {
        get => Volatile.Read(ref _idempotencyCapacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            Volatile.Write(ref _idempotencyCapacity, value);
        }
    }

    /// <summary>
    /// Runtime. When true the token endpoint refuses tokens for Microsoft Graph (resource https://graph.microsoft.com or
    /// a scope under it), with 400 invalid_grant AADSTS65001 as when nobody consented, for either grant; Partner Center
    /// tokens are still issued. For clients that must carry on without GDAP. Default false.
    /// </summary>
    public bool RefuseGraphTokens
    {
        get => Volatile.Read(ref _refuseGraphTokens);
        set => Volatile.Write(ref _refuseGraphTokens, value);
    }

    /// <summary>
    /// Runtime. How long a GDAP relationship takes to end once its termination is requested: terminationRequested for
    /// the first half, terminating for the second, terminated after (judged by <see cref="TimeProvider"/>). A request
    /// keeps the delay it was made with. Default 2 seconds; zero ends it at once.
    /// </summary>
    public TimeSpan GraphTerminationDelay
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _graphTerminationDelayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _graphTerminationDelayTicks, value.Ticks);
        }
    }

    internal EmulatorOptions Clone()
    {
        var copy = (EmulatorOptions)MemberwiseClone();
        return copy;
    }

    private static double CheckRate(double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A rate is between 0 and 1.");
        }

        return value;
    }
}
