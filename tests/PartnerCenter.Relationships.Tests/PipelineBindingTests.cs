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

            // Rows read from a CSV file: every value a string.
            var removed = session.Ok("[pscustomobject]@{ CustomerId = $args[0] } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru -WhatIf", id);
            Assert.Empty(removed);
            var fabrikam = session.Ok("Get-PartnerCustomer -Name 'Fabrikam'").Single().Properties["CustomerId"].Value.ToString();
            Assert.Equal("None", session.Ok("[pscustomobject]@{ CustomerId = $args[0]; Name = 'Fabrikam' } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru", fabrikam)
                .Single().Properties["RelationshipToPartner"].Value);

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

        [Fact]
        public void Subscriptions_BindAsInputObjects_OtherObjectsByPropertyName()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            var sets = session.Ok("(Get-Command Suspend-PartnerSubscription).ParameterSets | ForEach-Object Name");
            Assert.Equal(new[] { "ById", "ByInputObject" }, sets.Select(s => (string)s.BaseObject).OrderBy(n => n));

            // The module's own objects: suspended through -InputObject, and written back with the new status.
            var viaObjects = session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru");
            Assert.Equal(2, viaObjects.Count);
            Assert.All(viaObjects, s => Assert.Equal("Suspended", s.Properties["Status"].Value));

            // Plain objects with the ids: bound by property name.
            var viaIds = session.Ok(
                "Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Suspended | ForEach-Object { [pscustomobject]@{ CustomerId = $_.CustomerId; SubscriptionId = $_.SubscriptionId } } | Resume-PartnerSubscription -Confirm:$false -PassThru");
            Assert.True(viaIds.Count >= 2);
            Assert.All(viaIds, s => Assert.Equal("Active", s.Properties["Status"].Value));
        }

        [Fact]
        public void AStaleSubscriptionObject_IsJudgedOnTheStore()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            // Read while active; suspended by someone else; then suspended again from the stale objects.
            var result = session.Run(
                "$held = Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active;" +
                "Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false;" +
                "$held | Suspend-PartnerSubscription -Confirm:$false -PassThru | ForEach-Object Status; $held | ForEach-Object Status").ThrowIfFailed();

            // Written out as the store has them; the caller's own objects are left as they were read.

            Assert.Equal(new object[] { "Suspended", "Suspended", "Active", "Active" }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void PipedSubscriptions_AreTakenAsTheyAre_PlainObjectsByTheirIds()
        {
            // The -WhatIf text names the subscription as the preview saw it: the piped object's own offer name shows
            // that it bound to -InputObject; the store's name shows a lookup by id.
            var host = new TextHost();
            using var session = new ModuleSession(host: host);
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | ForEach-Object { $_.OfferName = 'Renamed here'; $_ } | Suspend-PartnerSubscription -WhatIf");
            Assert.Equal(2, host.Text.Split('\n').Count(l => l.Contains("Renamed here", System.StringComparison.Ordinal)));

            session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | ForEach-Object { [pscustomobject]@{ CustomerId = \"$($_.CustomerId)\"; SubscriptionId = \"$($_.SubscriptionId)\"; OfferName = 'Renamed here' } } | Suspend-PartnerSubscription -WhatIf");
            Assert.Equal(2, host.Text.Split('\n').Count(l => l.Contains("Renamed here", System.StringComparison.Ordinal)));
            Assert.Contains(host.Text.Split('\n'), l => l.Contains("What if", System.StringComparison.Ordinal) && l.Contains("Office 365 E3", System.StringComparison.Ordinal));
        }

        [Fact]
        public void StoppedBulkSuspend_KeepsSavedBatches_AndLeavesTheRestAsTheyWere()
        {
            using var session = new ModuleSession();
            session.Ok("$c = New-PartnerCustomer -Name 'Bulk' -Domain 'bulk.onmicrosoft.com'; 1..300 | ForEach-Object { [pscustomobject]@{ CustomerId = $c.CustomerId; OfferName = \"Offer $_\" } } | New-PartnerSubscription | Out-Null");

            // The pipeline stops at the 250th subscription: the first batch of 200 was saved, the next 49 were not.
            var result = session.Run("$i = 0; Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Active | ForEach-Object { if (++$i -eq 250) { throw 'stopped' }; $_ } | Suspend-PartnerSubscription -Confirm:$false");

            Assert.NotNull(result.Terminating);
            Assert.Equal(200, session.Ok("Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Status Suspended").Count);
            Assert.Equal(100, session.Ok("Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Active").Count);
        }
    }
}
