using System;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Relationships
{
    /// <summary>
    /// The partner-wide invitation: one link for every customer, new or former, recorded nowhere (Partner Center
    /// keeps no request for it). App+User only, as Partner Center's GET /v1/customers/relationshiprequests.
    /// </summary>
    public sealed class ResellerInvitations
    {
        private readonly IPartnerBackend _backend;

        public ResellerInvitations(IPartnerBackend backend) => _backend = backend ?? throw new ArgumentNullException(nameof(backend));

        public ResellerInvitation Get()
        {
            _backend.RequireUserSignIn("Reading the reseller invitation link", null);
            var partner = _backend.GetPartner();
            return new ResellerInvitation
            {
                PartnerName = partner.Name,
                PartnerTenantId = partner.TenantId,
                Url = _backend.GetResellerInvitationUrl(),
            };
        }
    }
}
