using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace PartnerCenter.Relationships.Tests
{
    [CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
    public sealed class ProcessEnvironment
    {
    }

    /// <summary>Which store a runspace uses: its own choice, never another runspace's; the default needs no setup.</summary>
    [Collection(nameof(ProcessEnvironment))]
    public sealed class SessionTests
    {
        [Fact]
        public void TwoRunspaces_InOneProcess_KeepTheirOwnStores()
        {
            using var first = new ModuleSession();
            using var second = new ModuleSession();
            first.Ok("New-PartnerCustomer -Name 'Only In First' -Domain 'first.onmicrosoft.com' | Out-Null");

            Assert.Single(first.Ok("Get-PartnerCustomer"));
            Assert.Empty(second.Ok("Get-PartnerCustomer"));
            Assert.Equal(first.StorePath, first.Ok("Connect-PartnerCenter -StorePath $args[0]", first.StorePath).Single().Properties["StorePath"].Value);
        }

        [Fact]
        public void DefaultStore_IsCreatedOnFirstUse_OwnerOnly_AndDisconnectReturnsToIt()
        {
            using var session = new ModuleSession();
            var home = Path.Combine(session.Folder, "home");
            var saved = (Environment.GetEnvironmentVariable("XDG_DATA_HOME"), Environment.GetEnvironmentVariable("PARTNERCENTER_STORE"));
            try
            {
                Environment.SetEnvironmentVariable("PARTNERCENTER_STORE", null);
                Environment.SetEnvironmentVariable("XDG_DATA_HOME", home);
                session.Ok("New-PartnerCustomer -Name 'In Chosen Store' -Domain 'chosen.onmicrosoft.com' | Out-Null");

                session.Ok("Disconnect-PartnerCenter");
                var connection = session.Ok("Connect-PartnerCenter").Single();
                var expected = Path.Combine(home, "PartnerCenter.Relationships", "partner.db");

                Assert.Equal(expected, connection.Properties["StorePath"].Value);
                Assert.Equal(true, connection.Properties["IsDefaultStore"].Value);
                Assert.True(File.Exists(expected));
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(expected));
                }

                Assert.Empty(session.Ok("Get-PartnerCustomer"));

                // $env:PARTNERCENTER_STORE, set in the session, wins over the per-user folder.
                var fromEnvironment = Path.Combine(session.Folder, "from-env.db");
                session.Ok("$env:PARTNERCENTER_STORE = $args[0]; Initialize-PartnerStore -SampleData -CustomerCount 3 | Out-Null", fromEnvironment);
                Assert.Equal(3, session.Ok("Get-PartnerCustomer").Count);
                Assert.True(File.Exists(fromEnvironment));
            }
            finally
            {
                Environment.SetEnvironmentVariable("XDG_DATA_HOME", saved.Item1);
                Environment.SetEnvironmentVariable("PARTNERCENTER_STORE", saved.Item2);
            }
        }

        [Fact]
        public void RelativeStorePath_IsResolvedAgainstTheCurrentLocation()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            var connection = session.Ok("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null; Initialize-PartnerStore -StorePath 'relative.db' | Out-Null; Connect-PartnerCenter -StorePath 'relative.db'", session.Folder).Single();

            Assert.Equal(Path.Combine(session.Folder, "relative.db"), connection.Properties["StorePath"].Value);
            Assert.Equal(false, connection.Properties["IsDefaultStore"].Value);
        }
    }
}
