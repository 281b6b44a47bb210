namespace PartnerCenter.Emulator;

/// <summary>
/// Sliding-window limiter: per key (a tenant, or the partner as a whole), the times of the attempts that count within the window.
/// Thread-safe. The window length and limit are passed per call so they can change at runtime.
/// </summary>
internal sealed class RateLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<long>> _windows = new(StringComparer.OrdinalIgnoreCase); // key -> UTC ticks, oldest first

    /// <summary>Null when the attempt is allowed; otherwise the whole seconds (at least 1) until a slot frees.</summary>
    public int? TryAcquire(string key, int limit, TimeSpan window, bool countThrottled, DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var times))
            {
                times = [];
                _windows.Add(key, times);
            }

            var expired = 0;
            while (expired < times.Count && times[expired] <= nowTicks - window.Ticks)
            {
                expired++;
            }

            times.RemoveRange(0, expired);
            if (times.Count < limit)
            {
                times.Add(nowTicks);
                return null;
            }

            // Below the limit again once (count - limit + 1) attempts have left the window,
            // i.e. when the one at index count - limit expires.
            var freeAt = times[times.Count - limit] + window.Ticks;
            if (countThrottled)
            {
                times.Add(nowTicks); // the doc: every attempt counts against the limit
            }

            return Math.Max(1, (int)Math.Ceiling(TimeSpan.FromTicks(freeAt - nowTicks).TotalSeconds));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }
}
