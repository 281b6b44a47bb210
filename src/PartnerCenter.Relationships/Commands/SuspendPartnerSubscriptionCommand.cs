using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Commands
{
    [Cmdlet(VerbsLifecycle.Suspend, "PartnerSubscription", DefaultParameterSetName = ByInputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Subscription))]
    public sealed class SuspendPartnerSubscriptionCommand : SubscriptionStatusCmdlet
    {
        protected override string TargetStatus => SubscriptionStatus.Suspended;

        protected override string Action => "Suspend subscription";
    }
}
