using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Commands
{
    [Cmdlet(VerbsLifecycle.Resume, "PartnerSubscription", DefaultParameterSetName = ByInputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subscription))]
    public sealed class ResumePartnerSubscriptionCommand : SubscriptionStatusCmdlet
    {
        protected override string TargetStatus => SubscriptionStatus.Active;

        protected override string Action => "Resume (reactivate) subscription";
    }
}
