namespace PartnerCenter.Emulator;

/// <summary>
/// One kind of injected failure. Use the static members; instances compare by value.
/// </summary>
public sealed record FaultKind
{
    private FaultKind(string name, int statusCode, int? retryAfterSeconds = null, bool abortsConnection = false, bool appliesFirst = false)
    {
        Name = name;
        StatusCode = statusCode;
        RetryAfterSeconds = retryAfterSeconds;
        AbortsConnection = abortsConnection;
        AppliesFirst = appliesFirst;
    }

    /// <summary>500 with error code 800003, before anything is applied.</summary>
    public static FaultKind InternalServerError { get; } = new(nameof(InternalServerError), 500);

    /// <summary>503 with error code 800003, before anything is applied.</summary>
    public static FaultKind ServiceUnavailable { get; } = new(nameof(ServiceUnavailable), 503);

    /// <summary>408 request timeout, before anything is applied.</summary>
    public static FaultKind Timeout { get; } = new(nameof(Timeout), 408);

    /// <summary>The connection is aborted (the client sees a reset) before anything is applied.</summary>
    public static FaultKind ConnectionReset { get; } = new(nameof(ConnectionReset), 0, abortsConnection: true);

    /// <summary>
    /// The request is applied, then the connection is aborted: the response is lost. A client that retries with the
    /// same MS-RequestId gets the stored result; one that uses a new id sees the change already made.
    /// </summary>
    public static FaultKind LostResponse { get; } = new(nameof(LostResponse), 0, abortsConnection: true, appliesFirst: true);

    /// <summary>429 with Retry-After: <paramref name="retryAfterSeconds"/> and the throttling body.</summary>
    public static FaultKind TooManyRequests(int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new FaultKind(nameof(TooManyRequests), 429, retryAfterSeconds);
    }

    /// <summary>Any other status (e.g. 502, 504) with an 800003 error body, before anything is applied.</summary>
    public static FaultKind HttpStatus(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new FaultKind($"HttpStatus{statusCode}", statusCode);
    }

    /// <summary>Name of the kind, e.g. "ServiceUnavailable".</summary>
    public string Name { get; }

    /// <summary>Status answered; 0 when the connection is aborted instead.</summary>
    public int StatusCode { get; }

    /// <summary>Retry-After seconds of a <see cref="TooManyRequests"/> fault.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>True when the client gets no response at all.</summary>
    public bool AbortsConnection { get; }

    /// <summary>True when the request is applied before the fault (a lost response).</summary>
    public bool AppliesFirst { get; }

    /// <inheritdoc />
    public override string ToString() => RetryAfterSeconds is { } s ? $"{Name}({s})" : Name;
}

/// <summary>
/// Scripted faults for exact unit tests: a FIFO list. Each request takes the first entry that matches it
/// (path and method), so faults are answered in the order they were enqueued. Thread-safe.
/// Scripted faults apply to every route, including the token endpoint, and come before the random ones.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private int _injected;

    /// <summary>
    /// Adds <paramref name="count"/> faults of <paramref name="kind"/> for requests whose path (without the query)
    /// contains <paramref name="pathContains"/> (ordinal, case-insensitive; null = any path; a trailing '$' means the
    /// path must end there, so "/customers/{id}$" is the customer itself and not its subscriptions) and, when given,
    /// whose method is <paramref name="method"/>. The first <paramref name="skip"/> matching requests pass untouched,
    /// so a test can fault the second PATCH of a subscription (an undo) but not the first.
    /// </summary>
    public void Enqueue(string? pathContains, FaultKind kind, int count = 1, string? method = null, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _entries.Add(new Entry(pathContains, method, kind) { Skip = i == 0 ? skip : 0 });
            }
        }
    }

    /// <summary>Adds faults for any request.</summary>
    public void Enqueue(FaultKind kind, int count = 1) => Enqueue(null, kind, count);

    /// <summary>Faults still waiting for a matching request.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Scripted faults answered so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Drops every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal FaultKind? TryTake(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (PathMatches(path, entry.PathContains)
                    && (entry.Method is null || string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    if (entry.Skip > 0)
                    {
                        entry.Skip--;
                        return null;
                    }

                    _entries.RemoveAt(i);
                    _injected++;
                    return entry.Kind;
                }
            }
        }

        return null;
    }

    private static bool PathMatches(string path, string? pattern) =>
        pattern is null
        || (pattern.EndsWith('$')
            ? path.EndsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : path.Contains(pattern, StringComparison.OrdinalIgnoreCase));

    private sealed record Entry(string? PathContains, string? Method, FaultKind Kind)
    {
        public int Skip { get; set; }
    }
}
