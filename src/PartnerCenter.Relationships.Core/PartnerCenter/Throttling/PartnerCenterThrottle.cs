using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// The throttle of one client, shared by every request of its connection (all workers of a bulk run and every
    /// command of the runspace). Partner Center counts requests per partner and per partner and customer; each has
    /// a <see cref="ThrottleScope"/>, and the connection's parallelism adapts (<see cref="AdaptiveParallelism"/>).
    /// A 429 does not say which limit was reached: it is charged to one scope, its customer's, or the partner's
    /// when it has no customer, when no other customer's request sent after it has been admitted (nothing shows
    /// the partner's limit had room), when another customer was refused just before (two customers refused
    /// together is the partner-wide limit), or when that customer had most of the recent traffic (either limit fits).
    /// </summary>
    internal sealed class PartnerCenterThrottle : IDisposable
    {
        /// <summary>Customer scopes kept at most; beyond, those with an open gate are forgotten.</summary>
        private const int MostCustomerScopes = 1000;

        private readonly TimeProvider _time;
        private readonly SendHistory _history = new SendHistory();
        private readonly ThrottleScope _partner;
        private readonly ConcurrentDictionary<Guid, ThrottleScope> _customers = new ConcurrentDictionary<Guid, ThrottleScope>();
        private readonly object _lock = new object();
        private Guid _lastRefusedCustomer;
        private DateTimeOffset _lastRefusedUntil;

        public PartnerCenterThrottle(TimeProvider time)
        {
            _time = time;
            _partner = new ThrottleScope(time, _history, null);
        }

        public AdaptiveParallelism Parallelism { get; } = new AdaptiveParallelism();

        /// <summary>How long the partner's gate stays closed from now.</summary>
        internal TimeSpan PartnerClosedFor => _partner.ClosedFor;

        /// <summary>How long a customer's gate stays closed from now; zero when it has none.</summary>
        internal TimeSpan CustomerClosedFor(Guid customerId) => _customers.TryGetValue(customerId, out var scope) ? scope.ClosedFor : TimeSpan.Zero;

        /// <summary>The rate the partner scope is paced at (requests a second); null when unlimited.</summary>
        public double? PartnerRate => _partner.PacedRate;

        /// <summary>
        /// Waits for the gates and the pace of the request's scopes and for a place among those in flight; a
        /// <paramref name="read"/> goes ahead of the writes waiting for the pace (<see cref="ThrottleScope.WaitTurnAsync"/>).
        /// </summary>
        public async Task<Turn> WaitTurnAsync(Guid? customerId, Action<TimeSpan> waited, CancellationToken cancellation, bool read = false)
        {
            await _partner.WaitTurnAsync(read, waited, cancellation).ConfigureAwait(false);
            if (customerId is Guid customer && _customers.TryGetValue(customer, out var scope))
            {
                await scope.WaitTurnAsync(read, waited, cancellation).ConfigureAwait(false);
            }

            var lease = await Parallelism.AcquireAsync(cancellation).ConfigureAwait(false);
            var sentAt = _time.GetUtcNow();
            return new Turn(lease, _history.Record(sentAt, customerId), sentAt, customerId);
        }

        /// <summary>An answer that was not a 429 (or no answer at all): Partner Center counted it. Returns a new parallelism, if any.</summary>
        public int? Admitted(Turn turn)
        {
            _history.MarkAdmitted(turn.Attempt);
            return Parallelism.Release(turn.Lease, admitted: true, cut: false);
        }

        /// <summary>A 429 asking to wait <paramref name="retryAfter"/>. Returns a new parallelism, if any.</summary>
        public int? Refused(Turn turn, TimeSpan retryAfter)
        {
            _history.MarkRefused(turn.Attempt);
            var cut = turn.CustomerId is Guid customer ? RefusedForCustomer(customer, turn, retryAfter) : _partner.Refused(turn.SentAt, retryAfter);
            return Parallelism.Release(turn.Lease, admitted: false, cut);
        }

        public void Dispose()
        {
            _partner.Dispose();
            foreach (var scope in _customers.Values)
            {
                scope.Dispose();
            }

            Parallelism.Dispose();
        }

        private bool RefusedForCustomer(Guid customer, Turn turn, TimeSpan retryAfter)
        {
            var now = _time.GetUtcNow();
            var sentAt = turn.SentAt;
            var horizon = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter;
            bool partnerWide;
            lock (_lock)
            {
                partnerWide = customer != _lastRefusedCustomer && now <= _lastRefusedUntil;
                _lastRefusedCustomer = customer;
                _lastRefusedUntil = now + horizon + TimeSpan.FromSeconds(1);
            }

            // Only another customer's request admitted after this one was sent shows the partner's limit had room.
            // Without that, the partner's is charged: a partner-wide limit refuses whichever request comes next, so
            // a customer with little of the traffic is refused all the time, and closing only its gate would let
            // the rest run on into the same full window.
            partnerWide |= !_history.AnyOtherAdmittedAfter(turn.Attempt, customer);

            // A customer with most of the traffic cannot tell the two limits apart: the partner's is charged, which
            // costs little (the partner's pace is then about that customer's) and saves a refusal per customer after it.
            partnerWide |= _history.CountAdmitted(sentAt - horizon, sentAt, customer) * 2 >= _history.CountAdmitted(sentAt - horizon, sentAt, null);
            return partnerWide ? _partner.Refused(sentAt, retryAfter) : CustomerScope(customer).Refused(sentAt, retryAfter);
        }

        private ThrottleScope CustomerScope(Guid customer)
        {
            if (_customers.Count >= MostCustomerScopes)
            {
                foreach (var open in _customers.Where(c => c.Value.ClosedFor == TimeSpan.Zero).Select(c => c.Key).ToList())
                {
                    if (_customers.TryRemove(open, out var removed))
                    {
                        removed.Dispose();
                    }
                }
            }

            return _customers.GetOrAdd(customer, id => new ThrottleScope(_time, _history, id));
        }

        /// <summary>One attempt's place: its permit, its entry in the history, when it was sent and for whom.</summary>
        internal readonly struct Turn
        {
            public Turn(RateLimitLease lease, long attempt, DateTimeOffset sentAt, Guid? customerId)
            {
                Lease = lease;
                Attempt = attempt;
                SentAt = sentAt;
                CustomerId = customerId;
            }

            public RateLimitLease Lease { get; }

            public long Attempt { get; }

            public DateTimeOffset SentAt { get; }

            public Guid? CustomerId { get; }
        }
    }
}
