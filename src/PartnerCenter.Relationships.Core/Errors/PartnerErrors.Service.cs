using System;
using System.Globalization;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    // Errors of sign-in and of Partner Center requests. No message ever carries a token, secret or refresh token.
    public static partial class PartnerErrors
    {
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
            return Create(
                PartnerErrorId.AccessTokenRequestFailed, PartnerErrorCategory.AuthenticationError, clientId,
                $"Sign-in failed: {tokenEndpoint} refused a token for application '{clientId}'{status}: {detail}", action, inner,
                new ServiceDetails(httpStatus, error));
        }

        public static PartnerException TokenEndpointUnavailable(string tokenEndpoint, string reason, int attempts, Exception? inner) => Create(
            PartnerErrorId.TokenEndpointUnavailable, PartnerErrorCategory.ConnectionError, tokenEndpoint,
            string.Format(CultureInfo.InvariantCulture, "Sign-in failed: {0} could not be reached{1}: {2}",
                tokenEndpoint, Attempted(attempts), reason),
            "Check the network connection and proxy, and the authority host for the environment; then try again.", inner,
            new ServiceDetails(attempts: attempts));

        // ---- Partner Center requests. Which answer becomes which error: PartnerCenter/ServiceErrorMap.cs. ----

        /// <summary>
        /// A final non-success Partner Center response that the module has no error of its own for:
        /// <paramref name="errorId"/>, <paramref name="category"/> and <paramref name="action"/> come from the map;
        /// the service's code and message come from the body, or, when it does not parse, the cleaned raw text.
        /// </summary>
        public static PartnerException PartnerCenterHttpError(
            string errorId, PartnerErrorCategory category, string action, string reasonPhrase, string operation, string? serviceMessage, ServiceDetails service)
        {
            var detail = (service.ServiceErrorCode, serviceMessage) switch
            {
                (null, null) => "",
                (null, _) => ": " + serviceMessage,
                (_, null) => ": code " + service.ServiceErrorCode,
                _ => ": code " + service.ServiceErrorCode + ", " + serviceMessage,
            };
            var wait429 = service.HttpStatusCode == 429 && service.RetryAfter is TimeSpan ra
                ? string.Format(CultureInfo.InvariantCulture, " Retry-After: {0:0} s.", Math.Ceiling(ra.TotalSeconds))
                : "";
            var message = string.Format(CultureInfo.InvariantCulture,
                "Partner Center returned {0} ({1}) for {2}{3}{4}.{5}",
                service.HttpStatusCode, reasonPhrase, operation, Attempted(service.Attempts ?? 1), detail.TrimEnd('.', ' '), wait429);
            return Create(errorId, category, operation, message, action, service: service);
        }

        /// <summary>No response: the connection failed (refused, reset, DNS...) on every attempt.</summary>
        public static PartnerException PartnerCenterUnavailable(string operation, string reason, string requestId, string correlationId, int attempts, Exception? inner) => Create(
            PartnerErrorId.PartnerCenterUnavailable, PartnerErrorCategory.ConnectionError, operation,
            $"Partner Center could not be reached for {operation}{Attempted(attempts)}: {reason.TrimEnd('.', ' ')}.",
            "Check the network connection, the proxy and the endpoint; then try again.", inner,
            new ServiceDetails(requestId: requestId, correlationId: correlationId, attempts: attempts));

        /// <summary>No response within the request timeout on every attempt.</summary>
        public static PartnerException PartnerCenterTimeout(string operation, TimeSpan timeout, string requestId, string correlationId, int attempts, Exception? inner) => Create(
            PartnerErrorId.PartnerCenterTimeout, PartnerErrorCategory.OperationTimeout, operation,
            string.Format(CultureInfo.InvariantCulture, "Partner Center did not answer {0} within {1:0.#} seconds{2}.",
                operation, timeout.TotalSeconds, Attempted(attempts)),
            "Try again later; if it persists, quote the MS-RequestId and MS-CorrelationId to Microsoft support.", inner,
            new ServiceDetails(requestId: requestId, correlationId: correlationId, attempts: attempts));

        /// <summary>A success response whose body is not what Partner Center sends (not JSON, or paging that does not advance).</summary>
        public static PartnerException PartnerCenterResponseInvalid(string operation, string problem, string requestId, string correlationId, Exception? inner = null) => Create(
            PartnerErrorId.PartnerCenterResponseInvalid, PartnerErrorCategory.ProtocolError, operation,
            $"Partner Center's answer to {operation} could not be used: {problem.TrimEnd('.', ' ')}.",
            "Check that the endpoint is Partner Center (or a faithful emulator); if it is, quote the ids to Microsoft support.", inner,
            new ServiceDetails(requestId: requestId, correlationId: correlationId));

        /// <summary>An absolute URI (for example a next link) that points outside the Partner Center endpoint: the token is never sent there.</summary>
        public static PartnerException PartnerCenterUnexpectedHost(string origin, string serviceRoot) => Create(
            PartnerErrorId.PartnerCenterUnexpectedHost, PartnerErrorCategory.InvalidOperation, origin,
            $"The address '{origin}' is outside the Partner Center endpoint '{serviceRoot}', so no request with the access token is sent to it.",
            "Use a path relative to the endpoint (for example /v1/customers), or connect to the endpoint that address belongs to.");

        private static string Attempted(int attempts) =>
            attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " after {0} attempts", attempts) : "";
    }
}
