using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.AdminRelationships;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Store
{
    // Delegated admin access: GDAP relationships (standing in for Microsoft Graph) and legacy DAP on the customer.
    public sealed partial class SqlitePartnerStore
    {
        /// <summary>
        /// Graph finishes a termination on its own, a moment after it was asked for. The store stands in for that
        /// moment: long enough that Terminating is seen first, as with Graph, short enough that a command waiting for
        /// Terminated hardly waits.
        /// </summary>
        internal static readonly TimeSpan LocalTerminationDelay = TimeSpan.FromSeconds(1);

        private const string AdminRelationshipColumns =
            "relationship_id, customer_id, customer_name, display_name, status, role_definition_ids, duration, auto_extend_duration, " +
            "created_at, activated_at, end_at, last_modified_at, termination_requested_at, etag";

        /// <summary>
        /// One customer's relationships are read whole (a customer has few, and an open reader would hold back a
        /// later pipeline stage's commits); the partner's are streamed. Statuses are compared as they stand now, not
        /// in SQL: a stored status is out of date once an end or a termination has come due since the store was opened.
        /// </summary>
        public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query)
        {
            var statuses = query.Statuses?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(AdminRelationshipStatus.Normalize).ToList();
            var relationships = query.CustomerId is Guid customerId
                ? Stream("SELECT " + AdminRelationshipColumns + " FROM admin_relationship WHERE customer_id = $customer ORDER BY created_at, relationship_id",
                    ReadAdminRelationshipNow, ("$customer", Key(customerId))).ToList()
                : Stream("SELECT " + AdminRelationshipColumns + " FROM admin_relationship ORDER BY created_at, relationship_id", ReadAdminRelationshipNow);
            return statuses == null || statuses.Count == 0
                ? relationships
                : relationships.Where(r => statuses.Any(status => KnownValues.AreEqual(status, r.Status)));
        }

        public AdminRelationship? GetAdminRelationship(string relationshipId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + AdminRelationshipColumns + " FROM admin_relationship WHERE relationship_id = $id", ("$id", relationshipId));
            return reader.Read() ? ReadAdminRelationshipNow(reader) : null;
        });

        /// <summary>Written as asked (whether it may be terminated is the caller's rule), and kept even if the operation around it is undone.</summary>
        public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship)
        {
            var requestedAt = DateTimeOffset.UtcNow;
            var etag = NewETag();
            WriteTermination(relationship.RelationshipId, requestedAt, etag);
            KeepAfterUndo(() => WriteTermination(relationship.RelationshipId, requestedAt, etag));
            return new AdminRelationshipRequest { RequestId = Guid.NewGuid().ToString("D"), Action = "terminate", Status = "pending", CreatedDateTime = requestedAt };
        }

        private void WriteTermination(string relationshipId, DateTimeOffset requestedAt, string etag)
        {
            var rows = Guard(() => Execute(
                "UPDATE admin_relationship SET status = $status, termination_requested_at = $requested, last_modified_at = $requested, etag = $etag " +
                "WHERE relationship_id = $id",
                ("$status", AdminRelationshipStatus.Terminating), ("$requested", Timestamp(requestedAt)),
                ("$etag", etag), ("$id", relationshipId)));
            if (rows == 0)
            {
                throw PartnerErrors.AdminRelationshipNotFound(relationshipId);
            }
        }

        /// <summary>Deleted only as it was read: a relationship whose etag changed since is left, and the error says so.</summary>
        public void DeleteAdminRelationship(AdminRelationship relationship)
        {
            var rows = Guard(() => Execute("DELETE FROM admin_relationship WHERE relationship_id = $id AND etag = $etag",
                ("$id", relationship.RelationshipId), ("$etag", relationship.ETag)));
            if (rows == 0)
            {
                throw GetAdminRelationship(relationship.RelationshipId) is { } current
                    ? PartnerErrors.AdminRelationshipChanged(current)
                    : PartnerErrors.AdminRelationshipNotFound(relationship.RelationshipId);
            }
        }

        /// <summary>Only the customer can turn DAP on again, so the change is kept even if the operation around it is undone.</summary>
        public void RemoveDelegatedAdminAccess(Customer customer)
        {
            TurnOffDelegatedAdminAccess(customer.CustomerId);
            KeepAfterUndo(() => TurnOffDelegatedAdminAccess(customer.CustomerId));
        }

        private void TurnOffDelegatedAdminAccess(Guid customerId)
        {
            var rows = Guard(() => Execute("UPDATE customer SET allow_delegated_access = 0 WHERE customer_id = $id", ("$id", Key(customerId))));
            if (rows == 0)
            {
                throw PartnerErrors.CustomerNotFound(customerId);
            }
        }

        /// <summary>
        /// Recorded as given, with a new etag when it has none and the customer's company name when it names none.
        /// The model has no moment of termination: a terminating one was asked to end when it was last modified.
        /// </summary>
        public void AddAdminRelationship(AdminRelationship relationship)
        {
            _ = GetCustomer(relationship.CustomerId) ?? throw PartnerErrors.CustomerNotFound(relationship.CustomerId);
            if (FindAdminRelationshipClash(relationship) is { } existing)
            {
                throw PartnerErrors.AdminRelationshipAlreadyExists(relationship, existing);
            }

            var ending = AdminRelationshipStatus.IsEnding(relationship.Status) || KnownValues.AreEqual(relationship.Status, AdminRelationshipStatus.Terminated);
            Guard(() => Execute(
                "INSERT INTO admin_relationship (" + AdminRelationshipColumns + ") VALUES ($id, $customer, " +
                "coalesce(nullif($customerName, ''), (SELECT company_name FROM customer WHERE customer_id = $customer)), $name, $status, $roles, $duration, " +
                "$autoExtend, $created, $activated, $end, $modified, $terminationRequested, $etag)",
                ("$id", relationship.RelationshipId), ("$customer", Key(relationship.CustomerId)), ("$customerName", relationship.CustomerName),
                ("$name", relationship.DisplayName), ("$status", AdminRelationshipStatus.Normalize(relationship.Status)),
                ("$roles", string.Join(",", relationship.RoleDefinitionIds)), ("$duration", relationship.Duration), ("$autoExtend", relationship.AutoExtendDuration),
                ("$created", TimestampText(relationship.CreatedDateTime)), ("$activated", TimestampText(relationship.ActivatedDateTime)),
                ("$end", TimestampText(relationship.EndDateTime)), ("$modified", TimestampText(relationship.LastModifiedDateTime)),
                ("$terminationRequested", ending ? TimestampText(relationship.LastModifiedDateTime ?? DateTimeOffset.UtcNow) : null),
                ("$etag", relationship.ETag ?? NewETag())));
        }

        /// <summary>The relationship that has the id or the display name (whatever its case: the column compares without it) of a new one.</summary>
        private AdminRelationship? FindAdminRelationshipClash(AdminRelationship relationship) => Guard(() =>
        {
            using var reader = Reader("SELECT " + AdminRelationshipColumns + " FROM admin_relationship WHERE relationship_id = $id OR display_name = $name " +
                "ORDER BY relationship_id = $id DESC LIMIT 1",
                ("$id", relationship.RelationshipId), ("$name", relationship.DisplayName));
            return reader.Read() ? ReadAdminRelationshipNow(reader) : null;
        });

        /// <summary>
        /// Ends and terminations that came due since the store was last opened are saved as they are read, each with a
        /// new etag, as Graph would have changed them meanwhile. The partial indexes hold exactly the rows that can be due.
        /// </summary>
        private void CatchUpWithAdminRelationshipEnds()
        {
            var now = DateTimeOffset.UtcNow;
            var due = Stream(
                "SELECT " + AdminRelationshipColumns + " FROM admin_relationship WHERE status IN ('Active', 'Expiring') AND end_at <= $now " +
                "UNION ALL SELECT " + AdminRelationshipColumns + " FROM admin_relationship WHERE status IN ('TerminationRequested', 'Terminating') " +
                "AND termination_requested_at <= $settled",
                ReadAdminRelationshipNow, ("$now", Timestamp(now)), ("$settled", Timestamp(now - LocalTerminationDelay))).ToList();
            if (due.Count == 0)
            {
                return;
            }

            using var operation = BeginOperation();
            foreach (var after in due)
            {
                Execute("UPDATE admin_relationship SET status = $status, end_at = $end, last_modified_at = $modified, etag = $etag WHERE relationship_id = $id",
                    ("$status", after.Status), ("$end", TimestampText(after.EndDateTime)), ("$modified", TimestampText(after.LastModifiedDateTime)),
                    ("$etag", NewETag()), ("$id", after.RelationshipId));
            }

            operation.Complete();
        }

        /// <summary>The row as it stands now: a termination finished once the delay has passed, an end that has passed taken care of.</summary>
        private static AdminRelationship ReadAdminRelationshipNow(SqliteDataReader reader)
        {
            var stored = ReadAdminRelationship(reader);
            var now = DateTimeOffset.UtcNow;
            if (AdminRelationshipStatus.IsEnding(stored.Status) && ReadOffset(reader, 12) is DateTimeOffset requested && requested + LocalTerminationDelay <= now)
            {
                // Graph's endDateTime is when the relationship became terminated or expired.
                stored.Status = AdminRelationshipStatus.Terminated;
                stored.EndDateTime = requested + LocalTerminationDelay;
                stored.LastModifiedDateTime = stored.EndDateTime;
                return stored;
            }

            return AdminRelationshipTerms.AfterEnd(stored, now) ?? stored;
        }

        private static AdminRelationship ReadAdminRelationship(SqliteDataReader reader)
        {
            var roleIds = reader.GetString(5).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            return new AdminRelationship
            {
                RelationshipId = reader.GetString(0),
                CustomerId = Guid.Parse(reader.GetString(1)),
                CustomerName = reader.GetString(2),
                DisplayName = reader.GetString(3),
                Status = AdminRelationshipStatus.Normalize(reader.GetString(4)),
                RoleDefinitionIds = roleIds,
                Roles = roleIds.Select(AdminRoles.NameOf).ToArray(),
                Duration = reader.GetString(6),
                AutoExtendDuration = reader.GetString(7),
                CreatedDateTime = ReadOffset(reader, 8),
                ActivatedDateTime = ReadOffset(reader, 9),
                EndDateTime = ReadOffset(reader, 10),
                LastModifiedDateTime = ReadOffset(reader, 11),
                ETag = reader.GetString(13),
            };
        }

        /// <summary>An etag in Graph's weak form, new for every change.</summary>
        private static string NewETag() => "W/\"" + Guid.NewGuid().ToString("N") + "\"";
    }
}
