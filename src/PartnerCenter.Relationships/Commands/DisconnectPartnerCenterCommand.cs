using System.Management.Automation;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Returns this runspace to the default store; a Partner Center connection's tokens are dropped.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PartnerCenter")]
    public sealed class DisconnectPartnerCenterCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = PartnerSession.Current;
            if (session.Remote != null)
            {
                WriteVerbose($"Disconnected from Partner Center at {session.Remote.Endpoint.ServiceRoot}; commands now use the default store.");
            }
            else if (session.StorePath != null)
            {
                WriteVerbose($"Disconnected from '{session.StorePath}'; commands now use the default store.");
            }

            session.Disconnect();
        }
    }
}
