using System;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;
using Xunit;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    public class CommitmentTermsTests
    {
        private static readonly DateTime Today = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

        private static Subscription Nce(string status, DateTime end, bool autoRenew, string term = TermDuration.OneYear) => new Subscription
        {
            CommerceType = CommerceType.NewCommerce,
            Status = status,
            CommitmentEndDate = end,
            AutoRenewEnabled = autoRenew,
            TermDuration = term,
            CancellationAllowedUntil = end.AddYears(-1).AddDays(8),
        };

        [Theory]
        [InlineData(TermDuration.OneMonth, "2026-12-02", "2027-01-01")]
        [InlineData(TermDuration.OneYear, "2026-12-02", "2027-12-01")]
        [InlineData(TermDuration.ThreeYears, "2026-12-02", "2029-12-01")]
        public void ATermEndsTheDayBeforeTheSameDateOneTermLater(string term, string start, string end)
        {
            Assert.Equal(DateTime.Parse(end), CommitmentTerms.CommitmentEndFor(term, DateTime.Parse(start)));
        }

        [Fact]
        public void AnUnknownTerm_HasNoEnd() => Assert.Null(CommitmentTerms.CommitmentEndFor("P2W", Today));

        [Theory]
        // status, days from today to the commitment end, auto-renew, expected status (null: nothing changes)
        [InlineData("Active", -1, false, "Expired")]
        [InlineData("Active", -1, true, "Active")]
        [InlineData("Suspended", -1, true, "Disabled")]
        [InlineData("Suspended", -1, false, "Disabled")]
        [InlineData("Active", 0, false, null)]
        [InlineData("Active", 30, true, null)]
        [InlineData("Deleted", -10, true, null)]
        [InlineData("Expired", -10, false, null)]
        public void AtItsTermEnd_ANewCommerceSubscriptionRenewsExpiresOrIsDisabled(string status, int endInDays, bool autoRenew, string? expected)
        {
            var after = CommitmentTerms.AfterTermEnd(Nce(status, Today.AddDays(endInDays), autoRenew), Today);
            Assert.Equal(expected, after?.Status);
        }

        [Fact]
        public void ARenewal_StartsANewTermWithANewCancellationWindow()
        {
            var subscription = Nce(SubscriptionStatus.Active, new DateTime(2026, 11, 30), autoRenew: true);
            var after = CommitmentTerms.AfterTermEnd(subscription, Today)!;
            Assert.Equal(new DateTime(2027, 11, 30), after.CommitmentEndDate);
            Assert.Equal(new DateTime(2026, 12, 8), after.CancellationAllowedUntil);
            Assert.True(CommitmentTerms.IsCancellationWindowOpen(after, Today));
            Assert.Equal(SubscriptionStatus.Active, subscription.Status); // the original is left as it was
        }

        [Fact]
        public void SeveralTermsEndedSinceTheLastLook_AreAllRenewed()
        {
            var after = CommitmentTerms.AfterTermEnd(Nce(SubscriptionStatus.Active, new DateTime(2026, 8, 31), true, TermDuration.OneMonth), Today)!;
            Assert.Equal(new DateTime(2026, 12, 31), after.CommitmentEndDate);
            Assert.Equal(new DateTime(2026, 12, 8), after.CancellationAllowedUntil);
        }

        [Fact]
        public void LegacySubscriptions_AndAzurePlans_HaveNoCancellationWindow()
        {
            var legacy = new Subscription { CommerceType = CommerceType.Legacy };
            var azure = new Subscription { CommerceType = CommerceType.NewCommerce, BillingType = BillingType.Usage };
            var license = new Subscription { CommerceType = CommerceType.NewCommerce };
            Assert.Null(CommitmentTerms.CancellationWindowEnd(legacy, Today));
            Assert.Null(CommitmentTerms.CancellationWindowEnd(azure, Today));
            Assert.Equal(Today.AddDays(7), CommitmentTerms.CancellationWindowEnd(license, Today));
            Assert.Null(CommitmentTerms.AfterTermEnd(new Subscription { CommerceType = CommerceType.Legacy, CommitmentEndDate = Today.AddDays(-5) }, Today));
        }

        [Fact]
        public void TheWindowIsOpenUntilItsLastMoment()
        {
            var subscription = new Subscription { CommerceType = CommerceType.NewCommerce, CancellationAllowedUntil = Today };
            Assert.True(CommitmentTerms.IsCancellationWindowOpen(subscription, Today));
            Assert.False(CommitmentTerms.IsCancellationWindowOpen(subscription, Today.AddSeconds(1)));
            Assert.False(CommitmentTerms.IsCancellationWindowOpen(new Subscription(), Today));
        }
    }
}
