using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The remote backend below the engine, against the emulator over real HTTP: what each IPartnerBackend call sends
    /// and how Partner Center's answers become the module's own. The cmdlets over it are the engine tests' business.
    /// </summary>
    public sealed class PartnerCenterBackendTests
    {
        [Fact]
        public async Task Customers_AreListedPageByPage_AndAPrefixGoesToTheServiceAsAFilter()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var contosos = pc.Emulator.Seed(25, 0, seed: 1); // Contoso 001 ... Contoso 025
            var fabrikam = pc.Emulator.AddCustomer("Fabrikam", "fabrikam.onmicrosoft.com");
            var removed = pc.Emulator.AddCustomer("Contoso Gone", "gone.onmicrosoft.com", relationshipToPartner: "none");
            using var backend = pc.OpenBackend();
            var pages = new List<int>();

            var all = backend.GetCustomers(new CustomerQuery { PageSize = 10, PageRead = (read, _) => pages.Add(read) }).ToList();

            Assert.Equal(contosos.Append(fabrikam), all.Select(c => c.CustomerId));
            Assert.Equal(new[] { 1, 2, 3 }, pages);
            var listings = pc.Emulator.RequestLog.Where(e => e.Path == "/v1/customers").ToList();
            Assert.Equal(3, listings.Count);
            Assert.Contains("size=10", listings[0].PathAndQuery);
            Assert.Equal(2, listings.Count(e => e.ContinuationToken != null));

            pc.Emulator.ResetRequestLog();
            var byName = backend.GetCustomers(new CustomerQuery { NamePrefix = "contoso 01" }).Select(c => c.Name).ToList();
            Assert.Equal(Enumerable.Range(10, 10).Select(n => $"Contoso 0{n}"), byName);
            Assert.Contains("filter=", Assert.Single(pc.Emulator.RequestLog).PathAndQuery); // the service filters, not only this side

            pc.Emulator.ResetRequestLog();
            Assert.Equal(new[] { fabrikam }, backend.GetCustomers(new CustomerQuery { DomainPrefix = "FAB" }).Select(c => c.CustomerId));
            Assert.Contains(Uri.EscapeDataString("\"Field\":\"Domain\""), Assert.Single(pc.Emulator.RequestLog).PathAndQuery);

            // By id: each one read on its own; a removed or unknown customer is left out.
            var byId = backend.GetCustomers(new CustomerQuery { CustomerIds = new[] { removed, fabrikam, Guid.NewGuid() } });
            Assert.Equal(new[] { "Fabrikam" }, byId.Select(c => c.Name));
        }

        [Fact]
        public async Task GetCustomer_OfAnUnknownOrRemovedCustomer_IsNull_AndAKnownOneIsMapped()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var contoso = pc.Emulator.AddCustomer("Contoso", "contoso.onmicrosoft.com", allowDelegatedAccess: true);
            var removed = pc.Emulator.AddCustomer("Fabrikam", "fabrikam.onmicrosoft.com");
            pc.Emulator.SetRelationship(removed, "none");
            using var backend = pc.OpenBackend();

            var found = backend.GetCustomer(contoso)!;
            Assert.Equal((contoso, "Contoso", "contoso.onmicrosoft.com", RelationshipToPartner.Reseller), (found.CustomerId, found.Name, found.Domain, found.RelationshipToPartner));
            Assert.True(found.AllowDelegatedAccess && found.IsSupportContact && found.CanPurchase && found.HasRelationship);

            Assert.Null(backend.GetCustomer(Guid.NewGuid()));
            Assert.Null(backend.GetCustomer(removed));
            pc.Emulator.Options.RemovedCustomerStatusCode = 404; // Partner Center has answered both ways
            Assert.Null(backend.GetCustomer(removed));

            Assert.Equal(new[] { 200, 404, 403, 404 }, pc.Emulator.RequestLog.Select(e => e.StatusCode));
        }

        [Fact]
        public async Task NoCommerceRelationship_403_IsCustomerRelationshipNotFound_AndAnUnknownSubscriptionIsNull()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var contoso = pc.Emulator.AddCustomer("Contoso");
            var removed = pc.Emulator.AddCustomer("Fabrikam");
            var left = pc.Emulator.AddSubscription(removed, "suspended");
            pc.Emulator.SetRelationship(removed, "none");
            using var backend = pc.OpenBackend();

            var listing = Assert.Throws<PartnerException>(() => backend.GetSubscriptions(removed).ToList());
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, listing.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, listing.Category);
            Assert.Equal(removed, listing.Target);
            Assert.Equal((403, "20002"), (listing.HttpStatusCode, listing.ServiceErrorCode));

            var resume = Assert.Throws<PartnerException>(() => backend.UpdateSubscriptionStatuses(
                new[] { new Subscription { CustomerId = removed, SubscriptionId = left.Id, Status = SubscriptionStatus.Suspended } },
                SubscriptionStatus.Suspended, SubscriptionStatus.Active));
            Assert.Equal(PartnerErrorId.CustomerRelationshipNotFound, resume.ErrorId);
            Assert.DoesNotContain(pc.Emulator.RequestLog, e => e.Method == "PATCH");

            Assert.Null(backend.GetSubscription(contoso, Guid.NewGuid())); // 404 20003
            Assert.Equal(404, pc.Emulator.RequestLog[^1].StatusCode);
        }

        [Fact]
        public async Task UpdateSubscriptionStatuses_ChangesOnlyThoseStillInTheExpectedStatus_AndLeavesAnEtagConflictOut()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var first = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            var second = pc.Emulator.AddSubscription(customer, "active", "Power BI Pro");
            var already = pc.Emulator.AddSubscription(customer, "suspended", "Visio Plan 2");
            var contested = pc.Emulator.AddSubscription(customer, "active", "Teams Essentials");

            // Someone else changes it between this backend's read and its write: the service refuses the old etag.
            pc.Emulator.Faults.Enqueue($"/subscriptions/{contested.Id}$", FaultKind.HttpStatus(412), method: "PATCH");
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            pc.Emulator.ResetRequestLog();

            var changed = backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Suspended);

            Assert.Equal(new[] { first.Id, second.Id }.OrderBy(id => id), changed.OrderBy(id => id));
            SubscriptionState State(SubscriptionState s) => pc.Emulator.GetSubscriptionState(customer, s.Id)!;
            Assert.Equal(("suspended", 1), (State(first).Status, State(first).StatusTransitionCount));
            Assert.Equal(("suspended", 1), (State(second).Status, State(second).StatusTransitionCount));
            Assert.Equal(("suspended", 0), (State(already).Status, State(already).StatusTransitionCount));
            Assert.Equal(("active", 0), (State(contested).Status, State(contested).StatusTransitionCount));

            // Each is written back as it was listed, with If-Match on the etag it was listed with, and nothing is
            // read; the one already in the new status is not written at all.
            var patches = pc.Emulator.RequestLog.Where(e => e.Method == "PATCH").ToList();
            Assert.Equal(new[] { first.Id, second.Id, contested.Id }.Select(id => id.ToString()).OrderBy(s => s), patches.Select(p => p.Path.Split('/')[^1]).OrderBy(s => s));
            Assert.Equal(first.Etag, patches.Single(p => p.Path.EndsWith(first.Id.ToString(), StringComparison.Ordinal)).IfMatch);
            Assert.Equal(3, pc.Emulator.RequestLog.Count);
        }

        [Fact]
        public async Task RemoveResellerRelationship_SendsThePatch_AndTheCustomerIsGoneAfterwards()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso", allowDelegatedAccess: true);
            var active = pc.Emulator.AddSubscription(customer, "active");
            using var backend = pc.OpenBackend();
            var read = backend.GetCustomer(customer)!;

            // Partner Center refuses while a subscription is active; the module suspends first.
            var refused = Assert.Throws<PartnerException>(() => backend.RemoveResellerRelationship(read));
            Assert.Equal(400, refused.HttpStatusCode);
            Assert.Equal("reseller", pc.Emulator.GetCustomerState(customer)!.RelationshipToPartner);

            pc.Emulator.SetSubscriptionStatus(customer, active.Id, "suspended");
            pc.Emulator.ResetRequestLog();
            backend.RemoveResellerRelationship(read);

            var patch = Assert.Single(pc.Emulator.RequestLog);
            Assert.Equal(("PATCH", $"/v1/customers/{customer}", 200), (patch.Method, patch.Path, patch.StatusCode));
            var state = pc.Emulator.GetCustomerState(customer)!;
            Assert.Equal("none", state.RelationshipToPartner);
            Assert.False(state.AllowDelegatedAccess);
            Assert.Null(backend.GetCustomer(customer));
        }

        [Fact]
        public async Task AnOperationLeftWithoutComplete_ChangesItsSuspensionsBack_ACompletedOneKeepsThem()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var first = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            var second = pc.Emulator.AddSubscription(customer, "active", "Power BI Pro");
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            IEnumerable<SubscriptionState> States() => new[] { first, second }.Select(s => pc.Emulator.GetSubscriptionState(customer, s.Id)!);

            using (backend.BeginOperation())
            {
                Assert.Equal(2, backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Suspended).Count);
                Assert.All(States(), s => Assert.Equal("suspended", s.Status));
            }

            // Left without Complete, as a stopped command leaves it: the compensating calls ran.
            Assert.All(States(), s => Assert.Equal(new[] { ("active", "suspended"), ("suspended", "active") }, s.StatusHistory.Select(t => (t.From, t.To))));

            using (var kept = backend.BeginOperation())
            {
                backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
                kept.Complete();
            }

            Assert.All(States(), s => Assert.Equal(("suspended", 3), (s.Status, s.StatusTransitionCount)));

            // Outside any operation nothing is remembered: nothing is changed back.
            backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Suspended, SubscriptionStatus.Active);
            using (backend.BeginOperation())
            {
            }

            Assert.All(States(), s => Assert.Equal(("active", 4), (s.Status, s.StatusTransitionCount)));
        }

        [Fact]
        public async Task Undo_ReturnsTheCause_OrNamesWhatItCouldNotChangeBack()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var customer = pc.Emulator.AddCustomer("Contoso");
            var first = pc.Emulator.AddSubscription(customer, "active", "Microsoft 365 E3");
            var second = pc.Emulator.AddSubscription(customer, "active", "Power BI Pro");
            using var backend = pc.OpenBackend();
            var held = backend.GetSubscriptions(customer).ToList();
            var cause = PartnerErrors.CustomerRelationshipNotFound(customer);

            using (var operation = backend.BeginOperation())
            {
                backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
                Assert.Same(cause, operation.Undo(cause));
            }

            Assert.All(new[] { first, second }, s => Assert.Equal("active", pc.Emulator.GetSubscriptionState(customer, s.Id)!.Status));

            using (var operation = backend.BeginOperation())
            {
                backend.UpdateSubscriptionStatuses(held, SubscriptionStatus.Active, SubscriptionStatus.Suspended);

                // The first subscription's second PATCH (its undo) is refused.
                pc.Emulator.Faults.Enqueue($"/subscriptions/{first.Id}$", FaultKind.HttpStatus(409), method: "PATCH");
                var error = operation.Undo(cause);

                Assert.NotSame(cause, error);
                Assert.Equal(cause.ErrorId, error.ErrorId);
                Assert.Contains(first.Id.ToString(), error.Message);
                Assert.DoesNotContain(second.Id.ToString(), error.Message);
                var patches = pc.Emulator.RequestLog.Count(e => e.Method == "PATCH");
                operation.Dispose(); // undone already: nothing is changed back twice
                Assert.Equal(patches, pc.Emulator.RequestLog.Count(e => e.Method == "PATCH"));
            }

            Assert.Equal("suspended", pc.Emulator.GetSubscriptionState(customer, first.Id)!.Status);
            Assert.Equal("active", pc.Emulator.GetSubscriptionState(customer, second.Id)!.Status);
        }

        [Fact]
        public async Task EachBackend_SendsItsOwnCorrelationId_OnEveryRequest_SideBySideOnOneConnection()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var contoso = pc.Emulator.AddCustomer("Contoso");
            var fabrikam = pc.Emulator.AddCustomer("Fabrikam");
            pc.Emulator.AddSubscription(contoso);
            pc.Emulator.AddSubscription(fabrikam);
            using var first = pc.OpenBackend("correlation-first");
            using var second = pc.OpenBackend("correlation-second");

            // Two commands at once (two runspaces over the one connection and its client).
            void Read(IPartnerBackend backend, Guid customer)
            {
                for (var i = 0; i < 5; i++)
                {
                    Assert.NotNull(backend.GetCustomer(customer));
                    Assert.Single(backend.GetSubscriptions(customer));
                }
            }

            await Task.WhenAll(Task.Run(() => Read(first, contoso)), Task.Run(() => Read(second, fabrikam)));

            var log = pc.Emulator.RequestLog;
            Assert.Equal(20, log.Count);
            Assert.All(log, e => Assert.Equal(e.Path.Contains(contoso.ToString()) ? "correlation-first" : "correlation-second", e.CorrelationId));
            Assert.Equal(20, log.Select(e => e.RequestId).Distinct().Count()); // and each request its own MS-RequestId

            // A listing is read lazily, page by page, between other work on the same thread: every page is its command's.
            pc.Emulator.ResetRequestLog();
            using (var pagesOfFirst = first.GetCustomers(new CustomerQuery { PageSize = 1 }).GetEnumerator())
            {
                Assert.True(pagesOfFirst.MoveNext());
                Assert.NotNull(second.GetCustomer(fabrikam));
                Assert.True(pagesOfFirst.MoveNext());
                Assert.False(pagesOfFirst.MoveNext());
            }

            Assert.Equal(
                new[] { ("/v1/customers", "correlation-first"), ($"/v1/customers/{fabrikam}", "correlation-second"), ("/v1/customers", "correlation-first") },
                pc.Emulator.RequestLog.Select(e => (e.Path, e.CorrelationId!)).Take(3));
            Assert.All(pc.Emulator.RequestLog.Skip(3), e => Assert.Equal(("/v1/customers", "correlation-first"), (e.Path, e.CorrelationId!)));
        }

        [Fact]
        public async Task ARetry_IsToldOnlyToTheCommandWhoseRequestItWas()
        {
            await using var pc = await EmulatedPartnerCenter.StartAsync();
            var contoso = pc.Emulator.AddCustomer("Contoso");
            using var first = pc.OpenBackend();
            using var second = pc.OpenBackend();
            pc.Emulator.Faults.Enqueue($"/customers/{contoso}$", FaultKind.ServiceUnavailable);

            Assert.NotNull(first.GetCustomer(contoso));

            Assert.Contains("503", Assert.Single(first.TakeVerboseMessages()));
            Assert.Empty(first.TakeVerboseMessages()); // taken once
            Assert.Empty(second.TakeVerboseMessages());
            Assert.Equal(new[] { 503, 200 }, pc.Emulator.RequestLog.Select(e => e.StatusCode));
        }
    }
}
