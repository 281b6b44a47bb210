using System.Management.Automation;

namespace PartnerCenter.Relationships.Bench;

/// <summary>Shaped like the module's Subscription, so the engine binds and formats the same kind of object.</summary>
public sealed class BenchSubscription
{
    public Guid CustomerId { get; set; }

    public Guid SubscriptionId { get; set; }

    public string OfferId { get; set; } = string.Empty;

    public string OfferName { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public string Status { get; set; } = "Active";

    public string BillingCycle { get; set; } = "Monthly";

    public DateTime? CommitmentEndDate { get; set; }

    public string CommerceType { get; set; } = "NewCommerce";

    public override string ToString() => $"{OfferName} ({SubscriptionId})";
}

/// <summary>
/// The engine floor's first stage: binds CustomerId like Get-PartnerSubscription and writes the customer's pre-built
/// subscriptions, with no store behind it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchSubscription")]
[OutputType(typeof(BenchSubscription))]
public sealed class GetBenchSubscriptionCommand : PSCmdlet
{
    /// <summary>The subscriptions each customer "has"; filled by the benchmark before it runs the pipeline.</summary>
    public static Dictionary<Guid, BenchSubscription[]> Catalog { get; } = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "TenantId")]
    public Guid CustomerId { get; set; }

    [Parameter]
    public SwitchParameter Active { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var subscription in Catalog[CustomerId])
        {
            WriteObject(subscription);
        }
    }
}

/// <summary>The engine floor's second stage: binds like Suspend-PartnerSubscription, asks ShouldProcess and does nothing else.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "BenchSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BenchSubscription))]
public sealed class SuspendBenchSubscriptionCommand : PSCmdlet
{
    /// <summary>How many subscriptions ShouldProcess approved, so the benchmark can check the floor did all the items.</summary>
    public static int Approved { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    public Guid CustomerId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public Guid[] SubscriptionId { get; set; } = [];

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var _ in SubscriptionId)
        {
            if (ShouldProcess("subscription", "Suspend subscription"))
            {
                Approved++;
            }
        }
    }
}
