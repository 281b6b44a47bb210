using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Adds an active GDAP relationship to the local store, standing in for one the customer approved.</summary>
    [Cmdlet(VerbsCommon.New, "PartnerAdminRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AdminRelationship))]
    public sealed class NewPartnerAdminRelationshipCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid CustomerId { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string DisplayName { get; set; } = string.Empty;

        /// <summary>Role names (Tab completes them) or Entra role template ids; least privilege when omitted.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AdminRoleCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Roles { get; set; }

        /// <summary>ISO 8601, P1D to P730D (P2Y); default P730D.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Duration { get; set; }

        /// <summary>PT0S (default) or P180D.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AutoExtendDuration { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            if (ShouldProcess($"{DisplayName} for customer {CustomerId}", "Add GDAP relationship"))
            {
                ForRecord(() => WriteObject(new AdminRelationshipCreation(Backend).Create(CustomerId, DisplayName, Roles, Duration, AutoExtendDuration)));
            }
        }

        #endregion
    }
}
