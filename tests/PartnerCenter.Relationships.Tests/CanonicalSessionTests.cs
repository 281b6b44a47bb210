using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    public sealed class CanonicalSessionTests
    {
        [Fact]
        public void SuspendRemoveAndReestablish_AsTheReadmeShows()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var contoso = session.Ok("Get-PartnerCustomer -Name 'Contoso*'");
            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, contoso.Select(c => (string)c.Properties["Name"].Value));
            var activeBefore = session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active");
            Assert.NotEmpty(activeBefore);

            session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false");
            Assert.Empty(session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active"));

            var results = session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -Confirm:$false -PassThru");
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal("None", r.Properties["RelationshipToPartner"].Value));
            Assert.Empty(session.Ok("Get-PartnerCustomer -Name 'Contoso*'"));

            var id = contoso[0].Properties["CustomerId"].Value;
            var request = session.Ok("Request-PartnerRelationship -CustomerId $args[0]", id).Single();
            Assert.Equal("Pending", request.Properties["Status"].Value);
            Assert.StartsWith("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=", (string)request.Properties["Url"].Value);

            var back = session.Ok("Approve-PartnerRelationshipRequest -RequestId $args[0] -Confirm:$false -PassThru", request.Properties["RequestId"].Value).Single();
            Assert.Equal("Reseller", back.Properties["RelationshipToPartner"].Value);
            Assert.Single(session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
        }
    }
}
