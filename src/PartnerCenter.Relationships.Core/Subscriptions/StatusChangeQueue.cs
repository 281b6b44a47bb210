using System;
using System.Collections.Generic;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Bulk;
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

        private readonly StatusChanger _changer;
        private readonly StatusChangeBatch _batches;
        private readonly bool _concurrent;
        private readonly InOrderWork<StatusChangeOutcome> _work;
        private readonly List<SubscriptionStatusChange> _batch = new List<SubscriptionStatusChange>();

        public StatusChangeQueue(StatusChanger changer, int throttleLimit, CancellationToken cancellation)
        {
            _changer = changer;
            _batches = new StatusChangeBatch(changer);
            _concurrent = changer.Backend.Can(BackendCapabilities.ConcurrentWrites);
            _work = new InOrderWork<StatusChangeOutcome>(_concurrent, throttleLimit, cancellation);
        }

        /// <summary>How many changes were added.</summary>
        public int Added { get; private set; }

        /// <summary>How many outcomes were handed back.</summary>
        public int Completed => _work.Completed;

        /// <summary>Queues one change. May wait for the oldest running change when enough are under way already.</summary>
        public void Add(SubscriptionStatusChange change) => Add(change, null);

        /// <summary>Queues one change; while it waits for the oldest running change, <paramref name="waiting"/> is called about four times a second.</summary>
        public void Add(SubscriptionStatusChange change, Action? waiting)
        {
            Added++;
            if (_concurrent)
            {
                _work.Add(() => _changer.TryApply(change), () => new StatusChangeOutcome(change, false, PartnerErrors.OperationStopped(change.Subscription)), waiting);
                return;
            }

            _batch.Add(change);
            if (_batch.Count >= LocalBatchSize)
            {
                SaveBatch();
            }
        }

        /// <summary>Outcomes that are ready at the head of the queue, in order, without waiting for the rest.</summary>
        public IEnumerable<StatusChangeOutcome> TakeCompleted() => _work.TakeCompleted();

        /// <summary>
        /// Every remaining outcome, in order, each as soon as it and those before it are done. While it waits,
        /// <paramref name="waiting"/> is called about four times a second, on the caller's thread (to write progress).
        /// </summary>
        public IEnumerable<StatusChangeOutcome> Drain(Action? waiting = null)
        {
            SaveBatch();
            return _work.Drain(waiting);
        }

        public void Dispose() => _work.Dispose();

        private void SaveBatch()
        {
            if (_batch.Count == 0)
            {
                return;
            }

            // Saved already: they wait in the same queue as concurrent outcomes would, in order.
            foreach (var outcome in _batches.Apply(_batch))
            {
                _work.AddDone(outcome);
            }

            _batch.Clear();
        }
    }
}
