using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.Emulator;

/// <summary>
/// A stateful Partner Center REST API (and Entra ID token endpoint, and Microsoft Graph's GDAP routes) on 127.0.0.1 with a free port.
/// </summary>
/// <remarks>
/// Every request goes through one pipeline, in this order, so each switch is independent of the others:
/// scripted fault → (token endpoint) | latency → authentication (401) → rate limits (429: partner-wide, then per tenant) → random fault
/// → route (with MS-RequestId replay) → lost-response fault → write (PascalCase / BOM switches).
/// A random fault is drawn only for an attempt the rate limits let through, so it has used its slots: the doc says every
/// attempt counts against the limit, and one the service then fails is no exception.
/// Every request, whatever its outcome, is added to <see cref="RequestLog"/>.
/// </remarks>
public sealed partial class PartnerCenterEmulator : IAsyncDisposable
{
    /// <summary>
    /// The code (HTTP 400) of a removal refused while new-commerce subscriptions are neither cancelled nor expired. The
    /// real one is undocumented, so this one is made up and unknown to any client's error table.
    /// </summary>
    public const int UncancelledNewCommerceRemovalCode = 600090;

    private readonly EmulatorState _state;
    private readonly IEmulatedApi[] _apis;
    private readonly TokenEndpoint _tokens;
    private readonly RateLimiter _limiter = new();
    private readonly RequestLogBuffer _log;
    private readonly Random _random;
    private readonly Dictionary<string, int> _randomFaultsByRequestId = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;

    private PartnerCenterEmulator(EmulatorOptions options)
    {
        Options = options;
        _state = new EmulatorState(options);
        _apis = [new PartnerCenterApi(new Routes(_state, options), options), new GraphApi(new GraphRoutes(_state, options), options)];
        _tokens = new TokenEndpoint(options);
        _log = new RequestLogBuffer(options);
        _random = new Random(options.Seed);
    }

    /// <summary>Service root without /v1, e.g. http://127.0.0.1:5123/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API root with the version, e.g. http://127.0.0.1:5123/v1/.</summary>
    public Uri ApiRoot => new(BaseAddress, "v1/");

    /// <summary>The Entra authority host (same server): tokens come from POST {AuthorityHost}{tenant}/oauth2/token.</summary>
    public Uri AuthorityHost => BaseAddress;

    /// <summary>The live options (a copy of those given to <see cref="StartAsync"/>); runtime switches may be changed here.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Scripted faults.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>The partner tenant id.</summary>
    public Guid PartnerTenantId => Options.PartnerTenantId;

    /// <summary>Snapshot of the requests received so far (up to <see cref="EmulatorOptions.RequestLogCapacity"/>), in the order they were answered.</summary>
    public IReadOnlyList<RequestLogEntry> RequestLog => _log.Snapshot();

    /// <summary>Starts an emulator on 127.0.0.1 with a port chosen by the OS.</summary>
    public static async Task<PartnerCenterEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new PartnerCenterEmulator((options ?? new EmulatorOptions()).Clone());

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PartnerCenterEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0); // port 0: parallel tests never collide
        });

        var app = builder.Build();
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        emulator._app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        emulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    // ---- addresses and tokens -------------------------------------------------------------------

    /// <summary>POST target for tokens: {AuthorityHost}{tenant}/oauth2/token (tenant defaults to the partner).</summary>
    public Uri TokenEndpointFor(string? tenant = null) => new(AuthorityHost, $"{tenant ?? PartnerTenantId.ToString()}/oauth2/token");

    /// <summary>A valid access token for the partner tenant (lifetime defaults to <see cref="EmulatorOptions.TokenLifetime"/>).</summary>
    public string CreateAccessToken(bool appOnly = false, TimeSpan? lifetime = null) =>
        EmulatorTokens.Create(appOnly, Options.TimeProvider.GetUtcNow() + (lifetime ?? Options.TokenLifetime), PartnerTenantId);

    /// <summary>Registers (or replaces the secret of) an app for the token endpoint.</summary>
    public void RegisterApplication(string clientId, string clientSecret) => _tokens.RegisterApplication(clientId, clientSecret);

    /// <summary>Registers a refresh token redeemable by <paramref name="clientId"/>.</summary>
    public void AddRefreshToken(string refreshToken, string clientId, string? userPrincipalName = null) =>
        _tokens.AddRefreshToken(refreshToken, clientId, userPrincipalName ?? Options.UserPrincipalName);

    /// <summary>Makes a refresh token fail with invalid_grant (AADSTS700082), e.g. to test re-consent paths.</summary>
    public void RevokeRefreshToken(string refreshToken) => _tokens.RevokeRefreshToken(refreshToken);

    /// <summary>Token requests received for a grant type ("refresh_token", "client_credentials"), failed ones included.</summary>
    public int TokenRequestCount(string grantType) => _tokens.Count(grantType);

    /// <summary>All token request counts by grant type.</summary>
    public IReadOnlyDictionary<string, int> TokenRequestCounts => _tokens.Counts();

    // ---- seeding --------------------------------------------------------------------------------

    /// <summary>Adds a customer; returns its id (= tenant id). Domain defaults to a name-derived onmicrosoft.com domain.</summary>
    public Guid AddCustomer(string companyName, string? domain = null, string relationshipToPartner = "reseller", bool allowDelegatedAccess = true, Guid? id = null) =>
        _state.AddCustomer(companyName, domain ?? DomainFor(companyName), relationshipToPartner, allowDelegatedAccess, id);

    /// <summary>Adds a subscription (defaults: an active monthly legacy Office 365 E1; see <see cref="SubscriptionSeed.NewCommerce"/> and <see cref="SubscriptionSeed.AzurePlan"/>).</summary>
    public SubscriptionState AddSubscription(Guid customerId, SubscriptionSeed? seed = null) => _state.AddSubscription(customerId, seed ?? new SubscriptionSeed());

    /// <summary>Adds a subscription with the given status (any string, e.g. "in_grace").</summary>
    public SubscriptionState AddSubscription(Guid customerId, string status, string? offerName = null) =>
        _state.AddSubscription(customerId, offerName is null ? new SubscriptionSeed { Status = status } : new SubscriptionSeed { Status = status, OfferName = offerName });

    /// <summary>
    /// Adds <paramref name="customers"/> deterministic reseller customers ("Contoso 001", contoso001.onmicrosoft.com, ...;
    /// numbering continues across calls) with <paramref name="subscriptionsPerCustomer"/> active subscriptions each.
    /// The same arguments on a fresh emulator give the same ids and data. Returns the new customer ids in list order.
    /// </summary>
    public IReadOnlyList<Guid> Seed(int customers, int subscriptionsPerCustomer, int seed) => _state.Seed(customers, subscriptionsPerCustomer, seed);

    /// <summary>Sets a customer's relationship directly (e.g. "reseller" again, as if the customer accepted a new request).</summary>
    public void SetRelationship(Guid customerId, string relationshipToPartner) => _state.SetRelationship(customerId, relationshipToPartner);

    /// <summary>Sets a subscription's status directly (new etag; not counted as a transition).</summary>
    public void SetSubscriptionStatus(Guid customerId, Guid subscriptionId, string status) => _state.SetSubscriptionStatus(customerId, subscriptionId, status);

    // ---- read-back ------------------------------------------------------------------------------

    /// <summary>The customer, or null when unknown (removed customers are still returned, with relationship "none").</summary>
    public CustomerState? GetCustomerState(Guid customerId) => _state.GetCustomer(customerId);

    /// <summary>Every customer in list order, removed ones included.</summary>
    public IReadOnlyList<CustomerState> GetCustomerStates() => _state.GetCustomers();

    /// <summary>The subscription with its transition history, or null when unknown.</summary>
    public SubscriptionState? GetSubscriptionState(Guid customerId, Guid subscriptionId) => _state.GetSubscription(customerId, subscriptionId);

    /// <summary>The customer's subscriptions.</summary>
    public IReadOnlyList<SubscriptionState> GetSubscriptionStates(Guid customerId) =>
        _state.GetCustomer(customerId) is null ? [] : _state.ListSubscriptions(customerId);

    /// <summary>Every customer's subscriptions, in customer list order.</summary>
    public IReadOnlyList<SubscriptionState> GetAllSubscriptionStates() => [.. GetCustomerStates().SelectMany(c => GetSubscriptionStates(c.Id))];

    /// <summary>Empties <see cref="RequestLog"/>.</summary>
    public void ResetRequestLog() => _log.Clear();

    /// <summary>Forgets every rate-limit window.</summary>
    public void ResetRateLimits() => _limiter.Reset();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false); // ends pending latency delays at once
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    // ---- pipeline -------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var arrived = Options.TimeProvider.GetUtcNow();
        var outcome = new Outcome();
        string? body = null;

        try
        {
            body = await ReadBodyForLogAsync(request).ConfigureAwait(false);
            await DecideAsync(context, outcome).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            outcome.Abort(); // the client went away (or the emulator is stopping) while we waited
        }
        catch (Exception ex)
        {
            outcome.Response = EmulatorResponse.Error(500, 800003, "Emulator error: " + ex.Message);
        }

        if (outcome.Response is not null)
        {
            outcome.Api?.Complete(context, outcome.Response);
        }

        // Logged before the answer goes out, so a test that has its response also finds its log entry.
        var headers = request.Headers;
        _log.Add(new RequestLogEntry(
            arrived,
            request.Method,
            request.Path.Value + request.QueryString.Value,
            NullIfEmpty(headers["MS-RequestId"]),
            NullIfEmpty(headers["MS-CorrelationId"]),
            headers.ContainsKey("Authorization"),
            NullIfEmpty(headers.IfMatch),
            NullIfEmpty(headers["X-Locale"]),
            NullIfEmpty(headers.Accept),
            NullIfEmpty(headers["MS-ContinuationToken"]),
            outcome.Response?.StatusCode ?? 0,
            outcome.Fault is not null,
            outcome.Fault,
            outcome.Throttled,
            outcome.Replayed,
            body,
            NullIfEmpty(headers["client-request-id"])));

        if (outcome.Response is null)
        {
            // Kestrel drops the connection: the client sees a reset / premature end, not a status.
            context.Abort();
            return;
        }

        try
        {
            await outcome.Response.WriteAsync(context.Response, Options).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left mid-write; nothing to do.
        }
    }

    /// <summary>
    /// The body of an API write (Partner Center or Graph), read once for the log and rewound for the route. Reads have none, and
    /// token requests are left out: their bodies carry secrets and refresh tokens.
    /// </summary>
    private static async Task<string?> ReadBodyForLogAsync(HttpRequest request)
    {
        var api = request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/v1.0", StringComparison.OrdinalIgnoreCase);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !api)
        {
            return null;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return text.Length == 0 ? null : text;
    }

    /// <summary>Runs the pipeline up to the answer, without writing it.</summary>
    private async Task DecideAsync(HttpContext context, Outcome outcome)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        outcome.Fault = Faults.TryTake(request.Method, path);

        if (TokenEndpoint.IsTokenPath(path, out var tenant, out var v2))
        {
            if (outcome.Fault is { AppliesFirst: false })
            {
                outcome.Response = PartnerCenterApi.FaultAnswerBeforeRouting(outcome.Fault);
                return;
            }

            var answer = await _tokens.HandleAsync(context, tenant, v2).ConfigureAwait(false);
            outcome.Response = outcome.Fault is null ? answer : null; // LostResponse: issued, then dropped
            return;
        }

        foreach (var api in _apis)
        {
            if (api.TryMatch(path, out var segments))
            {
                outcome.Api = api;
                await DecideApiRequestAsync(context, api, segments, outcome).ConfigureAwait(false);
                return;
            }
        }

        outcome.Fault = null; // no API's route: nothing to fault
        outcome.Response = EmulatorResponse.Error(404, 1000, "The requested resource was not found.");
    }

    /// <summary>The steps after routing to an API: latency, scripted fault, authentication, rate limits, random fault, the route.</summary>
    private async Task DecideApiRequestAsync(HttpContext context, IEmulatedApi api, string[] segments, Outcome outcome)
    {
        var request = context.Request;
        api.EchoTracingHeaders(context);

        var latency = Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(latency, linked.Token).ConfigureAwait(false);
        }

        if (AnswerFault(api, outcome)) // a scripted fault (FaultPlan) keeps its place: before authentication and the limits
        {
            return;
        }

        var problem = BearerAuthentication.Check(request, api, Options.TimeProvider.GetUtcNow(), out var token);
        if (problem != TokenProblem.None || token is null)
        {
            outcome.Response = api.Unauthorized(problem, token);
            return;
        }

        if (RateLimited(api, segments) is { } retryAfter)
        {
            outcome.Throttled = true;
            outcome.Response = api.Throttled(retryAfter);
            return;
        }

        // Random faults come after the rate limits: a faulted attempt has used its slots, as every real attempt does.
        outcome.Fault ??= RandomFault(request.Method, request.Headers[api.RequestIdHeader].ToString());
        if (AnswerFault(api, outcome))
        {
            return;
        }

        var result = await api.HandleAsync(context, segments, token).ConfigureAwait(false);
        outcome.Replayed = result.Replayed;
        outcome.Response = outcome.Fault is { AppliesFirst: true } ? null : result.Response; // LostResponse: applied, then dropped
    }

    /// <summary>Answers a fault that comes before applying (true); a lost response (applied first) is left to the route.</summary>
    private static bool AnswerFault(IEmulatedApi api, Outcome outcome)
    {
        if (outcome.Fault is not { AppliesFirst: false } fault)
        {
            return false;
        }

        outcome.Response = api.FaultAnswer(fault);
        return true;
    }

    private FaultKind? RandomFault(string method, string requestId)
    {
        var before = Options.TransientFaultRate;
        var after = HttpMethods.IsPatch(method) ? Options.FaultAfterApplyRate : 0;
        if (before <= 0 && after <= 0)
        {
            return null;
        }

        lock (_random)
        {
            // Transient means it passes: a logical request (one MS-RequestId) is faulted at most so many times.
            var faultedBefore = requestId.Length == 0 ? 0 : _randomFaultsByRequestId.GetValueOrDefault(requestId);
            if (Options.MaxRandomFaultsPerRequest is { } most && faultedBefore >= most)
            {
                return null;
            }

            FaultKind? fault = null;
            if (before > 0 && _random.NextDouble() < before)
            {
                fault = _random.Next(3) switch
                {
                    0 => FaultKind.InternalServerError,
                    1 => FaultKind.ServiceUnavailable,
                    _ => FaultKind.ConnectionReset,
                };
            }
            else if (after > 0 && _random.NextDouble() < after)
            {
                fault = FaultKind.LostResponse;
            }

            if (fault != null && requestId.Length > 0)
            {
                _randomFaultsByRequestId[requestId] = faultedBefore + 1;
            }

            return fault;
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value.ToString().Length == 0 ? null : value.ToString();

    private static string DomainFor(string companyName)
    {
        var letters = new string(companyName.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return (letters.Length == 0 ? "customer" : letters) + ".onmicrosoft.com";
    }

    /// <summary>What the pipeline decided for one request. Response null = abort the connection.</summary>
    private sealed class Outcome
    {
        public EmulatorResponse? Response { get; set; }

        public FaultKind? Fault { get; set; }

        public bool Throttled { get; set; }

        public bool Replayed { get; set; }

        /// <summary>The API whose route the request is; null for the token endpoint and unknown paths.</summary>
        public IEmulatedApi? Api { get; set; }

        public void Abort() => Response = null;
    }
}
