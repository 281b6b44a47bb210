using System;
using System.Collections.Generic;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// A GDAP relationship (Microsoft Graph's delegatedAdminRelationship): the partner's admin roles in one
    /// customer's tenant, for a limited time. Its lifecycle is separate from the reseller relationship's: removing
    /// the reseller relationship does not end it, so offboarding terminates it as a step of its own.
    /// </summary>
    public sealed class AdminRelationship
    {
        /// <summary>Graph's id: a string (in practice a GUID followed by a suffix), never parsed.</summary>
        public string RelationshipId { get; set; } = string.Empty;

        public Guid CustomerId { get; set; }

        public string CustomerName { get; set; } = string.Empty;

        /// <summary>Unique for the partner, at most 50 characters.</summary>
        public string DisplayName { get; set; } = string.Empty;

        /// <summary>Known values are in <see cref="AdminRelationshipStatus"/>; any other value is kept as received.</summary>
        public string Status { get; set; } = AdminRelationshipStatus.Active;

        /// <summary>The roles granted: their names where known, else the role definition (template) ids.</summary>
        public IReadOnlyList<string> Roles { get; set; } = Array.Empty<string>();

        /// <summary>The Entra role template ids the relationship grants, as Graph gives them.</summary>
        public IReadOnlyList<string> RoleDefinitionIds { get; set; } = Array.Empty<string>();

        /// <summary>How long the relationship lasts once active, ISO 8601 (P1D to P2Y), e.g. P730D.</summary>
        public string Duration { get; set; } = string.Empty;

        /// <summary>PT0S (no auto-extension) or P180D.</summary>
        public string AutoExtendDuration { get; set; } = string.Empty;

        public DateTimeOffset? CreatedDateTime { get; set; }

        public DateTimeOffset? ActivatedDateTime { get; set; }

        public DateTimeOffset? EndDateTime { get; set; }

        public DateTimeOffset? LastModifiedDateTime { get; set; }

        /// <summary>Graph's @odata.etag, sent as If-Match when a relationship not yet approved is deleted.</summary>
        public string? ETag { get; set; }

        /// <summary>True while the relationship gives the partner admin roles in the customer's tenant (or is about to).</summary>
        public bool GrantsAccess => AdminRelationshipStatus.GrantsAccess(Status);

        public override string ToString() => $"{DisplayName} ({RelationshipId})";

        internal AdminRelationship Copy() => (AdminRelationship)MemberwiseClone();
    }

    /// <summary>What asking Graph to end a relationship did.</summary>
    public sealed class AdminRelationshipRequest
    {
        public string RequestId { get; set; } = string.Empty;

        /// <summary>terminate (lockForApproval is the other action Graph knows).</summary>
        public string Action { get; set; } = "terminate";

        /// <summary>created, pending, succeeded or failed, as Graph gives it.</summary>
        public string Status { get; set; } = string.Empty;

        public DateTimeOffset? CreatedDateTime { get; set; }
    }

    /// <summary>What to list: one customer's relationships or all the partner's, optionally of some statuses only.</summary>
    public sealed class AdminRelationshipQuery
    {
        public Guid? CustomerId { get; set; }

        /// <summary>Null or empty for every status; a backend may filter on the service, the caller filters again.</summary>
        public IReadOnlyList<string>? Statuses { get; set; }
    }

    /// <summary>GDAP relationship statuses (Graph's delegatedAdminRelationshipStatus), shown in PascalCase.</summary>
    public static class AdminRelationshipStatus
    {
        public const string Activating = "Activating";
        public const string Active = "Active";
        public const string ApprovalPending = "ApprovalPending";
        public const string Approved = "Approved";
        public const string Created = "Created";
        public const string Expired = "Expired";
        public const string Expiring = "Expiring";
        public const string Terminated = "Terminated";
        public const string Terminating = "Terminating";
        public const string TerminationRequested = "TerminationRequested";

        public static readonly KnownValues Values = new KnownValues(
            Activating, Active, ApprovalPending, Approved, Created, Expired, Expiring, Terminated, Terminating, TerminationRequested);

        public static string Normalize(string? status) => Values.Normalize(status);

        /// <summary>Graph's spelling: camelCase ("approvalPending").</summary>
        public static string ToWireName(string status)
        {
            var name = Normalize(status);
            return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>
        /// Statuses in which the partner holds (or is about to hold) admin roles in the customer's tenant: active and
        /// expiring ones, and approved ones on their way to active. Offboarding ends these.
        /// </summary>
        public static bool GrantsAccess(string? status) =>
            KnownValues.AreEqual(status, Active) || KnownValues.AreEqual(status, Expiring) ||
            KnownValues.AreEqual(status, Approved) || KnownValues.AreEqual(status, Activating);

        /// <summary>Termination asked for or under way: Graph finishes it on its own.</summary>
        public static bool IsEnding(string? status) =>
            KnownValues.AreEqual(status, TerminationRequested) || KnownValues.AreEqual(status, Terminating);

        /// <summary>Terminated or expired: nothing is granted and nothing changes it any more.</summary>
        public static bool IsFinal(string? status) =>
            KnownValues.AreEqual(status, Terminated) || KnownValues.AreEqual(status, Expired);
    }
}
