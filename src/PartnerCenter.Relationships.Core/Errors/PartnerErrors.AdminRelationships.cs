using System;
using System.Globalization;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>The errors of delegated admin access: GDAP relationships in Microsoft Graph, and legacy DAP.</summary>
    public static partial class PartnerErrors
    {
        internal const string GraphConnectAdvice =
            "Connect-PartnerCenter gets a Microsoft Graph token with the same sign-in (App+User or -ServicePrincipal), or give one with " +
            "-GraphAccessToken (audience https://graph.microsoft.com, permission DelegatedAdminRelationship.ReadWrite.All).";

        /// <param name="service">Graph's answer, when it is Graph that said so.</param>
        public static PartnerException AdminRelationshipNotFound(string relationshipId, ServiceDetails? service = null) => Create(
            PartnerErrorId.AdminRelationshipNotFound, PartnerErrorCategory.ObjectNotFound, relationshipId,
            $"No GDAP relationship with id '{relationshipId}' was found.",
            "List the partner's GDAP relationships with Get-PartnerAdminRelationship (add -CustomerId for one customer's).",
            service: service);

        /// <summary>A relationship whose status has no termination: waiting for approval, expired, or a status this module does not know.</summary>
        public static PartnerException AdminRelationshipCannotTerminate(AdminRelationship relationship)
        {
            var why = AdminRelationshipStatus.Normalize(relationship.Status) switch
            {
                AdminRelationshipStatus.ApprovalPending => (
                    "it is waiting for the customer's approval, and Graph terminates only active relationships",
                    "Ask the customer to decline it in the Microsoft 365 admin center, or let the request lapse; once approved, terminate it."),
                AdminRelationshipStatus.Expired => (
                    $"it expired{At(relationship.EndDateTime)} and grants nothing any more",
                    "Nothing is left to end. List only relationships that grant access with Get-PartnerAdminRelationship -Status Active."),
                _ => (
                    $"its status is {relationship.Status}, and Graph terminates only active relationships",
                    "Check it again with Get-PartnerAdminRelationship -RelationshipId " + relationship.RelationshipId + " and terminate it once active."),
            };
            return Create(PartnerErrorId.AdminRelationshipCannotTerminate, PartnerErrorCategory.InvalidOperation, relationship,
                $"GDAP relationship '{relationship.DisplayName}' ({relationship.RelationshipId}) of customer '{relationship.CustomerName}' cannot be terminated: {why.Item1}.",
                why.Item2);
        }

        /// <summary>The termination was accepted, but Graph still had not finished it when the wait ran out.</summary>
        public static PartnerException AdminRelationshipTerminationPending(AdminRelationship relationship, TimeSpan waited) => Create(
            PartnerErrorId.AdminRelationshipTerminationPending, PartnerErrorCategory.OperationTimeout, relationship,
            string.Format(CultureInfo.InvariantCulture,
                "GDAP relationship '{0}' ({1}) of customer '{2}': termination was requested and accepted, but after {3:0} seconds it is still {4}.",
                relationship.DisplayName, relationship.RelationshipId, relationship.CustomerName, Math.Ceiling(waited.TotalSeconds), relationship.Status),
            "Graph finishes terminations on its own. Check later with Get-PartnerAdminRelationship -RelationshipId " + relationship.RelationshipId + ".");

        /// <summary>A deletion by etag (If-Match) that found the relationship changed since the caller read it.</summary>
        /// <param name="relationship">The relationship as it is now.</param>
        /// <param name="service">Graph's answer (412), when it is Graph that said so.</param>
        public static PartnerException AdminRelationshipChanged(AdminRelationship relationship, ServiceDetails? service = null) => Create(
            PartnerErrorId.AdminRelationshipChanged, PartnerErrorCategory.InvalidOperation, relationship,
            $"GDAP relationship '{relationship.DisplayName}' ({relationship.RelationshipId}) of customer '{relationship.CustomerName}' was not deleted: " +
            "it changed since it was read; read it again.",
            "Read it with Get-PartnerAdminRelationship -RelationshipId " + relationship.RelationshipId + " (it is " + relationship.Status +
            " now); only a relationship still in status Created, never sent to the customer, is deleted.",
            service: service);

        /// <summary>A new relationship whose id, or display name (unique for the partner, whatever its case), another one has already.</summary>
        public static PartnerException AdminRelationshipAlreadyExists(AdminRelationship wanted, AdminRelationship existing)
        {
            var clash = string.Equals(wanted.RelationshipId, existing.RelationshipId, StringComparison.Ordinal)
                ? $"id '{wanted.RelationshipId}'"
                : $"display name '{wanted.DisplayName}'";
            return Create(PartnerErrorId.AdminRelationshipAlreadyExists, PartnerErrorCategory.ResourceExists, existing,
                $"A GDAP relationship with {clash} already exists: '{existing.DisplayName}' ({existing.RelationshipId}) of customer '{existing.CustomerName}'.",
                "Display names are unique for the partner, whatever their case: choose another -DisplayName, or work with the existing relationship " +
                "(Get-PartnerAdminRelationship -RelationshipId " + existing.RelationshipId + ").");
        }

        /// <summary>Delegated admin access remained after offboarding asked to end it (read back).</summary>
        public static PartnerException DelegatedAdminAccessRemains(Customer customer) => Create(
            PartnerErrorId.DelegatedAdminAccessRemains, PartnerErrorCategory.InvalidResult, customer,
            $"Legacy delegated admin access (DAP) of customer '{customer.Name}' ({customer.CustomerId}) is still on after it was removed.",
            "Check the customer's partner relationships in the Microsoft 365 admin center; the customer can remove DAP there too.");

        /// <summary>A GDAP command without a Microsoft Graph token.</summary>
        public static PartnerException GraphNotConnected(string operation, string? reason) => Create(
            PartnerErrorId.GraphNotConnected, PartnerErrorCategory.AuthenticationError, operation,
            $"{operation} needs Microsoft Graph, and this connection has no Graph token" + (string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason!.TrimEnd('.') + "."),
            GraphConnectAdvice);

        /// <summary>
        /// A request failure built the one way for both services, named for Microsoft Graph: its ErrorId (GraphThrottled
        /// for PartnerCenterThrottled...), and the service and ids its message and advice mention.
        /// </summary>
        internal static PartnerException AsGraph(PartnerException error)
        {
            const string Prefix = "PartnerCenter";
            var errorId = error.ErrorId.StartsWith(Prefix, StringComparison.Ordinal) ? PartnerErrorId.GraphPrefix + error.ErrorId.Substring(Prefix.Length) : error.ErrorId;
            string Rename(string text) => text
                .Replace("MS-RequestId and MS-CorrelationId", "client-request-id")
                .Replace("Partner Center's", "Microsoft Graph's")
                .Replace("Partner Center", "Microsoft Graph");
            var renamed = Create(errorId, error.Category, error.Target, Rename(error.Message),
                error.RecommendedAction == null ? null : Rename(error.RecommendedAction), error.InnerException, error.Service);
            foreach (System.Collections.DictionaryEntry entry in error.Data)
            {
                renamed.Data[entry.Key] = entry.Value;
            }

            return renamed;
        }

        private static string At(DateTimeOffset? when) =>
            when is DateTimeOffset at ? string.Format(CultureInfo.InvariantCulture, " on {0:yyyy-MM-dd}", at.UtcDateTime) : string.Empty;
    }
}
