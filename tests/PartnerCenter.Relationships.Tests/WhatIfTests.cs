using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>-WhatIf must change nothing: the store file is byte-for-byte the same afterwards.</summary>
    public sealed class WhatIfTests
    {
        public static TheoryData<string> ChangingCommands => new()
        {
            "Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -WhatIf",
            "Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Status Suspended | Resume-PartnerSubscription -WhatIf",
            "Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf",
            "Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -WhatIf",
            "$WhatIfPreference = $true; Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force",
            "New-PartnerCustomer -Name 'Litware Europe' -Domain 'litwareeu.onmicrosoft.com' -WhatIf",
            "Get-PartnerCustomer -Name 'Fabrikam' | New-PartnerSubscription -OfferName 'Power BI Pro' -Quantity 5 -WhatIf",
            "Initialize-PartnerStore -SampleData -CustomerCount 3 -Force -WhatIf",
        };

        [Theory]
        [MemberData(nameof(ChangingCommands))]
        public void WhatIf_LeavesTheStoreByteIdentical(string command)
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var before = Hash(session.StorePath);

            var result = session.Run(command).ThrowIfFailed();

            Assert.Equal(before, Hash(session.StorePath));
            Assert.False(File.Exists(session.StorePath + "-wal") && new FileInfo(session.StorePath + "-wal").Length > 0, "nothing was left in the write-ahead log");
            Assert.Empty(result.Output);
        }

        [Fact]
        public void WithoutWhatIf_TheSameCommandChangesTheFile()
        {
            // The control for the theory above: a real change reaches the main file once the command ends.
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var before = Hash(session.StorePath);

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false");

            Assert.NotEqual(before, Hash(session.StorePath));
        }

        [Fact]
        public void WhatIf_ForRequestAndApprove_ChangesNothing()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var id = session.Ok("Get-PartnerCustomer -Name 'Fabrikam'").Single().Properties["CustomerId"].Value;
            session.Ok("Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false");
            session.Ok("Remove-PartnerResellerRelationship -CustomerId $args[0] -Confirm:$false", id);
            var before = Hash(session.StorePath);
            session.Ok("Request-PartnerRelationship -CustomerId $args[0] -WhatIf", id);
            Assert.Equal(before, Hash(session.StorePath));

            var request = session.Ok("Request-PartnerRelationship -CustomerId $args[0]", id).Single();
            before = Hash(session.StorePath);
            session.Ok("Approve-PartnerRelationshipRequest -RequestId $args[0] -WhatIf", request.Properties["RequestId"].Value);
            Assert.Equal(before, Hash(session.StorePath));
        }

        [Fact]
        public void WhatIf_OnInitialize_DoesNotEvenCreateTheFile()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            var path = Path.Combine(session.Folder, "never.db");

            session.Ok("Initialize-PartnerStore -StorePath $args[0] -SampleData -WhatIf", path);

            Assert.False(File.Exists(path));
        }

        private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
