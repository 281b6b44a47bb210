using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// What one change of a subscription costs against Partner Center (the emulator over real HTTP): a subscription
    /// keeps the resource it was listed or read with, so a change is one PATCH at its etag; a read comes only when
    /// that etag no longer matches, or when there is nothing kept.
    /// </summary>
    public sealed class PartnerCenterBackendSubscriptionTests
    {
        /// <summary>Bought a day ago: its cancellation window (7 days after purchase) is open, by the emulator's system clock.</summary>
        private static readonly DateTimeOffset Yesterday = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);

        private static string EtagOf(PartnerCenterEmulator emulator, Guid customerId, Guid subscriptionId) =>
            emulator.GetSubscriptionState(customerId, subscriptionId)!.Etag;

        private static IEnumerable<(string Method, string? IfMatch, int StatusCode)> Requests(PartnerCenterEmulator emulator) =>
            emulator.RequestLog.Select(e => (e.Method, e.IfMatch, e.StatusCode));

        [Fact]
        public async Task AListedSubscription_IsSuspendedResumedAutoRenewedAndCancelled_InOnePatchEach_AtTheEtagOfItsLastAnswer()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday));
            using var backend = pc.OpenBackend();
            var held = Assert.Single(backend.GetSubscriptions(customer));
            var steps = new (Func<ISet<Guid>> Change, string Status, bool AutoRenew)[]
            {
                (() => backend.UpdateSubscriptionStatuses(new[] { held }, SubscriptionStatus.Active, SubscriptionStatus.Suspended), "suspended", true),
                (() => backend.UpdateSubscriptionStatuses(new[] { held }, SubscriptionStatus.Suspended, SubscriptionStatus.Active), "active", true),
                (() => backend.UpdateSubscriptionAutoRenew(new[] { held }, autoRenewEnabled: false), "active", false),
                (() => backend.UpdateSubscriptionStatuses(new[] { held }, SubscriptionStatus.Active, SubscriptionStatus.Deleted), "deleted", false),
            };

            var etag = e3.Etag;
            foreach (var (change, status, autoRenew) in steps)
            {
                pc.Emulator.ResetRequestLog();

                Assert.Equal(new[] { e3.Id }, change());

                // No GET: the PATCH carries the etag of the listing, then of the answer to the change before.
                Assert.Equal(new[] { ("PATCH", (string?)etag, 200) }, Requests(pc.Emulator));
                var state = pc.Emulator.GetSubscriptionState(customer, e3.Id)!;
                Assert.Equal((status, autoRenew), (state.Status, state.AutoRenewEnabled));
                Assert.NotEqual(etag, state.Etag);
                Assert.Equal(state.Etag, held.LastSent!.ETag);
                etag = state.Etag;
            }
        }

        [Fact]
        public async Task ASubscriptionChangedBetweenListingAndSuspend_Is412_ThenReadOnce_ThenWrittenAgain_AndEndsSuspended()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            using var backend = pc.OpenBackend();
            var listed = Assert.Single(backend.GetSubscriptions(customer));
            var preview = new StatusChangePreview(backend);
            var changer = new StatusChanger(backend, preview);

            // Someone else changes it after the listing: the same status, a new etag.
            pc.Emulator.SetSubscriptionStatus(customer, e3.Id, "active");
            var changedEtag = EtagOf(pc.Emulator, customer, e3.Id);
            pc.Emulator.ResetRequestLog();

            var change = preview.Prepare(listed, SubscriptionStatus.Suspended);
            Assert.True(changer.Apply(change));

            Assert.Equal(new[] { ("PATCH", (string?)e3.Etag, 412), ("GET", null, 200), ("PATCH", changedEtag, 200) }, Requests(pc.Emulator));
            Assert.All(pc.Emulator.RequestLog, e => Assert.Equal($"/v1/customers/{customer}/subscriptions/{e3.Id}", e.Path));
            var state = pc.Emulator.GetSubscriptionState(customer, e3.Id)!;
            Assert.Equal(("suspended", 1), (state.Status, state.StatusTransitionCount));

            // The object written out keeps the answer to the write that succeeded: resuming it is one PATCH again.
            Assert.Equal(SubscriptionStatus.Suspended, change.Subscription.Status);
            pc.Emulator.ResetRequestLog();
            Assert.True(changer.Apply(preview.Prepare(change.Subscription, SubscriptionStatus.Active)));
            Assert.Equal(new[] { ("PATCH", (string?)state.Etag, 200) }, Requests(pc.Emulator));
        }

        [Fact]
        public async Task AnAutoRenewChangeThatMeets412_WritesBackWhatItThenReads_NotReadingItTwice()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, SubscriptionSeed.NewCommerce(Yesterday));
            using var backend = pc.OpenBackend();
            var change = new AutoRenewChange(backend);
            var read = change.Read(customer, e3.Id);
            pc.Emulator.SetSubscriptionStatus(customer, e3.Id, "active");
            var changedEtag = EtagOf(pc.Emulator, customer, e3.Id);
            pc.Emulator.ResetRequestLog();

            change.Apply(read, autoRenewEnabled: false);

            // The rule reads the customer and the subscription again; the second write is at what that read gave.
            Assert.Equal(new[] { ("PATCH", (string?)e3.Etag, 412), ("GET", null, 200), ("GET", null, 200), ("PATCH", changedEtag, 200) }, Requests(pc.Emulator));
            Assert.False(read.AutoRenewEnabled);
            Assert.False(pc.Emulator.GetSubscriptionState(customer, e3.Id)!.AutoRenewEnabled);
        }

        [Fact]
        public async Task ASubscriptionKeepingNoResource_IsReadFirst_AndThenKeepsTheAnswer()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            using var backend = pc.OpenBackend();

            // Made by the module rather than read from Partner Center, as a local store's subscription is.
            var bare = new Subscription { CustomerId = customer, SubscriptionId = e3.Id, Status = SubscriptionStatus.Active };
            pc.Emulator.ResetRequestLog();

            Assert.Single(backend.UpdateSubscriptionStatuses(new[] { bare }, SubscriptionStatus.Active, SubscriptionStatus.Suspended));

            Assert.Equal(new[] { ("GET", (string?)null, 200), ("PATCH", e3.Etag, 200) }, Requests(pc.Emulator));
            var suspendedEtag = EtagOf(pc.Emulator, customer, e3.Id);
            pc.Emulator.ResetRequestLog();
            Assert.Single(backend.UpdateSubscriptionStatuses(new[] { bare }, SubscriptionStatus.Suspended, SubscriptionStatus.Active));
            Assert.Equal(new[] { ("PATCH", (string?)suspendedEtag, 200) }, Requests(pc.Emulator));
        }

        [Fact]
        public async Task ASubscriptionWhoseEtagNoLongerMatched_KeepsNothing_AndIsReadBeforeItsNextChange()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var e3 = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            using var backend = pc.OpenBackend();
            var held = Assert.Single(backend.GetSubscriptions(customer));
            pc.Emulator.SetSubscriptionStatus(customer, e3.Id, "active");

            Assert.Empty(backend.UpdateSubscriptionStatuses(new[] { held }, SubscriptionStatus.Active, SubscriptionStatus.Suspended));
            Assert.Null(held.LastSent);

            pc.Emulator.ResetRequestLog();
            Assert.Single(backend.UpdateSubscriptionStatuses(new[] { held }, SubscriptionStatus.Active, SubscriptionStatus.Suspended));
            Assert.Equal(new[] { "GET", "PATCH" }, pc.Emulator.RequestLog.Select(e => e.Method));
            Assert.Equal(200, pc.Emulator.RequestLog[^1].StatusCode);
        }

        [Fact]
        public void WhatIsKept_IsTheCompactResourceAndItsEtag_ParsedAfreshEachTime_AndNothingWithoutBodyOrEtag()
        {
            var answer = JsonNode.Parse("{ \"id\": \"s1\",\n  \"status\": \"active\", \"attributes\": { \"etag\": \"e1\" } }")!.AsObject();

            var kept = PartnerCenterResources.Kept(answer)!;

            Assert.Equal("e1", kept.ETag);
            Assert.Equal("{\"id\":\"s1\",\"status\":\"active\",\"attributes\":{\"etag\":\"e1\"}}", Encoding.UTF8.GetString(kept.Utf8Json));
            Assert.Equal("e2", PartnerCenterResources.Kept(answer, "e2")!.ETag); // an ETag header comes first
            var tree = PartnerCenterResources.Parse(kept);
            tree["status"] = "suspended";
            Assert.Equal("active", PartnerCenterResources.Parse(kept)["status"]!.GetValue<string>());

            // An answer without a body, or a resource without an etag, leaves nothing to write back at.
            Assert.Null(PartnerCenterResources.Kept(null, "e1"));
            Assert.Null(PartnerCenterResources.Kept(new JsonObject { ["id"] = "s1" }));
            Assert.Null(PartnerCenterResources.ToSubscription(new JsonObject { ["id"] = Guid.NewGuid().ToString() }, Guid.NewGuid()).LastSent);

            // A copy shares what is kept: it is never changed, only replaced.
            var subscription = PartnerCenterResources.ToSubscription(answer, Guid.NewGuid());
            var copy = subscription.Copy();
            Assert.Same(subscription.LastSent, copy.LastSent);
        }

        [Fact]
        public async Task ARemovalRefusedAfterItsSuspensions_UndoesEach_WithOnePatchAtTheEtagItsSuspensionGave()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso", allowDelegatedAccess: false);
            var subscriptions = new[] { pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3"), pc.Emulator.AddSubscription(customer, "active", "Power BI Pro") };
            using var backend = pc.OpenBackend();
            pc.Emulator.Faults.Enqueue($"/customers/{customer}$", FaultKind.HttpStatus(409), method: "PATCH");
            pc.Emulator.ResetRequestLog();

            var error = Assert.Throws<PartnerException>(() => new RelationshipRemoval(backend).Remove(customer, subscriptions.Select(s => s.Id).ToList()));

            Assert.Equal(PartnerErrorId.RemovalRefused, error.ErrorId);
            Assert.Equal("reseller", pc.Emulator.GetCustomerState(customer)!.RelationshipToPartner);
            Assert.DoesNotContain(pc.Emulator.RequestLog, e => e.StatusCode == 412);
            foreach (var subscription in subscriptions)
            {
                var path = $"/v1/customers/{customer}/subscriptions/{subscription.Id}";
                var requests = pc.Emulator.RequestLog.Where(e => e.Path == path).ToList();
                Assert.Equal(new[] { ("PATCH", 200), ("PATCH", 200) }, requests.Select(e => (e.Method, e.StatusCode)));
                Assert.Equal(subscription.Etag, requests[0].IfMatch);
                Assert.NotEqual(subscription.Etag, requests[1].IfMatch);
                var state = pc.Emulator.GetSubscriptionState(customer, subscription.Id)!;
                Assert.Equal(new[] { ("active", "suspended"), ("suspended", "active") }, state.StatusHistory.Select(t => (t.From, t.To)));
            }
        }
    }
}
