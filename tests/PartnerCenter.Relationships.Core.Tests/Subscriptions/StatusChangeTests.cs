using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Subscriptions
{
    /// <summary>Suspending and resuming one subscription: which statuses may change, and a change judged again on what the store holds.</summary>
    public sealed class StatusChangeTests
    {
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
    }
}
