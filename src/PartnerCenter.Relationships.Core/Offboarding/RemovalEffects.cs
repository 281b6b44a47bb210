using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// What removing the reseller relationship does, all four effects at once: the customer leaves the partner's
    /// list, the partner leaves the customer's support contacts, delegated admin privileges end, and so does
    /// purchasing on the customer's behalf. Each effect is noted with what was there before.
    /// </summary>
    internal sealed class RemovalEffects
    {
        private RemovalEffects(Customer before)
        {
            WasSupportContact = before.IsSupportContact;
            HadDelegatedAdmin = before.AllowDelegatedAccess;
            CouldPurchase = before.CanPurchase;
        }

        public bool WasSupportContact { get; }

        public bool HadDelegatedAdmin { get; }

        public bool CouldPurchase { get; }

        /// <summary>Sets the customer's properties to what removal leaves, and says what each effect took away.</summary>
        public static RemovalEffects ApplyTo(Customer customer)
        {
            var effects = new RemovalEffects(customer);
            customer.RelationshipToPartner = RelationshipToPartner.None;
            customer.IsSupportContact = false;
            customer.AllowDelegatedAccess = false;
            customer.CanPurchase = false;
            return effects;
        }

        /// <summary>The effects in words, in the order they are reported.</summary>
        public IEnumerable<string> Describe()
        {
            yield return "Removed the customer from the partner's customer list";
            yield return WasSupportContact ? "Removed the partner from the customer's support contacts" : "The partner was not a support contact";
            yield return HadDelegatedAdmin ? "Revoked the partner's delegated admin privileges" : "No delegated admin privileges to revoke";
            yield return CouldPurchase ? "Ended purchasing on the customer's behalf" : "Purchasing was already ended";
        }
    }
}
