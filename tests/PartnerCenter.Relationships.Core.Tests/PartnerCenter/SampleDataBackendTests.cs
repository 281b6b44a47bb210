using System;
using System.Linq;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The sample data in the emulator, read and offboarded through the remote backend: the module's models and the
    /// stand-in Partner Center agree on every field, and on each offboarding case the sample sets up.
    /// </summary>
    public sealed class SampleDataBackendTests
    {
        [Fact]
        public async Task EverySampleSubscription_ReadsBackThroughTheRemoteBackend_AsTheModelHasIt()
        {
            var content = SampleDataGenerator.Generate(40, seed: 7);
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            pc.Emulator.Seed(content);
            using var backend = pc.OpenBackend();

            foreach (var customer in content.Customers)
            {
                var read = backend.GetSubscriptions(customer.CustomerId).ToDictionary(s => s.SubscriptionId);
                foreach (var expected in content.Subscriptions.Where(s => s.CustomerId == customer.CustomerId))
                {
                    var actual = read[expected.SubscriptionId];
                    Assert.Equal(Fields(expected), Fields(actual));
                    if (CommitmentTerms.IsAzurePlan(expected))
                    {
                        Assert.Equal(expected.ActiveAzureSubscriptions ?? 0, backend.CountActiveAzureSubscriptions(actual));
                    }
                }

                Assert.Equal(content.Subscriptions.Count(s => s.CustomerId == customer.CustomerId), read.Count);
            }
        }

        [Fact]
        public async Task TheSamplesOffboardingCases_AreWhatPartnerCenterAnswers()
        {
            var content = SampleDataGenerator.Generate(4, seed: 1);
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            pc.Emulator.Seed(content);
            using var backend = pc.OpenBackend();
            var (contoso, pharma, fabrikam, northwind) = (content.Customers[0], content.Customers[1], content.Customers[2], content.Customers[3]);
            Subscription[] Of(Customer c, Func<Subscription, bool> which) => backend.GetSubscriptions(c.CustomerId).Where(which).ToArray();

            // Contoso can be offboarded today: its new-commerce subscriptions are inside their window, its legacy one is suspended.
            Assert.Single(backend.UpdateSubscriptionStatuses(Of(contoso, s => CommitmentTerms.IsNewCommerce(s) && s.Status == SubscriptionStatus.Active), SubscriptionStatus.Active, SubscriptionStatus.Deleted));
            Assert.Single(backend.UpdateSubscriptionStatuses(Of(contoso, s => s.Status == SubscriptionStatus.Suspended), SubscriptionStatus.Suspended, SubscriptionStatus.Deleted));
            Assert.Single(backend.UpdateSubscriptionStatuses(Of(contoso, s => s.Status == SubscriptionStatus.Active), SubscriptionStatus.Active, SubscriptionStatus.Suspended));
            backend.RemoveResellerRelationship(backend.GetCustomer(contoso.CustomerId)!);
            Assert.Null(backend.GetCustomer(contoso.CustomerId));

            // Contoso Pharmaceuticals cannot: past their window, suspending its new-commerce subscriptions is not enough.
            var pastWindow = Of(pharma, CommitmentTerms.IsNewCommerce);
            Assert.All(pastWindow, s => Assert.False(CommitmentTerms.IsCancellationWindowOpen(s, DateTime.UtcNow)));
            Assert.Equal(PartnerErrorId.CancellationWindowClosed,
                Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(pastWindow, SubscriptionStatus.Active, SubscriptionStatus.Deleted)).ErrorId);
            backend.UpdateSubscriptionStatuses(Of(pharma, s => s.Status == SubscriptionStatus.Active), SubscriptionStatus.Active, SubscriptionStatus.Suspended);
            var refused = Assert.Throws<PartnerException>(() => backend.RemoveResellerRelationship(backend.GetCustomer(pharma.CustomerId)!));
            Assert.Equal((400, "600090"), (refused.HttpStatusCode, refused.ServiceErrorCode));

            // Northwind's Azure plan has Azure subscriptions still active; Fabrikam's is empty and is suspended.
            var northwindPlan = Of(northwind, CommitmentTerms.IsAzurePlan).Single();
            Assert.Equal(2, backend.CountActiveAzureSubscriptions(northwindPlan));
            Assert.Equal(PartnerErrorId.AzurePlanHasActiveSubscriptions,
                Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(new[] { northwindPlan }, SubscriptionStatus.Active, SubscriptionStatus.Suspended)).ErrorId);
            Assert.Single(backend.UpdateSubscriptionStatuses(Of(fabrikam, CommitmentTerms.IsAzurePlan), SubscriptionStatus.Active, SubscriptionStatus.Suspended));
        }

        private static object Fields(Subscription s) => new
        {
            s.CustomerId, s.SubscriptionId, s.OfferId, s.OfferName, s.FriendlyName, s.Quantity, s.Status, s.BillingCycle, s.CommitmentEndDate, s.CommerceType,
            s.TermDuration, s.AutoRenewEnabled, s.CancellationAllowedUntil, s.CreationDate, s.BillingType, s.ParentSubscriptionId,
        };
    }
}
