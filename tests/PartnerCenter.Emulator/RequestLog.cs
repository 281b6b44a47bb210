namespace PartnerCenter.Emulator;

/// <summary>One request the emulator received, for assertions on what a client sent.</summary>
/// <param name="Timestamp">When the request arrived.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query as received (e.g. /v1/customers?size=500).</param>
/// <param name="RequestId">MS-RequestId header.</param>
/// <param name="CorrelationId">MS-CorrelationId header.</param>
/// <param name="HasAuthorization">Whether an Authorization header was present.</param>
/// <param name="IfMatch">If-Match header.</param>
/// <param name="Locale">X-Locale header.</param>
/// <param name="Accept">Accept header.</param>
/// <param name="ContinuationToken">MS-ContinuationToken header.</param>
/// <param name="StatusCode">Status answered; 0 when the connection was aborted (fault or client gone).</param>
/// <param name="FaultInjected">Whether a fault (scripted or random) decided the outcome.</param>
/// <param name="Fault">Which fault, if any.</param>
/// <param name="Throttled">Whether the rate limiter answered 429.</param>
/// <param name="Replayed">Whether a stored MS-RequestId result was replayed instead of applying again.</param>
/// <param name="Body">The request body as sent (PATCH and POST), so tests can check what a client writes; null without one.</param>
/// <param name="ClientRequestId">client-request-id header, Graph's correlation id (which Graph routes echo).</param>
public sealed record RequestLogEntry(
    DateTimeOffset Timestamp,
    string Method,
    string PathAndQuery,
    string? RequestId,
    string? CorrelationId,
    bool HasAuthorization,
    string? IfMatch,
    string? Locale,
    string? Accept,
    string? ContinuationToken,
    int StatusCode,
    bool FaultInjected,
    FaultKind? Fault,
    bool Throttled,
    bool Replayed,
    string? Body = null,
    string? ClientRequestId = null)
{
    /// <summary>The path without the query.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];
}

/// <summary>Thread-safe log with snapshot reads; beyond its capacity the oldest entries are dropped (long benchmarks).</summary>
internal sealed class RequestLogBuffer(EmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Queue<RequestLogEntry> _entries = new();

    public void Add(RequestLogEntry entry)
    {
        var capacity = options.RequestLogCapacity;
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
