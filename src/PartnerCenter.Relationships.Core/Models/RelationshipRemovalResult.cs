using System;
using System.Collections.Generic;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>What removing a reseller relationship did, effect by effect.</summary>
    public sealed class RelationshipRemovalResult
    {
        public Guid CustomerId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Domain { get; set; } = string.Empty;

        public string RelationshipToPartner { get; set; } = Models.RelationshipToPartner.None;

        /// <summary>Subscriptions this removal suspended first (empty when none were active).</summary>
        public IReadOnlyList<Subscription> SuspendedSubscriptions { get; set; } = Array.Empty<Subscription>();

        /// <summary>New-commerce subscriptions this removal cancelled first (cannot be undone; empty when none).</summary>
        public IReadOnlyList<Subscription> CancelledSubscriptions { get; set; } = Array.Empty<Subscription>();

        /// <summary>True only when the customer was read back after the removal and is no longer listed.</summary>
        public bool RemovedFromCustomerList { get; set; }

        public bool RemovedAsSupportContact { get; set; }

        /// <summary>
        /// True only when it was checked that no delegated admin access remains: legacy DAP known off, and no GDAP
        /// relationship listed after the removal granting access or still ending. False when any remains or GDAP could
        /// not be listed (see <see cref="Effects"/> for what was found).
        /// </summary>
        public bool DelegatedAdminRevoked { get; set; }

        /// <summary>GDAP relationships this removal ended (-TerminateAdminRelationships): terminated, or deleted before approval.</summary>
        public IReadOnlyList<AdminRelationship> EndedAdminRelationships { get; set; } = Array.Empty<AdminRelationship>();

        /// <summary>GDAP relationships still granting access or still ending when listed after the removal; null when they could not be listed.</summary>
        public IReadOnlyList<AdminRelationship>? RemainingAdminRelationships { get; set; } = Array.Empty<AdminRelationship>();

        /// <summary>Why a GDAP relationship could not be ended (the removal itself succeeded).</summary>
        public IReadOnlyList<Errors.PartnerException> AdminRelationshipErrors { get; set; } = Array.Empty<Errors.PartnerException>();

        public bool PurchasingEnded { get; set; }

        public DateTimeOffset RemovedAt { get; set; }

        /// <summary>Each of the four effects and how it is known: verified by reading back, or performed by Partner Center with the removal.</summary>
        public IReadOnlyList<RemovalEffectCheck> Effects { get; set; } = Array.Empty<RemovalEffectCheck>();

        /// <summary>Each step taken, in order, in words.</summary>
        public IReadOnlyList<string> Actions { get; set; } = Array.Empty<string>();
    }
}
