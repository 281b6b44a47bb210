using System;
using System.Collections.Generic;
using System.Globalization;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// What each subscription needs before the reseller relationship can be removed, by Partner Center's rules today
    /// (../shared/partnercenter-api.md, sections 3, 4 and 9). Nothing else in the module decides what blocks removal.
    /// <list type="bullet">
    /// <item>legacy, active: Suspend (a suspended legacy subscription is not billed);</item>
    /// <item>new commerce, active or suspended, inside its cancellation window: Cancel, by the window's end;</item>
    /// <item>new commerce outside its window: DisableAutoRenew while it is on, and WaitForExpiry until its commitment end;</item>
    /// <item>an Azure plan with active Azure subscriptions: Manual; without: Suspend;</item>
    /// <item>an add-on: what its base needs, on the add-on itself;</item>
    /// <item>deleted, expired, disabled: nothing; any other status: Manual.</item>
    /// </list>
    /// </summary>
    internal static class OffboardingRules
    {
        /// <param name="baseSubscription">The base of an add-on, when the customer has it; its terms decide for the add-on.</param>
        /// <param name="activeAzureSubscriptions">For an active Azure plan, how many Azure subscriptions under it are active.</param>
        public static IEnumerable<OffboardingStep> StepsFor(Subscription subscription, Subscription? baseSubscription, int activeAzureSubscriptions, DateTime now)
        {
            if (SubscriptionStatus.IsFinal(subscription.Status))
            {
                yield break;
            }

            var active = SubscriptionStatus.IsActive(subscription.Status);
            var suspended = SubscriptionStatus.IsSuspended(subscription.Status);
            if (!active && !suspended)
            {
                yield return Step(subscription, OffboardingAction.Manual, null,
                    $"It is {subscription.Status}: Partner Center decides what becomes of it. Wait until it is active or final, then make the plan again.");
                yield break;
            }

            var terms = baseSubscription ?? subscription;
            var prefix = baseSubscription == null ? string.Empty : $"Add-on of {baseSubscription.OfferName}, so it follows its base. ";
            foreach (var (action, deadline, reason) in Needs(terms, active, suspended, activeAzureSubscriptions, now))
            {
                yield return Step(subscription, action, deadline, prefix + reason);
            }
        }

        /// <summary>Removal steps come in this order: reversible before irreversible, today before later.</summary>
        public static int Order(string action) => action switch
        {
            OffboardingAction.Suspend => 0,
            OffboardingAction.Cancel => 1,
            OffboardingAction.DisableAutoRenew => 2,
            OffboardingAction.WaitForExpiry => 3,
            _ => 4,
        };

        private static IEnumerable<(string Action, DateTime? Deadline, string Reason)> Needs(
            Subscription terms, bool active, bool suspended, int activeAzureSubscriptions, DateTime now)
        {
            if (CommitmentTerms.IsAzurePlan(terms))
            {
                if (suspended)
                {
                    yield break;
                }

                yield return activeAzureSubscriptions > 0
                    ? (OffboardingAction.Manual, null,
                        $"Azure plan with {activeAzureSubscriptions} active Azure subscription(s): cancel them in the Azure portal (and any reservations, " +
                        "through Azure support), then suspend the plan. Usage is billed until then.")
                    : (OffboardingAction.Suspend, null, "Azure plan with no active Azure subscription: suspend it. Nothing more is billed.");
                yield break;
            }

            if (!CommitmentTerms.IsNewCommerce(terms))
            {
                if (active)
                {
                    yield return (OffboardingAction.Suspend, null, "Legacy subscription: suspend it. A suspended legacy subscription is not billed.");
                }

                yield break;
            }

            foreach (var need in NewCommerceNeeds(terms, suspended, now))
            {
                yield return need;
            }
        }

        private static IEnumerable<(string Action, DateTime? Deadline, string Reason)> NewCommerceNeeds(Subscription terms, bool suspended, DateTime now)
        {
            var state = suspended ? "Suspended, and still billed" : "New commerce";
            if (CommitmentTerms.IsCancellationWindowOpen(terms, now))
            {
                yield return (OffboardingAction.Cancel, terms.CancellationAllowedUntil,
                    $"{state}: cancel it by {Moment(terms.CancellationAllowedUntil)} for a prorated refund. " +
                    "Suspending it would not stop billing, and the relationship cannot be removed until it is cancelled or expired.");
                yield break;
            }

            var closed = terms.CancellationAllowedUntil is DateTime until ? $"Its cancellation window closed on {Moment(until)}" : "Partner Center allows no cancellation";
            var end = terms.CommitmentEndDate;

            // A suspended subscription does not renew: at its term end Partner Center disables it.
            if (terms.AutoRenewEnabled && !suspended)
            {
                yield return (OffboardingAction.DisableAutoRenew, end,
                    $"{closed}. Turn auto-renew off before {Day(end)}, or it renews for another term ({terms.TermDuration}) with a new bill.");
            }

            yield return (OffboardingAction.WaitForExpiry, end,
                $"{closed}. {(suspended ? "Suspended, it" : "It")} is billed until its commitment ends on {Day(end)}; the relationship can be removed after that.");
        }

        private static OffboardingStep Step(Subscription subscription, string action, DateTime? deadline, string reason) => new OffboardingStep
        {
            CustomerId = subscription.CustomerId,
            CustomerName = subscription.CustomerName,
            SubscriptionId = subscription.SubscriptionId,
            OfferName = subscription.OfferName,
            Action = action,
            Deadline = deadline,
            Reason = reason,
            Subscription = subscription,
        };

        private static string Moment(DateTime? moment) =>
            moment?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

        private static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "its commitment end";
    }
}
