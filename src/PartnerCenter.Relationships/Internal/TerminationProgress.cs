using System.Globalization;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.AdminRelationships;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// The progress bar of a wait for Graph to finish terminations, for every command that waits (ending GDAP
    /// relationships on their own or with the reseller relationship). Called on the pipeline thread only.
    /// </summary>
    internal sealed class TerminationProgress
    {
        private const string Activity = "Terminating GDAP relationships";

        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private bool _shown;

        public TerminationProgress(Cmdlet cmdlet, int activityId)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
        }

        public void Report(AdminRelationshipWaitProgress progress)
        {
            _shown = true;
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, string.Format(CultureInfo.InvariantCulture,
                "{0} of {1} terminated; Graph is still ending the others, checking again in {2:0.#} s", progress.Terminated, progress.Total, progress.NextCheck.TotalSeconds))
            {
                PercentComplete = progress.Total == 0 ? 100 : progress.Terminated * 100 / progress.Total,
            });
        }

        /// <summary>Takes the bar away once the wait is over; nothing when none was shown.</summary>
        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                _shown = false;
            }
        }
    }
}
