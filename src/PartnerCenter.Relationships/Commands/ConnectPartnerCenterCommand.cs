using System.Management.Automation;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Storage;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Points this runspace at a store. The store is opened (and migrated) now, so problems show here; a named store
    /// must exist (Initialize-PartnerStore creates one), the default store is created on first use.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "PartnerCenter", DefaultParameterSetName = LocalStoreSet)]
    [OutputType(typeof(PartnerConnectionInfo))]
    public sealed class ConnectPartnerCenterCommand : PSCmdlet
    {
        private const string LocalStoreSet = "LocalStore";

        #region Parameters

        [Parameter(Position = 0, ParameterSetName = LocalStoreSet)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        #endregion

        #region Command code

        protected override void EndProcessing()
        {
            var chosen = StorePath == null ? null : GetUnresolvedProviderPathFromPSPath(StorePath);
            var path = chosen ?? StoreLocation.DefaultPath();
            try
            {
                using var store = PartnerSession.OpenStore(path, mustExist: chosen != null);
                var partner = store.GetPartner();
                PartnerSession.Current.StorePath = chosen;
                WriteObject(new PartnerConnectionInfo
                {
                    StorePath = store.Path,
                    IsDefaultStore = chosen == null,
                    PartnerName = partner.Name,
                    PartnerTenantId = partner.TenantId,
                });
            }
            catch (PartnerException ex)
            {
                ThrowTerminatingError(PartnerErrorRecord.From(ex));
            }
        }

        #endregion
    }
}
