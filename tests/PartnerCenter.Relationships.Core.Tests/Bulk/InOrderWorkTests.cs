using System;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Bulk;
using Xunit;

namespace PartnerCenter.Relationships.Core.Tests.Bulk
{
    public sealed class InOrderWorkTests
    {
        [Fact]
        public void Concurrent_ResultsComeBackInInputOrder_WhateverOrderTheyFinishIn_AtMostThrottleLimitAtOnce()
        {
            using var work = new InOrderWork<int>(concurrent: true, throttleLimit: 3, CancellationToken.None);
            var running = 0;
            var most = 0;
            for (var i = 0; i < 12; i++)
            {
                var item = i;
                work.Add(() =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref most, now);
                    Thread.Sleep(item % 3 == 0 ? 60 : 5); // every third finishes last
                    Interlocked.Decrement(ref running);
                    return item;
                }, () => -1);
            }

            work.AddDone(100);

            Assert.Equal(Enumerable.Range(0, 12).Append(100), work.TakeCompleted().Concat(work.Drain()));
            Assert.InRange(most, 2, 3);
            Assert.Equal(13, work.Completed);
        }

        [Fact]
        public void Concurrent_ItemsStartInInputOrder_SoTheFirstResultIsNotKeptWaitingBehindLaterOnes()
        {
            using var work = new InOrderWork<int>(concurrent: true, throttleLimit: 1, CancellationToken.None);
            var started = new System.Collections.Concurrent.ConcurrentQueue<int>();
            for (var i = 0; i < 30; i++)
            {
                var item = i;
                work.Add(() => { started.Enqueue(item); Thread.Sleep(1); return item; }, () => -1);
            }

            Assert.Equal(Enumerable.Range(0, 30), work.Drain());
            Assert.Equal(Enumerable.Range(0, 30), started);
        }

        [Fact]
        public void NotConcurrent_EachItemRunsAtOnceOnTheCallersThread()
        {
            using var work = new InOrderWork<int>(concurrent: false, throttleLimit: 8, CancellationToken.None);
            var caller = Environment.CurrentManagedThreadId;
            var ranOn = -1;

            work.Add(() => { ranOn = Environment.CurrentManagedThreadId; return 1; }, () => -1);

            Assert.Equal(caller, ranOn);
            Assert.Equal(new[] { 1 }, work.TakeCompleted());
        }

        [Fact]
        public void Stopped_ItemsNotYetStarted_GetTheirStoppedResult_AndNeverRun()
        {
            using var stopping = new CancellationTokenSource();
            using var release = new ManualResetEventSlim();
            using var started = new ManualResetEventSlim();
            using var work = new InOrderWork<string>(concurrent: true, throttleLimit: 1, stopping.Token);
            var ran = 0;
            work.Add(() => { started.Set(); release.Wait(); Interlocked.Increment(ref ran); return "first"; }, () => "first stopped");
            work.Add(() => { Interlocked.Increment(ref ran); return "second"; }, () => "second stopped");

            Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
            stopping.Cancel();
            release.Set();

            Assert.Equal(new[] { "first", "second stopped" }, work.Drain());
            Assert.Equal(1, ran);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
