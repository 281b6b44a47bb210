using System.Xml;

namespace PartnerCenter.Emulator;

/// <summary>Where a relationship whose termination was requested stands at a moment, by the emulator's clock.</summary>
/// <param name="Status">terminationRequested, terminating or terminated.</param>
/// <param name="Since">When it got that status (its lastModifiedDateTime).</param>
/// <param name="Phase">1, 2 or 3 in that order; a new phase is a change, so it gives a new etag.</param>
internal readonly record struct EndingPhase(string Status, DateTimeOffset Since, int Phase);

/// <summary>
/// Graph's rules about GDAP relationships (delegatedAdminRelationship, v1.0) in one place for seeding and the routes:
/// the statuses, which of them may be terminated or deleted, and how a termination runs its course.
/// </summary>
internal static class AdminRelationshipRules
{
    public const string Active = "active";
    public const string Created = "created";
    public const string ApprovalPending = "approvalPending";
    public const string Expiring = "expiring";
    public const string TerminationRequested = "terminationRequested";
    public const string Terminating = "terminating";
    public const string Terminated = "terminated";

    public const string TerminateAction = "terminate";
    public const string LockForApprovalAction = "lockForApproval";

    /// <summary>Directory Readers and User Administrator (their role template ids): what a seed has when it names none.</summary>
    public static readonly IReadOnlyList<Guid> DefaultRoles =
    [
        Guid.Parse("88d8e3e3-8f55-4a1e-953a-9b9898b8876b"),
        Guid.Parse("fe930be7-5e62-47db-91af-98c3a49a38b1"),
    ];

    /// <summary>Every status of delegatedAdminRelationshipStatus but unknownFutureValue, as Graph spells them.</summary>
    public static readonly IReadOnlyList<string> Statuses =
    [
        "activating", Active, ApprovalPending, "approved", Created, "expired", Expiring, Terminated, Terminating, TerminationRequested,
    ];

    /// <summary>The status as Graph spells it, whatever the casing asked; null when it is none of them.</summary>
    public static string? Canonical(string status) => Statuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));

    /// <summary>Only a relationship in force can be ended: an active one, or one about to expire.</summary>
    public static bool CanTerminate(string status) => status is Active or Expiring;

    /// <summary>Only a relationship the customer has not seen yet can be deleted; the others are terminated.</summary>
    public static bool CanDelete(string status) => status == Created;

    /// <summary>Whether a relationship with this status has been approved and activated at some point.</summary>
    public static bool HasBeenActive(string status) => status is Active or Expiring or "expired" or TerminationRequested or Terminating or Terminated;

    /// <summary>
    /// A termination asked at <paramref name="requestedAt"/> and done at <paramref name="endsAt"/>: terminationRequested
    /// for the first half, terminating for the second, terminated from then on. Worked out from the clock when read,
    /// so a manual clock moves it along and no timer is needed.
    /// </summary>
    public static EndingPhase Ending(DateTimeOffset requestedAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var halfway = requestedAt + ((endsAt - requestedAt) / 2);
        return now >= endsAt ? new(Terminated, endsAt, 3)
            : now >= halfway ? new(Terminating, halfway, 2)
            : new(TerminationRequested, requestedAt, 1);
    }

    /// <summary>An ISO 8601 duration such as P730D or PT0S; throws for anything else.</summary>
    public static TimeSpan ParseDuration(string duration, string parameterName)
    {
        try
        {
            return XmlConvert.ToTimeSpan(duration);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"'{duration}' is not an ISO 8601 duration such as P730D.", parameterName, ex);
        }
    }
}
