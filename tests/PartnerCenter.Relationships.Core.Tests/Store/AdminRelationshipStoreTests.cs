using System;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Store;

namespace PartnerCenter.Relationships.Core.Tests.Store
{
    /// <summary>The store's GDAP relationships, standing in for Graph, and legacy DAP on the customer.</summary>
    public sealed class AdminRelationshipStoreTests : IDisposable
    {
        private static readonly string UserAdministrator = AdminRoles.IdOf("User Administrator");
        private static readonly string GlobalReader = AdminRoles.IdOf("Global Reader");
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

        private readonly TestStore _t = new TestStore();

        public void Dispose() => _t.Dispose();

        /// <summary>An active relationship created a month ago, ending in a year, unless <paramref name="change"/> says otherwise.</summary>
        private static AdminRelationship New(Customer customer, string displayName, Action<AdminRelationship>? change = null)
        {
            var relationship = new AdminRelationship
            {
                RelationshipId = Guid.NewGuid() + "-" + Guid.NewGuid(),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                DisplayName = displayName,
                Status = AdminRelationshipStatus.Active,
                RoleDefinitionIds = new[] { UserAdministrator, GlobalReader },
                Duration = "P730D",
                AutoExtendDuration = AdminRelationshipTerms.NoAutoExtension,
                CreatedDateTime = Now.AddDays(-30),
                ActivatedDateTime = Now.AddDays(-30),
                EndDateTime = Now.AddDays(365),
                LastModifiedDateTime = Now.AddDays(-30),
                ETag = "W/\"first\"",
            };
            change?.Invoke(relationship);
            return relationship;
        }

        private AdminRelationship Added(AdminRelationship relationship)
        {
            _t.Store.AddAdminRelationship(relationship);
            return _t.Store.GetAdminRelationship(relationship.RelationshipId)!;
        }

        [Fact]
        public void ARelationship_ReadsBackAsItWasAdded_RolesNamedWhereKnown()
        {
            var contoso = _t.AddCustomer();
            var unknownRole = Guid.NewGuid().ToString();
            var added = New(contoso, "Contoso admin", r => r.RoleDefinitionIds = new[] { UserAdministrator, unknownRole });

            var read = Added(added);

            Assert.Equal(
                (added.RelationshipId, contoso.CustomerId, "Contoso", "Contoso admin", AdminRelationshipStatus.Active, "P730D", "PT0S", "W/\"first\""),
                (read.RelationshipId, read.CustomerId, read.CustomerName, read.DisplayName, read.Status, read.Duration, read.AutoExtendDuration, read.ETag));
            Assert.Equal(new[] { UserAdministrator, unknownRole }, read.RoleDefinitionIds);
            Assert.Equal(new[] { "User Administrator", unknownRole }, read.Roles);
            Assert.Equal((added.CreatedDateTime, added.ActivatedDateTime, added.EndDateTime, added.LastModifiedDateTime),
                (read.CreatedDateTime, read.ActivatedDateTime, read.EndDateTime, read.LastModifiedDateTime));
            Assert.Null(_t.Store.GetAdminRelationship("no-such-relationship"));
        }

        [Fact]
        public void ARelationshipAddedWithoutEtagOrCustomerName_GetsANewEtag_AndTheCompanyName()
        {
            var contoso = _t.AddCustomer();

            var read = Added(New(contoso, "Contoso admin", r => (r.ETag, r.CustomerName) = (null, string.Empty)));

            Assert.StartsWith("W/\"", read.ETag);
            Assert.Equal("Contoso", read.CustomerName);
        }

        [Fact]
        public void AddingARelationship_WhoseIdOrDisplayNameIsTaken_IsAlreadyExists_DisplayNamesWhateverTheirCase()
        {
            var contoso = _t.AddCustomer();
            var first = Added(New(contoso, "Contoso admin"));

            var sameId = Assert.Throws<PartnerException>(() => _t.Store.AddAdminRelationship(New(contoso, "Other", r => r.RelationshipId = first.RelationshipId)));
            var sameName = Assert.Throws<PartnerException>(() => _t.Store.AddAdminRelationship(New(contoso, "CONTOSO ADMIN")));

            Assert.Equal((PartnerErrorId.AdminRelationshipAlreadyExists, PartnerErrorCategory.ResourceExists), (sameId.ErrorId, sameId.Category));
            Assert.Contains("id '" + first.RelationshipId + "'", sameId.Message);
            Assert.Equal((PartnerErrorId.AdminRelationshipAlreadyExists, PartnerErrorCategory.ResourceExists), (sameName.ErrorId, sameName.Category));
            Assert.Contains("display name 'CONTOSO ADMIN'", sameName.Message);
            Assert.Single(_t.Store.GetAdminRelationships(new AdminRelationshipQuery()));
        }

        [Fact]
        public void AddingARelationship_ForACustomerTheStoreDoesNotKnow_IsCustomerNotFound()
        {
            var stranger = new Customer { CustomerId = Guid.NewGuid(), Name = "Stranger" };

            var error = Assert.Throws<PartnerException>(() => _t.Store.AddAdminRelationship(New(stranger, "Stranger admin")));

            Assert.Equal(PartnerErrorId.CustomerNotFound, error.ErrorId);
        }

        [Fact]
        public void Relationships_AreListedByCreation_OneCustomersOrAll_FilteredByStatusWhateverItsSpelling()
        {
            var contoso = _t.AddCustomer();
            var fabrikam = _t.AddCustomer("Fabrikam");
            var newest = Added(New(contoso, "Contoso new", r => r.CreatedDateTime = Now.AddDays(-1)));
            var oldest = Added(New(fabrikam, "Fabrikam old", r => r.CreatedDateTime = Now.AddDays(-90)));
            var pending = Added(New(contoso, "Contoso pending", r => (r.Status, r.CreatedDateTime) = (AdminRelationshipStatus.ApprovalPending, Now.AddDays(-10))));
            var expired = Added(New(contoso, "Contoso expired", r => (r.Status, r.CreatedDateTime) = (AdminRelationshipStatus.Expired, Now.AddDays(-20))));
            string[] List(Guid? customer, params string[] statuses) =>
                _t.Store.GetAdminRelationships(new AdminRelationshipQuery { CustomerId = customer, Statuses = statuses }).Select(r => r.DisplayName).ToArray();

            Assert.Equal(new[] { oldest, expired, pending, newest }.Select(r => r.DisplayName), List(null));
            Assert.Equal(new[] { "Contoso expired", "Contoso pending", "Contoso new" }, List(contoso.CustomerId));
            Assert.Equal(new[] { "Contoso pending", "Contoso new" }, List(contoso.CustomerId, "approvalPending", "ACTIVE"));
            Assert.Equal(new[] { "Fabrikam old", "Contoso new" }, List(null, "active"));
            Assert.Equal(new[] { "Contoso expired" }, List(null, "Expired", " "));
            Assert.Empty(List(fabrikam.CustomerId, "Terminated"));
        }

        [Fact]
        public void ATerminationRequest_IsTerminatingAtOnce_AndTerminatedOnceTheLocalDelayHasPassed()
        {
            var relationship = Added(New(_t.AddCustomer(), "Contoso admin"));

            var request = _t.Store.RequestAdminRelationshipTermination(relationship);
            var terminating = _t.Store.GetAdminRelationship(relationship.RelationshipId)!;
            Thread.Sleep(TimeSpan.FromMilliseconds(1200));
            var terminated = _t.Store.GetAdminRelationship(relationship.RelationshipId)!;

            Assert.True(Guid.TryParse(request.RequestId, out _));
            Assert.Equal(("terminate", "pending"), (request.Action, request.Status));
            Assert.InRange(request.CreatedDateTime!.Value, Now, DateTimeOffset.UtcNow);
            Assert.Equal(AdminRelationshipStatus.Terminating, terminating.Status);
            Assert.Equal(request.CreatedDateTime, terminating.LastModifiedDateTime);
            Assert.NotEqual(relationship.ETag, terminating.ETag);
            Assert.Equal(AdminRelationshipStatus.Terminated, terminated.Status);
            Assert.Equal(request.CreatedDateTime + SqlitePartnerStore.LocalTerminationDelay, terminated.EndDateTime);
            Assert.Equal(new[] { "Contoso admin" }, _t.Store.GetAdminRelationships(new AdminRelationshipQuery { Statuses = new[] { "terminated" } }).Select(r => r.DisplayName));
        }

        [Fact]
        public void TerminatingARelationshipTheStoreDoesNotKnow_IsAdminRelationshipNotFound()
        {
            var stranger = New(_t.AddCustomer(), "Contoso admin");

            var error = Assert.Throws<PartnerException>(() => _t.Store.RequestAdminRelationshipTermination(stranger));

            Assert.Equal((PartnerErrorId.AdminRelationshipNotFound, PartnerErrorCategory.ObjectNotFound), (error.ErrorId, error.Category));
        }

        [Fact]
        public void EndsThatPassed_ReadAsGraphHasThem_AndAreSavedWhenTheStoreIsOpened()
        {
            var contoso = _t.AddCustomer();
            var ended = Now.AddDays(-3);
            var expired = Added(New(contoso, "Contoso admin", r => r.EndDateTime = ended));
            var expiring = Added(New(contoso, "Contoso support", r => (r.Status, r.EndDateTime) = (AdminRelationshipStatus.Expiring, ended)));
            var extended = Added(New(contoso, "Contoso helpdesk", r => (r.AutoExtendDuration, r.EndDateTime) = (AdminRelationshipTerms.AutoExtension, Now.AddDays(-200))));
            var terminated = Added(New(contoso, "Contoso old", r => (r.Status, r.LastModifiedDateTime) = (AdminRelationshipStatus.Terminating, Now.AddMinutes(-1))));

            Assert.Equal((AdminRelationshipStatus.Expired, ended), (expired.Status, expired.EndDateTime));
            Assert.Equal(AdminRelationshipStatus.Expired, expiring.Status);
            Assert.Equal((AdminRelationshipStatus.Active, Now.AddDays(160)), (extended.Status, extended.EndDateTime));
            Assert.Equal(AdminRelationshipStatus.Terminated, terminated.Status);
            Assert.Equal(new[] { "Contoso admin", "Contoso support" },
                _t.Store.GetAdminRelationships(new AdminRelationshipQuery { Statuses = new[] { AdminRelationshipStatus.Expired } }).Select(r => r.DisplayName).OrderBy(n => n));
            Assert.Equal(new[] { "Active", "Active", "Expiring", "Terminating" }, StoredStatuses());

            _t.Reopen();

            Assert.Equal(new[] { "Active", "Expired", "Expired", "Terminated" }, StoredStatuses());
            Assert.All(_t.Store.GetAdminRelationships(new AdminRelationshipQuery()), r => Assert.NotEqual("W/\"first\"", r.ETag));
            Assert.Equal(Now.AddDays(160), _t.Store.GetAdminRelationship(extended.RelationshipId)!.EndDateTime);
        }

        [Fact]
        public void ARelationshipWhoseEndIsAhead_IsLeftAsItIs_WhenTheStoreIsOpened()
        {
            var relationship = Added(New(_t.AddCustomer(), "Contoso admin"));

            _t.Reopen();

            var read = _t.Store.GetAdminRelationship(relationship.RelationshipId)!;
            Assert.Equal((AdminRelationshipStatus.Active, "W/\"first\"", relationship.EndDateTime), (read.Status, read.ETag, read.EndDateTime));
            Assert.Equal(new[] { "Active" }, StoredStatuses());
        }

        [Fact]
        public void ARelationship_IsDeletedByItsEtag_OnlyAsItWasRead()
        {
            var contoso = _t.AddCustomer();
            var created = Added(New(contoso, "Contoso onboarding", r => r.Status = AdminRelationshipStatus.Created));
            var changed = Added(New(contoso, "Contoso admin"));
            var stale = changed.Copy();
            _t.Store.RequestAdminRelationshipTermination(changed);

            _t.Store.DeleteAdminRelationship(created);
            var mismatch = Assert.Throws<PartnerException>(() => _t.Store.DeleteAdminRelationship(stale));
            var unknown = Assert.Throws<PartnerException>(() => _t.Store.DeleteAdminRelationship(created));

            Assert.Null(_t.Store.GetAdminRelationship(created.RelationshipId));
            Assert.Equal((PartnerErrorId.AdminRelationshipChanged, PartnerErrorCategory.InvalidOperation), (mismatch.ErrorId, mismatch.Category));
            Assert.Contains("it changed since it was read; read it again", mismatch.Message);
            Assert.Contains("Terminating", mismatch.RecommendedAction);
            Assert.NotNull(_t.Store.GetAdminRelationship(changed.RelationshipId));
            Assert.Equal(PartnerErrorId.AdminRelationshipNotFound, unknown.ErrorId);
        }

        [Fact]
        public void RemovingDelegatedAdminAccess_TurnsDapOff_AndKeepsTheRelationship()
        {
            var contoso = _t.AddCustomer(delegatedAdmin: true);

            _t.Store.RemoveDelegatedAdminAccess(contoso);

            var read = _t.Store.GetCustomer(contoso.CustomerId)!;
            Assert.Equal((false, RelationshipToPartner.Reseller, true), (read.AllowDelegatedAccess, read.RelationshipToPartner, read.CanPurchase));
            Assert.Equal(PartnerErrorId.CustomerNotFound,
                Assert.Throws<PartnerException>(() => _t.Store.RemoveDelegatedAdminAccess(new Customer { CustomerId = Guid.NewGuid() })).ErrorId);
        }

        [Fact]
        public void DapRemovalAndTermination_InsideAnOperationThatIsUndone_AreKept_AsTheServiceKeepsThem()
        {
            var contoso = _t.AddCustomer(delegatedAdmin: true);
            var subscription = _t.AddSubscription(contoso);
            var relationship = Added(New(contoso, "Contoso admin"));
            using (var operation = _t.Store.BeginOperation())
            {
                _t.Store.UpdateSubscriptionStatuses(new[] { subscription }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
                _t.Store.RemoveDelegatedAdminAccess(contoso);
                _t.Store.RequestAdminRelationshipTermination(relationship);
                operation.Undo(PartnerErrors.InvalidArgument("-X", 1, "test"));
            }

            Assert.Equal(SubscriptionStatus.Active, _t.Store.GetSubscriptionById(subscription.SubscriptionId)!.Status);
            Assert.False(_t.Store.GetCustomer(contoso.CustomerId)!.AllowDelegatedAccess);
            Assert.True(AdminRelationshipStatus.IsEnding(_t.Store.GetAdminRelationship(relationship.RelationshipId)!.Status));
        }

        [Fact]
        public void ACustomersDapInsideAnOperationThatCompletes_IsOff_AndNothingIsMadeAgainLater()
        {
            var contoso = _t.AddCustomer(delegatedAdmin: true);
            using (var operation = _t.Store.BeginOperation())
            {
                _t.Store.RemoveDelegatedAdminAccess(contoso);
                operation.Complete();
            }

            // A later operation that is undone must not replay the earlier one's change (it would be a write of its own).
            _t.Store.SaveCustomerRelationship(new Customer { CustomerId = contoso.CustomerId, Name = contoso.Name, AllowDelegatedAccess = true });
            using (_t.Store.BeginOperation())
            {
                _t.Store.SaveCustomerRelationship(new Customer { CustomerId = contoso.CustomerId, Name = contoso.Name, AllowDelegatedAccess = false });
            }

            Assert.True(_t.Store.GetCustomer(contoso.CustomerId)!.AllowDelegatedAccess);
        }

        [Fact]
        public void ReplacingTheContent_ReplacesTheRelationshipsToo()
        {
            var contoso = _t.AddCustomer();
            Added(New(contoso, "Contoso admin"));
            var fabrikam = new Customer { CustomerId = Guid.NewGuid(), Name = "Fabrikam", Domain = "fabrikam.onmicrosoft.com" };

            _t.Store.ReplaceContent(_t.Store.GetPartner(), new[] { fabrikam }, Array.Empty<Subscription>(), new[] { New(fabrikam, "Fabrikam admin") });

            Assert.Equal(new[] { "Fabrikam admin" }, _t.Store.GetAdminRelationships(new AdminRelationshipQuery()).Select(r => r.DisplayName));
        }

        private string[] StoredStatuses()
        {
            using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _t.Path, Pooling = false }.ToString());
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "SELECT status FROM admin_relationship ORDER BY status";
            using var reader = command.ExecuteReader();
            var statuses = new System.Collections.Generic.List<string>();
            while (reader.Read())
            {
                statuses.Add(reader.GetString(0));
            }

            return statuses.ToArray();
        }
    }
}
