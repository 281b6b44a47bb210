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

        /// <summary>True when delegated admin privileges existed and were revoked (see <see cref="Effects"/> for how that is known); false when there were none to revoke.</summary>
        public bool DelegatedAdminRevoked { get; set; }

        public bool PurchasingEnded { get; set; }

        public DateTimeOffset RemovedAt { get; set; }

        /// <summary>Each of the four effects and how it is known: verified by reading back, or performed by Partner Center with the removal.</summary>
        public IReadOnlyList<RemovalEffectCheck> Effects { get; set; } = Array.Empty<RemovalEffectCheck>();

        /// <summary>Each step taken, in order, in words.</summary>
        public IReadOnlyList<string> Actions { get; set; } = Array.Empty<string>();
    }
}
