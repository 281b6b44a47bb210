using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.AdminRelationships
{
    /// <summary>
    /// A GDAP relationship in the local store, so that a rehearsal has some to list and terminate. In Graph the
    /// partner creates one, sends it, and the customer approves it; the store stands in for the approval, so the
    /// relationship is active at once. Refused on Partner Center.
    /// </summary>
    public sealed class AdminRelationshipCreation
    {
        /// <summary>Graph's limit on a display name.</summary>
        public const int MaxDisplayNameLength = 50;

        private const string Operation = "Creating a GDAP relationship";

        private readonly IPartnerBackend _backend;
        private readonly Func<DateTimeOffset> _clock;

        public AdminRelationshipCreation(IPartnerBackend backend, Func<DateTimeOffset>? clock = null)
        {
            _backend = backend ?? throw new ArgumentNullException(nameof(backend));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Least privilege when no roles are asked for: reading the directory and opening Microsoft support requests for
        /// the customer, which changes nothing in the customer's tenant. Anything more (users, mail, security) is asked
        /// for by name, as Microsoft's GDAP guidance advises.
        /// </summary>
        public static IReadOnlyList<string> DefaultRoles { get; } = new[] { "Directory Readers", "Service Support Administrator" };

        /// <param name="roles">Role names or template ids; <see cref="DefaultRoles"/> when none.</param>
        /// <param name="duration">ISO 8601, P1D to P730D (days or years: P730D, P2Y, P180D); P730D when none.</param>
        /// <param name="autoExtendDuration">PT0S (the default) or P180D, which Microsoft refuses with Global Administrator.</param>
        public AdminRelationship Create(Guid customerId, string displayName, IReadOnlyList<string>? roles = null, string? duration = null, string? autoExtendDuration = null)
        {
            var store = _backend.RequireLocalStore(Operation);
            var name = ValidDisplayName(displayName);
            var roleIds = RoleIdsOf(roles);
            var days = ValidDurationDays(duration);
            var autoExtension = ValidAutoExtension(autoExtendDuration, roleIds);
            using var operation = store.BeginOperation();
            var customer = CustomerLookup.RequireRelationship(store, customerId);
            var now = _clock().ToUniversalTime();
            var relationship = new AdminRelationship
            {
                RelationshipId = Guid.NewGuid().ToString("D") + "-" + Guid.NewGuid().ToString("D"),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                DisplayName = name,
                Status = AdminRelationshipStatus.Active,
                RoleDefinitionIds = roleIds,
                Roles = roleIds.Select(AdminRoles.NameOf).ToArray(),
                Duration = AdminRelationshipTerms.DurationOf(days),
                AutoExtendDuration = autoExtension,
                CreatedDateTime = now,
                ActivatedDateTime = now,
                EndDateTime = now.AddDays(days),
                LastModifiedDateTime = now,
            };
            store.AddAdminRelationship(relationship);
            var created = store.GetAdminRelationship(relationship.RelationshipId)!;
            operation.Complete();
            return created;
        }

        private static string ValidDisplayName(string displayName)
        {
            var name = (displayName ?? string.Empty).Trim();
            if (name.Length == 0)
            {
                throw PartnerErrors.InvalidArgument("-DisplayName", displayName, "a GDAP relationship needs a display name, unique for the partner.");
            }

            return name.Length <= MaxDisplayNameLength
                ? name
                : throw PartnerErrors.InvalidArgument("-DisplayName", displayName, $"Graph takes at most {MaxDisplayNameLength} characters; this one has {name.Length}.");
        }

        /// <summary>Each role once, in the order given.</summary>
        private static string[] RoleIdsOf(IReadOnlyList<string>? roles) =>
            (roles == null || roles.Count == 0 ? DefaultRoles : roles).Select(AdminRoles.IdOf).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        private static int ValidDurationDays(string? duration)
        {
            if (string.IsNullOrWhiteSpace(duration))
            {
                return AdminRelationshipTerms.MaxDurationDays;
            }

            return AdminRelationshipTerms.DaysOf(duration) is int days && days >= 1 && days <= AdminRelationshipTerms.MaxDurationDays
                ? days
                : throw PartnerErrors.InvalidArgument("-Duration", duration,
                    $"a GDAP relationship lasts from P1D to {AdminRelationshipTerms.LongestDuration} (two years), in days or years: P730D, P2Y, P180D.");
        }

        /// <summary>Auto-extension as Graph writes it (PT0S or P180D).</summary>
        private static string ValidAutoExtension(string? autoExtendDuration, IReadOnlyCollection<string> roleIds)
        {
            var days = string.IsNullOrWhiteSpace(autoExtendDuration) ? 0 : AdminRelationshipTerms.DaysOf(autoExtendDuration);
            if (days == 0)
            {
                return AdminRelationshipTerms.NoAutoExtension;
            }

            if (days != AdminRelationshipTerms.AutoExtensionDays)
            {
                throw PartnerErrors.InvalidArgument("-AutoExtendDuration", autoExtendDuration,
                    $"Graph extends a relationship by {AdminRelationshipTerms.AutoExtension} or not at all ({AdminRelationshipTerms.NoAutoExtension}).");
            }

            return AdminRelationshipTerms.MayAutoExtend(roleIds)
                ? AdminRelationshipTerms.AutoExtension
                : throw PartnerErrors.InvalidArgument("-AutoExtendDuration", autoExtendDuration,
                    $"Microsoft does not auto-extend a relationship that grants Global Administrator; give {AdminRelationshipTerms.NoAutoExtension}, or leave that role out.");
        }
    }
}
