using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>
    /// What removing the reseller relationship does, all four effects at once: the customer leaves the partner's
    /// list, the partner leaves the customer's support contacts, delegated admin privileges end, and so does
    /// purchasing on the customer's behalf. Each effect is noted with what was there before, and checked afterwards
    /// against the customer as read back.
    /// </summary>
    internal sealed class RemovalEffects
    {
        private RemovalEffects(Customer before, bool hadLegacyDap)
        {
            WasSupportContact = before.IsSupportContact;
            HadDelegatedAdmin = hadLegacyDap;
            CouldPurchase = before.CanPurchase;
        }

        public bool WasSupportContact { get; }

        public bool HadDelegatedAdmin { get; }

        public bool CouldPurchase { get; }

        /// <summary>Sets the customer's properties to what removal leaves, and says what each effect took away.</summary>
        /// <param name="hadLegacyDap">Whether DAP was on when offboarding began (it may have been turned off just before).</param>
        public static RemovalEffects ApplyTo(Customer customer, bool hadLegacyDap)
        {
            var effects = new RemovalEffects(customer, hadLegacyDap);
            customer.RelationshipToPartner = RelationshipToPartner.None;
            customer.IsSupportContact = false;
            customer.AllowDelegatedAccess = false;
            customer.CanPurchase = false;
            return effects;
        }

        /// <summary>
        /// Each effect checked against <paramref name="after"/>, the customer read back after the removal: null when
        /// the backend no longer shows it (Partner Center), which proves the first effect and leaves the others to
        /// Partner Center, which performs them with the removal.
        /// The delegated-admin check here covers legacy DAP only (GDAP is added by <see cref="DelegatedAdminOffboarding"/>):
        /// <paramref name="legacyDapKnownOff"/> says it was read off before the removal, when it could still be read.
        /// </summary>
        public IReadOnlyList<RemovalEffectCheck> Verify(Customer? after, bool legacyDapKnownOff)
        {
            if (after == null)
            {
                const string NotReadable = "Partner Center performs it with the removal; it cannot be read once the customer is no longer the partner's.";
                return new[]
                {
                    new RemovalEffectCheck(RemovalEffect.CustomerList, RemovalEffectOutcome.Verified, "Read back: the customer is no longer listed."),
                    new RemovalEffectCheck(RemovalEffect.SupportContact, RemovalEffectOutcome.ByPartnerCenter, NotReadable),
                    legacyDapKnownOff
                        ? new RemovalEffectCheck(RemovalEffect.DelegatedAdmin, RemovalEffectOutcome.Verified, "Legacy DAP read off before the removal.")
                        : new RemovalEffectCheck(RemovalEffect.DelegatedAdmin, RemovalEffectOutcome.ByPartnerCenter, "Legacy DAP: " + NotReadable),
                    new RemovalEffectCheck(RemovalEffect.Purchasing, RemovalEffectOutcome.ByPartnerCenter, NotReadable),
                };
            }

            return new[]
            {
                Check(RemovalEffect.CustomerList, !after.HasRelationship, $"Read back: relationship {after.RelationshipToPartner}, so the customer is not listed.",
                    $"Read back: relationship {after.RelationshipToPartner}; the customer is still listed."),
                Check(RemovalEffect.SupportContact, !after.IsSupportContact, "Read back: the partner is not a support contact.", "Read back: the partner is still a support contact."),
                Check(RemovalEffect.DelegatedAdmin, !after.AllowDelegatedAccess, "Read back: legacy DAP is off.", "Read back: legacy DAP is still on."),
                Check(RemovalEffect.Purchasing, !after.CanPurchase, "Read back: the partner cannot purchase for the customer.", "Read back: the partner can still purchase."),
            };
        }

        private static RemovalEffectCheck Check(string effect, bool asRemovalLeavesIt, string verified, string notObserved) =>
            asRemovalLeavesIt
                ? new RemovalEffectCheck(effect, RemovalEffectOutcome.Verified, verified)
                : new RemovalEffectCheck(effect, RemovalEffectOutcome.NotObserved, notObserved);

        /// <summary>The effects in words, in the order they are reported, each with how it is known.</summary>
        /// <param name="endedAdminRelationships">How many GDAP relationships this offboarding ended.</param>
        public IEnumerable<string> Describe(IReadOnlyList<RemovalEffectCheck> checks, int endedAdminRelationships)
        {
            string How(string effect) => checks.First(c => c.Effect == effect).Outcome switch
            {
                RemovalEffectOutcome.Verified => " (verified)",
                RemovalEffectOutcome.ByPartnerCenter => " (by Partner Center with the removal)",
                RemovalEffectOutcome.NotChecked => " (NOT checked)",
                _ => " (NOT observed when read back)",
            };
            var delegatedAdmin = (HadDelegatedAdmin, endedAdminRelationships) switch
            {
                (false, 0) => "No delegated admin access to end",
                (true, 0) => "Ended legacy delegated admin access (DAP)",
                (false, _) => $"Ended {endedAdminRelationships} GDAP relationship(s)",
                _ => $"Ended legacy DAP and {endedAdminRelationships} GDAP relationship(s)",
            };

            yield return "Removed the customer from the partner's customer list" + How(RemovalEffect.CustomerList);
            yield return (WasSupportContact ? "Removed the partner from the customer's support contacts" : "The partner was not a support contact") + How(RemovalEffect.SupportContact);
            yield return delegatedAdmin + How(RemovalEffect.DelegatedAdmin);
            yield return (CouldPurchase ? "Ended purchasing on the customer's behalf" : "Purchasing was already ended") + How(RemovalEffect.Purchasing);
        }

        /// <summary>Whether an effect is in place: seen so, or done by Partner Center with the removal.</summary>
        public static bool InPlace(IReadOnlyList<RemovalEffectCheck> checks, string effect) =>
            checks.Any(c => c.Effect == effect && (c.Outcome == RemovalEffectOutcome.Verified || c.Outcome == RemovalEffectOutcome.ByPartnerCenter));
    }
}
