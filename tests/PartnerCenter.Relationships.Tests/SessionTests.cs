using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// Which store a runspace uses: its own choice, never another runspace's in the same process. Two runspaces in one
    /// process need a host of the engine; what one session sees of the stores is in tests/Pester
    /// (Connect-PartnerCenter.Tests.ps1, Disconnect-PartnerCenter.Tests.ps1).
    /// </summary>
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
    }
}
