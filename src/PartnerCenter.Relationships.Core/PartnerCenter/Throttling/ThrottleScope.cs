using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// One scope Partner Center counts requests in (the partner, or the partner with one customer): a gate that a
    /// 429 closes for its Retry-After, and, once a 429 has shown the limit (a customer's second), pacing at the
    /// <see cref="ThrottleRate"/> (System.Threading.RateLimiting's token bucket), so requests that waited at the
    /// gate resume spread out and not all at once, reads ahead of writes. Shared by every request of a connection.
    /// </summary>
    internal sealed class ThrottleScope : IDisposable
    {
        private readonly TimeProvider _time;
        private readonly SendHistory _history;
        private readonly Guid? _customerId;
        private readonly ThrottleRate _rate = new ThrottleRate();

        // Writes line up here for the pacer one at a time, so a read finds at most one write ahead of it there.
        private readonly ConcurrencyLimiter _writes = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

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
        /// the same wait, not another. A <paramref name="read"/> goes ahead of the writes waiting for the pace: in a
        /// bulk pipeline the reads are the listing that feeds every worker, and a read kept waiting behind a
        /// queue of writes (or in a fault's backoff after it) leaves the workers with nothing to do.
        /// </summary>
        public async Task WaitTurnAsync(bool read, Action<TimeSpan> waited, CancellationToken cancellation)
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
                if (pacer == null || await TryTakeTurnAsync(pacer, read, cancellation).ConfigureAwait(false) && ClosedFor == TimeSpan.Zero)
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

                // A customer's first refusal closes its gate only. At the partner's limit a sliding window refuses
                // whichever request comes next, so a customer may be charged with one now and then; judging its pace
                // from the one or two it had sent would hold all its work to a request a second. Its own limit
                // refuses it again once the gate opens, and is paced from then on.
                var judged = _customerId == null || _lastCut != default;
                _lastCut = now;
                _toJudge = judged ? (sentAt, now, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter) : _toJudge;
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

            _writes.Dispose();
        }

        /// <summary>How long a gate closed until <paramref name="closedUntilTicks"/> stays closed from now; zero when open.</summary>
        private TimeSpan ClosedFrom(long closedUntilTicks)
        {
            var left = new DateTimeOffset(closedUntilTicks, TimeSpan.Zero) - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        private async Task<bool> TryTakeTurnAsync(TokenBucketRateLimiter pacer, bool read, CancellationToken cancellation)
        {
            using var inLine = read ? null : await _writes.AcquireAsync(1, cancellation).ConfigureAwait(false);
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
                    _rate.Cut(admitted, latest - earliest, now);
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
        /// Windows is about 16 ms), the oldest waiter first. A turn left unused (while a pipeline's next input is
        /// read, say) is not kept: against a sliding window a burst of saved turns on top of the pace is over the
        /// limit in the window that follows it, and closes the gate for everyone.
        /// </summary>
        private static TokenBucketRateLimiter NewPacer(double perSecond)
        {
            var tokens = Math.Max(1, (int)Math.Round(perSecond * 0.05));
            return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokens,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }
}
