using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Throttling;
using Xunit;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter.Throttling
{
    /// <summary>The throttle's rules on a fake clock: what a 429 closes, what it teaches, and what it leaves open.</summary>
    public sealed class ThrottleTests
    {
        private static readonly Guid Contoso = Guid.Parse("11111111-1111-1111-1111-111111111111");
        private static readonly Guid Fabrikam = Guid.Parse("22222222-2222-2222-2222-222222222222");
        private static readonly Guid Northwind = Guid.Parse("33333333-3333-3333-3333-333333333333");

        [Fact]
        public void TheRate_IsUnlimitedBeforeA429_ThenFollowsTheCubicCurveFromTheAdmittedRate()
        {
            var rate = new ThrottleRate();
            var cut = RestTest.Start;
            Assert.Null(rate.At(cut));

            rate.Cut(admitted: 21, span: TimeSpan.FromSeconds(2), now: cut); // 21 sends, 20 gaps: ten a second

            Assert.Equal(9.0, rate.At(cut)!.Value, 3);
            Assert.Equal(9.5, rate.At(cut + ThrottleRate.Plateau)!.Value, 3);
            Assert.InRange(rate.At(cut + ThrottleRate.Plateau * 1.25)!.Value, 9.5, 9.51); // the plateau, a little under the limit
            Assert.Equal(10.0, rate.At(cut + ThrottleRate.Plateau * 2)!.Value, 3);
            Assert.Equal(10.0 * (ThrottleRate.Headroom + (ThrottleRate.Headroom - ThrottleRate.Backoff) * 8), rate.At(cut + ThrottleRate.Plateau * 3)!.Value, 3);
            Assert.Null(rate.At(cut + ThrottleRate.Plateau * 20)); // 343 times: no limit any more
        }

        [Fact]
        public void TheRate_OfABurstSentWithinASecond_IsWhatWasAdmitted()
        {
            var rate = new ThrottleRate();
            rate.Cut(admitted: 10, span: TimeSpan.FromMilliseconds(40), now: RestTest.Start);

            Assert.Equal(10.0, rate.Admitted!.Value, 3);
        }

        [Fact]
        public void TheRate_IsNeverBelowOneASecond()
        {
            var rate = new ThrottleRate();
            rate.Cut(admitted: 0, span: TimeSpan.FromSeconds(60), now: RestTest.Start);

            Assert.Equal(ThrottleRate.MinimumRate * ThrottleRate.Backoff, rate.At(RestTest.Start)!.Value, 3);
        }

        [Fact]
        public void TheHistory_CountsAdmittedAttemptsInTheHorizon_ByCustomer()
        {
            var history = new SendHistory(capacity: 4);
            var t = RestTest.Start;
            history.Record(t, Contoso);
            var refused = history.Record(t.AddSeconds(1), Contoso);
            history.Record(t.AddSeconds(2), Fabrikam);
            history.Record(t.AddSeconds(3), Contoso);
            history.MarkRefused(refused);

            Assert.Equal(2, history.CountAdmitted(t, t.AddSeconds(3), Contoso));
            Assert.Equal(3, history.CountAdmitted(t, t.AddSeconds(3), null));
            Assert.Equal(1, history.CountAdmitted(t.AddSeconds(2), t.AddSeconds(2), null));

            history.Record(t.AddSeconds(4), null); // the ring forgets the oldest
            Assert.Equal(1, history.CountAdmitted(t, t.AddSeconds(3), Contoso));
        }

        [Fact]
        public async Task OneCustomerRefused_ClosesItsGateOnly_ASecondCustomerRefusedMeanwhileClosesThePartnersGate()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            using var throttle = new PartnerCenterThrottle(time);
            for (var i = 0; i < 2; i++)
            {
                throttle.Admitted(await throttle.WaitTurnAsync(Northwind, _ => { }, CancellationToken.None)); // most of the traffic is another's
            }

            var contoso = await throttle.WaitTurnAsync(Contoso, _ => { }, CancellationToken.None);
            throttle.Admitted(await throttle.WaitTurnAsync(Northwind, _ => { }, CancellationToken.None)); // sent after it, admitted: the partner had room
            throttle.Refused(contoso, TimeSpan.FromSeconds(10));
            Assert.Equal(TimeSpan.Zero, throttle.PartnerClosedFor);
            Assert.Equal(TimeSpan.FromSeconds(10), throttle.CustomerClosedFor(Contoso));

            var fabrikam = await throttle.WaitTurnAsync(Fabrikam, _ => { }, CancellationToken.None);
            throttle.Refused(fabrikam, TimeSpan.FromSeconds(10));

            Assert.Equal(TimeSpan.FromSeconds(10), throttle.PartnerClosedFor);
        }

        [Fact]
        public async Task ACustomerWithLittleOfTheTraffic_Refused_WhenNothingSentAfterItWasAdmitted_ClosesThePartnersGate()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            using var throttle = new PartnerCenterThrottle(time);
            for (var i = 0; i < 3; i++)
            {
                throttle.Admitted(await throttle.WaitTurnAsync(Northwind, _ => { }, CancellationToken.None));
            }

            var contoso = await throttle.WaitTurnAsync(Contoso, _ => { }, CancellationToken.None);
            var later = await throttle.WaitTurnAsync(Northwind, _ => { }, CancellationToken.None); // still under way
            throttle.Refused(contoso, TimeSpan.FromSeconds(1));

            Assert.Equal(TimeSpan.FromSeconds(1), throttle.PartnerClosedFor);
            Assert.Equal(TimeSpan.Zero, throttle.CustomerClosedFor(Contoso));
            throttle.Admitted(later);
        }

        [Fact]
        public async Task ACustomersFirstRefusal_ClosesItsGateWithoutPacingIt_ItsSecondPacesIt()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            var history = new SendHistory();
            using var contoso = new ThrottleScope(time, history, Contoso);
            history.Record(time.GetUtcNow(), Contoso);

            contoso.Refused(time.GetUtcNow(), TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.FromSeconds(1), contoso.ClosedFor);
            time.Advance(TimeSpan.FromSeconds(1));
            await contoso.WaitTurnAsync(read: false, _ => { }, CancellationToken.None);
            Assert.Null(contoso.PacedRate); // one refusal at a partner-wide window says little of this customer's limit

            history.Record(time.GetUtcNow(), Contoso);
            contoso.Refused(time.GetUtcNow(), TimeSpan.FromSeconds(1));
            time.Advance(TimeSpan.FromSeconds(1));
            await contoso.WaitTurnAsync(read: false, _ => { }, CancellationToken.None);
            Assert.NotNull(contoso.PacedRate);
        }

        [Fact]
        public async Task AtThePace_AReadGoesAheadOfTheWritesWaiting_BehindOneAtMost()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            var history = new SendHistory();
            using var partner = new ThrottleScope(time, history, null);
            for (var i = 0; i <= 20; i++)
            {
                history.Record(RestTest.Start.AddMilliseconds(50 * i), null); // twenty a second, then a 429
            }

            time.Advance(TimeSpan.FromSeconds(1));
            partner.Refused(time.GetUtcNow(), TimeSpan.FromSeconds(1));
            time.Advance(TimeSpan.FromSeconds(1));
            var done = new System.Collections.Concurrent.ConcurrentQueue<string>();
            async Task Turn(bool read, string name)
            {
                await partner.WaitTurnAsync(read, _ => { }, CancellationToken.None).ConfigureAwait(false);
                done.Enqueue(name);
            }

            // The pace (the token bucket's own timer) hands out a turn every 55 ms or so, oldest waiter first.
            var all = Enumerable.Range(0, 6).Select(i => Turn(read: false, "write " + i)).ToList();
            all.Add(Turn(read: true, "read")); // the last to ask
            await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.NotNull(partner.PacedRate);
            Assert.Equal(new[] { "write 0", "write 1", "read" }, done.Take(3));
        }

        [Fact]
        public async Task ACustomerWithMostOfTheTraffic_Refused_ClosesThePartnersGateInstead()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            using var throttle = new PartnerCenterThrottle(time);
            throttle.Admitted(await throttle.WaitTurnAsync(Contoso, _ => { }, CancellationToken.None));
            throttle.Admitted(await throttle.WaitTurnAsync(Fabrikam, _ => { }, CancellationToken.None));

            throttle.Refused(await throttle.WaitTurnAsync(Contoso, _ => { }, CancellationToken.None), TimeSpan.FromSeconds(3));

            Assert.Equal(TimeSpan.FromSeconds(3), throttle.PartnerClosedFor);
            Assert.Equal(TimeSpan.Zero, throttle.CustomerClosedFor(Contoso)); // one scope paces it, not two
        }

        [Fact]
        public async Task ThePartnersGate_HoldsEveryRequest_UntilItsRetryAfter_ThenPacesThemAtTheAdmittedRate()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => i == 0 ? Refused(7) : RestTest.Ok());
            using var client = RestTest.Client(handler, time);
            var waits = new System.Collections.Concurrent.ConcurrentQueue<string>();
            client.Throttling += (_, e) => waits.Enqueue(e.ToString());

            await client.GetAsync("/customers");
            await client.GetAsync("/customers");

            Assert.Equal(new[] { 7.0 }, time.Delays.Select(d => d.TotalSeconds));
            Assert.Contains("GET /v1/customers: waiting 7 s: Partner Center asked to slow down.", waits);
        }

        [Fact]
        public async Task TheAdmittedRate_IsJudgedOverTheTimeTheRequestsWereSentIn_NotTheWholeRetryAfter()
        {
            var time = new ManualTimeProvider(RestTest.Start) { AutoFire = false };
            using var throttle = new PartnerCenterThrottle(time);
            for (var i = 0; i < 10; i++)
            {
                throttle.Admitted(await throttle.WaitTurnAsync(null, _ => { }, CancellationToken.None));
                time.Advance(TimeSpan.FromMilliseconds(100));
            }

            // Ten in the run's first second, then a 429 asking for two: the limit is about ten a second, not five.
            throttle.Refused(await throttle.WaitTurnAsync(null, _ => { }, CancellationToken.None), TimeSpan.FromSeconds(2));
            time.Advance(TimeSpan.FromSeconds(2));
            throttle.Admitted(await throttle.WaitTurnAsync(null, _ => { }, CancellationToken.None));

            Assert.Equal(10 * ThrottleRate.Backoff, throttle.PartnerRate!.Value, 3);
        }

        [Fact]
        public async Task AWaitAtAClosedGate_IsReportedOnce_WhenTheTimerWakesBeforeTheClockSaysItOpens()
        {
            var time = new ManualTimeProvider(RestTest.Start) { EarlyBy = TimeSpan.FromMilliseconds(0.4) };
            var handler = new FakeHandler((r, i) => i == 0 ? Refused(1) : RestTest.Ok());
            using var client = RestTest.Client(handler, time);
            var waits = new System.Collections.Concurrent.ConcurrentQueue<string>();
            client.Throttling += (_, e) => { if (e.Wait > TimeSpan.Zero) { waits.Enqueue(e.ToString()); } };

            await client.GetAsync("/customers");

            Assert.True(time.Delays.Count > 1, "the timer woke early at least once");
            Assert.Equal(new[] { "GET /v1/customers: waiting 1 s: Partner Center asked to slow down." }, waits);
        }

        [Fact]
        public async Task Parallelism_HalvesWhatWasInFlightOnACut_AndEachRunOfThatManyAdmittedAllowsOneMore()
        {
            using var parallelism = new AdaptiveParallelism();
            var leases = new System.Collections.Generic.List<System.Threading.RateLimiting.RateLimitLease>();
            for (var i = 0; i < 8; i++)
            {
                leases.Add(await parallelism.AcquireAsync(CancellationToken.None));
            }

            Assert.Equal(4, parallelism.Release(leases[0], admitted: false, cut: true));
            Assert.Null(parallelism.Release(leases[1], admitted: false, cut: false));
            Assert.Equal(new int?[] { null, null, null, 5 }, leases.Skip(2).Take(4).Select(l => parallelism.Release(l, admitted: true, cut: false)));
            Assert.Equal(5, parallelism.Limit);

            // Two of the eight are still under way.
            Assert.Equal(2, parallelism.InFlight);
        }

        private static PartnerCenterRequest ForCustomer(Guid customer) =>
            new PartnerCenterRequest(HttpMethod.Get, $"/customers/{customer}/subscriptions") { CustomerId = customer };

        private static HttpResponseMessage Refused(int seconds) =>
            RestTest.Json((HttpStatusCode)429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", ("Retry-After", seconds.ToString()));
    }
}
