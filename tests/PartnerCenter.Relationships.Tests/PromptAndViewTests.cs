using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>What a person at the prompt sees: the table views, and when they are asked to confirm.</summary>
    public sealed class PromptAndViewTests
    {
        [Fact]
        public void Subscriptions_AreShownWithTheTableView()
        {
            var host = new TextHost();
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription | Out-Default");

            var lines = host.Text.Split('\n');
            var header = lines.First(l => l.Contains("SubscriptionId", System.StringComparison.Ordinal));
            Assert.Equal(new[] { "SubscriptionId", "OfferName", "Quantity", "Status", "Commerce", "Billing", "Ends" },
                header.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(lines, l => l.Contains("Office 365 E3", System.StringComparison.Ordinal) && l.Contains("Active", System.StringComparison.Ordinal) && l.Contains("Legacy", System.StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Get-PartnerCustomer")]
        [InlineData("Get-PartnerCustomer | Get-PartnerSubscription")]
        [InlineData("Get-PartnerCustomer | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru")]
        public void TableViews_FitA120ColumnConsole_WithoutCuttingValues(string command)
        {
            var host = new TextHost(120);
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok(command + " | Out-Default");

            var lines = host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
            Assert.True(lines.Count > 10, host.Text);
            Assert.All(lines, l => Assert.True(l.TrimEnd().Length < 120, $"wider than the console: {l}"));
            Assert.DoesNotContain(lines, l => l.Contains('\u2026')); // PowerShell's "..." for a cut value
            Assert.Single(lines, l => l.StartsWith("----", System.StringComparison.Ordinal)); // one header, not wrapped
        }

        [Fact]
        public void Customers_AreShownWithTheTableView()
        {
            var host = new TextHost();
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Out-Default");

            Assert.Contains("CustomerId", host.Text);
            Assert.Contains("Relation", host.Text);
            Assert.Contains("contosopharmaceuticals.onmicrosoft.com", host.Text);
        }

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
