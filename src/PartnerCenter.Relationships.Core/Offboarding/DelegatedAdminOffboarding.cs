using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>Which of a customer's delegated admin access an offboarding may end: legacy DAP, and GDAP relationships by id.</summary>
    public sealed class DelegatedAdminApproval
    {
        public static readonly DelegatedAdminApproval None = new DelegatedAdminApproval(false, Array.Empty<string>());

        public DelegatedAdminApproval(bool removeLegacyDap, IReadOnlyCollection<string> terminations)
        {
            RemoveLegacyDap = removeLegacyDap;
            Terminations = terminations ?? Array.Empty<string>();
        }

        public bool RemoveLegacyDap { get; }

        public IReadOnlyCollection<string> Terminations { get; }
    }

    /// <summary>What became of a customer's GDAP relationships after its removal: ended here, left, or not readable.</summary>
    internal sealed class AdminRelationshipOutcome
    {
        public List<AdminRelationship> Ended { get; } = new List<AdminRelationship>();

        /// <summary>Still granting access or still ending when listed again; null when they could not be listed.</summary>
        public IReadOnlyList<AdminRelationship>? Remaining { get; set; }

        /// <summary>Why they could not be listed (no Microsoft Graph token).</summary>
        public string? NotChecked { get; set; }

        public List<PartnerException> Failures { get; } = new List<PartnerException>();
    }

    /// <summary>
    /// The delegated-admin part of offboarding. Removal of the reseller relationship does not end GDAP relationships
    /// (their lifecycle is Graph's, apart from Partner Center's), so they are terminated as a step of their own and
    /// listed again to prove it; legacy DAP is turned off before the removal, while Partner Center still shows the
    /// customer to read it back.
    /// </summary>
    internal sealed class DelegatedAdminOffboarding
    {
        private readonly IPartnerBackend _backend;
        private readonly AdminRelationshipLookup _lookup;
        private readonly AdminRelationshipTermination _termination;

        public DelegatedAdminOffboarding(IPartnerBackend backend, AdminRelationshipWait? wait, CancellationToken cancellation)
        {
            _backend = backend;
            _lookup = new AdminRelationshipLookup(backend);
            _termination = new AdminRelationshipTermination(backend, wait, cancellation);
        }

        /// <summary>
        /// The customer's open GDAP relationships, or null and the reason when Graph cannot be asked or answers with
        /// a failure (no token, no permission, throttled, down): GDAP never blocks planning or removing the reseller
        /// relationship, it is reported as not checked.
        /// </summary>
        public (IReadOnlyList<AdminRelationship>? Open, string? NotChecked) Read(Guid customerId)
        {
            try
            {
                return (_lookup.Open(customerId), null);
            }
            catch (PartnerException ex) when (PartnerErrorId.IsGraph(ex.ErrorId))
            {
                return (null, ex.Message);
            }
        }

        /// <summary>Turns DAP off and reads the customer back: a DAP still on is DelegatedAdminAccessRemains.</summary>
        /// <param name="removed">Told as soon as the change is made, before the read-back, so a failing read-back still names it.</param>
        public void RemoveLegacyDap(Customer customer, Action removed)
        {
            _backend.RemoveDelegatedAdminAccess(customer);
            removed();
            if (_backend.GetCustomer(customer.CustomerId)?.AllowDelegatedAccess ?? true)
            {
                throw PartnerErrors.DelegatedAdminAccessRemains(customer);
            }

            customer.AllowDelegatedAccess = false;
        }

        /// <summary>
        /// Ends the approved relationships (a failure is kept, the others go on), waits for Graph to finish, and lists
        /// the customer's relationships again: what still grants access or is still ending remains.
        /// </summary>
        public AdminRelationshipOutcome EndAndVerify(Guid customerId, IReadOnlyCollection<string> approved, Action<AdminRelationshipWaitProgress>? progress)
        {
            var outcome = new AdminRelationshipOutcome();
            var (open, notChecked) = Read(customerId);
            if (open == null)
            {
                outcome.NotChecked = notChecked;
                return outcome;
            }

            var waiting = Start(open.Where(r => approved.Contains(r.RelationshipId, StringComparer.OrdinalIgnoreCase)), outcome);
            try
            {
                outcome.Ended.AddRange(_termination.WaitUntilTerminated(waiting, progress).Where(AdminRelationshipTermination.IsTerminated));

                // Listed again only when something was ended: else the listing just read, after the removal, says it.
                var after = waiting.Count == 0 && outcome.Ended.Count == 0 ? open : _lookup.Open(customerId);
                outcome.Remaining = after.Where(r => r.GrantsAccess || AdminRelationshipStatus.IsEnding(r.Status)).ToList();
            }
            catch (PartnerException ex)
            {
                // The removal is done by now: a failure here must not hide it, so it is reported with the result.
                outcome.Failures.Add(ex);
                outcome.NotChecked = ex.Message;
                outcome.Remaining = null;
            }

            return outcome;
        }

        /// <summary>Each approved relationship's ending: deleted ones are ended at once, terminated ones returned to wait for.</summary>
        private List<AdminRelationship> Start(IEnumerable<AdminRelationship> approved, AdminRelationshipOutcome outcome)
        {
            var waiting = new List<AdminRelationship>();
            foreach (var relationship in approved)
            {
                try
                {
                    var ending = _termination.Start(relationship);
                    (ending == AdminRelationshipEnding.Delete ? outcome.Ended : waiting).Add(relationship);
                }
                catch (PartnerException ex)
                {
                    outcome.Failures.Add(ex);
                }
            }

            return waiting;
        }

        /// <summary>
        /// The delegated-admin effect: verified only when DAP is known to be off and no GDAP relationship was listed
        /// granting access or ending; not observed when either remains; not checked when GDAP could not be listed.
        /// </summary>
        public static RemovalEffectCheck Check(RemovalEffectCheck legacyDap, AdminRelationshipOutcome gdap)
        {
            if (gdap.Remaining is { Count: > 0 } remaining)
            {
                return new RemovalEffectCheck(RemovalEffect.DelegatedAdmin, RemovalEffectOutcome.NotObserved,
                    legacyDap.Evidence + $" Listed again: {remaining.Count} GDAP relationship(s) remain: " +
                    string.Join(", ", remaining.Select(r => $"'{r.DisplayName}' ({r.Status})")) + ".");
            }

            if (legacyDap.Outcome == RemovalEffectOutcome.NotObserved)
            {
                return legacyDap;
            }

            if (gdap.Remaining == null)
            {
                return new RemovalEffectCheck(RemovalEffect.DelegatedAdmin, RemovalEffectOutcome.NotChecked,
                    legacyDap.Evidence + " GDAP relationships were not checked: " + gdap.NotChecked);
            }

            return new RemovalEffectCheck(RemovalEffect.DelegatedAdmin, legacyDap.Outcome, legacyDap.Evidence + " Listed again: no GDAP relationship grants access.");
        }
    }
}
