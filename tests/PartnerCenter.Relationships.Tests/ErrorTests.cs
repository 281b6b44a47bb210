using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>Every failure is an ErrorRecord with a stable ErrorId, the right category and the target object.</summary>
    public sealed class ErrorTests : IDisposable
    {
        private readonly ModuleSession _session = new();

        public ErrorTests() => _session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 25 -Seed 1 | Out-Null");

        public void Dispose() => _session.Dispose();

        private object CustomerId(string name) => _session.Ok("Get-PartnerCustomer -Name $args[0]", name).Single().Properties["CustomerId"].Value;

        [Fact]
        public void ActiveSubscriptions_BlockRemoval_WithEverySubscriptionInMessageAndData()
        {
            var active = _session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active");

            var error = _session.Run("Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Confirm:$false").SingleError();

            AssertError(error, "ActiveSubscriptionsBlockRemoval", ErrorCategory.InvalidOperation);
            Assert.Equal(CustomerId("Contoso"), Property(error.TargetObject, "CustomerId"));
            foreach (var subscription in active)
            {
                Assert.Contains(subscription.Properties["SubscriptionId"].Value.ToString()!, error.Exception.Message);
                Assert.Contains((string)subscription.Properties["OfferName"].Value, error.Exception.Message);
            }

            var blocking = ((IEnumerable)error.Exception.Data["BlockingSubscriptions"]!).Cast<object>().Select(s => Property(s, "SubscriptionId")).ToList();
            Assert.Equal(active.Select(s => s.Properties["SubscriptionId"].Value).OrderBy(x => x.ToString()), blocking.OrderBy(x => x!.ToString()));
            Assert.Contains("-SuspendActiveSubscriptions", error.ErrorDetails.RecommendedAction);
            Assert.Single(_session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
        }

        [Fact]
        public void RemovedCustomer_ById_IsObjectNotFound_SayingTheRelationshipDoesNotExist()
        {
            var id = CustomerId("Fabrikam");
            _session.Ok("Get-PartnerCustomer -Name 'Fabrikam' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force");

            var error = _session.Run("Get-PartnerCustomer -CustomerId $args[0]", id).SingleError();

            AssertError(error, "CustomerRelationshipNotFound", ErrorCategory.ObjectNotFound);
            Assert.Equal(id, error.TargetObject);
            Assert.Contains("relationship between the partner and customer", error.Exception.Message);
            Assert.Contains("does not exist", error.Exception.Message);
        }

        [Fact]
        public void PerRecordErrors_DoNotStopThePipeline()
        {
            var result = _session.Run("Get-PartnerCustomer -CustomerId $args[0], $args[1]", Guid.NewGuid(), CustomerId("Fabrikam"));

            AssertError(result.SingleError(), "CustomerRelationshipNotFound", ErrorCategory.ObjectNotFound);
            Assert.Equal("Fabrikam", result.Output.Single().Properties["Name"].Value);
        }

        [Fact]
        public void DeletedSubscription_CannotBeSuspended()
        {
            var deleted = _session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Status Deleted").First();

            var error = _session.Run("$args[0] | Suspend-PartnerSubscription -Confirm:$false", deleted).SingleError();

            AssertError(error, "SubscriptionStatusCannotChange", ErrorCategory.InvalidOperation);
            Assert.Equal(deleted.Properties["SubscriptionId"].Value, Property(error.TargetObject, "SubscriptionId"));
        }

        [Fact]
        public void AlreadySuspended_IsANoOpWithAVerboseMessage()
        {
            var suspended = _session.Ok("Get-PartnerCustomer | Get-PartnerSubscription -Status Suspended").First();

            var result = _session.Run("$args[0] | Suspend-PartnerSubscription -Confirm:$false -PassThru -Verbose", suspended).ThrowIfFailed();

            Assert.Equal("Suspended", result.Output.Single().Properties["Status"].Value);
            Assert.Contains(result.Verbose, v => v.Contains("already Suspended", StringComparison.Ordinal));
        }

        [Fact]
        public void UnknownSubscription_IsObjectNotFound()
        {
            var missing = Guid.NewGuid();
            var error = _session.Run("Suspend-PartnerSubscription -CustomerId $args[0] -SubscriptionId $args[1] -Confirm:$false", CustomerId("Contoso"), missing).SingleError();

            AssertError(error, "SubscriptionNotFound", ErrorCategory.ObjectNotFound);
            Assert.Equal(missing, error.TargetObject);
        }

        [Fact]
        public void AfterRemoval_PurchaseAndResumeAreRefused()
        {
            var id = CustomerId("Contoso");
            var suspended = _session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru");
            _session.Ok("Remove-PartnerResellerRelationship -CustomerId $args[0] -Confirm:$false", id);

            var purchase = _session.Run("New-PartnerSubscription -CustomerId $args[0] -OfferName 'Power BI Pro'", id).SingleError();
            AssertError(purchase, "PurchaseNotAllowed", ErrorCategory.PermissionDenied);

            var resume = _session.Run("$args[0] | Resume-PartnerSubscription -Confirm:$false", suspended.First()).SingleError();
            AssertError(resume, "ResumeRequiresRelationship", ErrorCategory.PermissionDenied);
            Assert.Contains("Request-PartnerRelationship", resume.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void LiteralNameNotFound_IsAnError_ButAWildcardThatMatchesNothingIsNot()
        {
            AssertError(_session.Run("Get-PartnerCustomer -Name 'No Such Company'").SingleError(), "CustomerNameNotFound", ErrorCategory.ObjectNotFound);
            AssertError(_session.Run("Get-PartnerCustomer -Domain 'nosuch.onmicrosoft.com'").SingleError(), "CustomerDomainNotFound", ErrorCategory.ObjectNotFound);
            var wildcard = _session.Run("Get-PartnerCustomer -Name 'No Such*'").ThrowIfFailed();
            Assert.Empty(wildcard.Output);
        }

        [Fact]
        public void RequestWhileTheRelationshipExists_IsResourceExists()
        {
            AssertError(_session.Run("Get-PartnerCustomer -Name 'Contoso' | Request-PartnerRelationship").SingleError(), "RelationshipAlreadyExists", ErrorCategory.ResourceExists);
        }

        [Fact]
        public void BadStores_AreTerminatingErrorsThatNameThePath()
        {
            var missingFolder = Path.Combine(_session.Folder, "no", "such", "partner.db");
            var error = _session.Run("Initialize-PartnerStore -StorePath $args[0]", missingFolder).SingleError();
            AssertError(error, "StoreFolderNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains(missingFolder, error.Exception.Message);

            var typo = Path.Combine(_session.Folder, "partnr.db");
            error = _session.Run("Connect-PartnerCenter -StorePath $args[0]", typo).SingleError();
            AssertError(error, "StoreNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("Initialize-PartnerStore", error.ErrorDetails.RecommendedAction);
            Assert.False(File.Exists(typo));

            var corrupt = Path.Combine(_session.Folder, "corrupt.db");
            File.WriteAllText(corrupt, new string('x', 4096));
            error = _session.Run("Connect-PartnerCenter -StorePath $args[0]", corrupt).SingleError();
            AssertError(error, "StoreCorrupt", ErrorCategory.InvalidData);
            Assert.Contains(corrupt, error.Exception.Message);

            // The failed connects left this session on its own store.
            Assert.Single(_session.Ok("Get-PartnerCustomer -Name 'Contoso'"));
        }

        [Fact]
        public void AStoreThatGoesBadBetweenCommands_StopsTheNextCommandWithOneError()
        {
            var other = Path.Combine(_session.Folder, "other.db");
            _session.Ok("Initialize-PartnerStore -StorePath $args[0] | Out-Null; Connect-PartnerCenter -StorePath $args[0] | Out-Null", other);
            File.WriteAllText(other, new string('x', 4096));

            var result = _session.Run("Get-PartnerCustomer; 'after'");

            Assert.NotNull(result.Terminating ?? result.Errors.FirstOrDefault());
            AssertError(result.SingleError(), "StoreCorrupt", ErrorCategory.InvalidData);
        }

        [Fact]
        public void RefusedPurchase_IsAnErrorEvenUnderWhatIf()
        {
            var id = CustomerId("Fabrikam");
            _session.Ok("Get-PartnerCustomer -Name 'Fabrikam' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force");

            var result = _session.Run("New-PartnerSubscription -CustomerId $args[0] -OfferName 'Power BI Pro' -WhatIf", id);

            AssertError(result.SingleError(), "PurchaseNotAllowed", ErrorCategory.PermissionDenied);
            Assert.Empty(result.Information);
        }

        [Fact]
        public void ErrorsAreFriendly_NoStackTraces()
        {
            var error = _session.Run("Get-PartnerCustomer -CustomerId $args[0]", Guid.NewGuid()).SingleError();

            Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
        }

        private static void AssertError(ErrorRecord error, string errorId, ErrorCategory category)
        {
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.NotNull(error.TargetObject);
        }

        private static object? Property(object? target, string name)
        {
            var value = target is PSObject psObject ? psObject.BaseObject : target;
            return value?.GetType().GetProperty(name)?.GetValue(value);
        }
    }
}
