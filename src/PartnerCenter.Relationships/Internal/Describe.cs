using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>How confirmation prompts and -WhatIf name what they act on: by name and by id.</summary>
    internal static class Describe
    {
        public static string Customer(Customer customer) => $"{customer.Name} ({customer.CustomerId})";

        public static string Customer(OffboardingPlan plan) => $"{plan.Name} ({plan.CustomerId})";

        public static string Subscription(OffboardingStep step) =>
            $"{step.OfferName} ({step.SubscriptionId}) of {step.CustomerName} ({step.CustomerId})";

        public static string Subscription(Customer customer, Subscription subscription) =>
            $"{subscription.OfferName} ({subscription.SubscriptionId}) of {Customer(customer)}";

        /// <summary>A GDAP relationship with the roles it grants, since those are what ending it takes away.</summary>
        public static string AdminRelationship(AdminRelationship relationship) =>
            $"GDAP relationship '{relationship.DisplayName}' ({relationship.RelationshipId}) of {relationship.CustomerName} ({relationship.CustomerId})" +
            (relationship.Roles.Count == 0 ? string.Empty : ", roles: " + string.Join(", ", relationship.Roles));

        /// <summary>What a confirmation asks for ending a GDAP relationship; null when the ending changes nothing (or is refused).</summary>
        public static string? Ending(AdminRelationshipEnding ending) => ending switch
        {
            AdminRelationshipEnding.Delete => "Delete GDAP relationship (not yet sent to the customer)",
            AdminRelationshipEnding.Terminate => "Terminate GDAP relationship (cannot be undone; the customer must approve a new one)",
            _ => null,
        };
    }
}
