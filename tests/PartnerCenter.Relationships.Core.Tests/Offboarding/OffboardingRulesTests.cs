using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    /// <summary>The rules table: commerce type x status x cancellation window x auto-renew, and the Azure plan and add-on cases.</summary>
    public class OffboardingRulesTests
    {
        private static readonly DateTime Now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime CommitmentEnd = new DateTime(2027, 8, 31, 0, 0, 0, DateTimeKind.Utc);

        private static Subscription Subscription(string commerce, string status, string window, bool autoRenew, string billing = BillingType.License) => new Subscription
        {
            SubscriptionId = Guid.NewGuid(),
            OfferName = "Offer",
            CommerceType = commerce,
            Status = status,
            BillingType = billing,
            AutoRenewEnabled = autoRenew,
            TermDuration = TermDuration.OneYear,
            CommitmentEndDate = CommitmentEnd,
            CancellationAllowedUntil = window switch
            {
                "open" => Now.AddDays(3),
                "closed" => Now.AddDays(-80),
                _ => (DateTime?)null,
            },
        };

        private static string Actions(Subscription subscription, Subscription? baseSubscription = null, int azure = 0) =>
            string.Join(",", OffboardingRules.StepsFor(subscription, baseSubscription, azure, Now).Select(s => s.Action));

        [Theory]
        // commerce, status, window (open/closed/none), auto-renew, expected actions
        [InlineData("Legacy", "Active", "none", true, "Suspend")]
        [InlineData("Legacy", "Suspended", "none", true, "")]
        [InlineData("NewCommerce", "Active", "open", true, "Cancel")]
        [InlineData("NewCommerce", "Active", "open", false, "Cancel")]
        [InlineData("NewCommerce", "Suspended", "open", true, "Cancel")]
        [InlineData("NewCommerce", "Active", "closed", true, "DisableAutoRenew,WaitForExpiry")]
        [InlineData("NewCommerce", "Active", "closed", false, "WaitForExpiry")]
        [InlineData("NewCommerce", "Active", "none", true, "DisableAutoRenew,WaitForExpiry")]
        [InlineData("NewCommerce", "Suspended", "closed", true, "WaitForExpiry")]
        [InlineData("NewCommerce", "Suspended", "closed", false, "WaitForExpiry")]
        [InlineData("NewCommerce", "Deleted", "open", true, "")]
        [InlineData("NewCommerce", "Expired", "closed", false, "")]
        [InlineData("NewCommerce", "Disabled", "closed", false, "")]
        [InlineData("Legacy", "Deleted", "none", false, "")]
        [InlineData("Legacy", "Expired", "none", false, "")]
        [InlineData("NewCommerce", "Pending", "open", true, "Manual")]
        [InlineData("Legacy", "Migrating", "none", true, "Manual")]
        public void EachSubscriptionNeeds(string commerce, string status, string window, bool autoRenew, string expected)
        {
            Assert.Equal(expected, Actions(Subscription(commerce, status, window, autoRenew)));
        }

        [Fact]
        public void Cancel_IsDueByTheEndOfTheWindow_AndSaysSuspendingWouldNotStopBilling()
        {
            var subscription = Subscription("NewCommerce", "Active", "open", true);
            var step = OffboardingRules.StepsFor(subscription, null, 0, Now).Single();
            Assert.Equal(subscription.CancellationAllowedUntil, step.Deadline);
            Assert.Contains("prorated refund", step.Reason);
            Assert.Contains("would not stop billing", step.Reason);
        }

        [Fact]
        public void OutsideTheWindow_BothStepsAreDueAtTheCommitmentEnd_AndSayUntilWhenItIsBilled()
        {
            var steps = OffboardingRules.StepsFor(Subscription("NewCommerce", "Active", "closed", true), null, 0, Now).ToList();
            Assert.All(steps, s => Assert.Equal(CommitmentEnd, s.Deadline));
            Assert.Contains("closed on 2026-09-13", steps[0].Reason);
            Assert.Contains("billed until its commitment ends on 2027-08-31", steps[1].Reason);
        }

        [Theory]
        [InlineData("Active", 2, "Manual")]
        [InlineData("Active", 0, "Suspend")]
        [InlineData("Suspended", 0, "")]
        public void AnAzurePlan_IsSuspendedOnlyOnceItsAzureSubscriptionsAreGone(string status, int activeAzure, string expected)
        {
            var plan = Subscription("NewCommerce", status, "none", true, BillingType.Usage);
            Assert.Equal(expected, Actions(plan, azure: activeAzure));
        }

        [Fact]
        public void TheManualStepOfAnAzurePlan_SaysWhatToDo()
        {
            var step = OffboardingRules.StepsFor(Subscription("NewCommerce", "Active", "none", true, BillingType.Usage), null, 2, Now).Single();
            Assert.Contains("2 active Azure subscription(s)", step.Reason);
            Assert.Contains("then suspend the plan", step.Reason);
            Assert.Null(step.Deadline);
        }

        [Fact]
        public void AnAddOn_FollowsItsBase_AndSaysSo()
        {
            var baseOutside = Subscription("NewCommerce", "Active", "closed", false);
            baseOutside.OfferName = "Microsoft 365 E5";
            var addOn = Subscription("NewCommerce", "Active", "open", true);
            addOn.ParentSubscriptionId = baseOutside.SubscriptionId;

            var steps = OffboardingRules.StepsFor(addOn, baseOutside, 0, Now).ToList();
            Assert.Equal("WaitForExpiry", string.Join(",", steps.Select(s => s.Action)));
            Assert.Equal(addOn.SubscriptionId, steps[0].SubscriptionId);
            Assert.StartsWith("Add-on of Microsoft 365 E5", steps[0].Reason);

            // Without its base in the listing, an add-on is judged on its own terms.
            Assert.Equal("Cancel", Actions(addOn));
            // A final add-on needs nothing, whatever its base.
            addOn.Status = SubscriptionStatus.Deleted;
            Assert.Equal(string.Empty, Actions(addOn, baseOutside));
        }
    }
}
