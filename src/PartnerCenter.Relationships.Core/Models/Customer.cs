using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// A customer as the partner sees it. Property names follow the older official PartnerCenter module
    /// (PSCustomer) so scripts written for it carry over.
    /// </summary>
    public sealed class Customer
    {
        public Guid CustomerId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Domain { get; set; } = string.Empty;

        public string RelationshipToPartner { get; set; } = Models.RelationshipToPartner.Reseller;

        public bool AllowDelegatedAccess { get; set; }

        /// <summary>Whether the partner is listed among the customer's support contacts.</summary>
        public bool IsSupportContact { get; set; }

        /// <summary>Whether the partner may purchase on the customer's behalf.</summary>
        public bool CanPurchase { get; set; }

        /// <summary>A customer is on the partner's list only while some relationship (normally reseller) exists.</summary>
        public bool HasRelationship =>
            !KnownValues.AreEqual(RelationshipToPartner, Models.RelationshipToPartner.None);

        /// <summary>
        /// What the customer accepting a new reseller relationship gives back. Delegated admin is not granted by a new
        /// invitation: Partner Center stopped granting DAP with reseller relationships in October 2023 (GDAP replaces
        /// it); only a customer recorded from before then may still carry it.
        /// </summary>
        internal void BeginResellerRelationship(bool keepsDelegatedAdmin = false)
        {
            RelationshipToPartner = Models.RelationshipToPartner.Reseller;
            IsSupportContact = true;
            CanPurchase = true;
            AllowDelegatedAccess = keepsDelegatedAdmin;
        }

        public override string ToString() => $"{Name} ({CustomerId})";
    }
}
