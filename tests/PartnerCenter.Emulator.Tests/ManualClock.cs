using System;
using System.Threading;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// A clock that moves only when told (<see cref="Advance"/>), for the emulator's token expiry and rate-limit
    /// window. Its timers never fire: nothing in the emulator may wait on this clock, or a test would hang instead of
    /// moving on real time behind the test's back.
    /// </summary>
    internal sealed class ManualClock : TimeProvider
    {
        private readonly object _lock = new object();
        private DateTimeOffset _now;

        public ManualClock(DateTimeOffset start) => _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public void Advance(TimeSpan by)
        {
            lock (_lock)
            {
                _now += by;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public System.Threading.Tasks.ValueTask DisposeAsync() => default;
        }
    }
}
