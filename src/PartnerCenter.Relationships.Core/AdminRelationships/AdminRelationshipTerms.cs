using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.AdminRelationships
{
    /// <summary>
    /// How long a GDAP relationship lasts (Graph's duration: one day to two years) and what Graph does at its end:
    /// it extends the relationship by its auto-extend duration when it has one (P180D), and lets it expire otherwise.
    /// </summary>
    public static class AdminRelationshipTerms
    {
        /// <summary>Graph's longest relationship, two years.</summary>
        public const int MaxDurationDays = 730;

        public const string LongestDuration = "P730D";

        /// <summary>No auto-extension (Graph also takes P0D for it, and answers PT0S).</summary>
        public const string NoAutoExtension = "PT0S";

        /// <summary>The one auto-extension Graph offers.</summary>
        public const string AutoExtension = "P180D";

        public const int AutoExtensionDays = 180;

        private static readonly string GlobalAdministratorId = AdminRoles.IdOf("Global Administrator");

        /// <summary>A year counts 365 days: Graph's P2Y is its maximum, P730D.</summary>
        private const int DaysPerYear = 365;

        private static readonly Regex DaysOrYears = new Regex(@"^P(\d{1,4})([DY])$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// The days of an ISO 8601 duration in the forms GDAP uses: PnD, PnY, and PT0S or P0D for none. Null for any
        /// other form (months vary in length, so Graph takes none).
        /// </summary>
        public static int? DaysOf(string? duration)
        {
            var text = (duration ?? string.Empty).Trim();
            if (string.Equals(text, NoAutoExtension, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }

            var match = DaysOrYears.Match(text);
            if (!match.Success)
            {
                return null;
            }

            var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return char.ToUpperInvariant(match.Groups[2].Value[0]) == 'Y' ? count * DaysPerYear : count;
        }

        /// <summary>
        /// Microsoft refuses auto-extension for a relationship that grants Global Administrator: the most powerful
        /// role is to be held for a limited time, and asked for again.
        /// </summary>
        public static bool MayAutoExtend(IEnumerable<string> roleDefinitionIds) =>
            !roleDefinitionIds.Contains(GlobalAdministratorId, StringComparer.OrdinalIgnoreCase);

        /// <summary>A number of days as Graph writes a duration, e.g. P730D.</summary>
        public static string DurationOf(int days) => "P" + days.ToString(CultureInfo.InvariantCulture) + "D";

        /// <summary>
        /// What Graph has made of an active or expiring relationship once its end is behind <paramref name="now"/>:
        /// extended by its auto-extend duration as often as it took to end after now (and active), or else expired at
        /// its end. Null when nothing has changed: another status, no end, or an end still ahead.
        /// </summary>
        public static AdminRelationship? AfterEnd(AdminRelationship relationship, DateTimeOffset now)
        {
            var running = KnownValues.AreEqual(relationship.Status, AdminRelationshipStatus.Active) ||
                KnownValues.AreEqual(relationship.Status, AdminRelationshipStatus.Expiring);
            if (!running || relationship.EndDateTime is not DateTimeOffset end || end > now)
            {
                return null;
            }

            var after = relationship.Copy();
            var extension = DaysOf(relationship.AutoExtendDuration) ?? 0;
            if (extension <= 0)
            {
                after.Status = AdminRelationshipStatus.Expired;
                after.LastModifiedDateTime = end;
                return after;
            }

            var extendedAt = end;
            while (end <= now)
            {
                extendedAt = end;
                end = end.AddDays(extension);
            }

            after.Status = AdminRelationshipStatus.Active;
            after.EndDateTime = end;
            after.LastModifiedDateTime = extendedAt;
            return after;
        }
    }
}
