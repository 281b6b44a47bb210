using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PartnerCenter.Emulator;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// GDAP relationships against the stand-in Partner Center and Graph, as a user runs it: listed across pages and by
    /// customer, terminated and waited for, ended with the reseller relationship and verified, named when left, and
    /// one clear error without a Graph token.
    /// </summary>
    public sealed class RemoteAdminRelationshipTests
    {
        private static readonly EmulatorOptions QuickTermination = new EmulatorOptions { GraphTerminationDelay = TimeSpan.FromMilliseconds(600) };

        private static void Seed(PartnerCenterEmulator emulator)
        {
            var contoso = emulator.AddCustomer("Contoso", "contoso.onmicrosoft.com", allowDelegatedAccess: true);
            emulator.AddSubscription(contoso, "active", "Office 365 E1");
            emulator.AddAdminRelationship(contoso, "active", "Contoso admin");
            emulator.AddAdminRelationship(contoso, "active", "Contoso helpdesk");
            emulator.AddAdminRelationship(contoso, "terminated", "Contoso 2023");
            var pharma = emulator.AddCustomer("Contoso Pharmaceuticals", "contosopharma.onmicrosoft.com", allowDelegatedAccess: false);
            emulator.AddSubscription(pharma, "suspended", "Office 365 E1");
            emulator.AddAdminRelationship(pharma, "active", "Pharma admin");
            emulator.AddAdminRelationship(pharma, "created", "Pharma draft");
            var fabrikam = emulator.AddCustomer("Fabrikam", "fabrikam.onmicrosoft.com");
            emulator.AddAdminRelationship(fabrikam, "expired", "Fabrikam admin");
        }

        private static string[] Strings(System.Collections.Generic.IEnumerable<PSObject> objects, string property) =>
            objects.Select(o => o.Properties[property].Value?.ToString() ?? string.Empty).ToArray();

        [Fact]
        public async Task Listing_StreamsEveryPage_FiltersByCustomerAndStatus_AndNamesRoles()
        {
            await using var remote = await RemoteSession.StartAsync(seed: e =>
            {
                Seed(e);
                var many = e.AddCustomer("Woodgrove Bank", "woodgrove.onmicrosoft.com");
                for (var i = 0; i < 320; i++)
                {
                    e.AddAdminRelationship(many, "active", "Woodgrove " + i);
                }
            }, graph: true);

            Assert.Equal(326, remote.Session.Ok("Get-PartnerAdminRelationship").Count);
            var contoso = remote.Session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship -Status Active");
            Assert.Equal(new[] { "Contoso admin", "Contoso helpdesk" }, Strings(contoso, "DisplayName").OrderBy(n => n));
            var roles = remote.Session.Ok("(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship -Status Active)[0].Roles").Select(r => r.BaseObject.ToString());
            Assert.Equal(new[] { "Directory Readers", "User Administrator" }, roles.OrderBy(r => r));
            var lists = remote.Emulator.RequestLog.Where(r => r.PathAndQuery.Contains("delegatedAdminRelationships", StringComparison.Ordinal)).ToList();
            Assert.Contains(lists, r => r.PathAndQuery.Contains("skiptoken", StringComparison.OrdinalIgnoreCase));
            Assert.All(lists, r => Assert.False(string.IsNullOrEmpty(r.ClientRequestId)));
        }

        [Fact]
        public async Task RemovingARelationship_TerminatesIt_AndWaitsUntilGraphShowsItTerminated()
        {
            await using var remote = await RemoteSession.StartAsync(QuickTermination, seed: Seed, graph: true);
            var id = remote.Emulator.GetAdminRelationshipStates().Single(r => r.DisplayName == "Contoso admin").Id;

            var ended = remote.Session.Ok("Get-PartnerAdminRelationship -RelationshipId $args[0] | Remove-PartnerAdminRelationship -Force -PassThru", id).Single();

            Assert.Equal("Terminated", ended.Properties["Status"].Value);
            Assert.Equal("terminated", remote.Emulator.GetAdminRelationshipState(id)!.Status);
            var created = remote.Emulator.GetAdminRelationshipStates().Single(r => r.DisplayName == "Pharma draft").Id;
            remote.Session.Ok("Remove-PartnerAdminRelationship -RelationshipId $args[0] -Force", created);
            Assert.Null(remote.Emulator.GetAdminRelationshipState(created));
            // Changed between the read and the delete (Graph answers 412): said as the local store says it, nothing deleted.
            var draft = remote.Emulator.AddAdminRelationship(remote.Emulator.CustomerIdOf("Fabrikam"), "created", "Fabrikam draft").Id;
            remote.Emulator.Faults.Enqueue("/delegatedAdminRelationships/", FaultKind.HttpStatus(412), count: 1, method: "DELETE");
            var changed = remote.Session.Run("Remove-PartnerAdminRelationship -RelationshipId $args[0] -Force", draft).SingleError();
            Assert.StartsWith("AdminRelationshipChanged,", changed.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.NotNull(remote.Emulator.GetAdminRelationshipState(draft));

            var expired = remote.Emulator.GetAdminRelationshipStates().Single(r => r.DisplayName == "Fabrikam admin").Id;
            var refused = remote.Session.Run("Remove-PartnerAdminRelationship -RelationshipId $args[0] -Force", expired).SingleError();
            Assert.StartsWith("AdminRelationshipCannotTerminate,", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
            var unknown = remote.Session.Run("Get-PartnerAdminRelationship -RelationshipId 'no-such-id'").SingleError();
            Assert.StartsWith("AdminRelationshipNotFound,", unknown.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public async Task OffboardingWithTerminateAdminRelationships_LeavesNoActiveGdapAndNoDap_VerifiedByListing()
        {
            await using var remote = await RemoteSession.StartAsync(QuickTermination, seed: Seed, graph: true);
            var emulator = remote.Emulator;

            var results = remote.Session.Ok(
                "Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -TerminateAdminRelationships -Force -PassThru");

            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.True((bool)r.Properties["DelegatedAdminRevoked"].Value));
            foreach (var name in new[] { "Contoso", "Contoso Pharmaceuticals" })
            {
                var id = emulator.CustomerIdOf(name);
                Assert.Equal("none", emulator.GetCustomerState(id)!.RelationshipToPartner);
                Assert.False(emulator.GetCustomerState(id)!.AllowDelegatedAccess);
                Assert.DoesNotContain(emulator.GetAdminRelationshipStates(id), r => r.Status is "active" or "terminating" or "terminationRequested" or "created");
            }

            Assert.Empty(remote.Session.Ok("Get-PartnerAdminRelationship -Status Active, TerminationRequested, Terminating | Where-Object CustomerName -like 'Contoso*'"));

            // DAP was turned off before the removal, while Partner Center still showed the customer.
            var patches = emulator.RequestLog.Where(r => r.Method == "PATCH" && r.PathAndQuery.EndsWith(emulator.CustomerIdOf("Contoso").ToString(), StringComparison.Ordinal)).ToList();
            Assert.Equal(2, patches.Count);
            Assert.Contains("allowDelegatedAccess", patches[0].Body ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task WithoutTheSwitch_TheRemovalNamesEachRelationshipLeft_AndDoesNotCallDelegatedAdminRevoked()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed, graph: true);

            var run = remote.Session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru");

            Assert.Empty(run.AllErrors);
            Assert.False((bool)run.Output.Single().Properties["DelegatedAdminRevoked"].Value);
            foreach (var name in new[] { "Contoso admin", "Contoso helpdesk" })
            {
                var id = remote.Emulator.GetAdminRelationshipStates().Single(r => r.DisplayName == name).Id;
                Assert.Single(run.Warnings, w => w.Contains("'" + name + "'", StringComparison.Ordinal) && w.Contains("Remove-PartnerAdminRelationship -RelationshipId '" + id + "'", StringComparison.Ordinal));
                Assert.Equal("active", remote.Emulator.GetAdminRelationshipState(id)!.Status);
            }
        }

        [Fact]
        public async Task GraphThrottlingAndFaults_AreRetriedThroughTheSamePipeline_AndARefusalNamesGraph()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed, graph: true);
            var emulator = remote.Emulator;
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.TooManyRequests(1), count: 1, method: "GET");
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.ServiceUnavailable, count: 1, method: "GET");

            var run = remote.Session.Run("Get-PartnerAdminRelationship -Status Active -Verbose");

            Assert.Empty(run.AllErrors);
            Assert.Equal(3, run.Output.Count);
            Assert.Single(run.Verbose, v => v.Contains("/v1.0/tenantRelationships/delegatedAdminRelationships: attempt", StringComparison.Ordinal));
            Assert.Single(run.Verbose, v => v.EndsWith("/delegatedAdminRelationships: waiting 1 s: Microsoft Graph asked to slow down.", StringComparison.Ordinal));
            var attempts = emulator.RequestLog.Where(r => r.PathAndQuery.Contains("delegatedAdminRelationships", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, attempts.Count);
            Assert.Single(attempts.Select(a => a.ClientRequestId).Distinct());

            // A refusal is Graph's, with Graph's advice.
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.HttpStatus(403), count: 1, method: "GET");
            var refused = remote.Session.Run("Get-PartnerAdminRelationship").SingleError();
            Assert.StartsWith("GraphPermissionDenied,", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("DelegatedAdminRelationship.ReadWrite.All", refused.ErrorDetails?.RecommendedAction ?? string.Empty);
            Assert.Contains("Microsoft Graph returned 403", refused.Exception.Message);
        }

        [Fact]
        public async Task AGraphRefusal_NeverBlocksPlanningOrRemoval_AndOneAfterTheRemovalDoesNotHideIt()
        {
            await using var remote = await RemoteSession.StartAsync(QuickTermination, seed: Seed, graph: true);
            var emulator = remote.Emulator;
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.HttpStatus(403), count: 1, method: "GET");

            var plan = remote.Session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerOffboardingPlan").Single();
            Assert.False((bool)plan.Properties["AdminRelationshipsChecked"].Value);
            Assert.Contains("Microsoft Graph returned 403", (string)plan.Properties["AdminRelationshipsNotChecked"].Value, StringComparison.Ordinal);

            // The plan and the removal read GDAP (2 GETs) and terminate (POSTs); then Graph refuses the wait's reads and the re-listing.
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.HttpStatus(403), count: 50, method: "GET", skip: 2);
            var run = remote.Session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -TerminateAdminRelationships -Force -PassThru");

            Assert.Equal("none", emulator.GetCustomerState(emulator.CustomerIdOf("Contoso"))!.RelationshipToPartner);
            var result = run.Output.Single();
            Assert.False((bool)result.Properties["DelegatedAdminRevoked"].Value);
            Assert.Null(result.Properties["RemainingAdminRelationships"].Value);
            Assert.Contains(run.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("GraphPermissionDenied,", StringComparison.Ordinal));
            Assert.Contains(run.Warnings, w => w.Contains("delegated admin access was not fully checked", StringComparison.Ordinal));
        }

        [Fact]
        public async Task WithoutAGraphToken_GdapCommandsFailWithOneClearError_AndRemovalStillWorks_WithAWarning()
        {
            await using var remote = await RemoteSession.StartAsync(seed: Seed);

            var error = remote.Session.Run("Get-PartnerAdminRelationship").SingleError();
            Assert.StartsWith("GraphNotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("-GraphAccessToken", error.ErrorDetails?.RecommendedAction ?? string.Empty);

            var run = remote.Session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -TerminateAdminRelationships -Force -PassThru");
            Assert.Empty(run.AllErrors);
            Assert.Equal("none", remote.Emulator.GetCustomerState(remote.Emulator.CustomerIdOf("Contoso"))!.RelationshipToPartner);
            Assert.Contains(run.Warnings, w => w.Contains("GDAP relationships cannot be read", StringComparison.Ordinal));
            Assert.False((bool)run.Output.Single().Properties["DelegatedAdminRevoked"].Value);
        }

        [Fact]
        public async Task ASignInGraphRefuses_StillConnects_AndSaysWhy()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { RefuseGraphTokens = true });
            using var session = new ModuleSession(connectToOwnStore: false);
            var options = emulator.Options;

            var run = session.Run(
                "Connect-PartnerCenter -ApplicationId $args[0] -ApplicationSecret $args[1] -RefreshToken $args[2] -TenantId $args[3] -Endpoint $args[4] -AuthorityHost $args[4]",
                options.ClientId, RemoteSession.Secure(options.ClientSecret), RemoteSession.Secure(options.RefreshToken!), emulator.PartnerTenantId.ToString(), emulator.BaseAddress);

            Assert.Empty(run.AllErrors);
            Assert.False((bool)run.Output.Single().Properties["GraphConnected"].Value);
            Assert.Contains(run.Warnings, w => w.Contains("No Microsoft Graph token", StringComparison.Ordinal) && w.Contains("AADSTS65001", StringComparison.Ordinal));
            var error = session.Run("Get-PartnerAdminRelationship").SingleError();
            Assert.StartsWith("GraphNotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AGraphTokenGivenAsThePartnerCenterToken_IsRefusedAtConnect()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var session = new ModuleSession(connectToOwnStore: false);

            var error = session.Run("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1]", emulator.BaseAddress, RemoteSession.Secure(emulator.CreateGraphAccessToken())).SingleError();

            Assert.StartsWith("InvalidArgument,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("-GraphAccessToken", error.Exception.Message);
            Assert.Empty(emulator.RequestLog);
        }
    }
}
