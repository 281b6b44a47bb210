using System;
using System.Linq;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.AdminRelationships
{
    /// <summary>What ending a GDAP relationship takes by its status, and waiting until it is terminated.</summary>
    public sealed class AdminRelationshipTerminationTests
    {
        private static readonly AdminRelationshipWait Quick = new AdminRelationshipWait
        {
            FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(400), Timeout = TimeSpan.FromSeconds(10),
        };

        internal static AdminRelationship Add(TestStore t, Customer customer, string displayName, string status, DateTimeOffset? end = null)
        {
            var now = DateTimeOffset.UtcNow;
            var relationship = new AdminRelationship
            {
                RelationshipId = Guid.NewGuid() + "-" + Guid.NewGuid(),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                DisplayName = displayName,
                Status = status,
                RoleDefinitionIds = new[] { AdminRoles.IdOf("Helpdesk Administrator") },
                Duration = "P730D",
                AutoExtendDuration = "PT0S",
                CreatedDateTime = now.AddDays(-10),
                ActivatedDateTime = status == AdminRelationshipStatus.Created ? (DateTimeOffset?)null : now.AddDays(-9),
                EndDateTime = end ?? now.AddDays(700),
            };
            t.Store.AddAdminRelationship(relationship);
            return t.Store.GetAdminRelationship(relationship.RelationshipId)!;
        }

        [Theory]
        [InlineData(AdminRelationshipStatus.Active, AdminRelationshipEnding.Terminate)]
        [InlineData(AdminRelationshipStatus.Expiring, AdminRelationshipEnding.Terminate)]
        [InlineData(AdminRelationshipStatus.Approved, AdminRelationshipEnding.Terminate)]
        [InlineData(AdminRelationshipStatus.Created, AdminRelationshipEnding.Delete)]
        [InlineData(AdminRelationshipStatus.TerminationRequested, AdminRelationshipEnding.AlreadyEnding)]
        [InlineData(AdminRelationshipStatus.Terminating, AdminRelationshipEnding.AlreadyEnding)]
        [InlineData(AdminRelationshipStatus.Terminated, AdminRelationshipEnding.AlreadyTerminated)]
        [InlineData(AdminRelationshipStatus.ApprovalPending, AdminRelationshipEnding.Refuse)]
        [InlineData(AdminRelationshipStatus.Expired, AdminRelationshipEnding.Refuse)]
        [InlineData("unknownFutureValue", AdminRelationshipEnding.Refuse)]
        public void EachStatus_HasItsEnding(string status, AdminRelationshipEnding expected) =>
            Assert.Equal(expected, AdminRelationshipTermination.EndingFor(new AdminRelationship { Status = AdminRelationshipStatus.Normalize(status) }));

        [Fact]
        public void AnActiveOne_IsTerminated_ThroughTerminating_AndTheWaitEndsWhenItIsTerminated()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var relationship = Add(t, customer, "Contoso admin", AdminRelationshipStatus.Active);
            var termination = new AdminRelationshipTermination(t.Store, Quick);
            var checks = 0;

            Assert.Equal(AdminRelationshipEnding.Terminate, termination.Start(relationship));
            Assert.Equal(AdminRelationshipStatus.TerminationRequested, relationship.Status);
            Assert.Equal(AdminRelationshipStatus.Terminating, t.Store.GetAdminRelationship(relationship.RelationshipId)!.Status);
            var latest = termination.WaitUntilTerminated(new[] { relationship }, _ => checks++);

            Assert.Equal(AdminRelationshipStatus.Terminated, latest.Single().Status);
            Assert.True(checks > 0, "the wait reported progress before it ended");
        }

        [Fact]
        public void TheWait_IsBounded_AndReturnsTheOnesStillEnding()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var relationship = Add(t, customer, "Contoso admin", AdminRelationshipStatus.Active);
            var termination = new AdminRelationshipTermination(t.Store, new AdminRelationshipWait { FirstDelay = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(200) });
            termination.Start(relationship);

            var latest = termination.WaitUntilTerminated(new[] { relationship });

            Assert.Equal(AdminRelationshipStatus.Terminating, latest.Single().Status);
            var error = PartnerErrors.AdminRelationshipTerminationPending(latest.Single(), TimeSpan.FromSeconds(0.2));
            Assert.Equal(PartnerErrorCategory.OperationTimeout, error.Category);
            Assert.Contains("still Terminating", error.Message);
        }

        [Fact]
        public void ACreatedOne_IsDeleted_AndOneAwaitingApproval_IsRefusedWithAdvice()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var created = Add(t, customer, "Draft", AdminRelationshipStatus.Created);
            var pending = Add(t, customer, "Pending", AdminRelationshipStatus.ApprovalPending);
            var termination = new AdminRelationshipTermination(t.Store, Quick);

            Assert.Equal(AdminRelationshipEnding.Delete, termination.Start(created));
            Assert.Null(t.Store.GetAdminRelationship(created.RelationshipId));
            var error = Assert.Throws<PartnerException>(() => termination.Start(pending));
            Assert.Equal(PartnerErrorId.AdminRelationshipCannotTerminate, error.ErrorId);
            Assert.Contains("waiting for the customer's approval", error.Message);
            Assert.Equal(AdminRelationshipStatus.ApprovalPending, t.Store.GetAdminRelationship(pending.RelationshipId)!.Status);
        }

        [Fact]
        public void TheLookup_FiltersByCustomerAndStatus_InAnyCasing_AndRequireNamesAnUnknownId()
        {
            using var t = new TestStore();
            var contoso = t.AddCustomer();
            var fabrikam = t.AddCustomer("Fabrikam");
            Add(t, contoso, "Contoso admin", AdminRelationshipStatus.Active);
            Add(t, contoso, "Contoso old", AdminRelationshipStatus.Terminated);
            Add(t, fabrikam, "Fabrikam admin", AdminRelationshipStatus.Active);
            var lookup = new AdminRelationshipLookup(t.Store);

            Assert.Equal(new[] { "Contoso admin", "Contoso old" }, lookup.List(contoso.CustomerId, null).Select(r => r.DisplayName).OrderBy(n => n));
            Assert.Equal(new[] { "Contoso admin", "Fabrikam admin" }, lookup.List(null, new[] { "ACTIVE" }).Select(r => r.DisplayName).OrderBy(n => n));
            Assert.Equal(new[] { "Contoso admin" }, lookup.Open(contoso.CustomerId).Select(r => r.DisplayName));
            var error = Assert.Throws<PartnerException>(() => lookup.Require("nope"));
            Assert.Equal(PartnerErrorId.AdminRelationshipNotFound, error.ErrorId);
        }
    }
}
