using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Ends GDAP relationships: terminates active ones (a created one, never sent, is deleted), then waits until Graph
    /// shows them terminated, all together, unless -NoWait.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "PartnerAdminRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AdminRelationship))]
    public sealed class RemovePartnerAdminRelationshipCommand : PartnerCmdlet
    {
        private const int ProgressId = 31;
        private readonly List<AdminRelationship> _ending = new List<AdminRelationship>();

        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] RelationshipId { get; set; } = Array.Empty<string>();

        /// <summary>Return once Graph has accepted each termination, without waiting for it to finish.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var lookup = new AdminRelationshipLookup(Backend);
            var termination = new AdminRelationshipTermination(Backend, null, Cancellation);
            foreach (var id in RelationshipId)
            {
                ForRecord(() => End(lookup.Require(id), termination));
            }
        }

        private void End(AdminRelationship relationship, AdminRelationshipTermination termination)
        {
            var target = Describe.AdminRelationship(relationship);
            var ending = AdminRelationshipTermination.EndingFor(relationship);
            switch (ending)
            {
                case AdminRelationshipEnding.AlreadyTerminated:
                case AdminRelationshipEnding.AlreadyEnding:
                    WriteVerbose($"{target} is already {relationship.Status}: nothing to do.");
                    Finished(relationship, wait: ending == AdminRelationshipEnding.AlreadyEnding);
                    return;
                case AdminRelationshipEnding.Refuse:
                    throw PartnerErrors.AdminRelationshipCannotTerminate(relationship);
            }

            if (ShouldProcessUnlessForced(target, Describe.Ending(ending)!, Force))
            {
                termination.Start(relationship);
                WriteVerbose(ending == AdminRelationshipEnding.Delete ? $"{target}: deleted." : $"{target}: termination requested.");
                Finished(relationship, wait: ending == AdminRelationshipEnding.Terminate);
            }
        }

        /// <summary>Ended ones are waited for together at the end; the rest are written now.</summary>
        private void Finished(AdminRelationship relationship, bool wait)
        {
            // -WhatIf changes nothing, so there is nothing to wait for.
            if (wait && !NoWait && !IsWhatIfRequested())
            {
                _ending.Add(relationship);
            }
            else if (PassThru)
            {
                WriteObject(relationship);
            }
        }

        protected override void EndProcessing()
        {
            if (_ending.Count > 0)
            {
                ForRecord(WaitForTerminations);
            }

            base.EndProcessing();
        }

        private void WaitForTerminations()
        {
            var termination = new AdminRelationshipTermination(Backend, null, Cancellation);
            var started = DateTime.UtcNow;
            var progress = new TerminationProgress(this, ProgressId);
            IReadOnlyList<AdminRelationship> latest;
            try
            {
                latest = termination.WaitUntilTerminated(_ending, progress.Report);
            }
            finally
            {
                progress.Complete();
            }
            foreach (var relationship in latest)
            {
                if (!AdminRelationshipTermination.IsTerminated(relationship))
                {
                    WriteError(PartnerErrorRecord.From(PartnerErrors.AdminRelationshipTerminationPending(relationship, DateTime.UtcNow - started)));
                }
                else if (PassThru)
                {
                    WriteObject(relationship);
                }
            }
        }

        #endregion
    }
}
