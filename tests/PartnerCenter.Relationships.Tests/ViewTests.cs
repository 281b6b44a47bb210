using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// What a person at the prompt sees of the format views: the table views, through a host that records
    /// Out-Default's text, and the types the format file names.
    /// </summary>
    public sealed class ViewTests
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
        public void EveryFormatView_NamesATypeThatExists()
        {
            using var session = new ModuleSession();
            session.Ok("Get-PartnerCustomer | Out-Null"); // the core assembly loads with the first command
            var format = XDocument.Load(Path.Combine(ModuleSession.ModuleFolder, "PartnerCenter.Relationships.format.ps1xml"));
            var typeNames = format.Descendants("TypeName").Select(e => e.Value.Trim()).ToList();

            Assert.NotEmpty(typeNames);
            foreach (var typeName in typeNames)
            {
                // Looked up in the module's own assemblies: on PowerShell 7 they live in the module's private load
                // context, where type literals such as [PartnerCenter.Relationships.Core.Models.Customer] do not reach.
                var found = session.Ok(
                    "$typeName = $args[0]; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'PartnerCenter.Relationships*' } | ForEach-Object { $_.GetType($typeName) } | Where-Object { $null -ne $_ }",
                    typeName);
                Assert.True(found.Count == 1, $"format view type {typeName} does not exist");
            }

            // Every type a cmdlet declares as output has a view.
            var outputTypes = session.Ok("Get-Command -Module PartnerCenter.Relationships | ForEach-Object { $_.OutputType | ForEach-Object Name }")
                .Select(o => (string)o.BaseObject).Distinct().ToList();
            Assert.All(outputTypes, t => Assert.Contains(t, typeNames));
        }
    }
}
