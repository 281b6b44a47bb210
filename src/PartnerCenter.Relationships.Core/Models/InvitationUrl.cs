using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>The reseller invitation link in the form Partner Center's GET /v1/customers/relationshiprequests returns.</summary>
    public static class InvitationUrl
    {
        public static string ForResellerRelationship(PartnerInfo partner) =>
            "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship" +
            $"&partnerId={partner.TenantId:D}&msppId={Uri.EscapeDataString(partner.MpnId)}&DAP=false#/BillingAccounts/partner-invitation";
    }
}
