using System.Management.Automation;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>
    /// Cancels new-commerce subscriptions inside their cancellation window (status deleted, with a prorated refund).
    /// A cancellation cannot be undone, hence ConfirmImpact High.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "PartnerSubscription", DefaultParameterSetName = ByInputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Subscription))]
    public sealed class StopPartnerSubscriptionCommand : SubscriptionStatusCmdlet
    {
        protected override string TargetStatus => SubscriptionStatus.Deleted;

        protected override string Action => "Cancel subscription (cannot be undone)";
    }
}
