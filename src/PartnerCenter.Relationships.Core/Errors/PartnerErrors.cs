using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>Every error the module raises, with its id, category, message and advice, built in this one place.</summary>
    public static class PartnerErrors
    {
        public static PartnerException CustomerRelationshipNotFound(Guid customerId) => Create(
            PartnerErrorId.CustomerRelationshipNotFound, PartnerErrorCategory.ObjectNotFound, customerId,
            $"The relationship between the partner and customer '{customerId}' does not exist.",
            "Check the id with Get-PartnerCustomer. A customer whose reseller relationship was removed is no longer listed; use Request-PartnerRelationship to re-establish it.");

        public static PartnerException CustomerNotFound(Guid customerId) => Create(
            PartnerErrorId.CustomerNotFound, PartnerErrorCategory.ObjectNotFound, customerId,
            $"No customer with id '{customerId}' is known to this store.",
            "Check the id, or add the customer with New-PartnerCustomer.");

        public static PartnerException CustomerNameNotFound(string name) => Create(
            PartnerErrorId.CustomerNameNotFound, PartnerErrorCategory.ObjectNotFound, name,
            $"No customer named '{name}' has a relationship with the partner.",
            "Use a wildcard (for example 'Contoso*') or list customers with Get-PartnerCustomer.");

        public static PartnerException CustomerDomainNotFound(string domain) => Create(
            PartnerErrorId.CustomerDomainNotFound, PartnerErrorCategory.ObjectNotFound, domain,
            $"No customer with domain '{domain}' has a relationship with the partner.",
            "Check the domain (for example 'contoso.onmicrosoft.com') or list customers with Get-PartnerCustomer.");

        public static PartnerException CustomerAlreadyExists(Customer existing) => Create(
            PartnerErrorId.CustomerAlreadyExists, PartnerErrorCategory.ResourceExists, existing,
            $"A customer with id '{existing.CustomerId}' or domain '{existing.Domain}' already exists ({existing.Name}).",
            "Use another id and domain, or work with the existing customer.");

        public static PartnerException SubscriptionNotFound(Guid customerId, Guid subscriptionId) => Create(
            PartnerErrorId.SubscriptionNotFound, PartnerErrorCategory.ObjectNotFound, subscriptionId,
            $"Subscription '{subscriptionId}' was not found for customer '{customerId}'.",
            "List the customer's subscriptions with Get-PartnerSubscription -CustomerId " + customerId + ".");

        public static PartnerException SubscriptionAlreadyExists(Guid subscriptionId) => Create(
            PartnerErrorId.SubscriptionAlreadyExists, PartnerErrorCategory.ResourceExists, subscriptionId,
            $"A subscription with id '{subscriptionId}' already exists.",
            "Omit -SubscriptionId to have a new id generated.");

        public static PartnerException SubscriptionStatusCannotChange(Subscription subscription, string targetStatus) => Create(
            PartnerErrorId.SubscriptionStatusCannotChange, PartnerErrorCategory.InvalidOperation, subscription,
            $"Subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) of customer '{subscription.CustomerId}' is {subscription.Status} and cannot be made {targetStatus}.",
            "Only active subscriptions can be suspended and only suspended ones resumed; deleted, expired and disabled subscriptions are final.");

        public static PartnerException ResumeRequiresRelationship(Customer customer, Guid subscriptionId) => Create(
            PartnerErrorId.ResumeRequiresRelationship, PartnerErrorCategory.PermissionDenied, customer,
            $"Subscription '{subscriptionId}' cannot be resumed: the reseller relationship with customer '{customer.Name}' ({customer.CustomerId}) was removed.",
            "Re-establish the relationship first: Request-PartnerRelationship -CustomerId " + customer.CustomerId + ", then have the customer accept it.");

        public static PartnerException PurchaseNotAllowed(Customer customer) => Create(
            PartnerErrorId.PurchaseNotAllowed, PartnerErrorCategory.PermissionDenied, customer,
            $"The partner can no longer purchase on behalf of customer '{customer.Name}' ({customer.CustomerId}): the reseller relationship was removed.",
            "Re-establish the relationship first: Request-PartnerRelationship -CustomerId " + customer.CustomerId + ", then have the customer accept it.");

        public static RemovalBlockedException ActiveSubscriptionsBlockRemoval(Customer customer, IReadOnlyList<Subscription> active)
        {
            var offerWidth = active.Max(s => s.OfferName.Length);
            var lines = string.Join(Environment.NewLine, active.Select(s =>
                string.Format(CultureInfo.InvariantCulture, "  {0}  {1}  {2}", s.SubscriptionId, s.OfferName.PadRight(offerWidth), s.Status)));
            var message =
                $"The reseller relationship with customer '{customer.Name}' ({customer.CustomerId}) cannot be removed while " +
                $"{active.Count} subscription(s) are active:{Environment.NewLine}{lines}";
            return new RemovalBlockedException(message, customer, active)
            {
                RecommendedAction = "Suspend them first (Get-PartnerSubscription -CustomerId " + customer.CustomerId +
                    " -Active | Suspend-PartnerSubscription), or add -SuspendActiveSubscriptions.",
            };
        }

        public static PartnerException RelationshipAlreadyExists(Customer customer) => Create(
            PartnerErrorId.RelationshipAlreadyExists, PartnerErrorCategory.ResourceExists, customer,
            $"Customer '{customer.Name}' ({customer.CustomerId}) already has a reseller relationship with the partner.",
            "Nothing to request. Get-PartnerCustomer lists the customer.");

        public static PartnerException RelationshipRequestNotFound(Guid requestId) => Create(
            PartnerErrorId.RelationshipRequestNotFound, PartnerErrorCategory.ObjectNotFound, requestId,
            $"Relationship request '{requestId}' was not found.",
            "Use the RequestId that Request-PartnerRelationship returned.");

        public static PartnerException RelationshipRequestNotPending(RelationshipRequest request) => Create(
            PartnerErrorId.RelationshipRequestNotPending, PartnerErrorCategory.InvalidOperation, request,
            $"Relationship request '{request.RequestId}' is {request.Status}, not Pending.",
            "Only a pending request can be accepted.");

        public static PartnerException LocalStoreOnly(string operation) => Create(
            PartnerErrorId.LocalStoreOnly, PartnerErrorCategory.NotImplemented, operation,
            $"{operation} works only against the local store; in Partner Center the customer does this in their own admin center.",
            "Connect to a local store with Connect-PartnerCenter -StorePath, or Disconnect-PartnerCenter to use the default store.");

        public static PartnerException InvalidArgument(string parameterName, object? value, string problem) => Create(
            PartnerErrorId.InvalidArgument, PartnerErrorCategory.InvalidArgument, value,
            $"The value '{value}' of {parameterName} is not valid: {problem}", null);

        public static PartnerException StoreNotFound(string path) => Create(
            PartnerErrorId.StoreNotFound, PartnerErrorCategory.ObjectNotFound, path,
            $"There is no store at '{path}'.",
            $"Check the path, or create a store there first: Initialize-PartnerStore -StorePath '{path}' (add -SampleData for sample customers).");

        public static PartnerException StoreFolderNotFound(string path) => Create(
            PartnerErrorId.StoreFolderNotFound, PartnerErrorCategory.ObjectNotFound, path,
            $"The folder for the store '{path}' does not exist.",
            "Create the folder first, or choose a store path in an existing folder.");

        public static PartnerException StoreSchemaTooNew(string path, int found, int supported) => Create(
            PartnerErrorId.StoreSchemaTooNew, PartnerErrorCategory.InvalidData, path,
            $"The store '{path}' was written by a newer version of PartnerCenter.Relationships (schema {found}; this version reads up to {supported}).",
            "Update the PartnerCenter.Relationships module, or use another store with Connect-PartnerCenter -StorePath.");

        public static PartnerException StoreCorrupt(string path, Exception inner) => Create(
            PartnerErrorId.StoreCorrupt, PartnerErrorCategory.InvalidData, path,
            $"The store '{path}' is damaged or is not a PartnerCenter.Relationships store ({inner.Message.TrimEnd('.')}).",
            "Restore the file from a backup, or move it aside; a new store is created on next use (Initialize-PartnerStore -SampleData makes one with sample data).", inner);

        public static PartnerException StoreReadOnly(string path, Exception? inner = null) => Create(
            PartnerErrorId.StoreReadOnly, PartnerErrorCategory.PermissionDenied, path,
            $"The store '{path}' is read-only, so no change can be saved.",
            "Make the file (and its folder) writable, or use another store with Connect-PartnerCenter -StorePath.", inner);

        public static PartnerException StoreAlreadyInitialized(string path, long customerCount) => Create(
            PartnerErrorId.StoreAlreadyInitialized, PartnerErrorCategory.ResourceExists, path,
            $"The store '{path}' already holds {customerCount} customer(s).",
            "Add -Force to replace its content with new sample data, or choose another -StorePath.");

        public static PartnerException StoreUnavailable(string path, Exception inner) => Create(
            PartnerErrorId.StoreUnavailable, PartnerErrorCategory.ResourceUnavailable, path,
            $"The store '{path}' could not be used: {inner.Message}",
            "Check that the path is a file you can read and write and that no other program holds it locked.", inner);

        public static PartnerException SqliteNativeLibraryMissing(string path, string runtimeIdentifier, Exception? inner) => Create(
            PartnerErrorId.SqliteNativeLibraryMissing, PartnerErrorCategory.ResourceUnavailable, path,
            $"The SQLite native library for {runtimeIdentifier} could not be loaded from '{path}'.",
            "Reinstall the module; its dependencies folder must hold runtimes/" + runtimeIdentifier + "/native.", inner);

        public static PartnerException UnsupportedPlatform(string description) => Create(
            PartnerErrorId.UnsupportedPlatform, PartnerErrorCategory.NotImplemented, description,
            $"The local store is not supported on this platform ({description}).",
            "Use Windows, Linux or macOS on x64 or Arm64.", null);

        private static PartnerException Create(string errorId, PartnerErrorCategory category, object? target, string message, string? recommendedAction, Exception? inner = null) =>
            new PartnerException(errorId, category, message, target, inner) { RecommendedAction = recommendedAction };
    }
}
