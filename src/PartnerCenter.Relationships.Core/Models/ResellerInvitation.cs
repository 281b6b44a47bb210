using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// The partner's reseller invitation link. Partner Center gives one link for every customer (it carries no
    /// customer), so it can be published or sent to any number of customers; each global administrator who accepts
    /// it establishes a reseller relationship with the partner.
    /// </summary>
    public sealed class ResellerInvitation
    {
        public string PartnerName { get; set; } = string.Empty;

        public Guid PartnerTenantId { get; set; }

        public string Url { get; set; } = string.Empty;

        /// <summary>A short message the partner can send to any customer's global administrator.</summary>
        public string InvitationText =>
            $"Hello,{Environment.NewLine}{Environment.NewLine}" +
            "To let us work with you as your Microsoft Cloud Solution Provider" + (PartnerName.Length > 0 ? $" ({PartnerName})" : "") +
            $", please sign in as a Global Administrator of your organization and accept our reseller relationship request here:{Environment.NewLine}{Url}{Environment.NewLine}{Environment.NewLine}" +
            "Accepting lets us purchase on your behalf and lists us as a support contact. It does not grant us administrative access to your tenant.";

        public override string ToString() => Url;
    }
}
