using System;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.AdminRelationships
{
    /// <summary>A GDAP relationship's durations, and what Graph makes of it at its end.</summary>
    public sealed class AdminRelationshipTermsTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("P730D", 730)]
        [InlineData("P2Y", 730)]
        [InlineData("P1Y", 365)]
        [InlineData("p180d", 180)]
        [InlineData(" P1D ", 1)]
        [InlineData("PT0S", 0)]
        [InlineData("P0D", 0)]
        [InlineData("P731D", 731)]
        [InlineData("P1M", null)]
        [InlineData("P1Y6M", null)]
        [InlineData("PT24H", null)]
        [InlineData("730", null)]
        [InlineData("P", null)]
        [InlineData("", null)]
        [InlineData(null, null)]
        public void DaysOf_ReadsTheDayAndYearForms_AndNothingElse(string? duration, int? days) =>
            Assert.Equal(days, AdminRelationshipTerms.DaysOf(duration));

        [Fact]
        public void AutoExtension_IsRefusedOnlyWithGlobalAdministrator()
        {
            Assert.True(AdminRelationshipTerms.MayAutoExtend(new[] { AdminRoles.IdOf("User Administrator"), AdminRoles.IdOf("Global Reader") }));
            Assert.False(AdminRelationshipTerms.MayAutoExtend(new[] { AdminRoles.IdOf("User Administrator"), AdminRoles.IdOf("Global Administrator").ToUpperInvariant() }));
        }

        [Theory]
        [InlineData(AdminRelationshipStatus.Active)]
        [InlineData(AdminRelationshipStatus.Expiring)]
        public void ARunningRelationshipWhoseEndPassed_WithoutAutoExtension_ExpiredAtItsEnd(string status)
        {
            var end = Now.AddHours(-1);

            var after = AdminRelationshipTerms.AfterEnd(Relationship(status, end, AdminRelationshipTerms.NoAutoExtension), Now)!;

            Assert.Equal((AdminRelationshipStatus.Expired, end, end), (after.Status, after.EndDateTime, after.LastModifiedDateTime));
        }

        [Fact]
        public void AnAutoExtendingRelationshipWhoseEndPassed_IsExtendedAsOftenAsItTook_AndActive()
        {
            var end = Now.AddDays(-400);
            var relationship = Relationship(AdminRelationshipStatus.Expiring, end, AdminRelationshipTerms.AutoExtension);

            var after = AdminRelationshipTerms.AfterEnd(relationship, Now)!;

            Assert.Equal((AdminRelationshipStatus.Active, end.AddDays(540), end.AddDays(360)), (after.Status, after.EndDateTime, after.LastModifiedDateTime));
            Assert.Equal((AdminRelationshipStatus.Expiring, end), (relationship.Status, relationship.EndDateTime));
        }

        [Theory]
        [InlineData(AdminRelationshipStatus.Active, 1)]
        [InlineData(AdminRelationshipStatus.Created, -1)]
        [InlineData(AdminRelationshipStatus.ApprovalPending, -1)]
        [InlineData(AdminRelationshipStatus.Terminating, -1)]
        [InlineData(AdminRelationshipStatus.Expired, -1)]
        public void NothingChanges_BeforeTheEnd_OrInAnotherStatus(string status, int daysToEnd) =>
            Assert.Null(AdminRelationshipTerms.AfterEnd(Relationship(status, Now.AddDays(daysToEnd), AdminRelationshipTerms.NoAutoExtension), Now));

        [Fact]
        public void ARelationshipWithoutAnEnd_HasNothingDue() =>
            Assert.Null(AdminRelationshipTerms.AfterEnd(new AdminRelationship { Status = AdminRelationshipStatus.Active }, Now));

        private static AdminRelationship Relationship(string status, DateTimeOffset end, string autoExtend) => new AdminRelationship
        {
            RelationshipId = "r",
            Status = status,
            AutoExtendDuration = autoExtend,
            EndDateTime = end,
            LastModifiedDateTime = end.AddDays(-100),
        };
    }
}
