using System;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>
    /// What a service (Partner Center or the token endpoint) said about a failed request: the ids support asks for
    /// and what the response carried. Given to an error when it is built, never added afterwards.
    /// </summary>
    public sealed class ServiceDetails
    {
        public ServiceDetails(int? httpStatusCode = null, string? serviceErrorCode = null, string? requestId = null, string? correlationId = null,
            TimeSpan? retryAfter = null, int? attempts = null)
        {
            HttpStatusCode = httpStatusCode;
            ServiceErrorCode = serviceErrorCode;
            RequestId = requestId;
            CorrelationId = correlationId;
            RetryAfter = retryAfter;
            Attempts = attempts;
        }

        /// <summary>The HTTP status of the final response; null when none came.</summary>
        public int? HttpStatusCode { get; }

        /// <summary>The service's own error code: Partner Center's <c>code</c> (e.g. "3000") or the token endpoint's <c>error</c> (e.g. "invalid_grant").</summary>
        public string? ServiceErrorCode { get; }

        /// <summary>The MS-RequestId sent with the failed request (the same on each retry of it).</summary>
        public string? RequestId { get; }

        /// <summary>The MS-CorrelationId sent with the failed request.</summary>
        public string? CorrelationId { get; }

        /// <summary>How long the service asked to wait (Retry-After), when it throttled the request.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>How many HTTP attempts were made before giving up (1 when the failure was not retried).</summary>
        public int? Attempts { get; }

        /// <summary>How long the request waited for throttling before it gave up (its 429 was the last answer); null otherwise.</summary>
        public TimeSpan? ThrottleWaited { get; set; }

        /// <summary>How many 429s the request was answered.</summary>
        public int Throttles { get; set; }

        /// <summary>The request ids as support asks for them, e.g. "MS-RequestId: ...; MS-CorrelationId: ...."; empty without a correlation id.</summary>
        internal string Ids() =>
            CorrelationId == null ? string.Empty
            : RequestId == null ? $"MS-CorrelationId: {CorrelationId}."
            : $"MS-RequestId: {RequestId}; MS-CorrelationId: {CorrelationId}.";
    }
}
