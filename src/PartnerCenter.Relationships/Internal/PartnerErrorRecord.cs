using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Turns the core's errors into PowerShell ErrorRecords: ErrorId, category, target and advice, in one place. The
    /// message is the core's as built (Partner Center's request ids included), never amended here.
    /// </summary>
    internal static class PartnerErrorRecord
    {
        public static ErrorRecord From(PartnerException exception)
        {
            var category = Enum.TryParse<ErrorCategory>(exception.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(exception, exception.ErrorId, category, exception.Target);
            if (exception.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            }

            return record;
        }
    }
}
