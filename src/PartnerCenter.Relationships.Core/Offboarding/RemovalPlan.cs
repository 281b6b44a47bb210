using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>What removing one customer's relationship involves, found before anything is changed.</summary>
    public sealed class RemovalPlan
    {
        internal RemovalPlan(Customer customer, IReadOnlyList<Subscription> activeSubscriptions)
        {
            Customer = customer;
            ActiveSubscriptions = activeSubscriptions;
        }

        public Customer Customer { get; }

        /// <summary>The subscriptions that block removal until they are suspended.</summary>
        public IReadOnlyList<Subscription> ActiveSubscriptions { get; }
    }
}
