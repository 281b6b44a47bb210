using System.IO;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Creates a store, optionally filled with deterministic sample customers and subscriptions.</summary>
    [Cmdlet(VerbsData.Initialize, "PartnerStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PartnerStoreInfo))]
    public sealed class InitializePartnerStoreCommand : PSCmdlet
    {
        #region Parameters

        /// <summary>The store file; by default the store this session uses.</summary>
        [Parameter(Position = 0)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        [Parameter]
        public SwitchParameter SampleData { get; set; }

        [Parameter]
        [ValidateRange(0, 1_000_000)]
        public int CustomerCount { get; set; } = 25;

        [Parameter]
        public int Seed { get; set; } = 1;

        /// <summary>Replace the content of a store that already holds customers.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        #endregion

        #region Command code

        protected override void EndProcessing()
        {
            var path = ResolvePath();
            var action = SampleData ? $"Fill with {CustomerCount} sample customers (seed {Seed})" : "Create store";
            var existed = File.Exists(path);
            if (!existed && !ShouldProcess(path, action))
            {
                return; // -WhatIf must not even create the file.
            }

            try
            {
                using var store = PartnerSession.OpenStore(path);
                if (SampleData)
                {
                    LocalStoreSetup.EnsureMayFill(store, Force);
                    if (existed && !ShouldProcess(path, action))
                    {
                        return;
                    }

                    WriteObject(LocalStoreSetup.FillWithSampleData(store, CustomerCount, Seed, Force));
                    return;
                }

                WriteObject(store.GetStoreInfo());
            }
            catch (PartnerException ex)
            {
                ThrowTerminatingError(PartnerErrorRecord.From(ex));
            }
        }

        /// <summary>The store the command works on: -StorePath, else the session's store; a bad path stops the command.</summary>
        private string ResolvePath()
        {
            try
            {
                return StorePath == null ? PartnerSession.Current.ResolveStorePath() : StorePathResolver.Resolve(this, StorePath);
            }
            catch (PartnerException ex)
            {
                ThrowTerminatingError(PartnerErrorRecord.From(ex));
                throw; // Not reached: ThrowTerminatingError always throws, which the compiler cannot know.
            }
        }

        #endregion
    }
}
