using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// When a person at the prompt is asked to confirm, and what their answers do: the host (TextHost) records every
    /// confirmation prompt and answers it, which a test cannot do in the real pwsh.
    /// </summary>
    public sealed class PromptTests
    {
        [Fact]
        public void Removal_AsksForConfirmation_AndDecliningChangesNothing()
        {
            var host = new TextHost(160, "N");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions");

            // Two active subscriptions, then the removal itself: three prompts, each naming its target.
            Assert.Equal(3, host.Prompts.Count);
            Assert.Contains("Suspend subscription", host.Prompts[0]);
            Assert.Contains("of Contoso (", host.Prompts[0]);
            Assert.Contains("Remove reseller relationship", host.Prompts[2]);
            Assert.Single(session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
            Assert.Equal(2, session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active").Count);
        }

        [Fact]
        public void Force_SkipsTheConfirmation()
        {
            var host = new TextHost(160, "N");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var result = session.Ok("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru").Single();

            Assert.Empty(host.Prompts);
            Assert.Equal(2, ((System.Collections.ICollection)result.Properties["SuspendedSubscriptions"].Value).Count);
            Assert.Empty(session.Ok("Get-PartnerCustomer | Where-Object Name -eq 'Contoso'"));
        }

        [Fact]
        public void DecliningOneSuspension_BlocksTheRemoval_AndUndoesTheOtherSuspension()
        {
            var host = new TextHost(160, "Y", "N", "Y");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var active = session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active");

            var error = session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions").SingleError();

            Assert.Equal(3, host.Prompts.Count);
            Assert.StartsWith("ActiveSubscriptionsBlockRemoval,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Contains(active[1].Properties["SubscriptionId"].Value.ToString()!, error.Exception.Message);
            Assert.DoesNotContain(active[0].Properties["SubscriptionId"].Value.ToString()!, error.Exception.Message);
            // One operation: the approved suspension was rolled back with the refused removal.
            Assert.Equal(2, session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active").Count);
            Assert.Single(session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
        }
    }
}
