using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Bulk;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>
    /// The queue's concurrent mode (a backend that writes side by side, as Partner Center does), against a backend
    /// that holds every write until the test lets it go: the tests decide what finishes when, and count, instead of
    /// timing anything.
    /// </summary>
    public sealed class StatusChangeQueueTests
    {
        // Each held write blocks a pool thread, as a write to Partner Center does. With the pool's minimum of one
        // thread per core (two on the CI machine), the pool adds threads about one a second, so a queue that let too
        // many writes run would show it only slowly; with threads to spare, it shows it at once.
        static StatusChangeQueueTests()
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
        }

        [Fact]
        public async Task Outcomes_ComeBackInInputOrder_ThoughTheWritesFinishOutOfOrder()
        {
            using var backend = new HeldWrites();
            var changes = backend.Changes(4);
            using var queue = backend.Queue(throttleLimit: 4, CancellationToken.None);
            changes.ForEach(queue.Add);
            Assert.True(backend.WaitUntil(() => backend.Started == 4), "the four writes did not start side by side");

            // The last three finish, the last first, while the first is still under way.
            foreach (var change in changes.Skip(1).Reverse())
            {
                backend.Release(change);
                Assert.True(backend.WaitUntil(() => backend.Finished.Contains(change.Subscription.SubscriptionId)));
            }

            HeldWrites.GraceForABrokenQueue();
            Assert.Empty(queue.TakeCompleted()); // nothing overtakes the first

            var drained = Task.Run(() => queue.Drain().ToList());
            HeldWrites.GraceForABrokenQueue();
            backend.Release(changes[0]);
            var outcomes = await drained;

            Assert.Equal(changes.Skip(1).Reverse().Append(changes[0]).Select(c => c.Subscription.SubscriptionId), backend.Finished);
            Assert.Equal(changes, outcomes.Select(o => o.Change));
            Assert.All(outcomes, o => Assert.True(o.Changed && o.Error == null));
            Assert.All(changes, c => Assert.Equal(SubscriptionStatus.Suspended, c.Subscription.Status));
            Assert.Equal((4, 4), (queue.Added, queue.Completed));
        }

        [Fact]
        public void AtMostThrottleLimitChanges_RunAtOnce()
        {
            using var backend = new HeldWrites();
            var changes = backend.Changes(12);
            using var queue = backend.Queue(throttleLimit: 3, CancellationToken.None);
            changes.ForEach(queue.Add);

            Assert.True(backend.WaitUntil(() => backend.Started == 3), "three writes did not start");
            HeldWrites.GraceForABrokenQueue();
            Assert.Equal((3, 3), (backend.Started, backend.MostAtOnce));

            // One finishes, one more starts, and never a fourth beside them. Which three run first is the thread
            // pool's to say: the queue promises the order of the outcomes, not of the writes.
            backend.Release(backend.StartedIds[0]);
            Assert.True(backend.WaitUntil(() => backend.Started == 4));
            HeldWrites.GraceForABrokenQueue();
            Assert.Equal((4, 3), (backend.Started, backend.MostAtOnce));

            backend.ReleaseAll();
            var outcomes = queue.Drain().ToList();

            Assert.Equal(changes, outcomes.Select(o => o.Change));
            Assert.All(outcomes, o => Assert.True(o.Changed));
            Assert.Equal((12, 3), (backend.Started, backend.MostAtOnce));
        }

        [Fact]
        public void TheQueue_HoldsAtMostItsLookAhead_AddWaitsForTheOldest()
        {
            var ahead = InOrderWork<StatusChangeOutcome>.LookAhead(2);
            using var backend = new HeldWrites();
            var changes = backend.Changes(ahead + 6);
            using var queue = backend.Queue(throttleLimit: 2, CancellationToken.None);
            var outcomes = new List<StatusChangeOutcome>();
            var attempted = 0;
            var added = 0;
            Exception? failed = null;

            // As the cmdlet does on the pipeline thread: add one, hand back whatever is done at the head. A failure
            // there is the test's, not the test host's to crash on.
            var adding = new Thread(() =>
            {
                try
                {
                    foreach (var change in changes)
                    {
                        Volatile.Write(ref attempted, attempted + 1);
                        queue.Add(change);
                        Volatile.Write(ref added, added + 1);
                        outcomes.AddRange(queue.TakeCompleted());
                    }
                }
                catch (Exception ex)
                {
                    failed = ex;
                }
            })
            { IsBackground = true };
            adding.Start();

            // Two run, the rest of the look-ahead waits for a slot: the one after it waits in Add.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref attempted) == ahead + 1, HeldWrites.Patience));
            HeldWrites.GraceForABrokenQueue();
            Assert.Equal(ahead, Volatile.Read(ref added));
            Assert.Equal(2, backend.Started);

            // A later change finishing does not let it in: Add waits for the oldest, whose outcome is handed back first.
            var later = backend.StartedIds.First(id => id != changes[0].Subscription.SubscriptionId);
            backend.Release(later);
            Assert.True(backend.WaitUntil(() => backend.Finished.Contains(later)));
            HeldWrites.GraceForABrokenQueue();
            Assert.Equal(ahead, Volatile.Read(ref added));

            backend.ReleaseAll();
            Assert.True(adding.Join(HeldWrites.Patience));
            Assert.Null(failed);
            outcomes.AddRange(queue.Drain());

            Assert.Equal(changes, outcomes.Select(o => o.Change));
            Assert.Equal(2, backend.MostAtOnce);
        }

        [Fact]
        public void StoppedBeforeTheirTurn_ChangesAreOperationStopped_AndNotWritten()
        {
            using var backend = new HeldWrites();
            var changes = backend.Changes(3);
            using var stop = new CancellationTokenSource();
            using var queue = backend.Queue(throttleLimit: 1, stop.Token);
            queue.Add(changes[0]);
            Assert.True(backend.WaitUntil(() => backend.Started == 1));

            // Ctrl+C while the first is being written: it is finished, the two after it never get their turn. They
            // are added after the stop, so neither is already waiting for the slot at the moment it frees: such a
            // waiter can still be handed the slot (a cancelled waiter is dropped on another thread).
            stop.Cancel();
            queue.Add(changes[1]);
            queue.Add(changes[2]);
            backend.Release(changes[0]);
            var outcomes = queue.Drain().ToList();

            Assert.Equal(changes, outcomes.Select(o => o.Change));
            Assert.True(outcomes[0].Changed);
            Assert.All(outcomes.Skip(1), o =>
            {
                Assert.False(o.Changed);
                Assert.Equal(PartnerErrorId.OperationStopped, o.Error?.ErrorId);
                Assert.Equal(PartnerErrorCategory.OperationStopped, o.Error?.Category);
                Assert.Same(o.Change.Subscription, o.Error?.Target);
                Assert.Equal(SubscriptionStatus.Active, o.Change.Subscription.Status);
            });
            Assert.Equal(1, backend.Started);
        }

        /// <summary>
        /// A backend that writes side by side and checks the relationship itself (as Partner Center does), so a
        /// preview of a held subscription reads nothing. Each write waits until the test releases its subscription,
        /// and is counted: how many started, finished (in order), and were under way at once at most.
        /// </summary>
        private sealed class HeldWrites : IPartnerBackend
        {
            /// <summary>Long enough for a loaded CI machine; a wait that takes it is a failure, never a pass.</summary>
            public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

            private readonly object _gate = new object();
            private readonly HashSet<Guid> _released = new HashSet<Guid>();
            private readonly List<Guid> _started = new List<Guid>();
            private readonly List<Guid> _finished = new List<Guid>();
            private bool _releaseAll;
            private int _running;

            public int Started { get; private set; }

            /// <summary>The subscriptions whose writes started, in the order they started.</summary>
            public IReadOnlyList<Guid> StartedIds
            {
                get
                {
                    lock (_gate)
                    {
                        return _started.ToList();
                    }
                }
            }

            public int MostAtOnce { get; private set; }

            public IReadOnlyList<Guid> Finished
            {
                get
                {
                    lock (_gate)
                    {
                        return _finished.ToList();
                    }
                }
            }

            public string Description => "held writes";

            public BackendCapabilities Capabilities => BackendCapabilities.ConcurrentWrites | BackendCapabilities.ChecksRelationshipOnWrite;

            public bool CanActAsUser => true;

            /// <summary>
            /// A moment for a queue that breaks its promise (starts one write too many, hands back an outcome too
            /// early) to show it; a correct queue passes without it, so it is no timing assertion.
            /// </summary>
            public static void GraceForABrokenQueue() => Thread.Sleep(200);

            /// <summary>Suspensions of this many active subscriptions of one customer, previewed as a bulk command previews them.</summary>
            public List<SubscriptionStatusChange> Changes(int count)
            {
                var preview = new StatusChangePreview(this);
                var customerId = Guid.NewGuid();
                return Enumerable.Range(1, count)
                    .Select(n => new Subscription { CustomerId = customerId, CustomerName = "Contoso", SubscriptionId = Guid.NewGuid(), OfferName = $"Offer {n}", Status = SubscriptionStatus.Active })
                    .Select(s => preview.Prepare(s, SubscriptionStatus.Suspended))
                    .ToList();
            }

            public StatusChangeQueue Queue(int throttleLimit, CancellationToken cancellation) =>
                new StatusChangeQueue(new StatusChanger(this, new StatusChangePreview(this)), throttleLimit, cancellation);

            public void Release(SubscriptionStatusChange change) => Release(change.Subscription.SubscriptionId);

            public void Release(Guid subscriptionId)
            {
                lock (_gate)
                {
                    _released.Add(subscriptionId);
                    Monitor.PulseAll(_gate);
                }
            }

            public void ReleaseAll()
            {
                lock (_gate)
                {
                    _releaseAll = true;
                    Monitor.PulseAll(_gate);
                }
            }

            /// <summary>Waits (at most <see cref="Patience"/>) until the condition on this backend's counts holds.</summary>
            public bool WaitUntil(Func<bool> condition)
            {
                var deadline = DateTime.UtcNow + Patience;
                lock (_gate)
                {
                    while (!condition())
                    {
                        var left = deadline - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            return false;
                        }

                        Monitor.Wait(_gate, left);
                    }

                    return true;
                }
            }

            public int CountActiveAzureSubscriptions(Subscription azurePlan) => throw new NotSupportedException();

            public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled) =>
                throw new NotSupportedException();

            public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus)
            {
                var id = subscriptions.Single().SubscriptionId;
                lock (_gate)
                {
                    Started++;
                    _started.Add(id);
                    _running++;
                    MostAtOnce = Math.Max(MostAtOnce, _running);
                    Monitor.PulseAll(_gate);
                }

                var released = WaitUntil(() => _releaseAll || _released.Contains(id));
                lock (_gate)
                {
                    _running--;
                    _finished.Add(id);
                    Monitor.PulseAll(_gate);
                }

                // A write never released would hang the test: it fails it instead (the outcome is no PartnerException).
                return released ? new HashSet<Guid> { id } : throw new TimeoutException($"the write of {id} was never released");
            }

            public PartnerInfo GetPartner() => throw new NotSupportedException();

            public IEnumerable<Customer> GetCustomers(CustomerQuery query) => throw new NotSupportedException();

            public Customer? GetCustomer(Guid customerId) => throw new NotSupportedException();

            public IEnumerable<Subscription> GetSubscriptions(Guid customerId) => throw new NotSupportedException();

            public Subscription? GetSubscription(Guid customerId, Guid subscriptionId) => throw new NotSupportedException();

            public void RemoveResellerRelationship(Customer customer) => throw new NotSupportedException();

            public RelationshipRequest? FindPendingRelationshipRequest(Guid customerId) => throw new NotSupportedException();

            public RelationshipRequest CreateRelationshipRequest(Customer customer) => throw new NotSupportedException();

            public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query) => throw new NotSupportedException();

            public AdminRelationship? GetAdminRelationship(string relationshipId) => throw new NotSupportedException();

            public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship) => throw new NotSupportedException();

            public void DeleteAdminRelationship(AdminRelationship relationship) => throw new NotSupportedException();

            public void RemoveDelegatedAdminAccess(Customer customer) => throw new NotSupportedException();

            public string GetResellerInvitationUrl() => throw new NotSupportedException();

            public IReadOnlyList<string> TakeVerboseMessages() => Array.Empty<string>();

            public string? ThrottleWait => null;

            public IPartnerOperation BeginOperation() => throw new NotSupportedException();

            public void Dispose() => ReleaseAll();
        }
    }
}
