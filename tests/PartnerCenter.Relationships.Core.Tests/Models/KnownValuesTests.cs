using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Models
{
    /// <summary>Values Partner Center sends as wire names are shown in PascalCase; values this module does not know are kept as sent.</summary>
    public sealed class KnownValuesTests
    {
        [Theory]
        [InlineData("active", "Active")]
        [InlineData("SUSPENDED", "Suspended")]
        [InlineData(" expired ", "Expired")]
        [InlineData("PendingMigration", "PendingMigration")]
        public void SubscriptionStatus_IsNormalizedButUnknownValuesAreKept(string raw, string shown)
        {
            Assert.Equal(shown, SubscriptionStatus.Normalize(raw));
        }

        [Theory]
        [InlineData("microsoft_support", "MicrosoftSupport")]
        [InlineData("reseller", "Reseller")]
        [InlineData("none", "None")]
        [InlineData("future_kind", "future_kind")]
        public void Relationship_WireNamesAreShownInPascalCase(string raw, string shown)
        {
            Assert.Equal(shown, RelationshipToPartner.Normalize(raw));
        }
    }
}
