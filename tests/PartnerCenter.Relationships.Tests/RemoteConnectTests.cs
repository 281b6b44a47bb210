using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Emulator;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>Connect-PartnerCenter's sign-in flows against the emulator's token endpoint, and stopping a command.</summary>
    public sealed class RemoteConnectTests
    {
        private const string ConnectAppPlusUser =
            "Connect-PartnerCenter -ApplicationId $args[0] -ApplicationSecret $args[1] -RefreshToken $args[2] -TenantId $args[3] -Endpoint $args[4] -AuthorityHost $args[4]";

        private const string ConnectAppOnly =
            "Connect-PartnerCenter -ApplicationId $args[0] -ApplicationSecret $args[1] -TenantId $args[2] -ServicePrincipal -Endpoint $args[3] -AuthorityHost $args[3]";

        [Fact]
        public async Task AppPlusUser_SignsInWithTheRefreshToken_RenewsBeforeExpiry_AndKeepsTheRotatedRefreshToken()
        {
            // Each redeemed refresh token is revoked: only a client that keeps the rotated one can renew.
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { RevokeRedeemedRefreshTokens = true, TokenLifetime = TimeSpan.FromSeconds(6) });
            RemoteSession.SeedContoso(emulator);
            emulator.AddAdminRelationship(emulator.CustomerIdOf("Contoso"), "active");
            using var session = new ModuleSession(connectToOwnStore: false);
            var options = emulator.Options;

            var connection = session.Ok(ConnectAppPlusUser, options.ClientId, RemoteSession.Secure(options.ClientSecret), RemoteSession.Secure(options.RefreshToken!), emulator.PartnerTenantId.ToString(), emulator.BaseAddress).Single();

            Assert.Equal("PartnerCenter", connection.Properties["Backend"].Value);
            Assert.Equal("AppPlusUser", connection.Properties["SignIn"].Value);
            Assert.Equal(options.UserPrincipalName, connection.Properties["Account"].Value);
            Assert.Equal(emulator.PartnerTenantId, connection.Properties["PartnerTenantId"].Value);
            Assert.True((bool)connection.Properties["GraphConnected"].Value);

            // One for Partner Center, one for Graph: the same refresh token, redeemed for each audience.
            Assert.Equal(2, emulator.TokenRequestCount("refresh_token"));

            // Partner Center refusing the token (401) gets it renewed and the request sent once more.
            emulator.Faults.Enqueue("/customers", FaultKind.HttpStatus(401), count: 1, method: "GET");
            Assert.Equal(3, session.Ok("Get-PartnerCustomer").Count);
            Assert.Equal(3, emulator.TokenRequestCount("refresh_token"));

            // Renewed unasked once half the 6-second lifetime has gone, with the refresh token the last answer rotated to
            // (the Graph token's redemption rotated it too: both use the one kept).
            Thread.Sleep(TimeSpan.FromSeconds(3.3));
            Assert.Equal(3, session.Ok("Get-PartnerCustomer").Count);
            Assert.Equal(4, emulator.TokenRequestCount("refresh_token"));
            Assert.NotEmpty(session.Ok("Get-PartnerAdminRelationship -Status Active"));

            // App+User may remove a relationship.
            var fabrikam = emulator.CustomerIdOf("Fabrikam");
            session.Ok("Remove-PartnerResellerRelationship -CustomerId $args[0] -SuspendActiveSubscriptions -Confirm:$false", fabrikam);
            Assert.Equal("none", emulator.GetCustomerState(fabrikam)!.RelationshipToPartner);
        }

        [Fact]
        public async Task AppOnly_SignsInWithClientCredentials_WarnsWhatItCannotDo()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            RemoteSession.SeedContoso(emulator);
            using var session = new ModuleSession(connectToOwnStore: false);

            var result = session.Run(ConnectAppOnly, emulator.Options.ClientId, RemoteSession.Secure(emulator.Options.ClientSecret), emulator.PartnerTenantId.ToString(), emulator.BaseAddress);

            Assert.Empty(result.AllErrors);
            Assert.Equal("AppOnly", result.Output.Single().Properties["SignIn"].Value);
            Assert.Contains(result.Warnings, w => w.Contains("App+User", StringComparison.Ordinal));
            Assert.Equal(2, emulator.TokenRequestCount("client_credentials")); // Partner Center's and Graph's
            Assert.True((bool)result.Output.Single().Properties["GraphConnected"].Value);
            Assert.Equal(3, session.Ok("Get-PartnerCustomer").Count);
        }

        [Fact]
        public async Task AWrongSecret_FailsAtConnect_WithTheServersReason_ButNeverTheSecret_AndKeepsThePreviousConnection()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var session = new ModuleSession();
            const string secret = "not-the-secret-5f1c";

            var error = session.Run(ConnectAppOnly, emulator.Options.ClientId, RemoteSession.Secure(secret), emulator.PartnerTenantId.ToString(), emulator.BaseAddress).SingleError();

            Assert.StartsWith("AccessTokenRequestFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("AADSTS7000215", error.ToString());
            Assert.DoesNotContain(secret, error.ToString() + error.ErrorDetails?.Message + error.Exception);

            // Still on the local store it was connected to.
            Assert.Contains(session.StorePath, (string)session.Ok("Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message").Single().BaseObject);
        }

        [Theory]
        [InlineData("expired", "AccessTokenExpired,", ErrorCategory.AuthenticationError)]
        [InlineData("not-a-jwt", "AccessTokenUnreadable,", ErrorCategory.InvalidArgument)]
        [InlineData("eyJhbGciOiJub25lIn0.bm90IGpzb24.", "AccessTokenUnreadable,", ErrorCategory.InvalidArgument)]
        public async Task AnUnusableAccessToken_IsRefusedAtConnect(string token, string errorId, ErrorCategory category)
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var session = new ModuleSession(connectToOwnStore: false);
            if (token == "expired")
            {
                token = EmulatorTokens.Create(appOnly: false, DateTimeOffset.UtcNow.AddMinutes(-5), emulator.PartnerTenantId);
            }

            var error = session.Run("Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1]", emulator.BaseAddress, RemoteSession.Secure(token)).SingleError();

            Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.DoesNotContain(token.Split('.')[0] + "." + (token.Split('.').Length > 1 ? token.Split('.')[1] : string.Empty), error.ToString());
            Assert.Empty(emulator.RequestLog);
        }

        [Fact]
        public void TheChinaEnvironment_UsesItsOwnServiceRoot()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            var token = EmulatorTokens.Create(appOnly: false, DateTimeOffset.UtcNow.AddHours(1), Guid.NewGuid());

            var connection = session.Ok("Connect-PartnerCenter -Environment China -AccessToken $args[0]", RemoteSession.Secure(token)).Single();

            Assert.Equal("China", connection.Properties["Environment"].Value);
            Assert.Equal("https://partner.partnercenterapi.microsoftonline.cn", connection.Properties["Location"].Value);
            Assert.Equal("AccessToken", connection.Properties["SignIn"].Value);
        }

        [Fact]
        public async Task Disconnect_DropsThePartnerCenterConnection()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);

            var said = remote.Session.Ok("Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message").Select(o => (string)o.BaseObject).Single();

            Assert.Contains(remote.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), said);
            Assert.Empty(remote.Session.Ok("Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message"));
        }

        [Fact]
        public async Task StoppingABulkSuspend_EndsItAtOnce_AndNothingMoreIsChanged()
        {
            await using var remote = await RemoteSession.StartAsync(seed: e => e.Seed(2, 20, seed: 9));
            var emulator = remote.Emulator;
            var subscriptions = remote.Session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active");
            Assert.Equal(40, subscriptions.Count);
            emulator.Options.Latency = TimeSpan.FromSeconds(2);

            using var shell = PowerShell.Create();
            shell.Runspace = remote.Session.Runspace;
            shell.AddScript("$args[0] | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 4").AddArgument(subscriptions.ToArray());
            var running = shell.BeginInvoke();
            Thread.Sleep(500);

            var watch = System.Diagnostics.Stopwatch.StartNew();
            shell.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"Stop took {watch.Elapsed}");
            Assert.True(running.IsCompleted);

            // Whatever was under way was abandoned before it reached the service: nothing was suspended.
            Thread.Sleep(TimeSpan.FromSeconds(2.5));
            Assert.DoesNotContain(emulator.RequestLog, r => r.Method == "PATCH" && r.StatusCode == 200);
            Assert.All(emulator.GetAllSubscriptionStates(), s => Assert.Equal("active", s.Status));
        }

        [Fact]
        public async Task ABulkSuspendEndedByTheCommandAfterIt_ChangesNothingMoreOnceThePipelineHasEnded()
        {
            // PowerShell ends a pipeline without calling StopProcessing when a later command fails (or Select-Object
            // -First has what it wants), and when Stop races the end it may dispose the command first. Either way
            // the changes still queued or under way must end with the command, not go on behind the user's back.
            await using var remote = await RemoteSession.StartAsync(seed: e => e.Seed(2, 20, seed: 9));
            var emulator = remote.Emulator;
            var subscriptions = remote.Session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active");
            emulator.Options.Latency = TimeSpan.FromMilliseconds(300);

            var result = remote.Session.Run(
                "$args[0] | Suspend-PartnerSubscription -Confirm:$false -ThrottleLimit 4 -PassThru | ForEach-Object { throw 'enough' }",
                new object[] { subscriptions.ToArray() });
            var changedAtTheEnd = emulator.RequestLog.Count(r => r.Method == "PATCH" && r.StatusCode == 200);

            Assert.Contains("enough", result.SingleError().ToString());
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            var changed = emulator.RequestLog.Count(r => r.Method == "PATCH" && r.StatusCode == 200);
            Assert.Equal(changedAtTheEnd, changed);
            Assert.InRange(changed, 1, 8); // the first batch of four, and at most the next four, already applied
            var suspended = emulator.GetAllSubscriptionStates().Count(s => s.Status == "suspended");
            Assert.Equal(changed, suspended);
        }

        [Fact]
        public async Task ARemovalThatFailsAfterSuspending_PutsTheSubscriptionsBack()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            emulator.Faults.Enqueue($"/customers/{contoso}$", FaultKind.HttpStatus(409), count: 1, method: "PATCH");

            var error = remote.Session.Run("Remove-PartnerResellerRelationship -CustomerId $args[0] -SuspendActiveSubscriptions -Confirm:$false", contoso).SingleError();

            // A refusal the module has no error of its own for is RemovalRefused, with Partner Center's answer inside.
            Assert.StartsWith("RemovalRefused,", error.FullyQualifiedErrorId);
            Assert.Contains("Partner Center refused to remove the reseller relationship", error.Exception.Message);
            Assert.Equal(409, error.Exception.GetType().GetProperty("HttpStatusCode")!.GetValue(error.Exception));
            Assert.Equal("reseller", emulator.GetCustomerState(contoso)!.RelationshipToPartner);
            var states = emulator.GetSubscriptionStates(contoso);
            Assert.Equal(2, states.Count(s => s.Status == "active"));
            Assert.All(states.Where(s => s.Status == "active"), s => Assert.Equal(2, s.StatusTransitionCount));
        }

        [Fact]
        public async Task WhenPuttingASubscriptionBackFails_TheErrorNamesIt()
        {
            await using var remote = await RemoteSession.StartAsync(seed: RemoteSession.SeedContoso);
            var emulator = remote.Emulator;
            var contoso = emulator.CustomerIdOf("Contoso");
            var stuck = emulator.GetSubscriptionStates(contoso).First(s => s.Status == "active");
            emulator.Faults.Enqueue($"/customers/{contoso}$", FaultKind.HttpStatus(409), count: 1, method: "PATCH");
            emulator.Faults.Enqueue($"/subscriptions/{stuck.Id}$", FaultKind.HttpStatus(400), count: 1, method: "PATCH", skip: 1);

            var error = remote.Session.Run("Remove-PartnerResellerRelationship -CustomerId $args[0] -SuspendActiveSubscriptions -Confirm:$false", contoso).SingleError();

            Assert.StartsWith("RemovalRefused,", error.FullyQualifiedErrorId);
            var shown = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.Contains("failed for 1 subscription(s)", shown);
            Assert.Contains(stuck.Id.ToString(), shown);
            Assert.Equal("suspended", emulator.GetSubscriptionState(contoso, stuck.Id)!.Status);
            Assert.Equal(1, emulator.GetSubscriptionStates(contoso).Count(s => s.Status == "active"));
        }
    }
}
