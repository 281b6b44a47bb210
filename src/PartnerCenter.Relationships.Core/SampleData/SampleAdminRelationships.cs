using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.SampleData
{
    /// <summary>
    /// The sample's GDAP relationships. They draw on a random stream of their own, derived from the seed, so that
    /// adding them left every customer and subscription of a seed exactly as it was before.
    /// </summary>
    internal static class SampleAdminRelationships
    {
        /// <summary>Mixed into the seed for the stream of its own ("GDAP").</summary>
        private const int StreamOfTheirOwn = 0x47444150;

        /// <summary>What a partner asks a customer for, by purpose: one word, so that no company name and purpose make another's.</summary>
        private static readonly (string Purpose, string[] Roles)[] Bundles =
        {
            ("admin", new[] { "Exchange Administrator", "User Administrator", "License Administrator" }),
            ("helpdesk", new[] { "Helpdesk Administrator", "Directory Readers" }),
            ("security", new[] { "Security Administrator", "Security Reader" }),
            ("licensing", new[] { "License Administrator", "Billing Administrator" }),
            ("support", new[] { "Service Support Administrator", "Global Reader" }),
            ("emergency", new[] { "Global Administrator" }),
        };

        /// <summary>
        /// The first customers show each GDAP case: Contoso two active relationships (one auto-extending, one ending in
        /// 20 days); Contoso Pharmaceuticals an active one and one expiring tomorrow; Fabrikam only ended ones (expired,
        /// terminated); Northwind Traders an active one and one created but not yet sent to the customer.
        /// </summary>
        private static readonly Func<Random, Customer, DateTime, IEnumerable<AdminRelationship>>[] FixedCases =
        {
            (random, customer, day) => new[]
            {
                Make(random, customer, "Contoso admin", AdminRelationshipStatus.Active, day.AddDays(-330), 730, autoExtend: true, "Exchange Administrator", "User Administrator"),
                Make(random, customer, "Contoso helpdesk", AdminRelationshipStatus.Active, day.AddDays(-710), 730, autoExtend: false, "Helpdesk Administrator", "Global Reader"),
            },
            (random, customer, day) => new[]
            {
                Make(random, customer, "Contoso Pharma admin", AdminRelationshipStatus.Active, day.AddDays(-100), 730, autoExtend: false,
                    "User Administrator", "License Administrator"),
                Make(random, customer, "Contoso Pharma support", AdminRelationshipStatus.Expiring, day.AddDays(-364), 365, autoExtend: false,
                    "Service Support Administrator", "Directory Readers"),
            },
            (random, customer, day) => new[]
            {
                Make(random, customer, "Fabrikam admin", AdminRelationshipStatus.Expired, day.AddDays(-400), 180, autoExtend: false, "Global Administrator"),
                Terminated(Make(random, customer, "Fabrikam helpdesk", AdminRelationshipStatus.Terminated, day.AddDays(-300), 730, autoExtend: false,
                    "Helpdesk Administrator"), day.AddDays(-30)),
            },
            (random, customer, day) => new[]
            {
                Make(random, customer, "Northwind Traders admin", AdminRelationshipStatus.Active, day.AddDays(-45), 730, autoExtend: true,
                    "Exchange Administrator", "Teams Administrator"),
                NotYetSent(Make(random, customer, "Northwind onboarding", AdminRelationshipStatus.Created, day.AddDays(-1), 730, autoExtend: false,
                    "User Administrator", "License Administrator")),
            },
        };

        /// <summary>The relationships of <paramref name="customers"/>, the fixed cases first; dates are counted back from <paramref name="day"/>.</summary>
        public static List<AdminRelationship> For(IReadOnlyList<Customer> customers, int seed, DateTime day)
        {
            var random = new Random(seed ^ StreamOfTheirOwn);
            var relationships = new List<AdminRelationship>();
            for (var index = 0; index < customers.Count; index++)
            {
                relationships.AddRange(index < FixedCases.Length
                    ? FixedCases[index](random, customers[index], day)
                    : RandomFor(random, customers[index], day, relationships.Count));
            }

            return relationships;
        }

        // The order of the calls on random is part of the sample data: the same seed gives the same store.
        private static IEnumerable<AdminRelationship> RandomFor(Random random, Customer customer, DateTime day, int numberedSoFar)
        {
            var count = random.Next(3);
            var first = random.Next(Bundles.Length);
            var second = (first + 1 + random.Next(Bundles.Length - 1)) % Bundles.Length;
            foreach (var bundle in new[] { first, second }.Take(count).Select(b => Bundles[b]))
            {
                var name = DisplayNameFor(customer, bundle.Purpose, ++numberedSoFar);
                yield return RandomRelationship(random, customer, name, bundle.Roles, day);
            }
        }

        /// <summary>Mostly active, some expired, a few terminated, each with dates that fit its status on <paramref name="day"/>.</summary>
        private static AdminRelationship RandomRelationship(Random random, Customer customer, string displayName, string[] roles, DateTime day)
        {
            var roll = random.Next(100);
            var days = new[] { 730, 365, 180 }[random.Next(3)];
            var autoExtend = random.Next(2) == 0 && AdminRelationshipTerms.MayAutoExtend(roles.Select(AdminRoles.IdOf));
            if (roll < 75)
            {
                return Make(random, customer, displayName, AdminRelationshipStatus.Active, day.AddDays(-random.Next(days)), days, autoExtend, roles);
            }

            if (roll < 90)
            {
                return Make(random, customer, displayName, AdminRelationshipStatus.Expired, day.AddDays(-days - 1 - random.Next(400)), days, autoExtend: false, roles);
            }

            var created = day.AddDays(-random.Next(60, 700));
            var lifespan = Math.Min(days, (day - created).Days);
            var relationship = Make(random, customer, displayName, AdminRelationshipStatus.Terminated, created, days, autoExtend, roles);
            return Terminated(relationship, created.AddDays(1 + random.Next(lifespan - 1)));
        }

        /// <summary>
        /// The longest sample name: what the relationship table shows whole at 80 columns (Graph allows 50, which a
        /// partner's own names may use; the list view shows them whole).
        /// </summary>
        internal const int MaxSampleDisplayNameLength = 26;

        /// <summary>
        /// "Company purpose"; a name longer than <see cref="MaxSampleDisplayNameLength"/> is cut and numbered instead
        /// ("Company purpose #12"), and as no company name holds a '#', the numbered ones meet no other.
        /// </summary>
        private static string DisplayNameFor(Customer customer, string purpose, int number)
        {
            var plain = customer.Name + " " + purpose;
            if (plain.Length <= MaxSampleDisplayNameLength)
            {
                return plain;
            }

            var suffix = string.Format(CultureInfo.InvariantCulture, " {0} #{1}", purpose, number);
            return customer.Name.Substring(0, MaxSampleDisplayNameLength - suffix.Length).TrimEnd() + suffix;
        }

        /// <summary>A relationship activated when it was created (the customer approved at once), lasting <paramref name="days"/>.</summary>
        private static AdminRelationship Make(Random random, Customer customer, string displayName, string status, DateTime created, int days, bool autoExtend,
            params string[] roles)
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc));
            var end = start.AddDays(days);
            var ended = AdminRelationshipStatus.IsFinal(status);
            return new AdminRelationship
            {
                RelationshipId = SampleDataGenerator.NextGuid(random) + "-" + SampleDataGenerator.NextGuid(random),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                DisplayName = displayName,
                Status = status,
                RoleDefinitionIds = roles.Select(AdminRoles.IdOf).ToArray(),
                Roles = roles,
                Duration = AdminRelationshipTerms.DurationOf(days),
                AutoExtendDuration = autoExtend ? AdminRelationshipTerms.AutoExtension : AdminRelationshipTerms.NoAutoExtension,
                CreatedDateTime = start,
                ActivatedDateTime = start,
                EndDateTime = end,
                LastModifiedDateTime = ended ? end : start,
                ETag = "W/\"" + SampleDataGenerator.NextGuid(random).ToString("N") + "\"",
            };
        }

        /// <summary>Terminated on <paramref name="at"/>: Graph's end is when a relationship became terminated.</summary>
        private static AdminRelationship Terminated(AdminRelationship relationship, DateTime at)
        {
            relationship.EndDateTime = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
            relationship.LastModifiedDateTime = relationship.EndDateTime;
            return relationship;
        }

        /// <summary>Created by the partner, not yet sent for approval: not activated, so no end either.</summary>
        private static AdminRelationship NotYetSent(AdminRelationship relationship)
        {
            relationship.ActivatedDateTime = null;
            relationship.EndDateTime = null;
            return relationship;
        }
    }
}
