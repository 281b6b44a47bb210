using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>Turns the core's errors into PowerShell ErrorRecords: ErrorId, category, target and advice, in one place.</summary>
    internal static class PartnerErrorRecord
    {
        public static ErrorRecord From(PartnerException exception)
        {
            var category = Enum.TryParse<ErrorCategory>(exception.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(exception, exception.ErrorId, category, exception.Target);
            var message = WithRequestIds(exception);
            if (exception.RecommendedAction != null || !ReferenceEquals(message, exception.Message))
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = exception.RecommendedAction };
            }

            return record;
        }

        /// <summary>
        /// A Partner Center failure names the request and the command's correlation id, which Microsoft support asks
        /// for; they are added to the shown message when the message does not carry them already.
        /// </summary>
        private static string WithRequestIds(PartnerException exception)
        {
            var message = exception.Message;
            if (exception.CorrelationId != null && message.IndexOf(exception.CorrelationId, StringComparison.OrdinalIgnoreCase) < 0)
            {
                message += exception.RequestId != null
                    ? $" (MS-RequestId {exception.RequestId}, MS-CorrelationId {exception.CorrelationId})"
                    : $" (MS-CorrelationId {exception.CorrelationId})";
            }

            return message;
        }
    }
}
