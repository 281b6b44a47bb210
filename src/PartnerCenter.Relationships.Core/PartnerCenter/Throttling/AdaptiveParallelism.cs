using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// How many requests of a connection may be under way at once: additive increase, multiplicative decrease. A
    /// new cut halves what was in flight when Partner Center said "slow down"; each run of that many admitted
    /// requests allows one more, up to <see cref="Most"/> (a command's -ThrottleLimit bounds it further: it never
    /// has more workers). Built on System.Threading.RateLimiting's ConcurrencyLimiter at <see cref="Most"/> permits,
    /// of which the surplus over the limit is held back by the controller itself.
    /// </summary>
    internal sealed class AdaptiveParallelism : IDisposable
    {
        /// <summary>The most any command may ask for (-ThrottleLimit's range ends there).</summary>
        public const int Most = 64;

        private readonly ConcurrencyLimiter _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Most,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        private readonly Stack<RateLimitLease> _heldBack = new Stack<RateLimitLease>();
        private readonly object _lock = new object();
        private int _limit = Most;
        private int _toHold;
        private int _inFlight;
        private int _admittedSinceRise;

        public int Limit => Volatile.Read(ref _limit);

        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task<RateLimitLease> AcquireAsync(CancellationToken cancellation)
        {
            var lease = await _permits.AcquireAsync(1, cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref _inFlight);
            return lease;
        }

        /// <summary>A request ended; <paramref name="cut"/> when its 429 was a new cut. Returns the new limit when it changed.</summary>
        public int? Release(RateLimitLease lease, bool admitted, bool cut)
        {
            int? changed;
            lock (_lock)
            {
                var inFlight = _inFlight;
                Interlocked.Decrement(ref _inFlight);
                changed = cut ? Decrease(inFlight) : admitted ? Increase() : null;
            }

            lease.Dispose();
            return changed;
        }

        public void Dispose()
        {
            lock (_lock)
            {
                while (_heldBack.Count > 0)
                {
                    _heldBack.Pop().Dispose();
                }
            }

            _permits.Dispose();
        }

        private int? Decrease(int inFlight)
        {
            var target = Math.Max(1, (Math.Min(inFlight, _limit) + 1) / 2);
            if (target >= _limit)
            {
                return null;
            }

            for (var i = target; i < _limit; i++)
            {
                _ = HoldBackAsync();
            }

            _limit = target;
            _admittedSinceRise = 0;
            return target;
        }

        private int? Increase()
        {
            if (_limit >= Most || ++_admittedSinceRise < _limit)
            {
                return null;
            }

            _admittedSinceRise = 0;
            _limit++;
            if (_heldBack.Count > 0)
            {
                _heldBack.Pop().Dispose();
            }
            else
            {
                _toHold--; // a hold-back still waiting for its permit gives it up as soon as it gets one
            }

            return _limit;
        }

        private async Task HoldBackAsync()
        {
            lock (_lock)
            {
                _toHold++;
            }

            RateLimitLease lease;
            try
            {
                lease = await _permits.AcquireAsync(1).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                if (_toHold > 0 && lease.IsAcquired)
                {
                    _toHold--;
                    _heldBack.Push(lease);
                    return;
                }
            }

            lease.Dispose();
        }
    }
}
