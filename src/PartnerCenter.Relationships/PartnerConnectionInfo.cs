using System;

namespace PartnerCenter.Relationships
{
    /// <summary>What this runspace is connected to. Never holds a token or a secret.</summary>
    public sealed class PartnerConnectionInfo
    {
        /// <summary>LocalStore or PartnerCenter.</summary>
        public string Backend { get; set; } = "LocalStore";

        /// <summary>The store file, or Partner Center's service root.</summary>
        public string Location { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        /// <summary>True when no store was chosen, so $env:PARTNERCENTER_STORE or the per-user default applies.</summary>
        public bool IsDefaultStore { get; set; }

        /// <summary>The partner's name in the store; for Partner Center, the signed-in user or application.</summary>
        public string PartnerName { get; set; } = string.Empty;

        public Guid PartnerTenantId { get; set; }

        /// <summary>Partner Center only: Global or China.</summary>
        public string? Environment { get; set; }

        /// <summary>Partner Center only: AccessToken, AppPlusUser or AppOnly.</summary>
        public string? SignIn { get; set; }

        /// <summary>Partner Center only: the signed-in user (App+User) or application id (app-only).</summary>
        public string? Account { get; set; }

        /// <summary>Partner Center only: when the current access token expires (renewing sign-ins renew it before).</summary>
        public DateTimeOffset? ExpiresOn { get; set; }

        /// <summary>Partner Center only: whether there is a Microsoft Graph token, which GDAP relationships need.</summary>
        public bool GraphConnected { get; set; }

        /// <summary>Partner Center only: how long one request may wait for throttling before it fails (Connect-PartnerCenter -MaxThrottleWait).</summary>
        public TimeSpan? MaxThrottleWait { get; set; }
    }
}
