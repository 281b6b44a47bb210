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
        private readonly Answer[] _answer;
        private readonly object _lock = new object();
        private long _next;

        public SendHistory(int capacity = 8192)
        {
            _sentAt = new long[capacity];
            _customer = new Guid[capacity];
            _answer = new Answer[capacity];
        }

        /// <summary>How Partner Center answered an attempt, as far as it is known yet.</summary>
        private enum Answer : byte
        {
            Pending,
            Admitted,
            Refused,
        }

        /// <summary>Notes an attempt sent now; the number returned marks its answer later.</summary>
        public long Record(DateTimeOffset sentAt, Guid? customerId)
        {
            lock (_lock)
            {
                var slot = (int)(_next % _sentAt.Length);
                _sentAt[slot] = sentAt.UtcTicks;
                _customer[slot] = customerId ?? Guid.Empty;
                _answer[slot] = Answer.Pending;
                return _next++;
            }
        }

        /// <summary>Notes that Partner Center answered the attempt with a 429.</summary>
        public void MarkRefused(long attempt) => Mark(attempt, Answer.Refused);

        /// <summary>Notes that Partner Center answered the attempt with something other than a 429.</summary>
        public void MarkAdmitted(long attempt) => Mark(attempt, Answer.Admitted);

        /// <summary>
        /// Whether an attempt for another customer (or for none) sent after <paramref name="attempt"/> has been
        /// answered already, and not with a 429.
        /// </summary>
        public bool AnyOtherAdmittedAfter(long attempt, Guid customerId)
        {
            lock (_lock)
            {
                for (var later = Math.Max(attempt + 1, _next - _sentAt.Length); later < _next; later++)
                {
                    var slot = (int)(later % _sentAt.Length);
                    if (_answer[slot] == Answer.Admitted && _customer[slot] != customerId)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private void Mark(long attempt, Answer answer)
        {
            lock (_lock)
            {
                if (attempt >= 0 && _next - attempt <= _sentAt.Length)
                {
                    _answer[(int)(attempt % _sentAt.Length)] = answer;
                }
            }
        }

        /// <summary>Attempts sent from <paramref name="from"/> to <paramref name="until"/> (inclusive) that were not refused, for one customer or (null) all.</summary>
        public int CountAdmitted(DateTimeOffset from, DateTimeOffset until, Guid? customerId) => CountAdmitted(from, until, customerId, out _, out _);

        /// <summary>As <see cref="CountAdmitted(DateTimeOffset, DateTimeOffset, Guid?)"/>, with when the earliest and the latest of them were sent (both <paramref name="until"/> when none).</summary>
        public int CountAdmitted(DateTimeOffset from, DateTimeOffset until, Guid? customerId, out DateTimeOffset earliest, out DateTimeOffset latest)
        {
            lock (_lock)
            {
                var count = 0;
                var earliestTicks = until.UtcTicks;
                var latestTicks = 0L;
                var oldest = Math.Max(0, _next - _sentAt.Length);
                for (var attempt = _next - 1; attempt >= oldest; attempt--)
                {
                    var slot = (int)(attempt % _sentAt.Length);
                    if (_sentAt[slot] < from.UtcTicks)
                    {
                        break;
                    }

                    if (_sentAt[slot] <= until.UtcTicks && _answer[slot] != Answer.Refused && (customerId == null || _customer[slot] == customerId))
                    {
                        count++;
                        earliestTicks = Math.Min(earliestTicks, _sentAt[slot]);
                        latestTicks = Math.Max(latestTicks, _sentAt[slot]);
                    }
                }

                earliest = new DateTimeOffset(earliestTicks, TimeSpan.Zero);
                latest = count == 0 ? until : new DateTimeOffset(latestTicks, TimeSpan.Zero);
                return count;
            }
        }
    }
}
