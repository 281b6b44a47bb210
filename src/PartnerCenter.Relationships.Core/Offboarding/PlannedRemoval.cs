using System;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Offboarding
{
    /// <summary>One customer's plan in a bulk removal, or why there is none.</summary>
    public sealed class PlannedRemoval
    {
        public PlannedRemoval(Guid customerId, OffboardingPlan? plan, PartnerException? error)
        {
            CustomerId = customerId;
            Plan = plan;
            Error = error;
        }

        public Guid CustomerId { get; }

        public OffboardingPlan? Plan { get; }

        public PartnerException? Error { get; }
    }
}
