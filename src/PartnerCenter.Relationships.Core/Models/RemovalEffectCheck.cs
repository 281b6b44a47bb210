namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>One of the four effects of removing a reseller relationship, and how the module knows it took place.</summary>
    public sealed class RemovalEffectCheck
    {
        internal RemovalEffectCheck(string effect, string outcome, string evidence)
        {
            Effect = effect;
            Outcome = outcome;
            Evidence = evidence;
        }

        /// <summary>CustomerList, SupportContact, DelegatedAdmin or Purchasing.</summary>
        public string Effect { get; }

        /// <summary>One of <see cref="RemovalEffectOutcome"/>.</summary>
        public string Outcome { get; }

        /// <summary>What was read back, or why nothing could be.</summary>
        public string Evidence { get; }

        public override string ToString() => $"{Effect}: {Outcome}";
    }

    /// <summary>The names of the four effects, as <see cref="RemovalEffectCheck.Effect"/> gives them.</summary>
    public static class RemovalEffect
    {
        public const string CustomerList = "CustomerList";
        public const string SupportContact = "SupportContact";
        public const string DelegatedAdmin = "DelegatedAdmin";
        public const string Purchasing = "Purchasing";
    }

    public static class RemovalEffectOutcome
    {
        /// <summary>Read back after the removal and found as removal leaves it.</summary>
        public const string Verified = "Verified";

        /// <summary>Partner Center does it with the removal; it cannot be read back once the customer is no longer the partner's.</summary>
        public const string ByPartnerCenter = "ByPartnerCenter";

        /// <summary>Read back after the removal and not found as removal leaves it.</summary>
        public const string NotObserved = "NotObserved";

        /// <summary>Could not be read at all (GDAP relationships without a Microsoft Graph token).</summary>
        public const string NotChecked = "NotChecked";
    }
}
