using System.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// When a person at the prompt is asked to confirm, and what their answers do: the host (TextHost) records every
    /// confirmation prompt and answers it, which a test cannot do in the real pwsh.
    /// </summary>
    public sealed class PromptTests
    {
        private const string RemoveContoso =
            "Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions";

        [Fact]
        public void Removal_AsksAboutEachStepThenTheRemoval_AndDecliningChangesNothing()
        {
            var host = new TextHost(160, "N");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok(RemoveContoso);

            // One legacy subscription to suspend, two new-commerce ones to cancel, each its own prompt naming its
            // target; the first answer (No) declines a step, so the removal itself is not asked about.
            Assert.Equal(3, host.Prompts.Count);
            Assert.Contains("Suspend subscription", host.Prompts[0]);
            Assert.Contains("of Contoso (", host.Prompts[0]);
            Assert.Contains("Cancel subscription (cannot be undone)", host.Prompts[1]);
            Assert.Contains("window closes", host.Prompts[1]);
            Assert.Single(session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
            Assert.Equal(2, session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active").Count);
        }

        [Fact]
        public void Force_SkipsTheConfirmation()
        {
            var host = new TextHost(160, "N");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var result = session.Ok(RemoveContoso + " -Force -PassThru").Single();

            Assert.Empty(host.Prompts);
            Assert.Single((System.Collections.ICollection)result.Properties["SuspendedSubscriptions"].Value);
            Assert.Equal(2, ((System.Collections.ICollection)result.Properties["CancelledSubscriptions"].Value).Count);
            Assert.Empty(session.Ok("Get-PartnerCustomer | Where-Object Name -eq 'Contoso'"));
        }

        [Fact]
        public void DecliningOneCancellation_ChangesNothing_AndTheRemovalIsNotAskedAbout()
        {
            var host = new TextHost(160, "Y", "N", "Y", "Y");
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var run = session.Run(RemoveContoso);

            Assert.Equal(3, host.Prompts.Count);
            Assert.Empty(run.Errors);
            Assert.Contains(run.Warnings, w => w.Contains("was not removed, and nothing was changed: a step it needs was declined"));
            Assert.Equal(2, session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active").Count);
            Assert.Empty(session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Deleted"));
            Assert.Single(session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
        }
    }
}
