using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Store;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// A -StorePath as the user typed it, made a file system path relative to the current location. Text that is no
    /// path at all (a NUL character, a drive or provider that does not exist) is InvalidStorePath, not a .NET error.
    /// </summary>
    internal static class StorePathResolver
    {
        public static string Resolve(PSCmdlet cmdlet, string storePath)
        {
            if (StoreLocation.PathProblem(storePath) is { } problem)
            {
                throw PartnerErrors.InvalidStorePath(storePath, problem);
            }

            try
            {
                return cmdlet.GetUnresolvedProviderPathFromPSPath(storePath);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is SessionStateException || ex is PSInvalidOperationException)
            {
                throw PartnerErrors.InvalidStorePath(storePath, ex.Message);
            }
        }
    }
}
