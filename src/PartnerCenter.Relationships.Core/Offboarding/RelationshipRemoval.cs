using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// Ending a customer's reseller relationship by the offboarding plan: every check first, then the reversible
    /// steps (suspensions), then the irreversible ones (cancellations, legacy DAP), then the removal, as one operation
    /// of the backend; then the approved GDAP relationships are terminated (they outlive the removal otherwise), and
    /// the customer and its GDAP relationships are read back and each effect reported as observed.
    /// </summary>
    public sealed class RelationshipRemoval
    {
        private const string Operation = "Removing a reseller relationship";

        private readonly IPartnerBackend _backend;
        private readonly OffboardingPlanner _planner;
        private readonly Func<DateTimeOffset> _clock;
        private readonly DelegatedAdminOffboarding _delegatedAdmin;

        public RelationshipRemoval(IPartnerBackend backend, Func<DateTimeOffset>? clock = null, AdminRelationshipWait? wait = null, CancellationToken cancellation = default)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _planner = new OffboardingPlanner(backend, _clock);
            _delegatedAdmin = new DelegatedAdminOffboarding(backend, wait, cancellation);
        }

        /// <summary>
        /// The plan, refused (RemovalBlockedException, nothing changed) unless every step is one the caller allows:
        /// suspensions with <paramref name="suspendActiveSubscriptions"/>, cancellations with
        /// <paramref name="cancelNewCommerceSubscriptions"/>. Waiting and manual steps always block.
        /// </summary>
        public OffboardingPlan Plan(Guid customerId, bool suspendActiveSubscriptions, bool cancelNewCommerceSubscriptions = false)
        {
            _backend.RequireUserSignIn(Operation, customerId);
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var plan = _planner.PlanFor(customer, readAdminAccess: true);
            var blocking = RemovalBlockers.Uncovered(plan, _ => suspendActiveSubscriptions, _ => cancelNewCommerceSubscriptions);
            if (blocking.Count > 0)
            {
                throw PartnerErrors.RemovalBlocked(customer, plan, blocking);
            }

            return plan;
        }

        /// <summary>
        /// Takes the approved steps and removes the relationship, as one operation: the plan is made again on what
        /// the backend holds now, and any step not approved refuses the removal before anything changes. If a later
        /// step fails, the suspensions are undone; cancellations and DAP removal cannot be, and the error names them.
        /// Once removed, the approved GDAP relationships are ended and every one left is listed in the result; a GDAP
        /// relationship that could not be ended is in <see cref="RelationshipRemovalResult.AdminRelationshipErrors"/>.
        /// </summary>
        public RelationshipRemovalResult Remove(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions, IReadOnlyCollection<Guid>? approvedCancellations = null,
            DelegatedAdminApproval? delegatedAdmin = null, Action<AdminRelationshipWaitProgress>? progress = null)
        {
            _backend.RequireUserSignIn(Operation, customerId);
            var cancellations = approvedCancellations ?? Array.Empty<Guid>();
            var admin = delegatedAdmin ?? DelegatedAdminApproval.None;
            var done = new Irreversible();
            var suspended = new List<Subscription>();
            RemovalEffects effects;
            Customer customer;
            using (var operation = _backend.BeginOperation())
            {
                try
                {
                    (customer, effects) = RemoveWithin(customerId, approvedSuspensions, cancellations, admin.RemoveLegacyDap, suspended, done);
                    operation.Complete();
                }
                catch (PartnerException ex)
                {
                    throw PartnerErrors.AfterCancellations(operation.Undo(ex), done.Cancelled, done.DapRemovedFrom);
                }
            }

            // What was suspended shows it once the removal is saved, as every status change does.
            foreach (var subscription in suspended)
            {
                subscription.Status = SubscriptionStatus.Suspended;
            }

            var gdap = _delegatedAdmin.EndAndVerify(customerId, admin.Terminations, progress);
            return Result(customer, effects, suspended, done, gdap);
        }

        /// <summary>What this removal did that cannot be undone, for the error that must name it.</summary>
        private sealed class Irreversible
        {
            public List<Subscription> Cancelled { get; } = new List<Subscription>();

            public Customer? DapRemovedFrom { get; set; }
        }

        private (Customer, RemovalEffects) RemoveWithin(Guid customerId, IReadOnlyCollection<Guid> approvedSuspensions, IReadOnlyCollection<Guid> approvedCancellations,
            bool removeLegacyDap, List<Subscription> suspended, Irreversible done)
        {
            var customer = CustomerLookup.RequireRelationship(_backend, customerId);
            var plan = _planner.PlanFor(customer, readAdminAccess: false);
            var blocking = RemovalBlockers.Uncovered(plan, s => approvedSuspensions.Contains(s.SubscriptionId), s => approvedCancellations.Contains(s.SubscriptionId));
            if (blocking.Count > 0)
            {
                throw PartnerErrors.RemovalBlocked(customer, plan, blocking);
            }

            // Reversible first: a suspension that fails leaves nothing irreversible done.
            var suspensions = plan.Steps.Where(s => s.Action == OffboardingAction.Suspend).ToList();
            var suspendedIds = RemovalBlockers.Suspend(_backend, suspensions);
            var notSuspended = suspensions.Where(s => !suspendedIds.Contains(s.SubscriptionId)).ToList();
            if (notSuspended.Count > 0)
            {
                throw PartnerErrors.RemovalBlocked(customer, plan, notSuspended);
            }

            suspended.AddRange(suspensions.Select(s => s.Subscription));

            var hadLegacyDap = customer.AllowDelegatedAccess;
            TakeIrreversibleSteps(customer, plan, removeLegacyDap, done);
            var effects = RemovalEffects.ApplyTo(customer, hadLegacyDap);
            RemoveRelationship(customer, plan);
            return (customer, effects);
        }

        /// <summary>The cancellations, then legacy DAP: each kept whatever happens next, and named if the removal then fails.</summary>
        private void TakeIrreversibleSteps(Customer customer, OffboardingPlan plan, bool removeLegacyDap, Irreversible done)
        {
            foreach (var step in plan.Steps.Where(s => s.Action == OffboardingAction.Cancel))
            {
                if (!RemovalBlockers.Cancel(_backend, step))
                {
                    throw PartnerErrors.RemovalBlocked(customer, plan, new[] { step });
                }

                // A cancellation is kept whatever happens next, so its object shows it at once.
                step.Subscription.Status = SubscriptionStatus.Deleted;
                done.Cancelled.Add(step.Subscription);
            }

            // Before the removal: once it is removed, Partner Center no longer shows the customer to read DAP back.
            if (removeLegacyDap && customer.AllowDelegatedAccess)
            {
                _delegatedAdmin.RemoveLegacyDap(customer, () => done.DapRemovedFrom = customer);
            }
        }

        /// <summary>The removal call; an answer the module has no rule for is reported with the plan, which may explain it.</summary>
        private void RemoveRelationship(Customer customer, OffboardingPlan plan)
        {
            try
            {
                _backend.RemoveResellerRelationship(customer);
            }
            catch (PartnerException ex) when (IsUnexplainedRefusal(ex))
            {
                throw PartnerErrors.RemovalRefused(customer, plan, ex);
            }
        }

        /// <summary>Partner Center said no with an answer the module has no error of its own for (the codes are undocumented).</summary>
        private static bool IsUnexplainedRefusal(PartnerException ex) =>
            ex.ErrorId == PartnerErrorId.PartnerCenterBadRequest || ex.ErrorId == PartnerErrorId.PartnerCenterConflict ||
            ex.ErrorId == PartnerErrorId.PartnerCenterPermissionDenied;

        private RelationshipRemovalResult Result(Customer customer, RemovalEffects effects, IReadOnlyList<Subscription> suspended, Irreversible done, AdminRelationshipOutcome gdap)
        {
            var legacyDapKnownOff = !effects.HadDelegatedAdmin || done.DapRemovedFrom != null;
            var checks = effects.Verify(_backend.GetCustomer(customer.CustomerId), legacyDapKnownOff)
                .Select(c => c.Effect == RemovalEffect.DelegatedAdmin ? DelegatedAdminOffboarding.Check(c, gdap) : c)
                .ToList();
            var actions = suspended.Select(s => $"Suspended subscription {s.SubscriptionId} ({s.OfferName})")
                .Concat(done.Cancelled.Select(s => $"Cancelled subscription {s.SubscriptionId} ({s.OfferName})"))
                .Concat(done.DapRemovedFrom == null ? Array.Empty<string>() : new[] { "Removed legacy delegated admin access (DAP), read back off" })
                .Concat(effects.Describe(checks, gdap.Ended.Count))
                .Concat(gdap.Ended.Select(r => $"Ended GDAP relationship '{r.DisplayName}' ({r.RelationshipId}): {r.Status}"))
                .ToList();
            return new RelationshipRemovalResult
            {
                CustomerId = customer.CustomerId,
                Name = customer.Name,
                Domain = customer.Domain,
                RelationshipToPartner = customer.RelationshipToPartner,
                SuspendedSubscriptions = suspended,
                CancelledSubscriptions = done.Cancelled,
                EndedAdminRelationships = gdap.Ended,
                RemainingAdminRelationships = gdap.Remaining,
                AdminRelationshipErrors = gdap.Failures,
                RemovedFromCustomerList = checks.Any(c => c.Effect == RemovalEffect.CustomerList && c.Outcome == RemovalEffectOutcome.Verified),
                RemovedAsSupportContact = effects.WasSupportContact && RemovalEffects.InPlace(checks, RemovalEffect.SupportContact),
                DelegatedAdminRevoked = checks.Any(c => c.Effect == RemovalEffect.DelegatedAdmin && c.Outcome == RemovalEffectOutcome.Verified),
                PurchasingEnded = effects.CouldPurchase && RemovalEffects.InPlace(checks, RemovalEffect.Purchasing),
                RemovedAt = _clock(),
                Actions = actions,
                Effects = checks,
            };
        }
    }
}
