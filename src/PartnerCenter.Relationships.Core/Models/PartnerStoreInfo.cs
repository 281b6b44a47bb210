using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>A summary of a local store file.</summary>
    public sealed class PartnerStoreInfo
    {
        public string Path { get; set; } = string.Empty;

        public int SchemaVersion { get; set; }

        public string PartnerName { get; set; } = string.Empty;

        public Guid PartnerTenantId { get; set; }

        public long CustomerCount { get; set; }

        public long SubscriptionCount { get; set; }
    }
}
