namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>
    /// The kind of failure, named exactly like PowerShell's ErrorCategory members so the cmdlet layer maps them by
    /// name; the core itself stays free of any PowerShell reference.
    /// </summary>
    public enum PartnerErrorCategory
    {
        InvalidArgument,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        PermissionDenied,
        NotImplemented,
        OpenError,
        ReadError,
        WriteError,
        InvalidData,
        ResourceUnavailable,
        AuthenticationError,
        LimitsExceeded,
        ConnectionError,
        OperationTimeout,
        ProtocolError,
        OperationStopped,
        InvalidResult,
    }
}
