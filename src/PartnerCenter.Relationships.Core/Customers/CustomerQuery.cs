using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Customers
{
    /// <summary>Which customers to list. Prefixes go to the source (Partner Center filters with starts_with); the predicates refine.</summary>
    public sealed class CustomerQuery
    {
        public static readonly CustomerQuery All = new CustomerQuery();

        /// <summary>Only these customers (whatever their relationship); null for no restriction.</summary>
        public IReadOnlyCollection<Guid>? CustomerIds { get; set; }

        public string? NamePrefix { get; set; }

        public Func<string, bool>? NameMatches { get; set; }

        public string? DomainPrefix { get; set; }

        public Func<string, bool>? DomainMatches { get; set; }

        /// <summary>
        /// How many customers the source reads at a time: the page size asked of Partner Center (at most its own
        /// largest), a LIMIT per statement on the local store; null for the source's own. The listing is the same
        /// either way, only fetched in smaller steps: a caller that wants the first few sets it so that little more
        /// than those is read. Ignored with <see cref="CustomerIds"/>.
        /// </summary>
        public int? PageSize { get; set; }

        /// <summary>Told (pages read, customers read) after each page of a paged listing, on the reading thread.</summary>
        public Action<int, int>? PageRead { get; set; }

        internal bool Matches(Customer customer) =>
            (NameMatches == null || NameMatches(customer.Name)) &&
            (DomainMatches == null || DomainMatches(customer.Domain));
    }
}
