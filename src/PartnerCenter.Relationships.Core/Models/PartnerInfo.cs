using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>The partner organization whose relationships this module manages.</summary>
    public sealed class PartnerInfo
    {
        public Guid TenantId { get; set; }

        public string Name { get; set; } = string.Empty;

        /// <summary>The partner's MPN / PartnerID; "0" for a direct partner, as in Partner Center's invitation links.</summary>
        public string MpnId { get; set; } = "0";
    }
}
