using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests
{
    public sealed class RuleTests
    {
        [Fact]
        public void ActiveSubscriptions_BlockRemoval_AndEveryOneIsNamed()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var first = t.AddSubscription(customer, "Office 365 E3");
            var second = t.AddSubscription(customer, "Power BI Pro");
            t.AddSubscription(customer, "Visio Plan 2", SubscriptionStatus.Suspended);

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: false));

            Assert.Equal(PartnerErrorId.ActiveSubscriptionsBlockRemoval, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidOperation, error.Category);
            Assert.Equal(new[] { first.SubscriptionId, second.SubscriptionId }.OrderBy(g => g), error.BlockingSubscriptions.Select(s => s.SubscriptionId).OrderBy(g => g));
            Assert.Contains(first.SubscriptionId.ToString(), error.Message);
            Assert.Contains("Power BI Pro", error.Message);
            Assert.Contains("Active", error.Message);
            Assert.Same(error.BlockingSubscriptions, error.Data["BlockingSubscriptions"]);
            Assert.True(t.Customers.Get(customer.CustomerId).HasRelationship);
        }

        [Fact]
        public void Removal_HasAllFourEffects_AndSuspendsApprovedSubscriptionsFirst()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var active = t.AddSubscription(customer);

            var plan = t.Removal.Plan(customer.CustomerId, suspendActiveSubscriptions: true);
            var result = t.Removal.Remove(customer.CustomerId, plan.ActiveSubscriptions.Select(s => s.SubscriptionId).ToList());
            t.Reopen();

            Assert.Equal(new[] { active.SubscriptionId }, result.SuspendedSubscriptions.Select(s => s.SubscriptionId));
            Assert.True(result.RemovedFromCustomerList && result.RemovedAsSupportContact && result.DelegatedAdminRevoked && result.PurchasingEnded);
            var stored = t.Store.GetCustomer(customer.CustomerId)!;
            Assert.Equal(RelationshipToPartner.None, stored.RelationshipToPartner);
            Assert.False(stored.IsSupportContact);
            Assert.False(stored.AllowDelegatedAccess);
            Assert.False(stored.CanPurchase);
            Assert.DoesNotContain(t.Customers.List(CustomerQuery.All), c => c.CustomerId == customer.CustomerId);
            Assert.Equal(SubscriptionStatus.Suspended, t.Store.GetSubscription(customer.CustomerId, active.SubscriptionId)!.Status);
        }

        [Fact]
        public void Removal_SaysNoDelegatedAdminWasRevoked_WhenThereWasNone()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: false);

            var result = t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            Assert.False(result.DelegatedAdminRevoked);
            Assert.Contains("No delegated admin privileges to revoke", result.Actions);
        }

        [Fact]
        public void Removal_WithAnUnapprovedActiveSubscription_ChangesNothing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var approved = t.AddSubscription(customer, "Office 365 E3");
            var declined = t.AddSubscription(customer, "Power BI Pro");

            var error = Assert.Throws<RemovalBlockedException>(() => t.Removal.Remove(customer.CustomerId, new[] { approved.SubscriptionId }));
            t.Reopen();

            Assert.Equal(new[] { declined.SubscriptionId }, error.BlockingSubscriptions.Select(s => s.SubscriptionId));
            Assert.Equal(SubscriptionStatus.Active, t.Store.GetSubscription(customer.CustomerId, approved.SubscriptionId)!.Status);
            Assert.True(t.Store.GetCustomer(customer.CustomerId)!.HasRelationship);
        }

        [Fact]
        public void RemovedCustomer_IsNotFound_ByIdOrForItsSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer, status: SubscriptionStatus.Suspended);
            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            var byId = Assert.Throws<PartnerException>(() => t.Customers.Get(customer.CustomerId));
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, byId.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, byId.Category);
            Assert.Contains("relationship", byId.Message);
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound,
                Assert.Throws<PartnerException>(() => t.Subscriptions.List(customer.CustomerId).ToList()).ErrorId);
            Assert.Equal(PartnerErrorId.ResumeRequiresRelationship,
                Assert.Throws<PartnerException>(() => t.StatusChanges.Resume(customer.CustomerId, subscription.SubscriptionId)).ErrorId);
        }

        [Fact]
        public void Suspend_IsIdempotent_AndResumeReverses()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer);

            var first = t.StatusChanges.Suspend(customer.CustomerId, subscription.SubscriptionId);
            var again = t.StatusChanges.Suspend(customer.CustomerId, subscription.SubscriptionId);

            Assert.False(first.IsAlreadyDone);
            Assert.True(again.IsAlreadyDone);
            Assert.Equal(SubscriptionStatus.Suspended, t.Store.GetSubscription(customer.CustomerId, subscription.SubscriptionId)!.Status);
            Assert.False(t.StatusChanges.Resume(customer.CustomerId, subscription.SubscriptionId).IsAlreadyDone);
            Assert.True(t.StatusChanges.Resume(customer.CustomerId, subscription.SubscriptionId).IsAlreadyDone);
            Assert.Equal(SubscriptionStatus.Active, t.Store.GetSubscription(customer.CustomerId, subscription.SubscriptionId)!.Status);
        }

        [Theory]
        [InlineData(SubscriptionStatus.Deleted)]
        [InlineData(SubscriptionStatus.Expired)]
        [InlineData(SubscriptionStatus.Disabled)]
        [InlineData(SubscriptionStatus.Pending)]
        [InlineData("Migrating")]
        public void FinalOrUnknownStatuses_CannotBeSuspendedOrResumed(string status)
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer, status: status);

            var suspend = Assert.Throws<PartnerException>(() => t.StatusChanges.Suspend(customer.CustomerId, subscription.SubscriptionId));
            var resume = Assert.Throws<PartnerException>(() => t.StatusChanges.Resume(customer.CustomerId, subscription.SubscriptionId));

            Assert.Equal(PartnerErrorId.SubscriptionStatusCannotChange, suspend.ErrorId);
            Assert.Equal(PartnerErrorId.SubscriptionStatusCannotChange, resume.ErrorId);
            Assert.Equal(subscription.SubscriptionId, ((Subscription)suspend.Target!).SubscriptionId);
            Assert.Equal(status, t.Store.GetSubscription(customer.CustomerId, subscription.SubscriptionId)!.Status);
        }

        [Fact]
        public void UnknownStatus_IsKeptAndShown_AndDoesNotBlockRemoval()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            t.AddSubscription(customer, status: "PendingMigration");
            t.Reopen();

            var read = t.Subscriptions.List(customer.CustomerId).Single();
            Assert.Equal("PendingMigration", read.Status);
            Assert.Equal("PendingMigration", SubscriptionStatus.Normalize("PendingMigration"));
            Assert.Empty(t.Removal.Plan(customer.CustomerId, false).ActiveSubscriptions);
        }

        [Fact]
        public void StatusFilter_MatchesAnyCasing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var active = t.AddSubscription(customer);
            t.AddSubscription(customer, status: SubscriptionStatus.Suspended);

            Assert.Equal(active.SubscriptionId, t.Subscriptions.List(customer.CustomerId, new[] { "active" }).Single().SubscriptionId);
            Assert.Equal(2, t.Subscriptions.List(customer.CustomerId, new[] { "ACTIVE", "suspended" }).Count());
        }

        [Fact]
        public void StatusChange_JudgesAgain_WhenTheSubscriptionChangedAfterTheCheck()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer);
            var change = t.Preview.Prepare(customer.CustomerId, subscription.SubscriptionId, SubscriptionStatus.Suspended);

            // Another session suspends it between the check and the write.
            using (var other = SqlitePartnerStore.Open(t.Path))
            {
                new StatusChanger(other, new StatusChangePreview(other)).Suspend(customer.CustomerId, subscription.SubscriptionId);
            }

            Assert.False(t.StatusChanges.Apply(change));
            Assert.Equal(SubscriptionStatus.Suspended, change.Subscription.Status);
        }

        [Fact]
        public void Purchase_IsRefused_OnceTheRelationshipIsRemoved()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());

            var error = Assert.Throws<PartnerException>(() => t.AddSubscription(customer));

            Assert.Equal(PartnerErrorId.PurchaseNotAllowed, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.PermissionDenied, error.Category);
            Assert.Empty(t.Store.GetSubscriptions(customer.CustomerId));
        }

        [Fact]
        public void AddCustomer_RefusesADuplicateDomain()
        {
            using var t = new TestStore();
            t.AddCustomer("Contoso");

            var error = Assert.Throws<PartnerException>(() => new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Other", Domain = "CONTOSO.onmicrosoft.com" }));

            Assert.Equal(PartnerErrorId.CustomerAlreadyExists, error.ErrorId);
            Assert.Single(t.Customers.List(CustomerQuery.All));
        }

        [Fact]
        public void Request_IsRefusedWhileTheRelationshipExists_AndRepeatsThePendingOne()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            Assert.Equal(PartnerErrorId.RelationshipAlreadyExists,
                Assert.Throws<PartnerException>(() => t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId))).ErrorId);

            t.Removal.Remove(customer.CustomerId, Array.Empty<Guid>());
            var request = t.Requests.Request(t.Requests.FindCustomer(customer.Domain.ToUpperInvariant()));
            var again = t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId));

            Assert.Equal(request.RequestId, again.RequestId);
            Assert.Equal(RelationshipRequestStatus.Pending, request.Status);
            var partner = t.Store.GetPartner();
            Assert.Equal(
                $"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partner.TenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
                request.Url);
            Assert.Contains(request.Url, request.InvitationText);
            Assert.Contains(customer.Domain, request.InvitationText);
        }

        [Fact]
        public void Approve_RestoresListingSupportAndPurchasing_ButNotDelegatedAdminOrSubscriptions()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer(delegatedAdmin: true);
            var subscription = t.AddSubscription(customer);
            t.Removal.Remove(customer.CustomerId, new[] { subscription.SubscriptionId });
            var request = t.Requests.Request(t.Requests.FindCustomer(customer.CustomerId));

            var back = t.Approval.Approve(request.RequestId);
            t.Reopen();

            Assert.Equal(RelationshipToPartner.Reseller, back.RelationshipToPartner);
            var stored = t.Customers.Get(customer.CustomerId);
            Assert.True(stored.IsSupportContact);
            Assert.True(stored.CanPurchase);
            Assert.False(stored.AllowDelegatedAccess);
            Assert.Equal(SubscriptionStatus.Suspended, t.Subscriptions.Get(customer.CustomerId, subscription.SubscriptionId).Status);
            Assert.Equal(RelationshipRequestStatus.Accepted, t.Approval.Get(request.RequestId).Status);
            Assert.NotNull(t.Approval.Get(request.RequestId).AcceptedAt);
            Assert.Equal(PartnerErrorId.RelationshipRequestNotPending,
                Assert.Throws<PartnerException>(() => t.Approval.Approve(request.RequestId)).ErrorId);
            Assert.Equal(PartnerErrorId.RelationshipRequestNotFound,
                Assert.Throws<PartnerException>(() => t.Approval.Approve(Guid.NewGuid())).ErrorId);
        }

        [Fact]
        public void NameQuery_UsesThePrefixAndThePredicate()
        {
            using var t = new TestStore();
            t.AddCustomer("Contoso");
            t.AddCustomer("Contoso Pharmaceuticals");
            t.AddCustomer("Fabrikam");
            t.AddCustomer("100% Organic_Foods");

            var query = new CustomerQuery { NamePrefix = "contoso", NameMatches = n => n.EndsWith("s", StringComparison.Ordinal) };
            Assert.Equal(new[] { "Contoso Pharmaceuticals" }, t.Customers.List(query).Select(c => c.Name));
            // LIKE's own wildcards in a prefix are taken literally.
            Assert.Equal(new[] { "100% Organic_Foods" }, t.Customers.List(new CustomerQuery { NamePrefix = "100% Organic_" }).Select(c => c.Name));
            Assert.Empty(t.Customers.List(new CustomerQuery { NamePrefix = "100_" }));
        }

        [Fact]
        public void IdQuery_FindsThoseCustomers_WhateverTheirRelationship_ButTheListingDoesNot()
        {
            using var t = new TestStore();
            var kept = t.AddCustomer("Contoso");
            var removed = t.AddCustomer("Fabrikam");
            t.AddCustomer("Litware");
            t.Removal.Remove(removed.CustomerId, Array.Empty<Guid>());
            var query = new CustomerQuery { CustomerIds = new[] { kept.CustomerId, removed.CustomerId, Guid.NewGuid() } };

            Assert.Equal(new[] { "Contoso", "Fabrikam" }, t.Store.GetCustomers(query).Select(c => c.Name));
            Assert.Equal(new[] { "Contoso" }, t.Customers.List(query).Select(c => c.Name));
        }
    }
}
