using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// Which steps of an offboarding plan still block removal, and what clears each of those the module can do
    /// itself: suspending (reversible) and cancelling (irreversible). Which step a subscription needs is
    /// <see cref="OffboardingRules"/>'s to say.
    /// </summary>
    internal static class RemovalBlockers
    {
        /// <summary>The steps not covered by what the caller allows (or approved): every step but the allowed suspensions and cancellations.</summary>
        public static List<OffboardingStep> Uncovered(OffboardingPlan plan, Func<OffboardingStep, bool> suspensionAllowed, Func<OffboardingStep, bool> cancellationAllowed) =>
            plan.Steps.Where(step =>
                    !(step.Action == OffboardingAction.Suspend && suspensionAllowed(step)) &&
                    !(step.Action == OffboardingAction.Cancel && cancellationAllowed(step)))
                .ToList();

        /// <summary>Suspends the subscriptions of these steps; returns the ids suspended (one changed meanwhile is left out).</summary>
        public static ISet<Guid> Suspend(IPartnerBackend backend, IReadOnlyCollection<OffboardingStep> steps) =>
            steps.Count == 0
                ? new HashSet<Guid>()
                : backend.UpdateSubscriptionStatuses(steps.Select(s => s.Subscription).ToList(), SubscriptionStatus.Active, SubscriptionStatus.Suspended);

        /// <summary>Cancels the subscription of one step (status deleted), from the status the plan saw; false when it changed meanwhile.</summary>
        public static bool Cancel(IPartnerBackend backend, OffboardingStep step) =>
            backend.UpdateSubscriptionStatuses(new[] { step.Subscription }, step.Subscription.Status, SubscriptionStatus.Deleted).Count == 1;
    }
}
