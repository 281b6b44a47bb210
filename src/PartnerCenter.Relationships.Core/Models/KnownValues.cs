using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// A set of display names for a value that Partner Center sends as a lower-case (snake_case) string and may
    /// extend at any time. Known values are shown in PascalCase; anything else is kept exactly as received, because
    /// the older official module crashed on statuses the service added later ('Expired', 'Disabled').
    /// </summary>
    public sealed class KnownValues
    {
        private readonly Dictionary<string, string> _byKey;

        public KnownValues(params string[] displayNames)
        {
            Names = displayNames;
            _byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in displayNames)
            {
                _byKey[name] = name;
                _byKey[ToWireName(name)] = name;
            }
        }

        public IReadOnlyList<string> Names { get; }

        /// <summary>The display form of a value: the known name whatever its casing or spelling, else the value as given.</summary>
        public string Normalize(string? value)
        {
            var trimmed = (value ?? string.Empty).Trim();
            return _byKey.TryGetValue(trimmed, out var known) ? known : trimmed;
        }

        public static bool AreEqual(string? left, string? right) =>
            string.Equals(left?.Trim(), right?.Trim(), StringComparison.OrdinalIgnoreCase);

        /// <summary>PascalCase to the service's wire form: 'MicrosoftSupport' becomes 'microsoft_support'.</summary>
        public static string ToWireName(string displayName) =>
            string.Concat(displayName.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    /// <summary>Subscription statuses. A subscription's Status is a plain string so an unknown status is shown, never a crash.</summary>
    public static class SubscriptionStatus
    {
        public const string Active = "Active";
        public const string Suspended = "Suspended";
        public const string Deleted = "Deleted";
        public const string Expired = "Expired";
        public const string Pending = "Pending";
        public const string Disabled = "Disabled";

        public static readonly KnownValues Values = new KnownValues(Active, Suspended, Deleted, Expired, Pending, Disabled);

        public static string Normalize(string? status) => Values.Normalize(status);

        public static bool IsActive(string? status) => KnownValues.AreEqual(status, Active);

        public static bool IsSuspended(string? status) => KnownValues.AreEqual(status, Suspended);

        /// <summary>Deleted, expired and disabled subscriptions are final: nothing changes them back, and nothing is needed of them.</summary>
        public static bool IsFinal(string? status) =>
            KnownValues.AreEqual(status, Deleted) || KnownValues.AreEqual(status, Expired) || KnownValues.AreEqual(status, Disabled);
    }

    /// <summary>How the customer is related to the partner (CustomerPartnerRelationship on the wire).</summary>
    public static class RelationshipToPartner
    {
        public const string Reseller = "Reseller";
        public const string None = "None";
        public const string Advisor = "Advisor";
        public const string Syndication = "Syndication";
        public const string MicrosoftSupport = "MicrosoftSupport";

        public static readonly KnownValues Values = new KnownValues(Reseller, None, Advisor, Syndication, MicrosoftSupport);

        public static string Normalize(string? relationship) => Values.Normalize(relationship);
    }

    public static class CommerceType
    {
        public const string Legacy = "Legacy";
        public const string NewCommerce = "NewCommerce";

        public static readonly KnownValues Values = new KnownValues(Legacy, NewCommerce);

        public static string Normalize(string? commerceType) => Values.Normalize(commerceType);
    }

    /// <summary>How a subscription is billed: per license, or by usage (an Azure plan).</summary>
    public static class BillingType
    {
        public const string License = "License";
        public const string Usage = "Usage";
        public const string None = "None";

        public static readonly KnownValues Values = new KnownValues(License, Usage, None);

        public static string Normalize(string? billingType) => Values.Normalize(billingType);

        public static bool IsUsage(string? billingType) => KnownValues.AreEqual(billingType, Usage);
    }

    /// <summary>Commitment terms as ISO 8601 durations, the way Partner Center writes them.</summary>
    public static class TermDuration
    {
        public const string OneMonth = "P1M";
        public const string OneYear = "P1Y";
        public const string ThreeYears = "P3Y";

        /// <summary>The end of a term that starts on <paramref name="start"/>; null for a duration the module does not know.</summary>
        public static DateTime? EndOf(string? duration, DateTime start) =>
            (duration ?? string.Empty).Trim().ToUpperInvariant() switch
            {
                OneMonth => start.AddMonths(1),
                OneYear => start.AddYears(1),
                ThreeYears => start.AddYears(3),
                _ => (DateTime?)null,
            };
    }

    public static class BillingCycle
    {
        public const string Monthly = "Monthly";
        public const string Annual = "Annual";
        public const string Triennial = "Triennial";
        public const string Biennial = "Biennial";
        public const string OneTime = "OneTime";
        public const string None = "None";

        public static readonly KnownValues Values = new KnownValues(Monthly, Annual, Triennial, Biennial, OneTime, None);

        public static string Normalize(string? billingCycle) => Values.Normalize(billingCycle);
    }

    public static class RelationshipRequestStatus
    {
        public const string Pending = "Pending";
        public const string Accepted = "Accepted";

        public static readonly KnownValues Values = new KnownValues(Pending, Accepted);

        public static string Normalize(string? status) => Values.Normalize(status);
    }
}
