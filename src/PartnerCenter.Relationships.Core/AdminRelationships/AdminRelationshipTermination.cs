using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.AdminRelationships
{
    /// <summary>What ending a GDAP relationship takes, by its status: the one rule, used by every command.</summary>
    public enum AdminRelationshipEnding
    {
        /// <summary>Active (or expiring, approved, activating): ask Graph to terminate it.</summary>
        Terminate,

        /// <summary>Created, never sent to the customer: delete it, with its etag.</summary>
        Delete,

        /// <summary>Termination already requested or under way: Graph finishes it.</summary>
        AlreadyEnding,

        /// <summary>Terminated already: nothing to do.</summary>
        AlreadyTerminated,

        /// <summary>Waiting for approval, expired, or a status with no ending: refused with AdminRelationshipCannotTerminate.</summary>
        Refuse,
    }

    /// <summary>How long and how often to check that Graph has finished a termination.</summary>
    public sealed class AdminRelationshipWait
    {
        /// <summary>How long to keep checking before saying the termination is still pending. Default 5 minutes.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The first pause; each later one doubles, up to <see cref="MaxDelay"/>. Default 0.5 s.</summary>
        public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    }

    /// <summary>Where a wait stands, for a progress bar: how many are terminated, and the next check.</summary>
    public sealed class AdminRelationshipWaitProgress
    {
        internal AdminRelationshipWaitProgress(int terminated, int total, TimeSpan elapsed, TimeSpan nextCheck)
        {
            Terminated = terminated;
            Total = total;
            Elapsed = elapsed;
            NextCheck = nextCheck;
        }

        public int Terminated { get; }

        public int Total { get; }

        public TimeSpan Elapsed { get; }

        public TimeSpan NextCheck { get; }
    }

    /// <summary>
    /// Ends GDAP relationships: a termination request for an active one, deletion for one never sent, nothing for one
    /// already ending; then, when asked, waits with backoff until Graph shows each terminated.
    /// </summary>
    public sealed class AdminRelationshipTermination
    {
        private readonly IPartnerBackend _backend;
        private readonly AdminRelationshipWait _wait;
        private readonly CancellationToken _cancellation;

        public AdminRelationshipTermination(IPartnerBackend backend, AdminRelationshipWait? wait = null, CancellationToken cancellation = default)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _wait = wait ?? new AdminRelationshipWait();
            _cancellation = cancellation;
        }

        /// <summary>The rule: what ending a relationship in this status takes.</summary>
        public static AdminRelationshipEnding EndingFor(AdminRelationship relationship)
        {
            var status = relationship.Status;
            return relationship.GrantsAccess ? AdminRelationshipEnding.Terminate
                : KnownValues.AreEqual(status, AdminRelationshipStatus.Created) ? AdminRelationshipEnding.Delete
                : AdminRelationshipStatus.IsEnding(status) ? AdminRelationshipEnding.AlreadyEnding
                : KnownValues.AreEqual(status, AdminRelationshipStatus.Terminated) ? AdminRelationshipEnding.AlreadyTerminated
                : AdminRelationshipEnding.Refuse;
        }

        /// <summary>
        /// Ends the relationship as <see cref="EndingFor"/> says; returns what it took. The relationship's status shows
        /// the request at once (terminationRequested), as Graph answers it.
        /// </summary>
        public AdminRelationshipEnding Start(AdminRelationship relationship)
        {
            var ending = EndingFor(relationship);
            switch (ending)
            {
                case AdminRelationshipEnding.Terminate:
                    _backend.RequestAdminRelationshipTermination(relationship);
                    relationship.Status = AdminRelationshipStatus.TerminationRequested;
                    break;
                case AdminRelationshipEnding.Delete:
                    _backend.DeleteAdminRelationship(relationship);
                    break;
                case AdminRelationshipEnding.Refuse:
                    throw PartnerErrors.AdminRelationshipCannotTerminate(relationship);
            }

            return ending;
        }

        /// <summary>
        /// Reads each relationship again, pausing with backoff, until all are terminated (or gone) or the wait runs
        /// out; returns each as last read, so a caller tells the still-ending ones apart by status.
        /// </summary>
        public IReadOnlyList<AdminRelationship> WaitUntilTerminated(IReadOnlyList<AdminRelationship> relationships, Action<AdminRelationshipWaitProgress>? progress = null)
        {
            var latest = relationships.ToList();
            var clock = Stopwatch.StartNew();
            var delay = _wait.FirstDelay;
            while (true)
            {
                var terminated = latest.Count(IsTerminated);
                var left = _wait.Timeout - clock.Elapsed;
                if (terminated == latest.Count || left <= TimeSpan.Zero)
                {
                    return latest;
                }

                var pause = delay < left ? delay : left;
                progress?.Invoke(new AdminRelationshipWaitProgress(terminated, latest.Count, clock.Elapsed, pause));
                if (_cancellation.WaitHandle.WaitOne(pause))
                {
                    _cancellation.ThrowIfCancellationRequested();
                }

                latest = latest.Select(r => IsTerminated(r) ? r : _backend.GetAdminRelationship(r.RelationshipId) ?? Gone(r)).ToList();
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _wait.MaxDelay.Ticks));
            }
        }

        public static bool IsTerminated(AdminRelationship relationship) =>
            KnownValues.AreEqual(relationship.Status, AdminRelationshipStatus.Terminated);

        /// <summary>No longer listed (a deleted one): nothing is left of it, as of a terminated one.</summary>
        private static AdminRelationship Gone(AdminRelationship relationship)
        {
            relationship.Status = AdminRelationshipStatus.Terminated;
            return relationship;
        }
    }
}
