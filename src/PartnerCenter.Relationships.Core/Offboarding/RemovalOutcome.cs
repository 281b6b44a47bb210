using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>How one customer's removal in a bulk run ended: removed (<see cref="Result"/>), refused (<see cref="Error"/>) or declined.</summary>
    public sealed class RemovalOutcome
    {
        private RemovalOutcome(PlannedRemoval planned, RelationshipRemovalResult? result, PartnerException? error)
        {
            Planned = planned;
            Result = result;
            Error = error;
        }

        public PlannedRemoval Planned { get; }

        public RelationshipRemovalResult? Result { get; }

        public PartnerException? Error { get; }

        internal static RemovalOutcome Removed(PlannedRemoval planned, RelationshipRemovalResult result) => new RemovalOutcome(planned, result, null);

        internal static RemovalOutcome Refused(PlannedRemoval planned, PartnerException error) => new RemovalOutcome(planned, null, error);

        internal static RemovalOutcome Declined(PlannedRemoval planned) => new RemovalOutcome(planned, null, null);
    }
}
