using System;
using System.Management.Automation;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// What every data cmdlet shares: the backend of this runspace, opened once per command and closed at its end,
    /// and the turning of core errors into per-record PowerShell errors.
    /// </summary>
    public abstract class PartnerCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>
        /// -ThrottleLimit of the bulk commands: Partner Center requests (or customers) under way at once by default,
        /// fast and far below its per-tenant limits.
        /// </summary>
        protected const int DefaultThrottleLimit = 4;

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private IPartnerBackend? _backend;

        /// <summary>Cancelled when the command is stopped (Ctrl+C): Partner Center requests under way end at once.</summary>
        protected CancellationToken Cancellation => _stopping.Token;

        /// <summary>This runspace's backend for this command, opened on first use; the core's operations are built over it.</summary>
        protected IPartnerBackend Backend
        {
            get
            {
                if (_backend == null)
                {
                    try
                    {
                        _backend = PartnerSession.Current.OpenBackend(Cancellation);
                        // -Verbose tells which store or endpoint a command reads and changes.
                        WriteVerbose("Using " + _backend.Description + ".");
                    }
                    catch (PartnerException ex)
                    {
                        // Without a usable store no record can be processed: stop the command.
                        ThrowTerminatingError(PartnerErrorRecord.From(ex));
                    }
                }

                return _backend!;
            }
        }

        /// <summary>Opens the store before the first input arrives, so a bad store stops the command at once.</summary>
        protected override void BeginProcessing() => _ = Backend;

        protected override void EndProcessing()
        {
            WriteServiceMessages();
            Dispose();
        }

        /// <summary>Writes, on the pipeline thread, what the backend noted meanwhile (retries), as verbose messages.</summary>
        protected void WriteServiceMessages()
        {
            if (_backend == null)
            {
                return;
            }

            foreach (var message in _backend.TakeVerboseMessages())
            {
                WriteVerbose(message);
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Ends whatever of this command is still under way, then lets go of what it holds. PowerShell ends a pipeline
        /// without StopProcessing when a later command fails or Select-Object -First has what it wants, and a Stop
        /// can dispose the command before it calls StopProcessing (it does not order the two): without the cancel
        /// here, changes queued on worker threads would go on after the command had ended.
        /// </summary>
        public void Dispose()
        {
            // Not disposed: StopProcessing may still come after this, and a source without a timer holds nothing.
            _stopping.Cancel();
            _backend?.Dispose();
            _backend = null;
            DisposeCommandState();
            GC.SuppressFinalize(this);
        }

        /// <summary>Where a command releases what it holds for its own run.</summary>
        protected virtual void DisposeCommandState()
        {
        }

        /// <summary>Runs the work for one input; its failure becomes that input's error and the pipeline goes on.</summary>
        protected void ForRecord(Action work)
        {
            try
            {
                work();
                WriteServiceMessages();
            }
            catch (PartnerException ex)
            {
                // What was retried on the way comes before the error it ended in.
                WriteServiceMessages();
                WriteError(PartnerErrorRecord.From(ex));
            }
        }

        /// <summary>
        /// ShouldProcess, except that -Force skips the confirmation prompt. -WhatIf (or $WhatIfPreference) and an
        /// explicit -Confirm still win over -Force.
        /// </summary>
        protected bool ShouldProcessUnlessForced(string target, string action, bool force)
        {
            if (force && !IsWhatIfRequested() && !IsSwitchBound("Confirm"))
            {
                WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
                return true;
            }

            return ShouldProcess(target, action);
        }

        protected bool IsWhatIfRequested() =>
            MyInvocation.BoundParameters.ContainsKey("WhatIf")
                ? IsSwitchBound("WhatIf")
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        private bool IsSwitchBound(string name) =>
            MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);
    }
}
