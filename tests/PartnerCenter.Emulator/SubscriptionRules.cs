namespace PartnerCenter.Emulator;

/// <summary>
/// Partner Center's rules about a subscription's kind (partnercenter-api.md, sections 3 and 9), in one place for
/// seeding, the PATCH routes and removal.
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

    public static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
