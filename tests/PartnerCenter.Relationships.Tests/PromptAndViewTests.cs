using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>When a person at the prompt is asked to confirm (the table views are tested in tests/Pester/TableViews.Tests.ps1).</summary>
    public sealed class PromptAndViewTests
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
        public void WhatIf_ListsEveryStepOfTheRemoval()
        {
            var host = new TextHost();
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");
            var active = session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active");

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf");

            var whatIf = host.Text.Split('\n').Where(l => l.StartsWith("What if:", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(3, whatIf.Count);
            foreach (var subscription in active)
            {
                Assert.Contains(whatIf, l => l.Contains("\"Suspend subscription\"", System.StringComparison.Ordinal)
                    && l.Contains(subscription.Properties["SubscriptionId"].Value.ToString()!, System.StringComparison.Ordinal));
            }

            Assert.Contains("\"Remove reseller relationship\" on target \"Contoso (", whatIf[2]);
            Assert.Empty(host.Prompts);
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
