using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>What stands between a customer and the removal of its reseller relationship, found without changing anything.</summary>
    public sealed class OffboardingPlan
    {
        internal OffboardingPlan(Customer customer, IReadOnlyList<OffboardingStep> steps, DateTime today,
            IReadOnlyList<AdminRelationship>? adminRelationships = null, string? adminRelationshipsNotChecked = null)
        {
            DelegatedAdminAccess = customer.AllowDelegatedAccess;
            AdminRelationships = adminRelationships ?? Array.Empty<AdminRelationship>();
            AdminRelationshipsChecked = adminRelationships != null;
            AdminRelationshipsNotChecked = adminRelationshipsNotChecked;
            CustomerId = customer.CustomerId;
            Name = customer.Name;
            Domain = customer.Domain;
            Steps = steps;
            CanRemoveNow = steps.All(s => OffboardingAction.ClearsToday(s.Action));
            EarliestRemovalDate = CanRemoveNow ? today.Date
                : steps.Any(s => s.Action == OffboardingAction.Manual) ? (DateTime?)null
                : steps.Where(s => s.Action == OffboardingAction.WaitForExpiry).Max(s => s.Deadline)?.AddDays(1);
        }

        public Guid CustomerId { get; }

        public string Name { get; }

        public string Domain { get; }

        /// <summary>True when removal would succeed once the steps that can be done today (suspend, cancel) are done.</summary>
        public bool CanRemoveNow { get; }

        /// <summary>
        /// The first day removal can succeed: today when <see cref="CanRemoveNow"/>; else the day after the last
        /// commitment end to wait for; null when a manual step leaves it open.
        /// </summary>
        public DateTime? EarliestRemovalDate { get; }

        /// <summary>Each step, in the order they are taken: reversible ones (suspensions) before cancellations.</summary>
        public IReadOnlyList<OffboardingStep> Steps { get; }

        /// <summary>Whether legacy delegated admin access (DAP) is still on: Remove-PartnerResellerRelationship -TerminateAdminRelationships turns it off.</summary>
        public bool DelegatedAdminAccess { get; }

        /// <summary>
        /// The customer's GDAP relationships that are not over (granting access, ending, or awaiting approval). They do
        /// not block the removal and do not end with it: -TerminateAdminRelationships ends them.
        /// </summary>
        public IReadOnlyList<AdminRelationship> AdminRelationships { get; }

        /// <summary>False when GDAP relationships could not be read (no Microsoft Graph token); see <see cref="AdminRelationshipsNotChecked"/>.</summary>
        public bool AdminRelationshipsChecked { get; }

        /// <summary>Why GDAP relationships were not read; null when they were.</summary>
        public string? AdminRelationshipsNotChecked { get; }

        public override string ToString() => $"{Name} ({CustomerId})";
    }
}
