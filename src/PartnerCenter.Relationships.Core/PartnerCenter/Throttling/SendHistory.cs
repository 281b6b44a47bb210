using System;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// The latest attempts of one client: when each was sent, for which customer, and whether Partner Center refused
    /// it for throttling. A fixed ring, so a long bulk run costs no more memory than a short one. It is what a 429 is
    /// judged against: how many attempts Partner Center admitted before it said "slow down" is the rate it allows.
    /// </summary>
    internal sealed class SendHistory
    {
        private readonly long[] _sentAt;
        private readonly Guid[] _customer;
        private readonly bool[] _refused;
        private readonly object _lock = new object();
        private long _next;

        public SendHistory(int capacity = 8192)
        {
            _sentAt = new long[capacity];
            _customer = new Guid[capacity];
            _refused = new bool[capacity];
        }

        /// <summary>Notes an attempt sent now; the number returned marks it refused later.</summary>
        public long Record(DateTimeOffset sentAt, Guid? customerId)
        {
            lock (_lock)
            {
                var slot = (int)(_next % _sentAt.Length);
                _sentAt[slot] = sentAt.UtcTicks;
                _customer[slot] = customerId ?? Guid.Empty;
                _refused[slot] = false;
                return _next++;
            }
        }

        public void MarkRefused(long attempt)
        {
            lock (_lock)
            {
                if (attempt >= 0 && _next - attempt <= _sentAt.Length)
                {
                    _refused[(int)(attempt % _sentAt.Length)] = true;
                }
            }
        }

        /// <summary>
        /// Attempts sent from <paramref name="from"/> to <paramref name="until"/> that were not refused (for
        /// <paramref name="customerId"/> only, or all of them when null): those Partner Center admitted and counted.
        /// </summary>
        public int CountAdmitted(DateTimeOffset from, DateTimeOffset until, Guid? customerId)
        {
            lock (_lock)
            {
                var count = 0;
                var oldest = Math.Max(0, _next - _sentAt.Length);
                for (var attempt = _next - 1; attempt >= oldest; attempt--)
                {
                    var slot = (int)(attempt % _sentAt.Length);
                    if (_sentAt[slot] < from.UtcTicks)
                    {
                        break;
                    }

                    if (_sentAt[slot] <= until.UtcTicks && !_refused[slot] && (customerId == null || _customer[slot] == customerId))
                    {
                        count++;
                    }
                }

                return count;
            }
        }
    }
}
