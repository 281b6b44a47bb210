using System;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Which final Partner Center answer becomes which error: one table, read top down, the first matching row wins.
    /// Partner Center's own codes for what the module has an error of its own for come first, so a script sees the
    /// same ErrorIds as against the local store (partnercenter-api.md, section 3); then one row per HTTP status.
    /// </summary>
    internal static class ServiceErrorMap
    {
        private const string SupportAction = "If it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.";

        private static readonly Row[] Rows =
        {
            // Microsoft Graph (GDAP relationships): a 404 on a relationship's address, and the sign-in and permission
            // refusals, which need Graph's own advice. Graph's other answers take the rows below (as Graph* ids).
            Own(404, null, RequestSubject.AdminRelationship, f => PartnerErrors.AdminRelationshipNotFound(f.RelationshipId!, f.Service)),
            new Row(s => s == 401, null, RequestSubject.Graph, f => Http(f, PartnerErrorId.GraphUnauthorized, PartnerErrorCategory.AuthenticationError,
                "Connect again with Connect-PartnerCenter: the Microsoft Graph token is missing, expired, or not issued for https://graph.microsoft.com. " +
                PartnerErrors.GraphConnectAdvice)),
            new Row(s => s == 403, null, RequestSubject.Graph, f => Http(f, PartnerErrorId.GraphPermissionDenied, PartnerErrorCategory.PermissionDenied,
                "The application needs DelegatedAdminRelationship.ReadWrite.All (Read.All to list), consented in the partner tenant, and the user an " +
                "admin agent role; Graph may refuse termination requests from app-only sign-ins: connect App+User.")),

            // 403 with 20002: no commerce relationship with the customer.
            Own(403, "20002", RequestSubject.Customer, f => PartnerErrors.CustomerRelationshipNotFound(f.CustomerId!.Value, f.Service)),

            // A 404 on a subscription's own address is its "subscription not found" (20003).
            Own(404, null, RequestSubject.Subscription, f => PartnerErrors.SubscriptionNotFound(f.CustomerId!.Value, f.SubscriptionId!.Value, f.Service)),

            // A cancellation refused: past its window (900117, or 900213 for a window counted in hours), or of a
            // purchase Partner Center does not cancel outside the sandbox (800019: a legacy subscription).
            Own(400, "900117", RequestSubject.Subscription, CancellationWindowClosed),
            Own(400, "900213", RequestSubject.Subscription, CancellationWindowClosed),
            Own(403, "800019", RequestSubject.Subscription, f => PartnerErrors.CancellationNotSupported(Subject(f, CommerceType.Legacy), f.Service)),

            // An Azure plan is not suspended while Azure subscriptions under it are active (900115); it does not say how many.
            Own(403, "900115", RequestSubject.Subscription, f => PartnerErrors.AzurePlanHasActiveSubscriptions(
                Subject(f, CommerceType.NewCommerce, BillingType.Usage), activeAzureSubscriptions: null, f.Service)),

            Status(400, PartnerErrorId.PartnerCenterBadRequest, PartnerErrorCategory.InvalidArgument,
                "Check the values passed; the service's description says what it rejected."),
            Status(401, PartnerErrorId.PartnerCenterUnauthorized, PartnerErrorCategory.AuthenticationError,
                "Connect again with Connect-PartnerCenter: the access token is missing, expired, or not issued for the Partner Center audience."),
            Status(403, PartnerErrorId.PartnerCenterPermissionDenied, PartnerErrorCategory.PermissionDenied,
                "The account or application lacks the Partner Center role this needs, the partner's relationship with the customer does not allow it, " +
                "or the operation needs App+User sign-in (app-only tokens cannot do it)."),
            Status(412, PartnerErrorId.PartnerCenterPreconditionFailed, PartnerErrorCategory.InvalidOperation,
                "The object changed since it was read (its etag no longer matches): read it again and repeat the change."),
            Status(404, PartnerErrorId.PartnerCenterNotFound, PartnerErrorCategory.ObjectNotFound,
                "Check the id; the object may not exist, or the partner may have no relationship with it."),
            Status(409, PartnerErrorId.PartnerCenterConflict, PartnerErrorCategory.ResourceExists,
                "The object already exists or is in a conflicting state; read it again before changing it."),
            new Row(status => status == 429, null, RequestSubject.Any, f => Http(f, PartnerErrorId.PartnerCenterThrottled, PartnerErrorCategory.LimitsExceeded,
                ThrottledAction(f.Service))),
            Status(408, PartnerErrorId.PartnerCenterTimeout, PartnerErrorCategory.OperationTimeout, "Try again later. " + SupportAction),
            new Row(status => status >= 500 && status <= 599, null, RequestSubject.Any, f => Http(f, PartnerErrorId.PartnerCenterUnavailable,
                PartnerErrorCategory.ConnectionError, "Partner Center is unavailable or failing; try again later. " + SupportAction)),
            new Row(_ => true, null, RequestSubject.Any, f => Http(f, PartnerErrorId.PartnerCenterRequestFailed, PartnerErrorCategory.InvalidOperation, SupportAction)),
        };

        /// <summary>What a request was about, so that a row can name the failure in the module's terms.</summary>
        private enum RequestSubject
        {
            Any,
            Customer,
            Subscription,
            Graph,
            AdminRelationship,
        }

        /// <summary>The error for a final non-success response.</summary>
        public static PartnerException ToError(ServiceFailure failure)
        {
            foreach (var row in Rows)
            {
                if (row.Matches(failure))
                {
                    return row.Build(failure);
                }
            }

            throw new InvalidOperationException("The last row matches every failure.");
        }

        /// <summary>
        /// True for an answer that says the object changed since it was read (its etag no longer matches): 412, or
        /// 400 with code 2055, as Partner Center answers a PATCH of a stale subscription (that one stays a bad request).
        /// </summary>
        public static bool IsETagMismatch(PartnerException error) =>
            error.HttpStatusCode == 412 || (error.HttpStatusCode == 400 && error.ServiceErrorCode == "2055");

        /// <summary>Partner Center says when it refuses, not when the window closed.</summary>
        private static PartnerException CancellationWindowClosed(ServiceFailure f) =>
            PartnerErrors.CancellationWindowClosed(Subject(f, CommerceType.NewCommerce), closedAt: null, f.Service);

        /// <summary>
        /// The subscription a refused request was about, as far as the table knows it: its ids, and what the refusal
        /// implies of its kind. The table sees the answer, not the resource, so its offer and status are left empty.
        /// </summary>
        private static Subscription Subject(ServiceFailure f, string commerceType, string billingType = BillingType.License) => new Subscription
        {
            CustomerId = f.CustomerId!.Value,
            SubscriptionId = f.SubscriptionId!.Value,
            Status = string.Empty,
            CommerceType = commerceType,
            BillingType = billingType,
        };

        private static Row Own(int status, string? code, RequestSubject subject, Func<ServiceFailure, PartnerException> build) =>
            new Row(s => s == status, code, subject, build);

        private static Row Status(int status, string errorId, PartnerErrorCategory category, string action) =>
            new Row(s => s == status, null, RequestSubject.Any, f => Http(f, errorId, category, action));

        private static PartnerException Http(ServiceFailure f, string errorId, PartnerErrorCategory category, string action) =>
            PartnerErrors.PartnerCenterHttpError(errorId, category, action, f.ReasonPhrase, f.Operation, f.ServiceMessage, f.Service);

        /// <summary>
        /// What to do about a request that gave up on throttling: it says how long it waited (the budget is the
        /// connection's -MaxThrottleWait) and how long Partner Center last asked to wait.
        /// </summary>
        private static string ThrottledAction(ServiceDetails service)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            var waited = service.ThrottleWaited is TimeSpan spent
                ? string.Format(culture, "It waited {0:0} seconds for throttling ({1} refusals), up to the connection's -MaxThrottleWait. ", Math.Floor(spent.TotalSeconds), service.Throttles)
                : string.Empty;
            return waited + (service.RetryAfter is TimeSpan wait
                ? string.Format(culture, "Wait {0:0} seconds", Math.Ceiling(wait.TotalSeconds))
                : "Wait a minute") + " and try again, with fewer requests in parallel.";
        }

        private sealed class Row
        {
            private readonly Func<int, bool> _status;
            private readonly string? _code;
            private readonly RequestSubject _subject;

            public Row(Func<int, bool> status, string? code, RequestSubject subject, Func<ServiceFailure, PartnerException> build)
            {
                _status = status;
                _code = code;
                _subject = subject;
                Build = build;
            }

            public Func<ServiceFailure, PartnerException> Build { get; }

            public bool Matches(ServiceFailure f) =>
                _status(f.Service.HttpStatusCode ?? 0) &&
                (_code == null || string.Equals(_code, f.Service.ServiceErrorCode, StringComparison.Ordinal)) &&
                _subject switch
                {
                    RequestSubject.Customer => f.CustomerId != null,
                    RequestSubject.Subscription => f.CustomerId != null && f.SubscriptionId != null,
                    RequestSubject.Graph => f.IsGraph,
                    RequestSubject.AdminRelationship => f.IsGraph && f.RelationshipId != null,
                    _ => true,
                };
        }
    }

    /// <summary>A final non-success Partner Center response, with what the request was about.</summary>
    internal sealed class ServiceFailure
    {
        public ServiceFailure(string operation, string reasonPhrase, string? serviceMessage, ServiceDetails service, Guid? customerId, Guid? subscriptionId)
        {
            Operation = operation;
            ReasonPhrase = reasonPhrase;
            ServiceMessage = serviceMessage;
            Service = service;
            CustomerId = customerId;
            SubscriptionId = subscriptionId;
        }

        public string Operation { get; }

        public string ReasonPhrase { get; }

        public string? ServiceMessage { get; }

        public ServiceDetails Service { get; }

        public Guid? CustomerId { get; }

        public Guid? SubscriptionId { get; }

        /// <summary>The GDAP relationship a Graph request was about, if any.</summary>
        public string? RelationshipId { get; set; }

        /// <summary>The answer came from Microsoft Graph, not Partner Center.</summary>
        public bool IsGraph { get; set; }
    }
}
