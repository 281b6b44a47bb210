using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Subscriptions
{
    /// <summary>
    /// Applies approved subscription status changes for a bulk command and hands the outcomes back in the order the
    /// changes came in. A backend without <see cref="BackendCapabilities.ConcurrentWrites"/> (the local store) saves
    /// them in batches, one transaction each, on the caller's thread. Against Partner Center every change is its own
    /// PATCH (read and written again only when the subscription changed meanwhile), so up to <c>throttleLimit</c> of
    /// them run side by side on worker threads; only the outcomes cross back, and the caller (the pipeline thread)
    /// writes them, so nothing PowerShell-facing ever runs on another thread.
    /// </summary>
    public sealed class StatusChangeQueue : IDisposable
    {
        /// <summary>Local store: approved changes saved together, this many at a time.</summary>
        public const int LocalBatchSize = 200;

        private static readonly TimeSpan WaitingInterval = TimeSpan.FromMilliseconds(250);

        private readonly StatusChanger _changer;
        private readonly StatusChangeBatch _batches;
        private readonly bool _concurrent;
        private readonly int _maxWaiting;
        private readonly SemaphoreSlim _slots;
        private readonly CancellationToken _cancellation;
        private readonly Queue<Task<StatusChangeOutcome>> _inOrder = new Queue<Task<StatusChangeOutcome>>();
        private readonly List<SubscriptionStatusChange> _batch = new List<SubscriptionStatusChange>();
        private readonly Queue<StatusChangeOutcome> _saved = new Queue<StatusChangeOutcome>();

        public StatusChangeQueue(StatusChanger changer, int throttleLimit, CancellationToken cancellation)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "at least 1");
            }

            _changer = changer;
            _batches = new StatusChangeBatch(changer);
            _concurrent = changer.Backend.Can(BackendCapabilities.ConcurrentWrites);
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);

            // Enough queued work to keep every slot busy while the caller writes finished results, and no more:
            // a million piped subscriptions must not become a million pending tasks.
            _maxWaiting = throttleLimit * 4;
            _cancellation = cancellation;
        }

        /// <summary>How many changes were added.</summary>
        public int Added { get; private set; }

        /// <summary>How many outcomes were handed back.</summary>
        public int Completed { get; private set; }

        /// <summary>Queues one change. May wait for the oldest running change when enough are under way already.</summary>
        public void Add(SubscriptionStatusChange change) => Add(change, null);

        /// <summary>Queues one change; while it waits for the oldest running change, <paramref name="waiting"/> is called about four times a second.</summary>
        public void Add(SubscriptionStatusChange change, Action? waiting)
        {
            _waiting = waiting;
            Added++;
            if (!_concurrent)
            {
                _batch.Add(change);
                if (_batch.Count >= LocalBatchSize)
                {
                    SaveBatch();
                }

                return;
            }

            if (_inOrder.Count >= _maxWaiting)
            {
                WaitQuietly(_inOrder.Peek());
            }

            _inOrder.Enqueue(Task.Run(() => ApplyInSlot(change)));
        }

        /// <summary>Outcomes that are ready at the head of the queue, in order, without waiting for the rest.</summary>
        public IEnumerable<StatusChangeOutcome> TakeCompleted()
        {
            while (_saved.Count > 0)
            {
                Completed++;
                yield return _saved.Dequeue();
            }

            while (_inOrder.Count > 0 && _inOrder.Peek().IsCompleted)
            {
                Completed++;
                yield return _inOrder.Dequeue().GetAwaiter().GetResult();
            }
        }

        /// <summary>
        /// Every remaining outcome, in order, each as soon as it and those before it are done. While it waits,
        /// <paramref name="waiting"/> is called about four times a second, on the caller's thread (to write progress).
        /// </summary>
        public IEnumerable<StatusChangeOutcome> Drain(Action? waiting = null)
        {
            _waiting = waiting;
            SaveBatch();
            foreach (var outcome in TakeCompleted())
            {
                yield return outcome;
            }

            while (_inOrder.Count > 0)
            {
                WaitQuietly(_inOrder.Peek());
                Completed++;
                yield return _inOrder.Dequeue().GetAwaiter().GetResult();
            }
        }

        private Action? _waiting;

        public void Dispose() => _slots.Dispose();

        private void SaveBatch()
        {
            if (_batch.Count == 0)
            {
                return;
            }

            foreach (var outcome in _batches.Apply(_batch))
            {
                _saved.Enqueue(outcome);
            }

            _batch.Clear();
        }

        private async Task<StatusChangeOutcome> ApplyInSlot(SubscriptionStatusChange change)
        {
            try
            {
                await _slots.WaitAsync(_cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new StatusChangeOutcome(change, false, PartnerErrors.OperationStopped(change.Subscription));
            }

            try
            {
                // A thread of its own: the change waits synchronously on Partner Center, at times for a throttled
                // minute, and up to 64 of them side by side would starve the thread pool their own answers need.
                return await Task.Factory.StartNew(() => _changer.TryApply(change), CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        private void WaitQuietly(Task task)
        {
            try
            {
                while (!task.Wait((int)WaitingInterval.TotalMilliseconds, _cancellation))
                {
                    _waiting?.Invoke();
                }
            }
            catch (AggregateException)
            {
                // Its outcome (or failure) is handed back in order by TakeCompleted.
            }
            catch (OperationCanceledException)
            {
                // Stopped: the caller is about to be stopped too; nothing more is waited for.
            }
        }
    }
}
