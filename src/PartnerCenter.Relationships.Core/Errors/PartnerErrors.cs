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

        public static PartnerException UserSignInRequired(string operation, Guid? customerId) => Create(
            PartnerErrorId.UserSignInRequired, PartnerErrorCategory.PermissionDenied, customerId,
            $"{operation}{(customerId is Guid id ? $" for customer '{id}'" : "")} needs a user's sign-in: Partner Center refuses it to an application signed in alone (app-only). Nothing was changed.",
            "Connect with App+User sign-in (Connect-PartnerCenter -ApplicationId -ApplicationSecret -RefreshToken -TenantId) or with a user's access token, then run the command again.");

        public static PartnerException UndoIncomplete(PartnerException cause, IReadOnlyList<Subscription> leftChanged) => Create(
            cause.ErrorId, cause.Category, cause.Target,
            cause.Message + Environment.NewLine +
            $"Changing back what was already done failed for {leftChanged.Count} subscription(s); they keep the status this command gave them:" + Environment.NewLine +
            string.Join(Environment.NewLine, leftChanged.Select(s => $"  {s.SubscriptionId}  {s.OfferName}  (customer {s.CustomerId})")),
            "Resume them with Resume-PartnerSubscription -CustomerId <id> -SubscriptionId <id>, then deal with the original error.",
            cause).WithServiceDetails(cause);

        public static PartnerException SubscriptionKeepsChanging(Subscription subscription, string targetStatus, int attempts) => Create(
            PartnerErrorId.SubscriptionKeepsChanging, PartnerErrorCategory.InvalidOperation, subscription,
            $"Subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) was not made {targetStatus}: it changed again before each of {attempts} attempts to save the change.",
            "Someone else is changing it right now; look at it with Get-PartnerSubscription and try again later.");

        public static PartnerException OperationStopped(Subscription subscription) => Create(
            PartnerErrorId.OperationStopped, PartnerErrorCategory.OperationStopped, subscription,
            $"Subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) was not changed: the command was stopped before its turn.",
            "Run the command again for the subscriptions that were not changed.");

        public static PartnerException InvalidArgument(string parameterName, object? value, string problem) => Create(
            PartnerErrorId.InvalidArgument, PartnerErrorCategory.InvalidArgument, value,
            $"The value '{value}' of {parameterName} is not valid: {problem}", null);

        public static PartnerException InvalidWildcardPattern(string parameterName, string pattern, Exception inner) => Create(
            PartnerErrorId.InvalidWildcardPattern, PartnerErrorCategory.InvalidArgument, pattern,
            $"The {parameterName} value '{pattern}' is not a valid wildcard pattern: a '[' opens a set of characters that a ']' must close.",
            "Close every '[' with ']' (for example 'Contoso[12]*'), or escape a literal bracket with a backtick: 'Contoso`[EU`]'.", inner);

        public static PartnerException InvalidStorePath(string path, string problem) => Create(
            PartnerErrorId.InvalidStorePath, PartnerErrorCategory.InvalidArgument, path,
            $"The store path '{Printable(path)}' is not valid: {problem.TrimEnd('.')}.",
            "Give the path of a file, for example ./partner.db.");

        public static PartnerException InvalidCustomerId(Guid customerId) => Create(
            PartnerErrorId.InvalidCustomerId, PartnerErrorCategory.InvalidArgument, customerId,
            $"The customer id '{customerId}' is not valid: a customer (tenant) id is never the empty GUID.",
            "Omit -CustomerId to have a new id generated, or give the customer's tenant id.");

        public static PartnerException InvalidSubscriptionId(Guid subscriptionId) => Create(
            PartnerErrorId.InvalidSubscriptionId, PartnerErrorCategory.InvalidArgument, subscriptionId,
            $"The subscription id '{subscriptionId}' is not valid: a subscription id is never the empty GUID.",
            "Omit -SubscriptionId to have a new id generated.");

        public static PartnerException InvalidDomain(string domain, string problem) => Create(
            PartnerErrorId.InvalidDomain, PartnerErrorCategory.InvalidArgument, domain,
            $"The domain '{domain}' is not valid: {problem.TrimEnd('.')}.",
            "Give the customer's domain name, for example 'contoso.onmicrosoft.com'.");

        // Control characters (a NUL above all) would make the message itself unreadable.
        private static string Printable(string text) =>
            new string(text.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());

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

        // ---- Partner Center REST backend: tokens and sign-in. No message ever carries a token, secret or refresh token. ----

        public static PartnerException AccessTokenUnreadable(string reason) => Create(
            PartnerErrorId.AccessTokenUnreadable, PartnerErrorCategory.InvalidArgument, null,
            $"The access token cannot be read: {reason}.",
            "Pass a Partner Center access token: a JWT (three base64url parts separated by dots) issued for " +
            "https://api.partnercenter.microsoft.com, without quotes or extra text.");

        public static PartnerException AccessTokenExpired(DateTimeOffset expiresOn, string? account) => Create(
            PartnerErrorId.AccessTokenExpired, PartnerErrorCategory.AuthenticationError, account,
            string.Format(CultureInfo.InvariantCulture, "The access token{0} expired at {1:yyyy-MM-dd HH:mm:ss} UTC.",
                string.IsNullOrEmpty(account) ? "" : " for '" + account + "'", expiresOn.UtcDateTime),
            "Get a new access token and connect again, or connect with a refresh token or application credentials so tokens are renewed automatically.");

        public static PartnerException AccessTokenRequestFailed(string tokenEndpoint, string clientId, int? httpStatus, string? error, string? description, Exception? inner = null)
        {
            var status = httpStatus is int code ? string.Format(CultureInfo.InvariantCulture, " (HTTP {0})", code) : "";
            var detail = (error, description) switch
            {
                (null, null) => "no reason was given",
                (null, _) => description!,
                (_, null) => error!,
                _ => error + ": " + description,
            };
            var action = error switch
            {
                "invalid_grant" => "The refresh token has expired, was revoked, or was issued to another application or tenant: obtain a new one (consent again, with MFA) and connect again.",
                "invalid_client" or "unauthorized_client" => "Check the application id and its secret; the secret may have expired.",
                "invalid_resource" => "The application is not set up for Partner Center in this tenant; check its API permissions and consent.",
                _ => "Check the tenant, the application id and the credentials, then connect again.",
            };
            var exception = Create(
                PartnerErrorId.AccessTokenRequestFailed, PartnerErrorCategory.AuthenticationError, clientId,
                $"Sign-in failed: {tokenEndpoint} refused a token for application '{clientId}'{status}: {detail}", action, inner);
            exception.HttpStatusCode = httpStatus;
            exception.ServiceErrorCode = error;
            return exception;
        }

        public static PartnerException TokenEndpointUnavailable(string tokenEndpoint, string reason, int attempts, Exception? inner)
        {
            var exception = Create(
                PartnerErrorId.TokenEndpointUnavailable, PartnerErrorCategory.ConnectionError, tokenEndpoint,
                string.Format(CultureInfo.InvariantCulture, "Sign-in failed: {0} could not be reached{1}: {2}",
                    tokenEndpoint, Attempted(attempts), reason),
                "Check the network connection and proxy, and the authority host for the environment; then try again.", inner);
            exception.Attempts = attempts;
            return exception;
        }

        // ---- Partner Center REST backend: HTTP failures. ----

        /// <summary>
        /// A final non-success Partner Center response. <paramref name="operation"/> is "METHOD /path" (no query);
        /// <paramref name="serviceCode"/> and <paramref name="serviceMessage"/> come from the body (code/description,
        /// or statusCode/message for throttling) or, when it does not parse, the cleaned raw text or reason phrase.
        /// </summary>
        public static PartnerException PartnerCenterHttpError(
            int statusCode, string reasonPhrase, string operation, string? serviceCode, string? serviceMessage,
            string requestId, string correlationId, TimeSpan? retryAfter, int attempts)
        {
            string errorId;
            PartnerErrorCategory category;
            string action;
            switch (statusCode)
            {
                case 400:
                    (errorId, category) = (PartnerErrorId.PartnerCenterBadRequest, PartnerErrorCategory.InvalidArgument);
                    action = "Check the values passed; the service's description says what it rejected.";
                    break;
                case 401:
                    (errorId, category) = (PartnerErrorId.PartnerCenterUnauthorized, PartnerErrorCategory.AuthenticationError);
                    action = "Connect again with Connect-PartnerCenter: the access token is missing, expired, or not issued for the Partner Center audience.";
                    break;
                case 403:
                    (errorId, category) = (PartnerErrorId.PartnerCenterPermissionDenied, PartnerErrorCategory.PermissionDenied);
                    action = "The account or application lacks the Partner Center role this needs, the partner's relationship with the customer does not allow it, " +
                        "or the operation needs App+User sign-in (app-only tokens cannot do it).";
                    break;
                case 404:
                    (errorId, category) = (PartnerErrorId.PartnerCenterNotFound, PartnerErrorCategory.ObjectNotFound);
                    action = "Check the id; the object may not exist, or the partner may have no relationship with it.";
                    break;
                case 409:
                    (errorId, category) = (PartnerErrorId.PartnerCenterConflict, PartnerErrorCategory.ResourceExists);
                    action = "The object already exists or is in a conflicting state; read it again before changing it.";
                    break;
                case 412:
                    (errorId, category) = (PartnerErrorId.PartnerCenterPreconditionFailed, PartnerErrorCategory.InvalidOperation);
                    action = "The object changed since it was read (its etag no longer matches): read it again and repeat the change.";
                    break;
                case 429:
                    (errorId, category) = (PartnerErrorId.PartnerCenterThrottled, PartnerErrorCategory.LimitsExceeded);
                    action = (retryAfter is TimeSpan wait
                        ? string.Format(CultureInfo.InvariantCulture, "Wait {0:0} seconds", Math.Ceiling(wait.TotalSeconds))
                        : "Wait a minute") + " and try again, with fewer requests in parallel.";
                    break;
                case 408:
                    (errorId, category) = (PartnerErrorId.PartnerCenterTimeout, PartnerErrorCategory.OperationTimeout);
                    action = "Try again later. If it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.";
                    break;
                case >= 500 and <= 599:
                    (errorId, category) = (PartnerErrorId.PartnerCenterUnavailable, PartnerErrorCategory.ConnectionError);
                    action = "Partner Center is unavailable or failing; try again later. If it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.";
                    break;
                default:
                    (errorId, category) = (PartnerErrorId.PartnerCenterRequestFailed, PartnerErrorCategory.InvalidOperation);
                    action = "If it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.";
                    break;
            }

            var detail = (serviceCode, serviceMessage) switch
            {
                (null, null) => "",
                (null, _) => ": " + serviceMessage,
                (_, null) => ": code " + serviceCode,
                _ => ": code " + serviceCode + ", " + serviceMessage,
            };
            var wait429 = statusCode == 429 && retryAfter is TimeSpan ra
                ? string.Format(CultureInfo.InvariantCulture, " Retry-After: {0:0} s.", Math.Ceiling(ra.TotalSeconds))
                : "";
            var message = string.Format(CultureInfo.InvariantCulture,
                "Partner Center returned {0} ({1}) for {2}{3}{4}.{5} {6}",
                statusCode, reasonPhrase, operation, Attempted(attempts), detail.TrimEnd('.', ' '), wait429, Ids(requestId, correlationId));
            var exception = Create(errorId, category, operation, message, action);
            exception.HttpStatusCode = statusCode;
            exception.ServiceErrorCode = serviceCode;
            exception.RequestId = requestId;
            exception.CorrelationId = correlationId;
            exception.RetryAfter = retryAfter;
            exception.Attempts = attempts;
            return exception;
        }

        /// <summary>No response: the connection failed (refused, reset, DNS...) on every attempt.</summary>
        public static PartnerException PartnerCenterUnavailable(string operation, string reason, string requestId, string correlationId, int attempts, Exception? inner) =>
            WithIds(Create(
                PartnerErrorId.PartnerCenterUnavailable, PartnerErrorCategory.ConnectionError, operation,
                $"Partner Center could not be reached for {operation}{Attempted(attempts)}: {reason.TrimEnd('.', ' ')}. {Ids(requestId, correlationId)}",
                "Check the network connection, the proxy and the endpoint; then try again.", inner), requestId, correlationId, attempts);

        /// <summary>No response within the request timeout on every attempt.</summary>
        public static PartnerException PartnerCenterTimeout(string operation, TimeSpan timeout, string requestId, string correlationId, int attempts, Exception? inner) =>
            WithIds(Create(
                PartnerErrorId.PartnerCenterTimeout, PartnerErrorCategory.OperationTimeout, operation,
                string.Format(CultureInfo.InvariantCulture, "Partner Center did not answer {0} within {1:0.#} seconds{2}. {3}",
                    operation, timeout.TotalSeconds, Attempted(attempts), Ids(requestId, correlationId)),
                "Try again later; if it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.", inner), requestId, correlationId, attempts);

        /// <summary>A success response whose body is not what Partner Center sends (not JSON, or paging that does not advance).</summary>
        public static PartnerException PartnerCenterResponseInvalid(string operation, string problem, string requestId, string correlationId, Exception? inner = null) =>
            WithIds(Create(
                PartnerErrorId.PartnerCenterResponseInvalid, PartnerErrorCategory.ProtocolError, operation,
                $"Partner Center's answer to {operation} could not be used: {problem.TrimEnd('.', ' ')}. {Ids(requestId, correlationId)}",
                "Check that the endpoint is Partner Center (or a faithful emulator); if it is, quote the ids to Microsoft support.", inner), requestId, correlationId, null);

        /// <summary>An absolute URI (for example a next link) that points outside the Partner Center endpoint: the token is never sent there.</summary>
        public static PartnerException PartnerCenterUnexpectedHost(string origin, string serviceRoot) => Create(
            PartnerErrorId.PartnerCenterUnexpectedHost, PartnerErrorCategory.InvalidOperation, origin,
            $"The address '{origin}' is outside the Partner Center endpoint '{serviceRoot}', so no request with the access token is sent to it.",
            "Use a path relative to the endpoint (for example /v1/customers), or connect to the endpoint that address belongs to.");

        private static string Attempted(int attempts) =>
            attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " after {0} attempts", attempts) : "";

        private static string Ids(string requestId, string correlationId) =>
            $"MS-RequestId: {requestId}; MS-CorrelationId: {correlationId}.";

        private static PartnerException WithIds(PartnerException exception, string requestId, string correlationId, int? attempts)
        {
            exception.RequestId = requestId;
            exception.CorrelationId = correlationId;
            exception.Attempts = attempts;
            return exception;
        }

        private static PartnerException Create(string errorId, PartnerErrorCategory category, object? target, string message, string? recommendedAction, Exception? inner = null) =>
            new PartnerException(errorId, category, message, target, inner) { RecommendedAction = recommendedAction };
    }
}
