using System.Diagnostics;
using System.Management.Automation;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Write-Progress for long runs, a few times a second at most: a bulk suspend of ten thousand local
    /// subscriptions must not spend its time drawing a progress bar. Called on the pipeline thread only.
    /// </summary>
    internal sealed class BulkProgress
    {
        private const long IntervalMilliseconds = 250;

        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly int _activityId;
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private bool _shown;

        public BulkProgress(Cmdlet cmdlet, string activity, int activityId)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _activityId = activityId;
        }

        /// <summary>
        /// <paramref name="done"/> of <paramref name="known"/> so far (the total grows while input arrives), and what
        /// the run waits for when Partner Center asked it to slow down.
        /// </summary>
        public void Report(int done, int known, string? waiting = null)
        {
            if (!Due())
            {
                return;
            }

            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, $"{done} of {known} done" + (waiting == null ? string.Empty : "; " + waiting))
            {
                PercentComplete = known == 0 ? 0 : (int)(100L * done / known),
            });
        }

        /// <summary>Pages of a listing read so far.</summary>
        public void ReportPages(int pages, int items)
        {
            // A one-page listing is over before a progress bar would help.
            if (pages < 2 || !Due())
            {
                return;
            }

            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, $"page {pages}, {items} read"));
        }

        /// <summary>True (and the interval starts again) when the last record is old enough to draw another.</summary>
        private bool Due()
        {
            if (_sinceLast.ElapsedMilliseconds < IntervalMilliseconds)
            {
                return false;
            }

            _sinceLast.Restart();
            _shown = true;
            return true;
        }

        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
