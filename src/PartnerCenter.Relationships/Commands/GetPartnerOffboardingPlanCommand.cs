using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>What each customer's removal would take, by today's rules, without changing anything.</summary>
    [Cmdlet(VerbsCommon.Get, "PartnerOffboardingPlan")]
    [OutputType(typeof(OffboardingPlan))]
    public sealed class GetPartnerOffboardingPlanCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid[] CustomerId { get; set; } = Array.Empty<Guid>();

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var planner = new OffboardingPlanner(Backend);
            foreach (var id in CustomerId)
            {
                ForRecord(() => WriteObject(planner.Plan(id)));
            }
        }

        #endregion
    }
}
