using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>The module's cmdlets against the Partner Center emulator: the same scripts as on the local store.</summary>
    public sealed class RemoteBackendTests
    {
        [Fact]
        public async Task CanonicalSession_RunsUnchanged_AgainstPartnerCenter()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var session = remote.Session;
            var emulator = remote.Emulator;

            var contoso = session.Ok("Get-PartnerCustomer -Name 'Contoso*'");
            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, contoso.Select(c => (string)c.Properties["Name"].Value));
            var id = (Guid)contoso[0].Properties["CustomerId"].Value;

            var suspended = session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru");
            Assert.Equal(4, suspended.Count);
            Assert.All(suspended, s => Assert.Equal("Suspended", s.Properties["Status"].Value));
            foreach (var customer in emulator.GetCustomerStates().Where(c => c.CompanyName.StartsWith("Contoso", StringComparison.Ordinal)))
            {
                Assert.All(emulator.GetSubscriptionStates(customer.Id), s => Assert.Equal("suspended", s.Status));
            }

            var removed = session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -Confirm:$false -PassThru");
            Assert.Equal(2, removed.Count);
            Assert.Equal("none", emulator.GetCustomerState(id)!.RelationshipToPartner);
            Assert.Empty(session.Ok("Get-PartnerCustomer -Name 'Contoso*'"));
            Assert.Single(session.Ok("Get-PartnerCustomer"));
            Assert.Equal("active", emulator.GetSubscriptionStates(emulator.CustomerIdOf("Fabrikam")).Single().Status);

            var request = session.Ok("Request-PartnerRelationship -CustomerId $args[0] -Confirm:$false", id).Single();
            Assert.Equal(id, request.Properties["CustomerId"].Value);
            Assert.Equal($"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={emulator.PartnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation", request.Properties["Url"].Value);

            // Partner Center no longer shows the removed customer: the text to mail does without its name and domain.
            var text = (string)request.Properties["InvitationText"].Value;
            Assert.StartsWith("Hello,", text);
            Assert.Contains("of your organization", text);
            Assert.Contains((string)request.Properties["Url"].Value, text);
        }

        [Fact]
        public async Task SuspendingAnAlreadySuspendedSubscription_IsANoOp_AsOnTheLocalStore()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            var visio = emulator.GetSubscriptionStates(contoso).Single(s => s.Status == "suspended");
            emulator.ResetRequestLog();

            var result = remote.Session.Run("Get-PartnerSubscription -CustomerId $args[0] | Suspend-PartnerSubscription -Confirm:$false -PassThru -Verbose", contoso);

            Assert.Empty(result.AllErrors);
            Assert.Equal(3, result.Output.Count);
            Assert.Contains(result.Verbose, v => v.Contains("is already Suspended; nothing to do", StringComparison.Ordinal));
            Assert.DoesNotContain(emulator.RequestLog, r => r.Method == "PATCH" && r.Path.EndsWith(visio.Id.ToString(), StringComparison.Ordinal));
            Assert.Equal(2, emulator.RequestLog.Count(r => r.Method == "PATCH"));
            Assert.Equal(0, emulator.GetSubscriptionState(contoso, visio.Id)!.StatusTransitionCount);
        }

        [Fact]
        public async Task ASubscriptionChangedUnderEveryWrite_IsLeftAlone_AfterThreeRounds_WithAnError()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var fabrikam = emulator.CustomerIdOf("Fabrikam");
            var teams = emulator.GetSubscriptionStates(fabrikam).Single();
            emulator.Faults.Enqueue($"/subscriptions/{teams.Id}$", FaultKind.HttpStatus(412), count: 10, method: "PATCH");
            emulator.ResetRequestLog();

            var error = remote.Session.Run("Suspend-PartnerSubscription -CustomerId $args[0] -SubscriptionId $args[1] -Confirm:$false", fabrikam, teams.Id).SingleError();

            Assert.StartsWith("SubscriptionKeepsChanging,", error.FullyQualifiedErrorId);
            Assert.Equal(3, emulator.RequestLog.Count(r => r.Method == "PATCH"));
            Assert.Equal("active", emulator.GetSubscriptionState(fabrikam, teams.Id)!.Status);
        }

        [Fact]
        public async Task ActiveSubscriptions_BlockRemoval_ListedByName_AndNothingIsPatched()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            remote.Emulator.ResetRequestLog();

            var result = remote.Session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal("ActiveSubscriptionsBlockRemoval,PartnerCenter.Relationships.Commands.RemovePartnerResellerRelationshipCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Microsoft 365 E3", error.ToString());
            Assert.Contains("Microsoft 365 E5", error.ToString());
            Assert.DoesNotContain(remote.Emulator.RequestLog, r => r.Method == "PATCH");
            Assert.Equal("reseller", remote.Emulator.GetCustomerStates().Single(c => c.CompanyName == "Contoso").RelationshipToPartner);
        }

        [Fact]
        public async Task EveryCommand_HasOneCorrelationId_EveryLogicalRequestItsOwnRequestId_KeptOnRetries()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            emulator.ResetRequestLog();
            emulator.Faults.Enqueue("/subscriptions/", FaultKind.ServiceUnavailable, count: 2, method: "PATCH");

            remote.Session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 1");

            var log = emulator.RequestLog;
            Assert.All(log, r => Assert.True(r.HasAuthorization && r.RequestId != null && r.CorrelationId != null && r.Locale == "en-US" && r.Accept == "application/json"));

            // Three commands, three correlation ids; Get-PartnerSubscription's and Suspend's requests each share theirs.
            Assert.Equal(3, log.Select(r => r.CorrelationId).Distinct().Count());
            var patches = log.Where(r => r.Method == "PATCH").ToList();
            Assert.Equal(2, patches.Select(r => r.RequestId).Distinct().Count());
            Assert.Single(patches.Select(r => r.CorrelationId).Distinct());

            // The faulted PATCH was retried with its own request id, twice; every other request id is used once.
            var faulted = log.Where(r => r.FaultInjected).ToList();
            Assert.Equal(2, faulted.Count);
            Assert.Single(faulted.Select(r => r.RequestId).Distinct());
            var byId = log.GroupBy(r => r.RequestId).ToList();
            Assert.Single(byId, g => g.Count() == 3);
            Assert.All(byId.Where(g => g.Key != faulted[0].RequestId), g => Assert.Single(g));

            // Suspend reads nothing: it PATCHes each subscription whole as it was listed, with If-Match on its etag.
            Assert.All(patches, p => Assert.False(string.IsNullOrEmpty(p.IfMatch)));
            Assert.DoesNotContain(log, r => r.Method == "GET" && r.Path.Contains("/subscriptions/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task WithTwentyPercentOfCallsFailing_ABulkSuspendOf500_SuspendsEachExactlyOnce_WithoutAnError()
        {
            await using var remote = await RemoteSession.StartAsync(new EmulatorOptions { Seed = 7 }, seed: e => e.Seed(50, 10, seed: 3));
            var emulator = remote.Emulator;
            var options = emulator.Options;
            options.TransientFaultRate = 0.2;
            options.FaultAfterApplyRate = 0.05;

            // At most 3 faults per logical request: below the client's 4 retries, so the outcome is certain, not likely.
            options.MaxRandomFaultsPerRequest = 3;

            var result = remote.Session.Run("Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 16 -PassThru");

            Assert.Empty(result.AllErrors);
            Assert.Equal(500, result.Output.Count);
            Assert.Contains(result.Progress, p => p.Activity == "Suspend subscription" && p.StatusDescription.EndsWith("done", StringComparison.Ordinal));
            Assert.True(emulator.RequestLog.Count(r => r.FaultInjected) > 100, "the emulator injected too few faults for the test to mean anything");
            var subscriptions = emulator.GetAllSubscriptionStates();
            Assert.Equal(500, subscriptions.Count);
            Assert.All(subscriptions, s =>
            {
                Assert.Equal("suspended", s.Status);
                Assert.Equal(1, s.StatusTransitionCount);
            });

            // Each change is one logical request, a PATCH (a faulted attempt is retried with the same MS-RequestId),
            // and no subscription is read on its own: 500 changes, 500 PATCHes, whatever the faults.
            var log = emulator.RequestLog;
            Assert.Equal(500, log.Where(r => r.Method == "PATCH").Select(r => r.RequestId).Distinct().Count());
            Assert.DoesNotContain(log, r => r.Method == "GET" && r.Path.Contains("/subscriptions/", StringComparison.Ordinal));
            Assert.DoesNotContain(log, r => r.StatusCode == 412);
        }

        [Fact]
        public async Task ResultsComeBackInInputOrder_AtAnyThrottleLimit()
        {
            await using var remote = await RemoteSession.StartAsync(new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(5) }, seed: e => e.Seed(4, 10, seed: 5));
            var input = remote.Session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active | ForEach-Object SubscriptionId").Select(o => (Guid)o.BaseObject).ToList();

            var output = remote.Session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 8 -PassThru | ForEach-Object SubscriptionId")
                .Select(o => (Guid)o.BaseObject).ToList();

            Assert.Equal(40, output.Count);
            Assert.Equal(input, output);
        }

        [Fact]
        public async Task AppOnlyConnection_IsRefusedRemovalAndRequests_UpFront_ButMaySuspend()
        {
            await using var remote = await RemoteSession.StartAsync(appOnly: true, seed: RemoteSession.SeedContoso);
            var session = remote.Session;
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            emulator.ResetRequestLog();

            var removal = session.Run("Remove-PartnerResellerRelationship -CustomerId $args[0] -Confirm:$false", contoso).SingleError();
            Assert.Equal("UserSignInRequired,PartnerCenter.Relationships.Commands.RemovePartnerResellerRelationshipCommand", removal.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, removal.CategoryInfo.Category);
            var request = session.Run("Request-PartnerRelationship -CustomerId $args[0] -Confirm:$false", contoso).SingleError();
            Assert.StartsWith("UserSignInRequired,", request.FullyQualifiedErrorId);
            var invitation = session.Run("Request-PartnerRelationship").SingleError();
            Assert.StartsWith("UserSignInRequired,", invitation.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, invitation.CategoryInfo.Category);
            Assert.Empty(emulator.RequestLog);

            session.Ok("Get-PartnerCustomer -Name Fabrikam | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false");
            Assert.Equal("suspended", emulator.GetSubscriptionStates(emulator.CustomerIdOf("Fabrikam")).Single().Status);
        }

        [Fact]
        public async Task PartnerWideInvitation_IsTheLinkPartnerCenterGives_InOneRead()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            emulator.ResetRequestLog();

            var invitation = remote.Session.Ok("Request-PartnerRelationship").Single();

            Assert.Equal("PartnerCenter.Relationships.Core.Models.ResellerInvitation", invitation.BaseObject.GetType().FullName);
            Assert.Equal($"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={emulator.PartnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation", invitation.Properties["Url"].Value);
            Assert.Equal(emulator.PartnerTenantId, invitation.Properties["PartnerTenantId"].Value);
            var read = Assert.Single(emulator.RequestLog);
            Assert.Equal("GET", read.Method);
            Assert.EndsWith("/customers/relationshiprequests", read.Path);
        }

        [Fact]
        public async Task WhatIf_SendsNoChange()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            remote.Emulator.ResetRequestLog();

            var result = remote.Session.Run("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -WhatIf; Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf");

            Assert.Empty(result.AllErrors);
            Assert.NotEmpty(remote.Emulator.RequestLog);
            Assert.All(remote.Emulator.RequestLog, r => Assert.Equal("GET", r.Method));
        }

        [Fact]
        public async Task ServiceErrors_BecomeTheModulesErrors_WithCategoryTargetAndRequestIds()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var session = remote.Session;
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            var missing = Guid.NewGuid();

            // 404 20003 for a subscription: the same ErrorId as on the local store.
            var notFound = session.Run("Suspend-PartnerSubscription -CustomerId $args[0] -SubscriptionId $args[1] -Confirm:$false", contoso, missing).SingleError();
            Assert.StartsWith("SubscriptionNotFound,", notFound.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
            Assert.Equal(missing, notFound.TargetObject);

            // A customer Partner Center no longer shows (relationship removed: 403 20002).
            emulator.SetRelationship(contoso, "none");
            var gone = session.Run("Get-PartnerSubscription -CustomerId $args[0]", contoso).SingleError();
            Assert.StartsWith("CustomerRelationshipNotFound,", gone.FullyQualifiedErrorId);

            // Five 503s in a row outlast the retries: ConnectionError, with the service's code and both ids shown.
            emulator.Faults.Enqueue("/customers", FaultKind.ServiceUnavailable, count: 5, method: "GET");
            var unavailable = session.Run("Get-PartnerCustomer -Name Fabrikam").SingleError();
            Assert.StartsWith("PartnerCenterUnavailable,", unavailable.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, unavailable.CategoryInfo.Category);
            var lastRequest = emulator.RequestLog.Last();
            var shown = unavailable.ErrorDetails?.Message ?? unavailable.Exception.Message;
            Assert.Contains(lastRequest.RequestId!, shown);
            Assert.Contains(lastRequest.CorrelationId!, shown);
            Assert.Contains("800003", shown);
        }

        [Fact]
        public async Task Throttling_WaitsRetryAfter_AndTheCommandSucceeds()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            remote.Emulator.Faults.Enqueue("/subscriptions", FaultKind.TooManyRequests(1), count: 1, method: "GET");

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = remote.Session.Run("Get-PartnerCustomer -Name Contoso | Get-PartnerSubscription -Verbose");

            Assert.Empty(result.AllErrors);
            Assert.Equal(3, result.Output.Count);
            Assert.Contains(result.Verbose, v => v.EndsWith("/subscriptions: waiting 1 s: Partner Center asked to slow down.", StringComparison.Ordinal));
            Assert.Contains(result.Verbose, v => v.StartsWith("Partner Center throttling: at most 1 request at once", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Verbose, v => v.Contains("attempt 1 of", StringComparison.Ordinal)); // throttling is not a fault
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"took {watch.Elapsed}: Retry-After was not honoured");
            Assert.Single(remote.Emulator.RequestLog, r => r.StatusCode == 429);
        }

        [Fact]
        public async Task BomPrefixedPascalCaseBodies_AndUnknownStatuses_AreRead()
        {
            await using var remote = await RemoteSession.StartAsync(seed: e =>
            {
                RemoteSession.SeedContoso(e);
                e.AddSubscription(e.CustomerIdOf("Fabrikam"), "in_grace", "Exchange Online (Plan 1)");
            });
            remote.Emulator.Options.Utf8BomBodies = true;
            remote.Emulator.Options.PascalCaseBodies = true;

            var customers = remote.Session.Ok("Get-PartnerCustomer");
            Assert.Equal(3, customers.Count);
            Assert.Contains(customers, c => (string)c.Properties["Domain"].Value == "contoso.onmicrosoft.com");
            var statuses = remote.Session.Ok("Get-PartnerSubscription -CustomerId (Get-PartnerCustomer -Name Fabrikam).CustomerId | ForEach-Object Status").Select(o => (string)o.BaseObject).ToList();
            Assert.Contains("in_grace", statuses);

            // An unknown status is kept, not crashed on, and changing it is refused like any other final state.
            var refusal = remote.Session.Run("Get-PartnerCustomer -Name Fabrikam | Get-PartnerSubscription -Status in_grace | Suspend-PartnerSubscription -Confirm:$false").SingleError();
            Assert.StartsWith("SubscriptionStatusCannotChange,", refusal.FullyQualifiedErrorId);

            remote.Session.Ok("Get-PartnerCustomer -Name Fabrikam | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false");
            Assert.Equal(1, remote.Emulator.GetSubscriptionStates(remote.Emulator.CustomerIdOf("Fabrikam")).Count(s => s.Status == "suspended"));
        }

        [Fact]
        public async Task Customers_AreReadPageByPage_WithProgress_AndNameFiltersGoToTheServer()
        {
            await using var remote = await RemoteSession.StartAsync(new EmulatorOptions { MaxPageSize = 100 }, seed: e => e.Seed(1200, 0, seed: 1));
            remote.Emulator.ResetRequestLog();

            var all = remote.Session.Run("Get-PartnerCustomer");
            Assert.Empty(all.AllErrors);
            Assert.Equal(1200, all.Output.Count);
            Assert.Equal(1200, all.Output.Select(c => c.Properties["CustomerId"].Value).Distinct().Count());
            Assert.Equal(12, remote.Emulator.RequestLog.Count(r => r.Path == "/v1/customers"));
            Assert.Equal(11, remote.Emulator.RequestLog.Count(r => r.ContinuationToken != null));

            remote.Emulator.ResetRequestLog();
            var name = (string)all.Output[0].Properties["Name"].Value;
            var prefix = name.Substring(0, name.Length - 1);
            var filtered = remote.Session.Ok("Get-PartnerCustomer -Name ($args[0] + '?')", prefix);
            Assert.NotEmpty(filtered);
            Assert.All(filtered, c => Assert.StartsWith(prefix, (string)c.Properties["Name"].Value, StringComparison.Ordinal));
            var sent = Uri.UnescapeDataString(remote.Emulator.RequestLog.Single(r => r.Path == "/v1/customers").PathAndQuery);
            Assert.Contains("\"Field\":\"CompanyName\"", sent);
            Assert.Contains($"\"Value\":\"{prefix}\"", sent);
            Assert.Contains("starts_with", sent);
        }

        [Fact]
        public async Task Listing_ManyPages_WritesProgress()
        {
            var options = new EmulatorOptions { MaxPageSize = 20, Latency = TimeSpan.FromMilliseconds(120) };
            await using var remote = await RemoteSession.StartAsync(options, seed: e => e.Seed(100, 0, seed: 1));

            var result = remote.Session.Run("Get-PartnerCustomer");

            Assert.Equal(100, result.Output.Count);
            Assert.Contains(result.Progress, p => p.Activity == "Reading customers" && p.StatusDescription.StartsWith("page ", StringComparison.Ordinal));
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }

        [Fact]
        public async Task TheAccessToken_NeverShows_InAnyStream()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var session = remote.Session;
            remote.Emulator.Faults.Enqueue("/customers", FaultKind.HttpStatus(401), count: 1, method: "GET");

            var results = new List<RunResult>
            {
                session.Run("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; Get-PartnerCustomer"),
                session.Run("$VerbosePreference = 'Continue'; Get-PartnerCustomer -Name Contoso | Get-PartnerSubscription | Suspend-PartnerSubscription -Confirm:$false -PassThru"),
                session.Run("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1] -Verbose", remote.Emulator.BaseAddress, RemoteSession.Secure(remote.AccessToken)),
                session.Run("Get-PartnerSubscription -CustomerId $args[0]", Guid.NewGuid()),
            };

            Assert.Contains(results[0].AllErrors, e => e.FullyQualifiedErrorId.StartsWith("PartnerCenterUnauthorized,", StringComparison.Ordinal));
            var payload = remote.AccessToken.Split('.')[1];
            foreach (var result in results)
            {
                var texts = result.Output.Select(o => string.Join(" ", o.Properties.Select(p => p.Value?.ToString())))
                    .Concat(result.AllErrors.Select(e => e.ToString() + " " + e.ErrorDetails?.Message + " " + e.Exception))
                    .Concat(result.Verbose).Concat(result.Warnings).Concat(result.Debug).Concat(result.Information);
                Assert.All(texts, text => Assert.DoesNotContain(payload, text ?? string.Empty));
            }
        }
    }
}
