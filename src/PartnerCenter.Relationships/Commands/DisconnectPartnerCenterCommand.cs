using System.Management.Automation;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Returns this runspace to the default store.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PartnerCenter")]
    public sealed class DisconnectPartnerCenterCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = PartnerSession.Current;
            if (session.StorePath != null)
            {
                WriteVerbose($"Disconnected from '{session.StorePath}'; commands now use the default store.");
            }

            session.StorePath = null;
        }
    }
}
