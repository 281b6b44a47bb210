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
    }
}
