using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>
    /// Every error the module raises, with its id, category, message and advice, each built once and complete. This
    /// file holds the errors of the module's own rules; PartnerErrors.Store.cs those of the local store and
    /// PartnerErrors.Service.cs those of sign-in and Partner Center requests (which Partner Center answer becomes
    /// which error is the table in PartnerCenter/ServiceErrorMap.cs).
    /// </summary>
    public static partial class PartnerErrors
    {
        /// <param name="service">Partner Center's answer, when it is Partner Center that said so.</param>
        public static PartnerException CustomerRelationshipNotFound(Guid customerId, ServiceDetails? service = null) => Create(
            PartnerErrorId.CustomerRelationshipNotFound, PartnerErrorCategory.ObjectNotFound, customerId,
            $"The relationship between the partner and customer '{customerId}' does not exist.",
            "Check the id with Get-PartnerCustomer. A customer whose reseller relationship was removed is no longer listed; use Request-PartnerRelationship to re-establish it.",
            service: service);

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

        /// <param name="service">Partner Center's answer, when it is Partner Center that said so.</param>
        public static PartnerException SubscriptionNotFound(Guid customerId, Guid subscriptionId, ServiceDetails? service = null) => Create(
            PartnerErrorId.SubscriptionNotFound, PartnerErrorCategory.ObjectNotFound, subscriptionId,
            $"Subscription '{subscriptionId}' was not found for customer '{customerId}'.",
            "List the customer's subscriptions with Get-PartnerSubscription -CustomerId " + customerId + ".",
            service: service);

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

        /// <summary>
        /// Removal refused before any change: ActiveSubscriptionsBlockRemoval while a blocking subscription is active,
        /// NewCommerceSubscriptionsBlockRemoval when only uncancelled new-commerce ones remain. Each blocker is named
        /// with its action and deadline.
        /// </summary>
        public static RemovalBlockedException RemovalBlocked(Customer customer, OffboardingPlan plan, IReadOnlyList<OffboardingStep> blocking)
        {
            var anyActive = blocking.Any(s => SubscriptionStatus.IsActive(s.Subscription.Status));
            var errorId = anyActive ? PartnerErrorId.ActiveSubscriptionsBlockRemoval : PartnerErrorId.NewCommerceSubscriptionsBlockRemoval;
            var offerWidth = blocking.Max(s => s.OfferName.Length);

            // One line per subscription, its steps in order ("DisableAutoRenew until ..., then WaitForExpiry until ...").
            var bySubscription = blocking.GroupBy(s => s.SubscriptionId).ToList();
            var lines = string.Join(Environment.NewLine, bySubscription.Select(g => string.Format(CultureInfo.InvariantCulture, "  {0}  {1}  {2,-9}  {3}",
                g.Key, g.First().OfferName.PadRight(offerWidth), g.First().Subscription.Status, string.Join(", then ", g.Select(s => s.Action + Deadline(s))))));
            var subscriptions = bySubscription.Count;
            var what = anyActive ? $"{subscriptions} subscription(s) are active or not yet cancelled" : $"{subscriptions} new-commerce subscription(s) are not cancelled or expired";
            var earliest = plan.EarliestRemovalDate is DateTime date && !plan.CanRemoveNow
                ? " The earliest removal date is " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "."
                : string.Empty;
            var message = $"The reseller relationship with customer '{customer.Name}' ({customer.CustomerId}) cannot be removed while {what}.{earliest} " +
                $"Nothing was changed:{Environment.NewLine}{lines}";
            return new RemovalBlockedException(errorId, message, RemovalAdvice(customer, blocking), customer, plan, blocking);
        }

        private static string Deadline(OffboardingStep step) => step.Deadline is DateTime at
            ? (step.Action == OffboardingAction.Cancel ? " by " + at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : " until " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : string.Empty;

        private static string RemovalAdvice(Customer customer, IReadOnlyList<OffboardingStep> blocking)
        {
            var advice = new List<string>();
            if (blocking.Any(s => s.Action == OffboardingAction.Suspend))
            {
                advice.Add("add -SuspendActiveSubscriptions to suspend the legacy ones");
            }

            if (blocking.Any(s => s.Action == OffboardingAction.Cancel))
            {
                advice.Add("add -CancelNewCommerceSubscriptions to cancel the new-commerce ones inside their window (this cannot be undone)");
            }

            if (blocking.Any(s => !OffboardingAction.ClearsToday(s.Action)))
            {
                advice.Add("the others cannot be cleared today");
            }

            return string.Join("; ", advice) + ". Get-PartnerOffboardingPlan -CustomerId " + customer.CustomerId + " | Select-Object -ExpandProperty Steps | Format-List shows each step and why.";
        }

        /// <summary>
        /// A removal that failed after cancelling: the cause, and what cannot be undone. Everything else (the
        /// suspensions) was undone.
        /// </summary>
        public static PartnerException AfterCancellations(PartnerException cause, IReadOnlyList<Subscription> cancelled, Customer? delegatedAdminRemovedFrom = null)
        {
            if (cancelled.Count == 0 && delegatedAdminRemovedFrom == null)
            {
                return cause;
            }

            var done = new List<string>();
            if (cancelled.Count > 0)
            {
                done.Add($"Already done, and it cannot be undone: {cancelled.Count} new-commerce subscription(s) were cancelled:");
                done.AddRange(cancelled.Select(s => $"  {s.SubscriptionId}  {s.OfferName}  (customer {s.CustomerId})"));
            }

            if (delegatedAdminRemovedFrom != null)
            {
                done.Add($"Already done, and it cannot be undone: legacy delegated admin access (DAP) of '{delegatedAdminRemovedFrom.Name}' was removed; only the customer can grant it again.");
            }

            var error = Create(
            cause.ErrorId, cause.Category, cause.Target,
            cause.Message + Environment.NewLine + string.Join(Environment.NewLine, done) + Environment.NewLine +
            "Every suspension of this removal was undone; the relationship was not removed.",
            (cause.RecommendedAction ?? "Deal with the error") + " Then run the removal again: what was already done no longer blocks it.",
            cause, cause.Service);
            foreach (System.Collections.DictionaryEntry entry in cause.Data)
            {
                error.Data[entry.Key] = entry.Value;
            }

            error.Data["CancelledSubscriptions"] = cancelled;
            return error;
        }

        /// <summary>Partner Center refused the removal itself, with an answer the module does not know: reported with the plan.</summary>
        public static PartnerException RemovalRefused(Customer customer, OffboardingPlan plan, PartnerException cause)
        {
            var error = Create(
            PartnerErrorId.RemovalRefused, PartnerErrorCategory.InvalidOperation, customer,
            $"Partner Center refused to remove the reseller relationship with customer '{customer.Name}' ({customer.CustomerId}): {cause.Message}" +
            (plan.Steps.Count == 0 ? string.Empty : Environment.NewLine + "The module's plan still shows:" + Environment.NewLine +
                string.Join(Environment.NewLine, plan.Steps.Select(s => $"  {s.SubscriptionId}  {s.OfferName}  {s.Action}{Deadline(s)}"))),
            "Look at the plan (Get-PartnerOffboardingPlan -CustomerId " + customer.CustomerId + ") and at the customer in Partner Center; reservations, savings plans and software purchases also block removal.",
            cause, cause.Service);
            error.Data["Plan"] = plan;
            return error;
        }

        /// <param name="closedAt">When the window closed; null when Partner Center reports no window at all, or refused without saying when.</param>
        /// <param name="service">Partner Center's answer, when it is Partner Center that refused (900117, 900213).</param>
        public static PartnerException CancellationWindowClosed(Subscription subscription, DateTime? closedAt, ServiceDetails? service = null) => Create(
            PartnerErrorId.CancellationWindowClosed, PartnerErrorCategory.InvalidOperation, subscription,
            $"{Named(subscription)} cannot be cancelled: " +
            (closedAt is DateTime at ? $"its cancellation window closed on {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
                : service != null ? $"Partner Center answered that its cancellation window has passed (code {service.ServiceErrorCode})."
                : "Partner Center allows no cancellation for it."),
            "Turn auto-renew off (Set-PartnerSubscription -AutoRenewEnabled $false) so that it expires at its commitment end" +
            (subscription.CommitmentEndDate is DateTime end ? " (" + end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")" : string.Empty) +
            "; Get-PartnerOffboardingPlan shows when the relationship can be removed.",
            service: service);

        /// <param name="service">Partner Center's answer, when it is Partner Center that refused (800019).</param>
        public static PartnerException CancellationNotSupported(Subscription subscription, ServiceDetails? service = null) => Create(
            PartnerErrorId.CancellationNotSupported, PartnerErrorCategory.InvalidOperation, subscription,
            $"{Named(subscription)} cannot be cancelled: " +
            (BillingType.IsUsage(subscription.BillingType)
                ? "an Azure plan is suspended, not cancelled."
                : "only new-commerce subscriptions are cancelled; a legacy subscription is suspended instead."),
            "Suspend it with Suspend-PartnerSubscription -CustomerId " + subscription.CustomerId + " -SubscriptionId " + subscription.SubscriptionId + ".",
            service: service);

        public static PartnerException AzurePlanHasActiveSubscriptions(Subscription plan, int? activeAzureSubscriptions, ServiceDetails? service = null) => Create(
            PartnerErrorId.AzurePlanHasActiveSubscriptions, PartnerErrorCategory.InvalidOperation, plan,
            $"Azure plan '{plan.SubscriptionId}' of customer '{plan.CustomerId}' cannot be suspended while " +
            (activeAzureSubscriptions is int count ? $"{count} Azure subscription(s) under it are active." : "Azure subscriptions under it are active."),
            "Cancel its Azure subscriptions in the Azure portal (and any reservations, through Azure support), then suspend the plan.",
            service: service);

        public static PartnerException AutoRenewCannotChange(Subscription subscription) => Create(
            PartnerErrorId.AutoRenewCannotChange, PartnerErrorCategory.InvalidOperation, subscription,
            $"Auto-renew of subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) of customer '{subscription.CustomerId}' cannot be changed: it is {subscription.Status}.",
            SubscriptionStatus.IsSuspended(subscription.Status)
                ? "Partner Center changes nothing but the status of a suspended subscription; resume it first (Resume-PartnerSubscription), then change auto-renew."
                : "Only an active subscription renews; deleted, expired and disabled subscriptions are final.");

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
            cause, cause.Service);

        public static PartnerException SubscriptionKeepsChanging(Subscription subscription, string targetStatus, int attempts) => Create(
            PartnerErrorId.SubscriptionKeepsChanging, PartnerErrorCategory.InvalidOperation, subscription,
            $"Subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) was not made {targetStatus}: it changed again before each of {attempts} attempts to save the change.",
            "Someone else is changing it right now; look at it with Get-PartnerSubscription and try again later.");

        public static PartnerException OperationStopped(Subscription subscription) => Create(
            PartnerErrorId.OperationStopped, PartnerErrorCategory.OperationStopped, subscription,
            $"Subscription '{subscription.SubscriptionId}' ({subscription.OfferName}) was not changed: the command was stopped before its turn.",
            "Run the command again for the subscriptions that were not changed.");

        public static PartnerException RemovalStopped(Guid customerId) => Create(
            PartnerErrorId.OperationStopped, PartnerErrorCategory.OperationStopped, customerId,
            $"The reseller relationship with customer '{customerId}' was not removed, and nothing was changed for it: the command was stopped before its turn.",
            "Run the command again for the customers whose relationship was not removed.");

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

        /// <summary>"Subscription 'id' (offer) of customer 'id'"; without the offer when it is not known (an error built from a request's ids).</summary>
        private static string Named(Subscription subscription) =>
            $"Subscription '{subscription.SubscriptionId}'" + (subscription.OfferName.Length == 0 ? string.Empty : $" ({subscription.OfferName})") +
            $" of customer '{subscription.CustomerId}'";

        // Control characters (a NUL above all) would make the message itself unreadable.
        private static string Printable(string text) =>
            new string(text.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());

        private static PartnerException Create(string errorId, PartnerErrorCategory category, object? target, string message, string? recommendedAction,
            Exception? inner = null, ServiceDetails? service = null) =>
            new PartnerException(errorId, category, message, target, recommendedAction, service, inner);
    }
}
