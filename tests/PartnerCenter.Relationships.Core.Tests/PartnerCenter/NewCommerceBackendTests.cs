using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The remote backend's new-commerce calls against the emulator over real HTTP: what a subscription's term reads
    /// as, what cancelling, auto-renew and Azure plans send, and how Partner Center's refusals become the module's errors.
    /// </summary>
    public sealed class NewCommerceBackendTests
    {
        /// <summary>Bought a day ago: its cancellation window (7 days after purchase) is open, by the emulator's system clock.</summary>
        private static readonly DateTimeOffset Yesterday = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);

        private static RequestLogEntry PatchOf(PartnerCenterEmulator emulator, Guid subscriptionId) =>
            Assert.Single(emulator.RequestLog, e => e.Method == "PATCH" && e.Path.EndsWith(subscriptionId.ToString(), StringComparison.Ordinal));

        private static JsonObject BodyOf(RequestLogEntry patch) => JsonNode.Parse(patch.Body!)!.AsObject();

        /// <summary>The body is the resource as read (full, not just the changed field), with the one change.</summary>
        private static void AssertFullResource(JsonObject body, SubscriptionState read)
        {
            Assert.Equal(read.Id.ToString(), body["id"]!.GetValue<string>());
            Assert.Equal(read.OfferId, body["offerId"]!.GetValue<string>());
            Assert.Equal(read.Quantity, body["quantity"]!.GetValue<int>());
            Assert.Equal(read.TermDuration, body["termDuration"]!.GetValue<string>());
            Assert.Equal(read.Etag, body["attributes"]!["etag"]!.GetValue<string>());
        }

        [Fact]
        public async Task Subscriptions_ReadTheirTerm_AutoRenew_CancellationWindow_CreationDate_BillingType_AndBase()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var legacy = pc.Emulator.AddSubscription(customer, new SubscriptionSeed { AutoRenewEnabled = false });
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday.AddHours(9)));
            var phone = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday) with { OfferName = "Microsoft Teams Phone Standard", ParentSubscriptionId = e3.Id });
            var azure = pc.Emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 2));
            using var backend = pc.OpenBackend();

            var read = backend.GetSubscriptions(customer).ToDictionary(s => s.SubscriptionId);

            var old = read[legacy.Id];
            Assert.Equal((CommerceType.Legacy, "P1M", false, BillingType.License), (old.CommerceType, old.TermDuration, old.AutoRenewEnabled, old.BillingType));
            Assert.Equal(new DateTime(2024, 1, 15, 8, 0, 0, DateTimeKind.Utc), old.CreationDate);
            Assert.Null(old.CancellationAllowedUntil);
            Assert.Null(old.ParentSubscriptionId);

            var nce = read[e3.Id];
            Assert.Equal((CommerceType.NewCommerce, "P1Y", true, BillingType.License), (nce.CommerceType, nce.TermDuration, nce.AutoRenewEnabled, nce.BillingType));
            Assert.Equal(Yesterday.AddHours(9).UtcDateTime, nce.CreationDate);
            Assert.Equal(Yesterday.AddHours(9).AddDays(7).UtcDateTime, nce.CancellationAllowedUntil);
            Assert.Equal(DateTimeKind.Utc, nce.CancellationAllowedUntil!.Value.Kind);
            Assert.Equal(e3.Id, read[phone.Id].ParentSubscriptionId);

            var plan = read[azure.Id];
            Assert.Equal((CommerceType.NewCommerce, BillingType.Usage), (plan.CommerceType, plan.BillingType));
            Assert.Null(plan.CancellationAllowedUntil);
            Assert.Null(plan.ActiveAzureSubscriptions); // a subscription resource does not say; CountActiveAzureSubscriptions asks
            Assert.Equal(nce.CancellationAllowedUntil, backend.GetSubscription(customer, e3.Id)!.CancellationAllowedUntil); // by id too
        }

        // ---- cancellation -----------------------------------------------------------------------------

        [Fact]
        public async Task Cancel_InsideTheWindow_IsTheFullResourceWithStatusDeletedAndIfMatch_AndReadsBackDeleted()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday));
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            pc.Emulator.ResetRequestLog();

            var cancelled = backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Deleted);

            Assert.Equal(new[] { e3.Id }, cancelled);
            var patch = PatchOf(pc.Emulator, e3.Id);
            Assert.Equal((e3.Etag, 200), (patch.IfMatch, patch.StatusCode));
            var body = BodyOf(patch);
            Assert.Equal("deleted", body["status"]!.GetValue<string>());
            AssertFullResource(body, e3);

            var after = backend.GetSubscription(customer, e3.Id)!;
            Assert.Equal((SubscriptionStatus.Deleted, false), (after.Status, after.AutoRenewEnabled));
            Assert.Null(after.CancellationAllowedUntil);
            Assert.Equal(new[] { ("active", "deleted") }, pc.Emulator.GetSubscriptionState(customer, e3.Id)!.StatusHistory.Select(t => (t.From, t.To)));
        }

        [Fact]
        public async Task Cancel_AfterTheWindow_IsCancellationWindowClosed_WithTheServiceDetails()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday.AddDays(-30)));
            using var backend = pc.OpenBackend("correlation-cancel");
            var held = backend.GetSubscriptions(customer).ToList();

            var error = Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Deleted));

            Assert.Equal((PartnerErrorId.CancellationWindowClosed, PartnerErrorCategory.InvalidOperation), (error.ErrorId, error.Category));
            Assert.Equal((400, "900117", "correlation-cancel"), (error.HttpStatusCode, error.ServiceErrorCode, error.CorrelationId));
            Assert.Equal(PatchOf(pc.Emulator, e3.Id).RequestId, error.RequestId);
            var target = Assert.IsType<Subscription>(error.Target);
            Assert.Equal((customer, e3.Id, CommerceType.NewCommerce), (target.CustomerId, target.SubscriptionId, target.CommerceType));
            Assert.Contains($"Subscription '{e3.Id}' of customer '{customer}' cannot be cancelled: Partner Center answered that its cancellation window has passed (code 900117).", error.Message);
            Assert.Contains("MS-RequestId: " + error.RequestId, error.Message);
            Assert.Contains("-AutoRenewEnabled $false", error.RecommendedAction);
            Assert.Equal(("active", 0), (pc.Emulator.GetSubscriptionState(customer, e3.Id)!.Status, pc.Emulator.GetSubscriptionState(customer, e3.Id)!.StatusTransitionCount));
        }

        [Fact]
        public async Task Cancel_OfALegacySubscription_IsCancellationNotSupported()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var legacy = pc.Emulator.AddSubscription(customer);
            using var backend = pc.OpenBackend();

            var error = Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(backend.GetSubscriptions(customer).ToList(), SubscriptionStatus.Active, SubscriptionStatus.Deleted));

            Assert.Equal(PartnerErrorId.CancellationNotSupported, error.ErrorId);
            Assert.Equal((403, "800019"), (error.HttpStatusCode, error.ServiceErrorCode));
            Assert.Contains("a legacy subscription is suspended instead", error.Message);
            Assert.Equal(legacy.Id, Assert.IsType<Subscription>(error.Target).SubscriptionId);
            Assert.Equal("active", pc.Emulator.GetSubscriptionState(customer, legacy.Id)!.Status);
        }

        // ---- auto-renew -------------------------------------------------------------------------------

        [Fact]
        public async Task AutoRenewOff_IsTheFullResourceWithIfMatch_AndReadsBack_AndTheSameSettingSendsNothing()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce());
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            pc.Emulator.ResetRequestLog();

            Assert.Equal(new[] { e3.Id }, backend.UpdateSubscriptionAutoRenew(held, autoRenewEnabled: false));

            var patch = PatchOf(pc.Emulator, e3.Id);
            Assert.Equal(e3.Etag, patch.IfMatch);
            var body = BodyOf(patch);
            Assert.False(body["autoRenewEnabled"]!.GetValue<bool>());
            Assert.Equal("active", body["status"]!.GetValue<string>()); // the status as read: only auto-renew changes
            AssertFullResource(body, e3);
            var after = backend.GetSubscription(customer, e3.Id)!;
            Assert.Equal((false, SubscriptionStatus.Active), (after.AutoRenewEnabled, after.Status));
            Assert.Equal(0, pc.Emulator.GetSubscriptionState(customer, e3.Id)!.StatusTransitionCount);

            pc.Emulator.ResetRequestLog();
            Assert.Empty(backend.UpdateSubscriptionAutoRenew(held, autoRenewEnabled: false));
            Assert.DoesNotContain(pc.Emulator.RequestLog, e => e.Method == "PATCH");
        }

        /// <summary>
        /// Decided: the backend leaves a subscription that is not active out, without a PATCH (Partner Center would
        /// refuse it with 800091 for a suspended one), and reports it unchanged; saying why is the rule's business
        /// (AutoRenewCannotChange). It judges on the resource the subscription was listed with, so one suspended since
        /// is written at its old etag, refused for that (412, before any rule), and left out too.
        /// </summary>
        [Fact]
        public async Task AutoRenew_OfASuspendedSubscription_ChangesNothing_AndSendsNoPatch_OneSuspendedSinceItsListingIsRefusedByItsEtag()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var suspended = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended" });
            var suspendedSince = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce());
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            pc.Emulator.SetSubscriptionStatus(customer, suspendedSince.Id, "suspended");
            pc.Emulator.ResetRequestLog();

            Assert.Empty(backend.UpdateSubscriptionAutoRenew(held, autoRenewEnabled: false));

            var refused = Assert.Single(pc.Emulator.RequestLog);
            Assert.Equal(("PATCH", suspendedSince.Etag, 412), (refused.Method, refused.IfMatch, refused.StatusCode));
            Assert.EndsWith(suspendedSince.Id.ToString(), refused.Path, StringComparison.Ordinal);
            Assert.All(new[] { suspended, suspendedSince }, s => Assert.True(pc.Emulator.GetSubscriptionState(customer, s.Id)!.AutoRenewEnabled));
        }

        [Fact]
        public async Task AutoRenew_ChangedMeanwhile_ThePreconditionFailure_LeavesItOut()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce());
            pc.Emulator.Faults.Enqueue($"/subscriptions/{e3.Id}$", FaultKind.HttpStatus(412), method: "PATCH");
            using var backend = pc.OpenBackend();

            Assert.Empty(backend.UpdateSubscriptionAutoRenew(backend.GetSubscriptions(customer).ToList(), autoRenewEnabled: false));

            Assert.True(pc.Emulator.GetSubscriptionState(customer, e3.Id)!.AutoRenewEnabled);
        }

        // ---- Azure plans ------------------------------------------------------------------------------

        [Fact]
        public async Task CountActiveAzureSubscriptions_CountsThePlansActiveAzureSubscriptionsOnly()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var busy = pc.Emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 2) with { CancelledAzureSubscriptions = 3 });
            var empty = pc.Emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan() with { CancelledAzureSubscriptions = 1 });
            using var backend = pc.OpenBackend();
            var plans = backend.GetSubscriptions(customer).ToDictionary(s => s.SubscriptionId);
            pc.Emulator.ResetRequestLog();

            Assert.Equal(2, backend.CountActiveAzureSubscriptions(plans[busy.Id]));
            Assert.Equal(0, backend.CountActiveAzureSubscriptions(plans[empty.Id]));

            Assert.Equal($"/v1/customers/{customer}/subscriptions/{busy.Id}/azureEntitlements", pc.Emulator.RequestLog[0].Path);
        }

        [Fact]
        public async Task SuspendingAnAzurePlanWithActiveAzureSubscriptions_IsAzurePlanHasActiveSubscriptions()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var plan = pc.Emulator.AddSubscription(customer, SubscriptionSeed.AzurePlan(activeAzureSubscriptions: 1));
            using var backend = pc.OpenBackend();

            var error = Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(backend.GetSubscriptions(customer).ToList(), SubscriptionStatus.Active, SubscriptionStatus.Suspended));

            Assert.Equal(PartnerErrorId.AzurePlanHasActiveSubscriptions, error.ErrorId);
            Assert.Equal((403, "900115"), (error.HttpStatusCode, error.ServiceErrorCode));
            Assert.NotNull(error.RequestId);
            Assert.Contains($"Azure plan '{plan.Id}' of customer '{customer}' cannot be suspended while Azure subscriptions under it are active.", error.Message);
            Assert.Equal(BillingType.Usage, Assert.IsType<Subscription>(error.Target).BillingType);
            Assert.Equal("active", pc.Emulator.GetSubscriptionState(customer, plan.Id)!.Status);
        }

        // ---- removal ----------------------------------------------------------------------------------

        [Fact]
        public async Task Removal_RefusedWithACodeTheTableDoesNotKnow_IsAPartnerException_CarryingTheServiceDetails()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { Status = "suspended" }); // still billing: not cancelled
            using var backend = pc.OpenBackend("correlation-removal");

            var error = Assert.Throws<PartnerException>(() => backend.RemoveResellerRelationship(backend.GetCustomer(customer)!));

            // An unknown 400 is a bad request, with Partner Center's own words and the ids support asks for.
            Assert.Equal((PartnerErrorId.PartnerCenterBadRequest, PartnerErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
            Assert.Equal((400, PartnerCenterEmulator.UncancelledNewCommerceRemovalCode.ToString(System.Globalization.CultureInfo.InvariantCulture), "correlation-removal"),
                (error.HttpStatusCode, error.ServiceErrorCode, error.CorrelationId));
            Assert.Equal(pc.Emulator.RequestLog[^1].RequestId, error.RequestId);
            Assert.Contains("new-commerce subscriptions are not cancelled or expired", error.Message);
            Assert.Equal("reseller", pc.Emulator.GetCustomerState(customer)!.RelationshipToPartner);
        }

        // ---- operations -------------------------------------------------------------------------------

        [Fact]
        public async Task AnOperationLeftWithoutComplete_ChangesBackSuspensionsAndAutoRenew_ButNotACancellation()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var legacy = pc.Emulator.AddSubscription(customer);
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday));
            var e5 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce() with { OfferName = "Microsoft 365 E5" });
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToDictionary(s => s.SubscriptionId);
            SubscriptionState State(SubscriptionState s) => pc.Emulator.GetSubscriptionState(customer, s.Id)!;

            using (backend.BeginOperation())
            {
                backend.UpdateSubscriptionStatuses(new[] { held[legacy.Id] }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
                backend.UpdateSubscriptionStatuses(new[] { held[e3.Id] }, SubscriptionStatus.Active, SubscriptionStatus.Deleted);
                backend.UpdateSubscriptionAutoRenew(new[] { held[e5.Id] }, autoRenewEnabled: false);
                Assert.Equal(("suspended", "deleted", false), (State(legacy).Status, State(e3).Status, State(e5).AutoRenewEnabled));
                pc.Emulator.ResetRequestLog();
            }

            // Partner Center keeps a cancellation: it is not even tried back.
            Assert.Equal(new[] { ("active", "suspended"), ("suspended", "active") }, State(legacy).StatusHistory.Select(t => (t.From, t.To)));
            Assert.Equal(("deleted", 1), (State(e3).Status, State(e3).StatusTransitionCount));
            Assert.True(State(e5).AutoRenewEnabled);
            Assert.DoesNotContain(pc.Emulator.RequestLog, e => e.Path.EndsWith(e3.Id.ToString(), StringComparison.Ordinal));
        }
    }
}
