using System;
using System.Linq;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Core.Tests.AdminRelationships;

namespace PartnerCenter.Relationships.Core.Tests.Offboarding
{
    /// <summary>Delegated admin access in offboarding: planned, ended when approved, and checked before the effect is called verified.</summary>
    public sealed class DelegatedAdminOffboardingTests
    {
        private static readonly AdminRelationshipWait Quick = new AdminRelationshipWait
        {
            FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(400), Timeout = TimeSpan.FromSeconds(10),
        };

        [Fact]
        public void ThePlan_ListsOpenRelationships_AndWhetherDapIsOn()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            AdminRelationshipTerminationTests.Add(t, customer, "Active one", AdminRelationshipStatus.Active);
            AdminRelationshipTerminationTests.Add(t, customer, "Old one", AdminRelationshipStatus.Expired, DateTimeOffset.UtcNow.AddDays(-1));

            var plan = new OffboardingPlanner(t.Store).Plan(customer.CustomerId);

            Assert.True(plan.DelegatedAdminAccess);
            Assert.True(plan.AdminRelationshipsChecked);
            Assert.Equal(new[] { "Active one" }, plan.AdminRelationships.Select(r => r.DisplayName));
        }

        [Fact]
        public void WithoutApproval_TheRelationshipsRemain_AndTheEffectIsNotObserved()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: false);
            var active = AdminRelationshipTerminationTests.Add(t, customer, "Active one", AdminRelationshipStatus.Active);
            var removal = new RelationshipRemoval(t.Store, null, Quick);

            var result = removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            Assert.False(result.DelegatedAdminRevoked);
            Assert.Equal(new[] { active.RelationshipId }, result.RemainingAdminRelationships!.Select(r => r.RelationshipId));
            var check = result.Effects.Single(c => c.Effect == "DelegatedAdmin");
            Assert.Equal(RemovalEffectOutcome.NotObserved, check.Outcome);
            Assert.Contains("'Active one' (Active)", check.Evidence);
            Assert.Equal(AdminRelationshipStatus.Active, t.Store.GetAdminRelationship(active.RelationshipId)!.Status);
        }

        [Fact]
        public void Approved_TheyAreTerminated_DapTurnedOff_AndTheEffectIsVerifiedByListingAgain()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var active = AdminRelationshipTerminationTests.Add(t, customer, "Active one", AdminRelationshipStatus.Active);
            var draft = AdminRelationshipTerminationTests.Add(t, customer, "Draft", AdminRelationshipStatus.Created);
            var removal = new RelationshipRemoval(t.Store, null, Quick);

            var result = removal.Remove(customer.CustomerId, Array.Empty<Guid>(), null,
                new DelegatedAdminApproval(removeLegacyDap: true, new[] { active.RelationshipId, draft.RelationshipId }));

            Assert.True(result.DelegatedAdminRevoked);
            Assert.Empty(result.RemainingAdminRelationships!);
            Assert.Equal(new[] { "Draft", "Active one" }, result.EndedAdminRelationships.Select(r => r.DisplayName));
            Assert.Equal(AdminRelationshipStatus.Terminated, t.Store.GetAdminRelationship(active.RelationshipId)!.Status);
            Assert.Null(t.Store.GetAdminRelationship(draft.RelationshipId));
            Assert.False(t.Store.GetCustomer(customer.CustomerId)!.AllowDelegatedAccess);
            Assert.Contains("Removed legacy delegated admin access (DAP), read back off", result.Actions);
            Assert.Equal(RemovalEffectOutcome.Verified, result.Effects.Single(c => c.Effect == "DelegatedAdmin").Outcome);
        }

        [Fact]
        public void ARelationshipNotApproved_IsLeft_AndNamedAsRemaining()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: false);
            var first = AdminRelationshipTerminationTests.Add(t, customer, "First", AdminRelationshipStatus.Active);
            var second = AdminRelationshipTerminationTests.Add(t, customer, "Second", AdminRelationshipStatus.Active);
            var removal = new RelationshipRemoval(t.Store, null, Quick);

            var result = removal.Remove(customer.CustomerId, Array.Empty<Guid>(), null, new DelegatedAdminApproval(false, new[] { first.RelationshipId }));

            Assert.False(result.DelegatedAdminRevoked);
            Assert.Equal(new[] { second.RelationshipId }, result.RemainingAdminRelationships!.Select(r => r.RelationshipId));
            Assert.Equal(new[] { first.RelationshipId }, result.EndedAdminRelationships.Select(r => r.RelationshipId));
        }
    }
}
