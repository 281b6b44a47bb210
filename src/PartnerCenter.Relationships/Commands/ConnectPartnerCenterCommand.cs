using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Points this runspace at a local store or at Partner Center. Problems show here: a named store must exist
    /// (Initialize-PartnerStore creates one) and is opened now; a Partner Center sign-in is checked now (the token is
    /// read, or the first one is requested). Tokens stay in this runspace's memory only.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "PartnerCenter", DefaultParameterSetName = LocalStoreSet)]
    [OutputType(typeof(PartnerConnectionInfo))]
    public sealed class ConnectPartnerCenterCommand : PSCmdlet, IDisposable
    {
        private const string LocalStoreSet = "LocalStore";
        private const string AccessTokenSet = "AccessToken";
        private const string AppPlusUserSet = "AppPlusUser";
        private const string ServicePrincipalSet = "ServicePrincipal";

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        #region Parameters

        [Parameter(Position = 0, ParameterSetName = LocalStoreSet)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>A Partner Center access token, e.g. (Get-AzAccessToken -ResourceUrl https://api.partnercenter.microsoft.com -AsSecureString).Token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>A Microsoft Graph access token for GDAP relationships, e.g. (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token.</summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? GraphAccessToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AppPlusUserSet)]
        [Parameter(Mandatory = true, ParameterSetName = ServicePrincipalSet)]
        [Alias("ClientId")]
        [ValidateNotNullOrEmpty]
        public string? ApplicationId { get; set; }

        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(Mandatory = true, ParameterSetName = ServicePrincipalSet)]
        [Alias("ClientSecret")]
        [ValidateNotNull]
        public SecureString? ApplicationSecret { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AppPlusUserSet)]
        [ValidateNotNull]
        public SecureString? RefreshToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AppPlusUserSet)]
        [Parameter(Mandatory = true, ParameterSetName = ServicePrincipalSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ServicePrincipalSet)]
        public SwitchParameter ServicePrincipal { get; set; }

        [Parameter(ParameterSetName = AccessTokenSet)]
        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(ParameterSetName = ServicePrincipalSet)]
        [ValidateSet("Global", "China")]
        public string Environment { get; set; } = "Global";

        /// <summary>The service root without /v1 (the module adds it), e.g. http://127.0.0.1:5123 for a local emulator.</summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(ParameterSetName = ServicePrincipalSet)]
        [ValidateNotNull]
        public Uri? Endpoint { get; set; }

        /// <summary>Microsoft Graph's root, default https://graph.microsoft.com; with a custom -Endpoint, that endpoint (an emulator serves both).</summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(ParameterSetName = ServicePrincipalSet)]
        [ValidateNotNull]
        public Uri? GraphEndpoint { get; set; }

        /// <summary>Where tokens are requested; default https://login.microsoftonline.com (China: https://login.chinacloudapi.cn).</summary>
        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(ParameterSetName = ServicePrincipalSet)]
        [ValidateNotNull]
        public Uri? AuthorityHost { get; set; }

        /// <summary>
        /// How long one request may wait while Partner Center asks to slow down (429) before it fails; throttling
        /// uses none of the retries kept for faults.
        /// </summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        [Parameter(ParameterSetName = AppPlusUserSet)]
        [Parameter(ParameterSetName = ServicePrincipalSet)]
        public TimeSpan MaxThrottleWait { get; set; } = PartnerCenterClientOptions.DefaultMaxThrottleWait;

        #endregion

        #region Command code

        protected override void EndProcessing()
        {
            try
            {
                WriteObject(ParameterSetName == LocalStoreSet ? ConnectToStore() : ConnectToPartnerCenter());
            }
            catch (PartnerException ex)
            {
                ThrowTerminatingError(PartnerErrorRecord.From(ex));
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        private PartnerConnectionInfo ConnectToStore()
        {
            var chosen = StorePath == null ? null : StorePathResolver.Resolve(this, StorePath);
            var path = chosen ?? StoreLocation.DefaultPath();
            using var store = PartnerSession.OpenStore(path, mustExist: chosen != null);
            var partner = store.GetPartner();
            PartnerSession.Current.UseStore(chosen);
            return new PartnerConnectionInfo
            {
                Backend = "LocalStore",
                Location = store.Path,
                StorePath = store.Path,
                IsDefaultStore = chosen == null,
                PartnerName = partner.Name,
                PartnerTenantId = partner.TenantId,
            };
        }

        /// <summary>How the connection signed in (verbose), and what it cannot do (warnings).</summary>
        private void Tell(PartnerCenterConnection connection, PartnerCenterEndpoint endpoint)
        {
            WriteVerbose($"Connected to {endpoint.ServiceRoot}: {connection.Client.TokenSource.Describe()}.");
            if (connection.IsAppOnly)
            {
                WriteWarning("Signed in as an application alone: Partner Center refuses removing a reseller relationship and requesting one without a user (App+User).");
            }

            if (connection.Graph == null)
            {
                WriteWarning($"No Microsoft Graph token: {(connection.GraphUnavailableReason ?? "none was given").TrimEnd('.')}. GDAP relationships cannot be listed or terminated " +
                    "(Get-PartnerAdminRelationship, Remove-PartnerAdminRelationship, -TerminateAdminRelationships); everything else works.");
            }
            else
            {
                WriteVerbose($"Microsoft Graph at {endpoint.Graph.ServiceRoot}: {connection.Graph.TokenSource.Describe()}.");
            }
        }

        private PartnerCenterClientOptions ClientOptions()
        {
            if (MaxThrottleWait <= TimeSpan.Zero)
            {
                throw PartnerErrors.InvalidArgument("-" + nameof(MaxThrottleWait), MaxThrottleWait, "it must be longer than zero, e.g. 00:10:00 for ten minutes.");
            }

            return new PartnerCenterClientOptions { MaxThrottleWait = MaxThrottleWait };
        }

        private PartnerConnectionInfo ConnectToPartnerCenter()
        {
            var environment = (PartnerCenterEnvironment)Enum.Parse(typeof(PartnerCenterEnvironment), Environment, ignoreCase: true);
            var endpoint = PartnerCenterEndpoint.Resolve(environment, Endpoint?.OriginalString, AuthorityHost?.OriginalString, GraphEndpoint?.OriginalString);
            var options = ClientOptions();
            var connection = ParameterSetName switch
            {
                AccessTokenSet => PartnerCenterConnection.WithAccessToken(endpoint, AccessToken!, options, GraphAccessToken),
                AppPlusUserSet => PartnerCenterConnection.WithRefreshToken(endpoint, TenantId!, ApplicationId!, ApplicationSecret, RefreshToken!, options, _stopping.Token),
                _ => PartnerCenterConnection.WithClientSecret(endpoint, TenantId!, ApplicationId!, ApplicationSecret!, options, _stopping.Token),
            };
            PartnerSession.Current.UseRemote(connection);
            Tell(connection, endpoint);
            return new PartnerConnectionInfo
            {
                Backend = "PartnerCenter",
                Location = endpoint.ServiceRoot,
                PartnerName = connection.Account ?? string.Empty,
                PartnerTenantId = connection.Partner.TenantId,
                Environment = endpoint.Environment.ToString(),
                SignIn = connection.SignIn.ToString(),
                Account = connection.Account,
                ExpiresOn = connection.ExpiresOn,
                GraphConnected = connection.Graph != null,
                MaxThrottleWait = connection.Client.MaxThrottleWait,
            };
        }

        #endregion
    }
}
