using System;
using System.Net.Http;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.PartnerCenter;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The rows of the error table for Partner Center's new-commerce refusals, each answer given verbatim by a fake
    /// transport: the codes the emulator never answers (900213) are checked here too.
    /// </summary>
    public sealed class ServiceErrorMapTests
    {
        private static readonly Guid Customer = Guid.Parse("2f6b7c1e-3a1d-4c39-9a55-1f0c3f3f2a10");
        private static readonly Guid Plan = Guid.Parse("8d1e0b6a-77a4-4a5e-b2c9-51a0e5a6c3b2");

        /// <param name="aboutSubscription">False for a request that names only the customer.</param>
        private static async Task<PartnerException> RefusedPatch(int status, string code, bool aboutSubscription = true)
        {
            var handler = new FakeHandler((r, i) => RestTest.Status(status, $"{{\"code\":{code},\"description\":\"Refused.\",\"data\":[],\"source\":\"PartnerFD\"}}"));
            using var client = RestTest.Client(handler);
            var request = new PartnerCenterRequest(new HttpMethod("PATCH"), $"/customers/{Customer}/subscriptions/{Plan}")
            {
                CustomerId = Customer,
                SubscriptionId = aboutSubscription ? Plan : (Guid?)null,
                CorrelationId = "correlation-map",
            };

            return await Assert.ThrowsAsync<PartnerException>(() => client.SendAsync(request));
        }

        [Theory]
        [InlineData(400, "900117", PartnerErrorId.CancellationWindowClosed)]
        [InlineData(400, "900213", PartnerErrorId.CancellationWindowClosed)]
        [InlineData(403, "800019", PartnerErrorId.CancellationNotSupported)]
        [InlineData(403, "900115", PartnerErrorId.AzurePlanHasActiveSubscriptions)]
        [InlineData(400, "600090", PartnerErrorId.PartnerCenterBadRequest)]
        [InlineData(403, "600090", PartnerErrorId.PartnerCenterPermissionDenied)]
        public async Task ARefusal_BecomesTheModulesError_NamingTheSubscription_WithTheServiceDetails(int status, string code, string errorId)
        {
            var error = await RefusedPatch(status, code);

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal((status, code, "correlation-map"), (error.HttpStatusCode, error.ServiceErrorCode, error.CorrelationId));
            Assert.NotNull(error.RequestId);
            Assert.EndsWith($"MS-RequestId: {error.RequestId}; MS-CorrelationId: correlation-map.", error.Message);
            Assert.Contains(Plan.ToString(), error.Message);
        }

        [Fact]
        public async Task TheRefusedSubscription_IsKnownByItsIds_AndByWhatTheRefusalSaysOfItsKind()
        {
            var window = Assert.IsType<Subscription>((await RefusedPatch(400, "900213")).Target);
            Assert.Equal((Customer, Plan, CommerceType.NewCommerce, string.Empty), (window.CustomerId, window.SubscriptionId, window.CommerceType, window.Status));

            Assert.Equal(CommerceType.Legacy, Assert.IsType<Subscription>((await RefusedPatch(403, "800019")).Target).CommerceType);
            Assert.Equal(BillingType.Usage, Assert.IsType<Subscription>((await RefusedPatch(403, "900115")).Target).BillingType);

            var closed = await RefusedPatch(400, "900213");
            Assert.StartsWith($"Subscription '{Plan}' of customer '{Customer}' cannot be cancelled: Partner Center answered that its cancellation window has passed (code 900213).", closed.Message);
        }

        [Fact]
        public async Task ACodeOnARequestNotAboutASubscription_IsLeftToTheStatusRows()
        {
            Assert.Equal(PartnerErrorId.PartnerCenterBadRequest, (await RefusedPatch(400, "900117", aboutSubscription: false)).ErrorId);
            Assert.Equal(PartnerErrorId.PartnerCenterBadRequest, (await RefusedPatch(400, "800019")).ErrorId); // the code under another status than documented
        }
    }
}
