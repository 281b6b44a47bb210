using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>What blocks removing a reseller relationship, and what clears each blocker.</summary>
    internal static class RemovalBlockers
    {
        /// <summary>Partner Center refuses removal while any subscription is active.</summary>
        public static List<Subscription> Find(IEnumerable<Subscription> subscriptions) =>
            subscriptions.Where(s => SubscriptionStatus.IsActive(s.Status)).ToList();

        /// <summary>
        /// Suspending an active subscription clears it. Returns the ids of those suspended; any other (changed
        /// meanwhile, or not approved) still blocks.
        /// </summary>
        public static ISet<Guid> Clear(IPartnerBackend backend, IReadOnlyCollection<Subscription> approved) =>
            approved.Count == 0
                ? new HashSet<Guid>()
                : backend.UpdateSubscriptionStatuses(approved, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
    }
}
