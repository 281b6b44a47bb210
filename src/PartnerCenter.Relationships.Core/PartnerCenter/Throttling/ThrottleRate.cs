using System;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Throttling
{
    /// <summary>
    /// The request rate one scope is paced at, found rather than known: Partner Center publishes only some of its
    /// limits and adjusts the rest. Unlimited until the first 429. After one, the rate is what Partner Center
    /// admitted in the Retry-After before it, over the time those requests were sent in, and from there it follows
    /// TCP CUBIC's curve (RFC 9438): it starts at <see cref="Backoff"/> of that rate, climbs to <see cref="Headroom"/>
    /// of it over <see cref="Plateau"/>, stays close to that for a while, and only then grows faster and faster, to
    /// find a limit that was raised.
    /// A window-based limit makes a plateau just under the admitted rate cheap, and every overshoot costs a closed
    /// gate: hence the long plateau and the gentle cut, where AIMD's halving would leave half the limit unused.
    /// Pure arithmetic on the times it is given, so it is tested without waiting.
    /// </summary>
    internal sealed class ThrottleRate
    {
        /// <summary>The share of the admitted rate a 429 leaves: 90%.</summary>
        public const double Backoff = 0.9;

        /// <summary>
        /// The share of the admitted rate the plateau holds: 95%. Arrivals jitter, and against a window counted to the
        /// request a pace at the limit itself trips it every few seconds, each time closing the gate for a whole
        /// Retry-After; the admitted rate itself is reached one <see cref="Plateau"/> later.
        /// </summary>
        public const double Headroom = 0.95;

        /// <summary>
        /// How long the curve takes to climb back to the rate admitted before the 429: a minute, since against a
        /// limit counted per window every probe past it closes the gate for a whole Retry-After (a second at least)
        /// for every request; measured in the benchmark (part E), 20 s probed about twice as often.
        /// </summary>
        public static readonly TimeSpan Plateau = TimeSpan.FromSeconds(60);

        /// <summary>The slowest pace: one request a second.</summary>
        public const double MinimumRate = 1;

        /// <summary>Beyond this many times the admitted rate the curve no longer limits anything.</summary>
        private const double Ceiling = 64;

        private double? _admitted;
        private DateTimeOffset _cutAt;

        /// <summary>False until a 429 has been judged.</summary>
        public bool IsLimited => _admitted != null;

        /// <summary>The rate Partner Center admitted before the latest 429, in requests a second; null before any.</summary>
        public double? Admitted => _admitted;

        /// <summary>After a 429: <paramref name="admitted"/> attempts were admitted, sent over <paramref name="span"/> (first to last).</summary>
        public void Cut(int admitted, TimeSpan span, DateTimeOffset now)
        {
            // N sends a span apart make N - 1 gaps: N / span would judge ten a second, evenly sent, as eleven, and
            // pace at the limit itself. Sent within a second (a burst), they are all that is known of it.
            var perSecond = span >= TimeSpan.FromSeconds(1) ? (admitted - 1) / span.TotalSeconds : admitted;

            // Never paced slower than one a second: longer waits are the gate's, which Retry-After times exactly.
            _admitted = Math.Max(perSecond, MinimumRate);
            _cutAt = now;
        }

        /// <summary>Requests a second allowed at <paramref name="now"/>; null for no limit.</summary>
        public double? At(DateTimeOffset now)
        {
            if (_admitted is not double admitted)
            {
                return null;
            }

            var t = Math.Max((now - _cutAt).TotalSeconds, 0) / Plateau.TotalSeconds;
            var factor = Headroom + (Headroom - Backoff) * Math.Pow(t - 1, 3);
            return factor >= Ceiling ? null : admitted * factor;
        }
    }
}
