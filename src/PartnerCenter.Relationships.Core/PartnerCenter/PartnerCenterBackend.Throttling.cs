using System;
using System.Threading;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>What the connection's throttle tells this command: its waits, and the parallelism it allows.</summary>
    public sealed partial class PartnerCenterBackend
    {
        /// <summary>
        /// A throttled wait of this command, or a change of the connection's parallelism (which concerns every
        /// command using it), said as a verbose message. The latest wait is kept for the command's progress.
        /// </summary>
        private void OnThrottling(object? sender, PartnerCenterThrottleEventArgs throttle)
        {
            if (throttle.Parallelism != null || throttle.CorrelationId == _correlationId)
            {
                _verbose.Enqueue(throttle.ToString());
            }

            if (throttle.Parallelism == null && throttle.CorrelationId == _correlationId)
            {
                Volatile.Write(ref _waitingUntil, new WaitNote(_clock() + throttle.Wait, throttle.WaitText));
            }
        }

        private WaitNote? _waitingUntil;

        /// <summary>What this command is waiting for because Partner Center asked to slow down, while it waits; else null.</summary>
        public string? ThrottleWait => Volatile.Read(ref _waitingUntil) is WaitNote note && note.Until > _clock() ? note.Text : null;

        private sealed class WaitNote
        {
            public WaitNote(DateTimeOffset until, string text)
            {
                Until = until;
                Text = text;
            }

            public DateTimeOffset Until { get; }

            public string Text { get; }
        }
    }
}
