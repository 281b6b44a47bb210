using System;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Store
{
    // Time passing: what Partner Center does on its own at a term's end, caught up each time the store is opened.
    public sealed partial class SqlitePartnerStore
    {
        /// <summary>
        /// New-commerce subscriptions whose commitment ended since the store was last opened are renewed, expired or
        /// disabled by <see cref="CommitmentTerms.AfterTermEnd"/>, as Partner Center would have done meanwhile. A
        /// partial index holds exactly the rows that can be due, so a store with nothing due reads nothing.
        /// </summary>
        private void CatchUpWithTermEnds()
        {
            var today = DateTime.UtcNow.Date;
            var due = Stream(
                "SELECT " + SubscriptionColumns + " FROM subscription WHERE commerce_type = 'NewCommerce' AND status IN ('Active', 'Suspended') " +
                "AND commitment_end_date < $today",
                ReadSubscription, ("$today", DateText(today))).ToList();
            var changes = due.Select(s => CommitmentTerms.AfterTermEnd(s, today)).Where(s => s != null).Select(s => s!).ToList();
            if (changes.Count == 0)
            {
                return;
            }

            using var operation = BeginOperation();
            foreach (var after in changes)
            {
                Execute("UPDATE subscription SET status = $status, commitment_end_date = $end, cancellation_allowed_until = $until WHERE subscription_id = $id",
                    ("$status", after.Status), ("$end", DateText(after.CommitmentEndDate)), ("$until", MomentText(after.CancellationAllowedUntil)),
                    ("$id", Key(after.SubscriptionId)));
            }

            operation.Complete();
        }
    }
}
