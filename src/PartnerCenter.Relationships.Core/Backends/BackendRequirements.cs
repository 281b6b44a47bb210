using System;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Backends
{
    /// <summary>What an operation requires of the backend before it asks anything of it.</summary>
    public static class BackendRequirements
    {
        /// <summary>Refused up front, before any request is made, when signed in as an application alone.</summary>
        public static void RequireUserSignIn(this IPartnerBackend backend, string operation, Guid? customerId)
        {
            if (!backend.CanActAsUser)
            {
                throw PartnerErrors.UserSignInRequired(operation, customerId);
            }
        }

        /// <summary>The store's administration, for what only a rehearsal store can do; refused on Partner Center.</summary>
        public static ILocalPartnerStore RequireLocalStore(this IPartnerBackend backend, string operation) =>
            backend as ILocalPartnerStore ?? throw PartnerErrors.LocalStoreOnly(operation);

        public static bool Can(this IPartnerBackend backend, BackendCapabilities capability) =>
            (backend.Capabilities & capability) == capability;
    }
}
