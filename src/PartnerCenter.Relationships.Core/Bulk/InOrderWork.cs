using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.Bulk
{
    /// <summary>
    /// The work items of a bulk command, run up to <c>throttleLimit</c> side by side on worker threads, their results
    /// handed back in the order the items came in. Only results cross back: the caller (the pipeline thread) writes
    /// them, confirms and reports, so nothing PowerShell-facing ever runs on another thread. Not concurrent (a backend
    /// without <see cref="Backends.BackendCapabilities.ConcurrentWrites"/>), each item runs at once on the caller's thread.
    /// Work must not throw: its failure is part of its result.
    /// </summary>
    public sealed class InOrderWork<TResult> : IDisposable
    {
        private static readonly TimeSpan WaitingInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>Items queued ahead at the least: at ten changes a second, six seconds of work for the slots.</summary>
        private const int LeastLookAhead = 64;

        private readonly bool _concurrent;
        private readonly int _maxWaiting;
        private readonly ConcurrencyLimiter _slots;
        private readonly CancellationToken _cancellation;
        private readonly Queue<Task<TResult>> _inOrder = new Queue<Task<TResult>>();

        public InOrderWork(bool concurrent, int throttleLimit, CancellationToken cancellation)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "at least 1");
            }

            _concurrent = concurrent;

            // Enough queued work to keep every slot busy while the caller writes finished results or reads its next
            // input (a listing read that faults waits seconds in its backoff), and no more: a million piped items
            // must not become a million pending tasks.
            _maxWaiting = LookAhead(throttleLimit);

            // Slots are handed out oldest first (a SemaphoreSlim promises no order): items start in the order they
            // came, so the first result, which every later one is written behind, is never the last to start.
            _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = throttleLimit,
                QueueLimit = int.MaxValue, // how many wait is bounded above, by the look-ahead
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _cancellation = cancellation;
        }

        /// <summary>How many items are queued at most (running or waiting for a slot) before Add waits for the oldest.</summary>
        internal static int LookAhead(int throttleLimit) => Math.Max(throttleLimit * 4, LeastLookAhead);

        /// <summary>How many items were added.</summary>
        public int Added { get; private set; }

        /// <summary>How many results were handed back.</summary>
        public int Completed { get; private set; }

        /// <summary>
        /// Queues one item; <paramref name="stopped"/> is its result if the command is stopped before it starts. When
        /// enough are queued already, waits for the oldest, calling <paramref name="waiting"/> about four times a second.
        /// </summary>
        public void Add(Func<TResult> work, Func<TResult> stopped, Action? waiting = null)
        {
            Added++;
            if (!_concurrent)
            {
                _inOrder.Enqueue(Task.FromResult(work()));
                return;
            }

            if (_inOrder.Count >= _maxWaiting)
            {
                WaitQuietly(_inOrder.Peek(), waiting);
            }

            // The slot is asked for here, on the caller's thread, so the queue of those waiting is in input order.
            _inOrder.Enqueue(RunInSlot(_slots.AcquireAsync(1, _cancellation), work, stopped));
        }

        /// <summary>Queues a result that needs no work (an item refused before it started), in its place among the others.</summary>
        public void AddDone(TResult result)
        {
            Added++;
            _inOrder.Enqueue(Task.FromResult(result));
        }

        /// <summary>Results that are ready at the head of the queue, in order, without waiting for the rest.</summary>
        public IEnumerable<TResult> TakeCompleted()
        {
            while (_inOrder.Count > 0 && _inOrder.Peek().IsCompleted)
            {
                Completed++;
                yield return _inOrder.Dequeue().GetAwaiter().GetResult();
            }
        }

        /// <summary>
        /// Every remaining result, in order, each as soon as it and those before it are done. While it waits,
        /// <paramref name="waiting"/> is called about four times a second, on the caller's thread (to write progress).
        /// </summary>
        public IEnumerable<TResult> Drain(Action? waiting = null)
        {
            while (_inOrder.Count > 0)
            {
                WaitQuietly(_inOrder.Peek(), waiting);
                Completed++;
                yield return _inOrder.Dequeue().GetAwaiter().GetResult();
            }
        }

        public void Dispose() => _slots.Dispose();

        private async Task<TResult> RunInSlot(ValueTask<RateLimitLease> slot, Func<TResult> work, Func<TResult> stopped)
        {
            RateLimitLease lease;
            try
            {
                lease = await slot.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return stopped();
            }

            using (lease)
            {
                if (!lease.IsAcquired || _cancellation.IsCancellationRequested)
                {
                    return stopped(); // the command was stopped (or ended) before its turn came
                }

                // A thread of its own: the work waits synchronously on Partner Center, at times for a throttled
                // minute, and up to 64 of them side by side would starve the thread pool their own answers need.
                return await Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        private void WaitQuietly(Task task, Action? waiting)
        {
            try
            {
                while (!task.Wait((int)WaitingInterval.TotalMilliseconds, _cancellation))
                {
                    waiting?.Invoke();
                }
            }
            catch (AggregateException)
            {
                // Its result (or failure) is handed back in order.
            }
            catch (OperationCanceledException)
            {
                // Stopped: the caller is about to be stopped too; nothing more is waited for.
            }
        }
    }
}
