using System;
using System.Collections.Generic;
using System.Threading;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Bulk;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// Many customers' removals at once, as <see cref="RelationshipRemoval"/> does one: against Partner Center, up to
    /// <c>throttleLimit</c> customers are planned side by side and, once the caller has confirmed a plan's steps on
    /// its own thread, removed side by side, all under the connection's one throttle. Plans come back in input order
    /// (so confirmations are asked in that order) and so do outcomes, refusals and declined plans in their places.
    /// The local store plans and removes each customer on the caller's thread as it comes.
    /// </summary>
    public sealed class BulkRemoval : IDisposable
    {
        private readonly IPartnerBackend _backend;
        private readonly bool _suspend;
        private readonly bool _cancel;
        private readonly CancellationToken _cancellation;
        private readonly bool _concurrent;
        private readonly InOrderWork<PlannedRemoval> _plans;
        private readonly InOrderWork<RemovalOutcome> _removals;
        private AdminRelationshipWaitProgress? _waitProgress;

        public BulkRemoval(IPartnerBackend backend, int throttleLimit, bool suspendActiveSubscriptions, bool cancelNewCommerceSubscriptions, CancellationToken cancellation)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _suspend = suspendActiveSubscriptions;
            _cancel = cancelNewCommerceSubscriptions;
            _cancellation = cancellation;
            _concurrent = backend.Can(BackendCapabilities.ConcurrentWrites);
            _plans = new InOrderWork<PlannedRemoval>(_concurrent, throttleLimit, cancellation);
            _removals = new InOrderWork<RemovalOutcome>(_concurrent, throttleLimit, cancellation);
        }

        /// <summary>Customers whose outcome is known or under way (the total of the progress bar so far).</summary>
        public int Added => _plans.Added;

        /// <summary>Outcomes handed back.</summary>
        public int Completed => _removals.Completed;

        /// <summary>Queues the plan of one customer; refused plans (RemovalBlocked and the like) come back with their error.</summary>
        public void Plan(Guid customerId, Action? waiting) =>
            _plans.Add(() => TryPlan(customerId), () => new PlannedRemoval(customerId, null, PartnerErrors.RemovalStopped(customerId)), waiting);

        /// <summary>Plans that are ready, in input order, without waiting.</summary>
        public IEnumerable<PlannedRemoval> TakePlanned() => _plans.TakeCompleted();

        /// <summary>Every plan left, in input order, waiting for each.</summary>
        public IEnumerable<PlannedRemoval> DrainPlanned(Action? waiting) => _plans.Drain(waiting);

        /// <summary>
        /// Queues the removal of a confirmed plan. <paramref name="progress"/> hears of a wait for Graph's
        /// terminations on the caller's thread only: in a concurrent run the latest is kept for <see cref="TakeWaitProgress"/>.
        /// </summary>
        public void Remove(PlannedRemoval planned, IReadOnlyCollection<Guid> suspensions, IReadOnlyCollection<Guid> cancellations, DelegatedAdminApproval delegatedAdmin,
            Action<AdminRelationshipWaitProgress> progress, Action? waiting)
        {
            Action<AdminRelationshipWaitProgress> report = _concurrent ? p => Volatile.Write(ref _waitProgress, p) : progress;
            _removals.Add(() => TryRemove(planned, suspensions, cancellations, delegatedAdmin, report), () => RemovalOutcome.Refused(planned, PartnerErrors.RemovalStopped(planned.CustomerId)), waiting);
        }

        /// <summary>A plan refused or declined: its outcome, in its place among the others, with nothing changed.</summary>
        public void Skip(PlannedRemoval planned) =>
            _removals.AddDone(planned.Error != null ? RemovalOutcome.Refused(planned, planned.Error) : RemovalOutcome.Declined(planned));

        /// <summary>Outcomes that are ready, in input order, without waiting.</summary>
        public IEnumerable<RemovalOutcome> TakeCompleted() => _removals.TakeCompleted();

        /// <summary>Every outcome left, in input order, waiting for each.</summary>
        public IEnumerable<RemovalOutcome> Drain(Action? waiting) => _removals.Drain(waiting);

        /// <summary>The latest wait for Graph's terminations reported by a concurrent removal since last asked; else null.</summary>
        public AdminRelationshipWaitProgress? TakeWaitProgress() => Interlocked.Exchange(ref _waitProgress, null);

        public void Dispose()
        {
            _plans.Dispose();
            _removals.Dispose();
        }

        private PlannedRemoval TryPlan(Guid customerId)
        {
            try
            {
                return new PlannedRemoval(customerId, new RelationshipRemoval(_backend, null, null, _cancellation).Plan(customerId, _suspend, _cancel), null);
            }
            catch (PartnerException ex)
            {
                return new PlannedRemoval(customerId, null, ex);
            }
        }

        private RemovalOutcome TryRemove(PlannedRemoval planned, IReadOnlyCollection<Guid> suspensions, IReadOnlyCollection<Guid> cancellations, DelegatedAdminApproval delegatedAdmin,
            Action<AdminRelationshipWaitProgress> progress)
        {
            try
            {
                var removal = new RelationshipRemoval(_backend, null, null, _cancellation);
                return RemovalOutcome.Removed(planned, removal.Remove(planned.CustomerId, suspensions, cancellations, delegatedAdmin, progress));
            }
            catch (PartnerException ex)
            {
                return RemovalOutcome.Refused(planned, ex);
            }
        }
    }
}
