using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// examples/Offboard-Customer.ps1 run as a user runs it, in the hosted engine (Microsoft.PowerShell.Core only),
    /// against sample data: seed 1 with 25 customers has 'Contoso' (2 active subscriptions, 1 deleted) and
    /// 'Contoso Pharmaceuticals' (2 active).
    /// </summary>
    public sealed class ExampleScriptTests : IDisposable
    {
        private static readonly string ScriptPath = Path.Combine(ModuleSession.RepoRoot, "examples", "Offboard-Customer.ps1");

        private readonly ModuleSession _session = new();

        public ExampleScriptTests() => _session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

        public void Dispose() => _session.Dispose();

        [Fact]
        public void Offboard_Contoso_SuspendsEveryActiveSubscriptionAndRemovesBothRelationships()
        {
            var contoso = _session.Ok("Get-PartnerCustomer -Name 'Contoso*'");
            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, contoso.Select(c => (string)Value(c, "Name")!));
            var activeBefore = ActiveSubscriptionIdsByCustomer("Contoso*");
            Assert.Equal(2, activeBefore[Id(contoso[0])].Count);
            Assert.All(activeBefore.Values, ids => Assert.NotEmpty(ids));

            var run = _session.Run("& $args[0] -Name 'Contoso*' -Confirm:$false -Verbose", ScriptPath).ThrowIfFailed();

            Assert.Empty(run.Warnings);
            Assert.Equal(2, run.Output.Count);
            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, run.Output.Select(r => (string)Value(r, "Name")!));
            foreach (var result in run.Output)
            {
                Assert.Equal("PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult", result.BaseObject.GetType().FullName);
                Assert.Equal("None", Value(result, "RelationshipToPartner"));
                Assert.Equal(true, Value(result, "RemovedFromCustomerList"));
                Assert.Equal(true, Value(result, "PurchasingEnded"));
                Assert.Null(Value(result, "RequestId"));
                Assert.Null(Value(result, "InvitationUrl"));

                var suspended = Items(Value(result, "SuspendedSubscriptions")).ToList();
                Assert.Equal(activeBefore[Id(result)].OrderBy(g => g), suspended.Select(s => (Guid)Value(s, "SubscriptionId")!).OrderBy(g => g));
                Assert.All(suspended, s => Assert.Equal("Suspended", Value(s, "Status")));
            }

            // Each active subscription was listed (verbose) before anything was changed.
            foreach (var id in activeBefore.Values.SelectMany(ids => ids))
            {
                Assert.Contains(run.Verbose, v => v.Contains("active subscription", StringComparison.Ordinal) && v.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
            }

            Assert.Empty(_session.Ok("Get-PartnerCustomer -Name 'Contoso*'"));
            Assert.Equal(23, _session.Ok("Get-PartnerCustomer").Count);

            // A removed customer's subscriptions cannot be listed; re-establish the relationship to look at the store:
            // nothing is active, and what was active before is suspended.
            foreach (var (customerId, wasActive) in activeBefore)
            {
                var request = _session.Ok("Request-PartnerRelationship -CustomerId $args[0] -Confirm:$false", customerId).Single();
                _session.Ok("Approve-PartnerRelationshipRequest -RequestId $args[0] -Confirm:$false", Value(request, "RequestId"));
                Assert.Empty(_session.Ok("Get-PartnerSubscription -CustomerId $args[0] -Active", customerId));
                var suspendedNow = _session.Ok("Get-PartnerSubscription -CustomerId $args[0] -Status Suspended", customerId)
                    .Select(s => (Guid)Value(s, "SubscriptionId")!);
                Assert.Subset(suspendedNow.ToHashSet(), wasActive.ToHashSet());
            }
        }

        [Fact]
        public void Offboard_WithWhatIf_ChangesNothing()
        {
            var customersBefore = _session.Ok("Get-PartnerCustomer").Count;
            var activeBefore = ActiveSubscriptionIdsByCustomer("Contoso*");

            var run = _session.Run("& $args[0] -Name 'Contoso*' -WhatIf", ScriptPath).ThrowIfFailed();

            Assert.Empty(run.Output);
            Assert.Equal(2, _session.Ok("Get-PartnerCustomer -Name 'Contoso*'").Count);
            Assert.Equal(customersBefore, _session.Ok("Get-PartnerCustomer").Count);
            var activeAfter = ActiveSubscriptionIdsByCustomer("Contoso*");
            Assert.Equal(activeBefore.Keys.OrderBy(g => g), activeAfter.Keys.OrderBy(g => g));
            Assert.Equal(activeBefore.Values.Sum(v => v.Count), activeAfter.Values.Sum(v => v.Count));
            foreach (var (customerId, ids) in activeBefore)
            {
                Assert.Equal(ids.OrderBy(g => g), activeAfter[customerId].OrderBy(g => g));
            }
        }

        [Fact]
        public void Offboard_WithRequestRelationship_AddsTheInvitationThatRestoresTheListing()
        {
            var contosoId = Id(_session.Ok("Get-PartnerCustomer -Name 'Contoso'").Single());

            var result = _session.Run("& $args[0] -Name 'Contoso' -RequestRelationship -Confirm:$false", ScriptPath).ThrowIfFailed().Output.Single();

            Assert.Equal(contosoId, Value(result, "CustomerId"));
            Assert.StartsWith("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=", (string)Value(result, "InvitationUrl")!);
            Assert.Empty(_session.Ok("Get-PartnerCustomer -Name 'Contoso*' | Where-Object Name -eq 'Contoso'"));

            var back = _session.Ok("Approve-PartnerRelationshipRequest -RequestId $args[0] -Confirm:$false -PassThru", Value(result, "RequestId")).Single();

            Assert.Equal("Reseller", Value(back, "RelationshipToPartner"));
            Assert.Equal(false, Value(back, "AllowDelegatedAccess"));
            Assert.Single(_session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
            Assert.Empty(_session.Ok("Get-PartnerSubscription -CustomerId $args[0] -Active", contosoId));
        }

        [Fact]
        public void Offboard_ById_ReportsAnUnknownIdAndStillOffboardsTheOthers()
        {
            var fabrikamId = Id(_session.Ok("Get-PartnerCustomer -Name 'Fabrikam'").Single());
            var unknownId = Guid.NewGuid();

            var run = _session.Run("& $args[0] -CustomerId $args[1], $args[2] -Confirm:$false", ScriptPath, unknownId, fabrikamId);

            var error = run.SingleError();
            Assert.StartsWith("CustomerRelationshipNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(fabrikamId, Value(run.Output.Single(), "CustomerId"));
            Assert.Empty(_session.Ok("Get-PartnerCustomer -Name 'Fabrikam*'"));
        }

        [Fact]
        public void Offboard_TakesCustomersFromThePipeline_AndOffboardsEachOnce()
        {
            // Collected first, so Contoso comes twice: once for each name.
            var results = _session.Ok("$customers = @(Get-PartnerCustomer -Name 'Contoso', 'Contoso*'); $customers | & $args[0] -Confirm:$false", ScriptPath);

            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, results.Select(r => (string)Value(r, "Name")!));
            Assert.Empty(_session.Ok("Get-PartnerCustomer -Name 'Contoso*'"));
        }

        [Fact]
        public void Offboard_WithAWildcardThatMatchesNothing_WarnsAndChangesNothing()
        {
            var run = _session.Run("& $args[0] -Name 'Nobody*' -Confirm:$false", ScriptPath).ThrowIfFailed();

            Assert.Empty(run.Output);
            Assert.Contains(run.Warnings, w => w.Contains("'Nobody*'", StringComparison.Ordinal));
            Assert.Equal(25, _session.Ok("Get-PartnerCustomer").Count);
        }

        [Fact]
        public void Offboard_WithStorePath_ConnectsToThatStoreFirst()
        {
            var otherStore = Path.Combine(_session.Folder, "other.db");
            _session.Ok("Initialize-PartnerStore -StorePath $args[0] -SampleData -CustomerCount 3 -Seed 7 | Out-Null", otherStore);

            var results = _session.Ok("& $args[0] -StorePath $args[1] -Name 'Contoso*' -Confirm:$false", ScriptPath, otherStore);

            Assert.Equal(2, results.Count);
            Assert.Single(_session.Ok("Get-PartnerCustomer")); // the session now uses the other store
            _session.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", _session.StorePath);
            Assert.Equal(2, _session.Ok("Get-PartnerCustomer -Name 'Contoso*'").Count); // the first store is untouched
        }

        [Fact]
        public void Offboard_WithAStorePathThatDoesNotExist_StopsWithoutCreatingIt()
        {
            var missing = Path.Combine(_session.Folder, "missing.db");

            var error = _session.Run("& $args[0] -StorePath $args[1] -Name 'Contoso*' -Confirm:$false", ScriptPath, missing).SingleError();

            Assert.StartsWith("StoreNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));
            Assert.Equal(2, _session.Ok("Get-PartnerCustomer -Name 'Contoso*'").Count);
        }

        [Fact]
        public void Offboard_HasHelpWithExamples()
        {
            var help = _session.Ok("Get-Help -Name $args[0] -Full", ScriptPath).Single();

            Assert.StartsWith("Offboards customers", ((string)Value(help, "Synopsis")!).Trim(), StringComparison.Ordinal);
            var examples = _session.Ok("@((Get-Help -Name $args[0] -Full).Examples.Example)", ScriptPath);
            Assert.True(examples.Count >= 2, $"expected at least 2 examples, got {examples.Count}");
            var parameters = _session.Ok("(Get-Help -Name $args[0] -Full).Parameters.Parameter | ForEach-Object Name", ScriptPath).Select(p => (string)p.BaseObject);
            Assert.Subset(parameters.ToHashSet(), new HashSet<string> { "Name", "CustomerId", "StorePath", "RequestRelationship" });
        }

        /// <summary>
        /// The script must run where only Microsoft.PowerShell.Core is loaded: every command it calls, on every path
        /// and not just the ones the tests above take, exists in this hosted engine.
        /// </summary>
        [Fact]
        public void Offboard_CallsOnlyCommandsTheHostedEngineHas()
        {
            var ast = Parser.ParseFile(ScriptPath, out _, out var errors);
            Assert.Empty(errors);
            var commands = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true)
                .Cast<CommandAst>()
                .Select(command => command.GetCommandName())
                .Where(name => name != null)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            Assert.Contains("Remove-PartnerResellerRelationship", commands);

            foreach (var name in commands)
            {
                var found = _session.Run("Get-Command -Name $args[0] -ErrorAction SilentlyContinue", name).Output;
                Assert.True(found.Count == 1, $"'{name}' is not available in a session with only Microsoft.PowerShell.Core and the module.");
            }
        }

        private Dictionary<Guid, List<Guid>> ActiveSubscriptionIdsByCustomer(string namePattern)
        {
            var active = new Dictionary<Guid, List<Guid>>();
            foreach (var customer in _session.Ok("Get-PartnerCustomer -Name $args[0]", namePattern))
            {
                active[Id(customer)] = _session.Ok("Get-PartnerSubscription -CustomerId $args[0] -Active", Id(customer))
                    .Select(s => (Guid)Value(s, "SubscriptionId")!)
                    .ToList();
            }

            return active;
        }

        private static Guid Id(PSObject customerOrResult) => (Guid)Value(customerOrResult, "CustomerId")!;

        private static object? Value(object item, string property) => PSObject.AsPSObject(item).Properties[property]?.Value;

        private static IEnumerable<object> Items(object? collection) => ((IEnumerable)collection!).Cast<object>();
    }
}
