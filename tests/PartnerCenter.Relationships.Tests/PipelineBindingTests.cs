using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>Ids bind by property name, including the aliases users pipe (Id, TenantId) and plain strings.</summary>
    public sealed class PipelineBindingTests
    {
        [Fact]
        public void CustomerObjects_FlowIntoSubscriptionAndRemovalCmdlets()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var viaCustomers = session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription");
            var contosoIds = session.Ok("Get-PartnerCustomer -Name 'Contoso*'").Select(c => c.Properties["CustomerId"].Value).ToList();
            Assert.NotEmpty(viaCustomers);
            Assert.All(viaCustomers, s => Assert.Contains(s.Properties["CustomerId"].Value, contosoIds));
        }

        [Fact]
        public void AliasesAndStrings_Bind()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var contoso = session.Ok("Get-PartnerCustomer -Name 'Contoso'").Single();
            var id = contoso.Properties["CustomerId"].Value.ToString();

            Assert.Equal("Contoso", session.Ok("[pscustomobject]@{ Id = $args[0] } | Get-PartnerCustomer", id).Single().Properties["Name"].Value);
            Assert.Equal("Contoso", session.Ok("[pscustomobject]@{ TenantId = $args[0] } | Get-PartnerCustomer", id).Single().Properties["Name"].Value);
            Assert.Equal("Contoso", session.Ok("$args[0] | Get-PartnerCustomer", id).Single().Properties["Name"].Value);
            Assert.NotEmpty(session.Ok("[pscustomobject]@{ TenantId = $args[0] } | Get-PartnerSubscription -Active", id));

            var sub = session.Ok("Get-PartnerSubscription -CustomerId $args[0] -Active", id).First();
            var suspended = session.Ok("[pscustomobject]@{ TenantId = $args[0]; Id = $args[1] } | Suspend-PartnerSubscription -Confirm:$false -PassThru",
                id, sub.Properties["SubscriptionId"].Value.ToString()).Single();
            Assert.Equal("Suspended", suspended.Properties["Status"].Value);
        }

        [Fact]
        public void RemovalResult_FlowsIntoRequest_AndApprovedCustomer_IntoResume()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var resumed = session.Ok(
                "Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false -PassThru |" +
                " Request-PartnerRelationship | Approve-PartnerRelationshipRequest -Confirm:$false -PassThru |" +
                " Get-PartnerSubscription -Status Suspended | Resume-PartnerSubscription -Confirm:$false -PassThru");

            Assert.True(resumed.Count >= 2);
            Assert.All(resumed, s => Assert.Equal("Active", s.Properties["Status"].Value));
        }

        [Fact]
        public void BulkCreation_FromPipedObjects_InOneInvocation()
        {
            using var session = new ModuleSession();
            var customers = session.Ok(
                "1..3 | ForEach-Object { [pscustomobject]@{ Name = \"Customer $_\"; Domain = \"customer$_.onmicrosoft.com\" } } | New-PartnerCustomer");
            Assert.Equal(3, customers.Count);

            var subscriptions = session.Ok(
                "$args | ForEach-Object { [pscustomobject]@{ CustomerId = $_.CustomerId; OfferName = 'Microsoft 365 E3'; Quantity = 7 } } | New-PartnerSubscription",
                customers.Select(c => (object?)c).ToArray());
            Assert.Equal(3, subscriptions.Count);
            Assert.All(subscriptions, s => Assert.Equal(7, s.Properties["Quantity"].Value));
            Assert.Equal(3, session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active").Count);
        }

        [Fact]
        public void StatusProperty_ComparesAsText()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var viaWhere = session.Ok("Get-PartnerCustomer | Get-PartnerSubscription | Where-Object Status -eq 'active'").Count;
            var viaSwitch = session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Active").Count;

            Assert.True(viaSwitch > 0);
            Assert.Equal(viaSwitch, viaWhere);
        }
    }
}
