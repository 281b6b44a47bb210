namespace PartnerCenter.Emulator;

/// <summary>What a PATCH of a subscription asks for: a status and an auto-renew setting, each null when the body has none.</summary>
internal readonly record struct SubscriptionPatch(string? Status, bool? AutoRenewEnabled);

/// <summary>What a subscription is left with once a PATCH is applied.</summary>
internal sealed record SubscriptionChange(string Status, bool AutoRenewEnabled, DateTimeOffset? CancellationAllowedUntil);

/// <summary>Partner Center's answer to a PATCH: a refusal, or the change to apply; neither when nothing changes.</summary>
internal readonly record struct PatchDecision(EmulatorResponse? Refusal, SubscriptionChange? Change);

/// <summary>
/// Partner Center's rules about subscriptions (partnercenter-api.md, sections 3 and 9), in one place for seeding, the
/// PATCH route and removal: what kind a subscription is, and which changes of status and auto-renew it accepts.
/// </summary>
internal static class SubscriptionRules
{
    /// <summary>Days after purchase or renewal that a new-commerce license subscription may be cancelled.</summary>
    public const int CancellationWindowDays = 7;

    /// <summary>
    /// New-commerce offer ids are product:sku[:availability] ("CFQ7TTC0LFLX:0001"), legacy ones GUIDs. The service
    /// sends no commerce type, so this shape is how its callers tell (the module reads it the same way).
    /// </summary>
    public static bool IsNewCommerce(string offerId) => offerId.Contains(':', StringComparison.Ordinal);

    /// <summary>An Azure plan: billed by usage; suspended, never cancelled.</summary>
    public static bool IsUsage(string billingType) => Is(billingType, "usage");

    /// <summary>Only a new-commerce subscription billed per license has a cancellation window.</summary>
    public static bool HasCancellationWindow(string offerId, string billingType) => IsNewCommerce(offerId) && !IsUsage(billingType);

    /// <summary>
    /// Whether the subscription stands in the way of removing the reseller relationship although it is not active: a
    /// new-commerce license subscription keeps billing while suspended, so it must be cancelled or have run out
    /// (deleted, expired, disabled) first. An Azure plan is never cancelled; suspending it is enough.
    /// </summary>
    public static bool BlocksRemovalUntilCancelled(string offerId, string billingType, string status) =>
        HasCancellationWindow(offerId, billingType) && !(Is(status, "deleted") || Is(status, "expired") || Is(status, "disabled"));

    public static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What a PATCH does to <paramref name="sub"/> at <paramref name="now"/>; <paramref name="baseStatus"/> is the
    /// status of its base subscription when it is an add-on. A deleted subscription changes no more (2011). With a new
    /// status the rest of the body is the resource as read, so only the status is honoured; otherwise auto-renew is.
    /// </summary>
    public static PatchDecision Decide(SubscriptionState sub, SubscriptionPatch patch, DateTimeOffset now, string? baseStatus)
    {
        if (Is(sub.Status, "deleted"))
        {
            return Refuse(400, 2011, $"Subscription with id {sub.Id} and deleted status cannot be updated.");
        }

        if (patch.Status is { } status && !Is(sub.Status, status))
        {
            return ChangeStatus(sub, status.ToLowerInvariant(), now, baseStatus);
        }

        if (patch.AutoRenewEnabled is { } renew && renew != sub.AutoRenewEnabled)
        {
            return ChangeAutoRenew(sub, renew);
        }

        return default;
    }

    private static PatchDecision ChangeStatus(SubscriptionState sub, string target, DateTimeOffset now, string? baseStatus) => target switch
    {
        "deleted" => Cancel(sub, now),
        "suspended" when Is(sub.Status, "active") => Suspend(sub),
        "active" when Is(sub.Status, "suspended") => Reactivate(sub, baseStatus),
        _ => Refuse(400, 800096, "Cannot update the status for this subscription."),
    };

    /// <summary>
    /// Cancelling is for a new-commerce license subscription, active or suspended, inside its window. An Azure plan is
    /// suspended instead (800096); a legacy subscription outside the sandbox cannot be cancelled (800019).
    /// </summary>
    private static PatchDecision Cancel(SubscriptionState sub, DateTimeOffset now)
    {
        if (!(Is(sub.Status, "active") || Is(sub.Status, "suspended")) || IsUsage(sub.BillingType))
        {
            return Refuse(400, 800096, "Cannot update the status for this subscription.");
        }

        if (!IsNewCommerce(sub.OfferId))
        {
            return Refuse(403, 800019, "Non-sandbox tenants cannot cancel purchases other than software and perpetual software.");
        }

        if (sub.CancellationAllowedUntil is not { } until || now > until)
        {
            return Refuse(400, 900117, $"You have passed your {CancellationWindowDays}-day cancellation window. This subscription can no longer be cancelled.");
        }

        // Cancelled, it will not renew, and there is nothing left to cancel.
        return Change(new SubscriptionChange("deleted", AutoRenewEnabled: false, CancellationAllowedUntil: null));
    }

    private static PatchDecision Suspend(SubscriptionState sub) =>
        sub.ActiveAzureSubscriptionCount > 0
            ? Refuse(403, 900115, "Azure plan can't be moved to suspended state while one or more Azure subscriptions are active.")
            : Change(new SubscriptionChange("suspended", sub.AutoRenewEnabled, sub.CancellationAllowedUntil));

    private static PatchDecision Reactivate(SubscriptionState sub, string? baseStatus) =>
        baseStatus is not null && !Is(baseStatus, "active")
            ? Refuse(409, 27009, "Cannot enable a child subscription when the parent subscription is not Active.")
            : Change(new SubscriptionChange("active", sub.AutoRenewEnabled, sub.CancellationAllowedUntil));

    /// <summary>Only an active subscription renews; a suspended one takes no change but of its status (800091).</summary>
    private static PatchDecision ChangeAutoRenew(SubscriptionState sub, bool renew)
    {
        if (Is(sub.Status, "suspended"))
        {
            return Refuse(400, 800091, "Cannot update a subscription with suspended status.");
        }

        return Is(sub.Status, "active")
            ? Change(new SubscriptionChange(sub.Status, renew, sub.CancellationAllowedUntil))
            : Refuse(400, 800012, "This subscription is not an active subscription.");
    }

    private static PatchDecision Refuse(int status, int code, string description) => new(EmulatorResponse.Error(status, code, description), null);

    private static PatchDecision Change(SubscriptionChange change) => new(null, change);
}
