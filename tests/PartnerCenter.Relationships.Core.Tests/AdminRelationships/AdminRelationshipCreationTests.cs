using System;
using System.Linq;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Tests.Offboarding;

namespace PartnerCenter.Relationships.Core.Tests.AdminRelationships
{
    /// <summary>
    /// New-PartnerAdminRelationship's part in the local store: an active relationship at once, and every input a
    /// script gets wrong a clear error naming its parameter, with nothing created.
    /// </summary>
    public sealed class AdminRelationshipCreationTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

        private readonly TestStore _t = new TestStore();
        private readonly Customer _contoso;
        private readonly AdminRelationshipCreation _creation;

        public AdminRelationshipCreationTests()
        {
            _contoso = _t.AddCustomer();
            _creation = new AdminRelationshipCreation(_t.Store, () => Now);
        }

        public void Dispose() => _t.Dispose();

        [Fact]
        public void ARelationship_IsActiveAtOnce_ForTwoYears_WithLeastPrivilege_AndNoAutoExtension_WhenNothingMoreIsAsked()
        {
            var created = _creation.Create(_contoso.CustomerId, "  Contoso support  ");

            Assert.Matches("^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", created.RelationshipId);
            Assert.Equal((_contoso.CustomerId, "Contoso", "Contoso support", AdminRelationshipStatus.Active, "P730D", "PT0S"),
                (created.CustomerId, created.CustomerName, created.DisplayName, created.Status, created.Duration, created.AutoExtendDuration));
            Assert.Equal(new[] { "Directory Readers", "Service Support Administrator" }, created.Roles);
            Assert.Equal(AdminRelationshipCreation.DefaultRoles.Select(AdminRoles.IdOf), created.RoleDefinitionIds);
            Assert.Equal(((DateTimeOffset?)Now, (DateTimeOffset?)Now, (DateTimeOffset?)Now.AddDays(730), (DateTimeOffset?)Now),
                (created.CreatedDateTime, created.ActivatedDateTime, created.EndDateTime, created.LastModifiedDateTime));
            Assert.NotNull(created.ETag);
            var stored = Assert.Single(_t.Store.GetAdminRelationships(new AdminRelationshipQuery { CustomerId = _contoso.CustomerId }));
            Assert.Equal((created.RelationshipId, created.ETag), (stored.RelationshipId, stored.ETag));
        }

        [Fact]
        public void Roles_AreTakenByNameInAnyCaseOrByTemplateId_EachOnce()
        {
            var created = _creation.Create(_contoso.CustomerId, "Contoso admin",
                new[] { "exchange administrator", AdminRoles.IdOf("User Administrator").ToUpperInvariant(), "Exchange Administrator" });

            Assert.Equal(new[] { "Exchange Administrator", "User Administrator" }, created.Roles);
            Assert.Equal(new[] { AdminRoles.IdOf("Exchange Administrator"), AdminRoles.IdOf("User Administrator") }, created.RoleDefinitionIds);
        }

        [Theory]
        [InlineData("P2Y", "P730D", 730)]
        [InlineData("P1Y", "P365D", 365)]
        [InlineData("p180d", "P180D", 180)]
        [InlineData("P1D", "P1D", 1)]
        [InlineData("P730D", "P730D", 730)]
        public void TheDuration_IsTakenInDaysOrYears_AndWrittenInDays(string duration, string written, int days)
        {
            var created = _creation.Create(_contoso.CustomerId, "Contoso admin", duration: duration);

            Assert.Equal((written, (DateTimeOffset?)Now.AddDays(days)), (created.Duration, created.EndDateTime));
        }

        [Theory]
        [InlineData("P180D", "P180D")]
        [InlineData("p180d", "P180D")]
        [InlineData("P0D", "PT0S")]
        [InlineData("PT0S", "PT0S")]
        public void AutoExtension_IsP180DOrNone(string autoExtend, string written) =>
            Assert.Equal(written, _creation.Create(_contoso.CustomerId, "Contoso admin", autoExtendDuration: autoExtend).AutoExtendDuration);

        [Fact]
        public void GlobalAdministrator_IsGranted_WithoutAutoExtension() =>
            Assert.Equal(new[] { "Global Administrator" }, _creation.Create(_contoso.CustomerId, "Contoso emergency", new[] { "Global Administrator" }).Roles);

        [Theory]
        [InlineData(null, "-DisplayName")]
        [InlineData("", "-DisplayName")]
        [InlineData("   ", "-DisplayName")]
        [InlineData("123456789012345678901234567890123456789012345678901", "-DisplayName")]
        public void AnInvalidDisplayName_IsInvalidArgument_AndCreatesNothing(string? displayName, string parameter) =>
            AssertInvalid(parameter, () => _creation.Create(_contoso.CustomerId, displayName!));

        [Fact]
        public void ADisplayNameOf50Characters_IsTaken() =>
            Assert.Equal(50, _creation.Create(_contoso.CustomerId, new string('x', 50)).DisplayName.Length);

        [Theory]
        [InlineData("P0D")]
        [InlineData("PT0S")]
        [InlineData("P731D")]
        [InlineData("P3Y")]
        [InlineData("P1M")]
        [InlineData("P24M")]
        [InlineData("two years")]
        [InlineData("730")]
        public void AnInvalidDuration_IsInvalidArgument_AndCreatesNothing(string duration) =>
            AssertInvalid("-Duration", () => _creation.Create(_contoso.CustomerId, "Contoso admin", duration: duration));

        [Theory]
        [InlineData("P90D")]
        [InlineData("P1Y")]
        [InlineData("P6M")]
        [InlineData("always")]
        public void AnAutoExtensionOtherThanP180D_IsInvalidArgument_AndCreatesNothing(string autoExtend) =>
            AssertInvalid("-AutoExtendDuration", () => _creation.Create(_contoso.CustomerId, "Contoso admin", autoExtendDuration: autoExtend));

        [Fact]
        public void AutoExtension_WithGlobalAdministrator_IsInvalidArgument_AsMicrosoftRefusesIt()
        {
            var error = AssertInvalid("-AutoExtendDuration", () =>
                _creation.Create(_contoso.CustomerId, "Contoso admin", new[] { "User Administrator", "global administrator" }, autoExtendDuration: "P180D"));

            Assert.Contains("Global Administrator", error.Message);
        }

        [Fact]
        public void AnUnknownRole_IsInvalidArgument_AndCreatesNothing() =>
            AssertInvalid("-Roles", () => _creation.Create(_contoso.CustomerId, "Contoso admin", new[] { "Coffee Administrator" }));

        [Fact]
        public void ADisplayNameTaken_WhateverItsCase_IsAlreadyExists_AndCreatesNothingMore()
        {
            var fabrikam = _t.AddCustomer("Fabrikam");
            _creation.Create(_contoso.CustomerId, "Shared name");

            var error = Assert.Throws<PartnerException>(() => _creation.Create(fabrikam.CustomerId, "SHARED NAME"));

            Assert.Equal((PartnerErrorId.AdminRelationshipAlreadyExists, PartnerErrorCategory.ResourceExists), (error.ErrorId, error.Category));
            Assert.Empty(_t.Store.GetAdminRelationships(new AdminRelationshipQuery { CustomerId = fabrikam.CustomerId }));
        }

        [Fact]
        public void ACustomerWithoutARelationship_OrUnknown_IsCustomerRelationshipNotFound()
        {
            _t.Removal.Remove(_contoso.CustomerId, Array.Empty<Guid>());

            var removed = Assert.Throws<PartnerException>(() => _creation.Create(_contoso.CustomerId, "Contoso admin"));
            var unknown = Assert.Throws<PartnerException>(() => _creation.Create(Guid.NewGuid(), "Stranger admin"));

            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, removed.ErrorId);
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, unknown.ErrorId);
            Assert.Empty(_t.Store.GetAdminRelationships(new AdminRelationshipQuery()));
        }

        [Fact]
        public void OnABackendThatIsNoLocalStore_CreatingIsLocalStoreOnly()
        {
            var remote = new FailingSecondCancellation(_t.Store, new Subscription());

            var error = Assert.Throws<PartnerException>(() => new AdminRelationshipCreation(remote).Create(_contoso.CustomerId, "Contoso admin"));

            Assert.Equal(PartnerErrorId.LocalStoreOnly, error.ErrorId);
            Assert.Empty(_t.Store.GetAdminRelationships(new AdminRelationshipQuery()));
        }

        private PartnerException AssertInvalid(string parameter, Action create)
        {
            var error = Assert.Throws<PartnerException>(create);
            Assert.Equal((PartnerErrorId.InvalidArgument, PartnerErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
            Assert.Contains(" of " + parameter + " is not valid", error.Message);
            Assert.Empty(_t.Store.GetAdminRelationships(new AdminRelationshipQuery()));
            return error;
        }
    }
}
