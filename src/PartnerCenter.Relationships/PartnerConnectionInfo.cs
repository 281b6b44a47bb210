namespace PartnerCenter.Relationships
{
    /// <summary>What this runspace is connected to.</summary>
    public sealed class PartnerConnectionInfo
    {
        public string Backend { get; set; } = "LocalStore";

        public string StorePath { get; set; } = string.Empty;

        /// <summary>True when no store was chosen, so $env:PARTNERCENTER_STORE or the per-user default applies.</summary>
        public bool IsDefaultStore { get; set; }

        public string PartnerName { get; set; } = string.Empty;

        public System.Guid PartnerTenantId { get; set; }
    }
}
