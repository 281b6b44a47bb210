using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>Bulk status changes: previewed once per customer, saved per batch, every rule checked again at write time.</summary>
    public sealed class BatchTests
    {
        [Fact]
        public void Batch_AppliesEachChange_AndTheSameSubscriptionTwiceIsChangedOnce()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var first = t.AddSubscription(customer, "Office 365 E3");
            var second = t.AddSubscription(customer, "Power BI Pro");
            var changes = new[] { first, second, first }
                .Select(s => t.Preview.Prepare(customer.CustomerId, s.SubscriptionId, SubscriptionStatus.Suspended)).ToList();

            var outcomes = t.Batch.Apply(changes);

            Assert.Equal(new[] { true, true, false }, outcomes.Select(o => o.Changed));
            Assert.All(outcomes, o => Assert.Null(o.Error));
            Assert.All(t.Store.GetSubscriptions(customer.CustomerId), s => Assert.Equal(SubscriptionStatus.Suspended, s.Status));
        }

        [Fact]
        public void Batch_RefusesToResume_WhenTheRelationshipEndedAfterThePreview()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer, status: SubscriptionStatus.Suspended);
            var other = t.AddCustomer("Fabrikam");
            var otherSubscription = t.AddSubscription(other, status: SubscriptionStatus.Suspended);
            var changes = new[]
            {
                t.Preview.Prepare(customer.CustomerId, subscription.SubscriptionId, SubscriptionStatus.Active),
                t.Preview.Prepare(other.CustomerId, otherSubscription.SubscriptionId, SubscriptionStatus.Active),
            };

            using (var elsewhere = SqlitePartnerStore.Open(t.Path))
            {
                new RelationshipRemoval(elsewhere).Remove(customer.CustomerId, Array.Empty<Guid>());
            }

            var outcomes = t.Batch.Apply(changes);

            Assert.Equal(PartnerErrorId.ResumeRequiresRelationship, outcomes[0].Error?.ErrorId);
            Assert.Equal(SubscriptionStatus.Suspended, t.Store.GetSubscription(customer.CustomerId, subscription.SubscriptionId)!.Status);
            Assert.Equal(SubscriptionStatus.Suspended, changes[0].Subscription.Status);
            Assert.True(outcomes[1].Changed);
            Assert.Equal(SubscriptionStatus.Active, t.Store.GetSubscription(other.CustomerId, otherSubscription.SubscriptionId)!.Status);
        }

        [Fact]
        public void Batch_ThatCannotBeSaved_FailsEveryChange_AndChangesNothing()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var subscription = t.AddSubscription(customer);
            using var impatient = SqlitePartnerStore.Open(t.Path, createFolder: false, mustExist: true, busyTimeoutMilliseconds: 50);
            var preview = new StatusChangePreview(impatient);
            var batch = new StatusChangeBatch(new StatusChanger(impatient, preview));
            var change = preview.Prepare(customer.CustomerId, subscription.SubscriptionId, SubscriptionStatus.Suspended);

            // Another session is in the middle of a write, longer than this one will wait.
            using (t.Store.BeginOperation())
            {
                var outcome = Assert.Single(batch.Apply(new[] { change }));
                Assert.Equal(PartnerErrorId.StoreUnavailable, outcome.Error?.ErrorId);
                Assert.False(outcome.Changed);
            }

            Assert.Equal(SubscriptionStatus.Active, change.Subscription.Status);
            Assert.Equal(SubscriptionStatus.Active, impatient.GetSubscription(customer.CustomerId, subscription.SubscriptionId)!.Status);
        }

        [Fact]
        public void HeldObjects_ArePreviewsOnly_StaleOnesAreJudgedOnTheStore()
        {
            using var t = new TestStore();
            var customer = t.AddCustomer();
            var other = t.AddCustomer("Fabrikam");
            var staleActive = t.AddSubscription(customer, "Office 365 E3");      // shows Active, store: Suspended
            var staleSuspended = t.AddSubscription(customer, "Power BI Pro");   // shows Suspended, store: Active
            var staleDeleted = t.AddSubscription(customer, "Visio Plan 2");      // shows Deleted, store: Active
            var wrongCustomer = t.AddSubscription(customer, "Teams Essentials"); // claims to be Fabrikam's
            t.StatusChanges.Suspend(customer.CustomerId, staleActive.SubscriptionId);
            staleSuspended.Status = SubscriptionStatus.Suspended;
            staleDeleted.Status = SubscriptionStatus.Deleted;
            var forged = new Subscription { CustomerId = other.CustomerId, SubscriptionId = wrongCustomer.SubscriptionId, OfferName = "x", Status = SubscriptionStatus.Active };

            var changes = new[] { staleActive, staleSuspended, staleDeleted, forged }
                .Select(s => t.Preview.Prepare(s, SubscriptionStatus.Suspended)).ToList();
            var outcomes = t.Batch.Apply(changes);

            Assert.False(outcomes[0].Changed); // already suspended in the store: nothing to do, no error
            Assert.Null(outcomes[0].Error);
            Assert.True(outcomes[1].Changed);  // the store said Active: suspended after all
            Assert.True(outcomes[2].Changed);
            Assert.Equal(PartnerErrorId.SubscriptionNotFound, outcomes[3].Error?.ErrorId);
            Assert.Equal(SubscriptionStatus.Active, t.Store.GetSubscription(customer.CustomerId, wrongCustomer.SubscriptionId)!.Status);
            Assert.Equal(SubscriptionStatus.Suspended, t.Store.GetSubscription(customer.CustomerId, staleSuspended.SubscriptionId)!.Status);
            Assert.Equal(SubscriptionStatus.Deleted, staleDeleted.Status); // the caller's object is not changed
        }
    }
}
