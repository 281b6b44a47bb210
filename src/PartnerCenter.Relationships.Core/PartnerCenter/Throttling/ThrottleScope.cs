using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// One scope Partner Center counts requests in (the partner, or the partner with one customer): a gate that a
    /// 429 closes for its Retry-After, and, once a 429 has shown the limit, pacing at the <see cref="ThrottleRate"/>
    /// (System.Threading.RateLimiting's token bucket), so requests that waited at the gate resume spread out and
    /// not all at once. Shared by every request of a connection.
    /// </summary>
    internal sealed class ThrottleScope : IDisposable
    {
        /// <summary>How long unused turns of the pace are kept (see <see cref="NewPacer"/>).</summary>
        private static readonly TimeSpan IdleCredit = TimeSpan.FromMilliseconds(250);

        private readonly TimeProvider _time;
        private readonly SendHistory _history;
        private readonly Guid? _customerId;
        private readonly ThrottleRate _rate = new ThrottleRate();
        private readonly object _lock = new object();
        private long _closedUntilTicks; // UTC ticks: read without the lock by every waiting request
        private DateTimeOffset _lastCut;
        private (DateTimeOffset SentAt, DateTimeOffset AnsweredAt, TimeSpan Horizon)? _toJudge;
        private TokenBucketRateLimiter? _pacer;
        private double _pacedAt;
        private DateTimeOffset _pacerSince;

        public ThrottleScope(TimeProvider time, SendHistory history, Guid? customerId)
        {
            _time = time;
            _history = history;
            _customerId = customerId;
        }

        /// <summary>The rate this scope is paced at now, in requests a second; null when unlimited.</summary>
        public double? PacedRate
        {
            get
            {
                lock (_lock)
                {
                    return _pacer == null ? (double?)null : _pacedAt;
                }
            }
        }

        /// <summary>How long the gate stays closed from now; zero when open.</summary>
        public TimeSpan ClosedFor => ClosedFrom(Interlocked.Read(ref _closedUntilTicks));

        /// <summary>
        /// Waits until the gate is open and, when paced, for this request's turn. <paramref name="waited"/> hears of
        /// each closing once: a timer may wake a little before the clock says the gate opens, and that remainder is
        /// the same wait, not another.
        /// </summary>
        public async Task WaitTurnAsync(Action<TimeSpan> waited, CancellationToken cancellation)
        {
            long reportedUntil = 0;
            while (true)
            {
                var closedUntil = Interlocked.Read(ref _closedUntilTicks);
                var closed = ClosedFrom(closedUntil);
                if (closed > TimeSpan.Zero)
                {
                    if (closedUntil != reportedUntil)
                    {
                        reportedUntil = closedUntil;
                        waited(closed);
                    }

                    // In whole milliseconds: Task.Delay takes them, and a remainder under one would not wait at all but spin.
                    await _time.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(closed.TotalMilliseconds)), cancellation).ConfigureAwait(false);
                    continue;
                }

                var pacer = CurrentPacer();
                if (pacer == null || await TryTakeTurnAsync(pacer, cancellation).ConfigureAwait(false) && ClosedFor == TimeSpan.Zero)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// A 429 for a request of this scope sent at <paramref name="sentAt"/>: the gate closes for
        /// <paramref name="retryAfter"/>. True when this is a new cut; a 429 for a request sent before the latest cut
        /// (one already in flight when Partner Center first said so) only keeps the gate closed long enough.
        /// </summary>
        public bool Refused(DateTimeOffset sentAt, TimeSpan retryAfter)
        {
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                if ((now + retryAfter).UtcTicks > _closedUntilTicks)
                {
                    Interlocked.Exchange(ref _closedUntilTicks, (now + retryAfter).UtcTicks);
                }

                if (sentAt < _lastCut)
                {
                    return false;
                }

                _lastCut = now;
                _toJudge = (sentAt, now, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
                return true;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _pacer?.Dispose();
                _pacer = null;
            }
        }

        /// <summary>How long a gate closed until <paramref name="closedUntilTicks"/> stays closed from now; zero when open.</summary>
        private TimeSpan ClosedFrom(long closedUntilTicks)
        {
            var left = new DateTimeOffset(closedUntilTicks, TimeSpan.Zero) - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        private static async Task<bool> TryTakeTurnAsync(TokenBucketRateLimiter pacer, CancellationToken cancellation)
        {
            try
            {
                using var lease = await pacer.AcquireAsync(1, cancellation).ConfigureAwait(false);
                return lease.IsAcquired;
            }
            catch (ObjectDisposedException)
            {
                return false; // replaced by a pacer at a new rate: its turn is taken there
            }
        }

        /// <summary>
        /// The pacer at the current rate. The rate of a cut is judged once the gate opens again, when the answers to
        /// what was sent before the 429 are in; the pacer is replaced when the rate moved by 2% (at most once a second).
        /// </summary>
        private TokenBucketRateLimiter? CurrentPacer()
        {
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                if (_toJudge is (DateTimeOffset sentAt, DateTimeOffset answeredAt, TimeSpan horizon))
                {
                    _toJudge = null;

                    // Those sent until the 429 came back count too: requests sent together reach Partner Center in
                    // any order, so some sent after the refused one were admitted. The rate is over the time they
                    // were sent in, not the whole horizon: a run that began (or came back from reading) just before
                    // its first 429 sent for less than that, and would be paced at a fraction of the limit.
                    var admitted = _history.CountAdmitted(sentAt - horizon, answeredAt, _customerId, out var earliest, out var latest);
                    var span = latest - earliest;
                    _rate.Cut(admitted, span < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : span, now);
                    Replace(_rate.At(now), now);
                }
                else if (_rate.IsLimited && now - _pacerSince >= TimeSpan.FromSeconds(1))
                {
                    var rate = _rate.At(now);
                    if (rate == null || Math.Abs(rate.Value - _pacedAt) >= _pacedAt * 0.02)
                    {
                        Replace(rate, now);
                    }
                }

                return _pacer;
            }
        }

        private void Replace(double? rate, DateTimeOffset now)
        {
            _pacer?.Dispose();
            _pacer = rate is double perSecond ? NewPacer(perSecond) : null;
            _pacedAt = rate ?? 0;
            _pacerSince = now;
        }

        /// <summary>
        /// Evenly spaced turns at <paramref name="perSecond"/>, in periods of at least 50 ms (timer resolution on
        /// Windows is about 16 ms), the oldest waiter first. Turns left unused (while a pipeline's next input is
        /// read, say) are kept for up to <see cref="IdleCredit"/>: a limit counted per window has room for them. It
        /// starts with one period's turns, not the whole credit, so a new rate never begins with a burst.
        /// </summary>
        private static TokenBucketRateLimiter NewPacer(double perSecond)
        {
            var tokens = Math.Max(1, (int)Math.Round(perSecond * 0.05));
            var credit = Math.Max(tokens, (int)Math.Round(perSecond * IdleCredit.TotalSeconds));
            var pacer = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = credit,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            if (credit > tokens)
            {
                pacer.AttemptAcquire(credit - tokens).Dispose();
            }

            return pacer;
        }
    }
}
