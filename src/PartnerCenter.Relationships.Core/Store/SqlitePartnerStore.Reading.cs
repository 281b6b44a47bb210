using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Store
{
    // Reading: the partner, customers (streamed, page by page when asked), subscriptions and requests.
    public sealed partial class SqlitePartnerStore
    {
        public PartnerInfo GetPartner() => _partner ??= Guard(() =>
        {
            using var reader = Reader("SELECT tenant_id, name, mpn_id FROM partner WHERE id = 1");
            if (!reader.Read())
            {
                throw PartnerErrors.StoreCorrupt(Path, new InvalidDataException("the partner record is missing"));
            }

            return new PartnerInfo { TenantId = Guid.Parse(reader.GetString(0)), Name = reader.GetString(1), MpnId = reader.GetString(2) };
        });

        public IEnumerable<Customer> GetCustomers(CustomerQuery query)
        {
            var sql = "SELECT " + CustomerColumns + " FROM customer";
            var parameters = new List<(string, object?)>();
            var conditions = new List<string>();
            if (query.CustomerIds != null)
            {
                conditions.Add("customer_id IN (SELECT value FROM json_each($ids))");
                parameters.Add(("$ids", "[" + string.Join(",", query.CustomerIds.Select(id => "\"" + Key(id) + "\"")) + "]"));
            }

            if (!string.IsNullOrEmpty(query.NamePrefix))
            {
                conditions.Add("company_name LIKE $name ESCAPE '\\'");
                parameters.Add(("$name", LikePrefix(query.NamePrefix!)));
            }

            if (!string.IsNullOrEmpty(query.DomainPrefix))
            {
                conditions.Add("domain LIKE $domain ESCAPE '\\'");
                parameters.Add(("$domain", LikePrefix(query.DomainPrefix!)));
            }

            if (query.CustomerIds == null && query.PageSize is int pageSize && pageSize > 0)
            {
                return StreamCustomerPages(sql, conditions, parameters, pageSize, query.PageRead);
            }

            if (conditions.Count > 0)
            {
                sql += " WHERE " + string.Join(" AND ", conditions);
            }

            sql += " ORDER BY company_name, customer_id";
            return Stream(sql, ReadCustomer, parameters.ToArray());
        }

        /// <summary>
        /// The same listing a statement at a time, each with a LIMIT and continuing after the last row of the one
        /// before (in the listing's order, which the company-name index gives without sorting), so a caller that
        /// stops early has had SQLite read little more than what it took.
        /// </summary>
        private IEnumerable<Customer> StreamCustomerPages(string select, List<string> conditions, List<(string, object?)> parameters, int pageSize, Action<int, int>? pageRead)
        {
            var limit = " ORDER BY company_name, customer_id LIMIT " + pageSize.ToString(CultureInfo.InvariantCulture);
            var first = select + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty) + limit;
            var next = select + " WHERE " + string.Join(" AND ", conditions.Append("(company_name, customer_id) > ($lastName, $lastId)")) + limit;
            Customer? last = null;
            var pages = 0;
            var read = 0;
            while (true)
            {
                var sql = last == null ? first : next;
                var arguments = last == null
                    ? parameters.ToArray()
                    : parameters.Append(("$lastName", (object?)last.Name)).Append(("$lastId", Key(last.CustomerId))).ToArray();
                var rows = 0;
                foreach (var customer in Stream(sql, ReadCustomer, arguments))
                {
                    rows++;
                    read++;
                    last = customer;
                    yield return customer;
                }

                pageRead?.Invoke(++pages, read);
                if (rows < pageSize)
                {
                    yield break;
                }
            }
        }

        public Customer? GetCustomer(Guid customerId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + CustomerColumns + " FROM customer WHERE customer_id = $id", ("$id", Key(customerId)));
            return reader.Read() ? ReadCustomer(reader) : null;
        });

        /// <summary>
        /// Read whole, not streamed: a customer has few subscriptions, and an open reader would keep a later pipeline
        /// stage's commits from being checkpointed out of the write-ahead log.
        /// </summary>
        public IEnumerable<Subscription> GetSubscriptions(Guid customerId) => Guard(() =>
        {
            var subscriptions = new List<Subscription>();
            using var reader = Reader("SELECT " + SubscriptionColumns + " FROM subscription WHERE customer_id = $customer ORDER BY offer_name, subscription_id",
                ("$customer", Key(customerId)));
            while (reader.Read())
            {
                subscriptions.Add(ReadSubscription(reader));
            }

            return subscriptions;
        });

        public Subscription? GetSubscription(Guid customerId, Guid subscriptionId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + SubscriptionColumns + " FROM subscription WHERE subscription_id = $id AND customer_id = $customer",
                ("$id", Key(subscriptionId)), ("$customer", Key(customerId)));
            return reader.Read() ? ReadSubscription(reader) : null;
        });

        public Subscription? GetSubscriptionById(Guid subscriptionId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + SubscriptionColumns + " FROM subscription WHERE subscription_id = $id", ("$id", Key(subscriptionId)));
            return reader.Read() ? ReadSubscription(reader) : null;
        });

        /// <summary>The store keeps the count on the plan itself (New-PartnerSubscription -ActiveAzureSubscriptions).</summary>
        public int CountActiveAzureSubscriptions(Subscription azurePlan) =>
            GetSubscription(azurePlan.CustomerId, azurePlan.SubscriptionId)?.ActiveAzureSubscriptions ?? 0;

        public RelationshipRequest? GetRelationshipRequest(Guid requestId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + RequestColumns + " FROM relationship_request r JOIN customer c ON c.customer_id = r.customer_id WHERE r.request_id = $id",
                ("$id", Key(requestId)));
            return reader.Read() ? ReadRequest(reader) : null;
        });

        public RelationshipRequest? FindPendingRelationshipRequest(Guid customerId) => Guard(() =>
        {
            using var reader = Reader("SELECT " + RequestColumns + " FROM relationship_request r JOIN customer c ON c.customer_id = r.customer_id " +
                "WHERE r.customer_id = $customer AND r.status = $pending ORDER BY r.created_at LIMIT 1",
                ("$customer", Key(customerId)), ("$pending", RelationshipRequestStatus.Pending));
            return reader.Read() ? ReadRequest(reader) : null;
        });

        public PartnerStoreInfo GetStoreInfo()
        {
            var partner = GetPartner();
            return Guard(() => new PartnerStoreInfo
            {
                Path = Path,
                SchemaVersion = StoreSchema.CurrentVersion,
                PartnerName = partner.Name,
                PartnerTenantId = partner.TenantId,
                CustomerCount = Convert.ToInt64(ExecuteScalar("SELECT count(*) FROM customer WHERE relationship <> 'None'"), CultureInfo.InvariantCulture),
                SubscriptionCount = Convert.ToInt64(ExecuteScalar("SELECT count(*) FROM subscription"), CultureInfo.InvariantCulture),
            });
        }

        private static string Key(Guid id) => id.ToString("D");

        private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

        private static string? TimestampText(DateTimeOffset? moment) => moment is DateTimeOffset value ? Timestamp(value) : null;

        private static string LikePrefix(string prefix) =>
            prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

        private static Customer ReadCustomer(SqliteDataReader reader) => new Customer
        {
            CustomerId = Guid.Parse(reader.GetString(0)),
            Name = reader.GetString(1),
            Domain = reader.GetString(2),
            RelationshipToPartner = RelationshipToPartner.Normalize(reader.GetString(3)),
            AllowDelegatedAccess = reader.GetBoolean(4),
            IsSupportContact = reader.GetBoolean(5),
            CanPurchase = reader.GetBoolean(6),
        };

        private static Subscription ReadSubscription(SqliteDataReader reader) => new Subscription
        {
            CustomerId = Guid.Parse(reader.GetString(0)),
            SubscriptionId = Guid.Parse(reader.GetString(1)),
            OfferId = reader.GetString(2),
            OfferName = reader.GetString(3),
            FriendlyName = reader.GetString(4),
            Quantity = reader.GetInt32(5),
            Status = SubscriptionStatus.Normalize(reader.GetString(6)),
            BillingCycle = BillingCycle.Normalize(reader.GetString(7)),
            CommerceType = CommerceType.Normalize(reader.GetString(8)),
            CommitmentEndDate = ReadDate(reader, 9),
            TermDuration = reader.GetString(10),
            AutoRenewEnabled = reader.GetBoolean(11),
            CancellationAllowedUntil = ReadMoment(reader, 12),
            CreationDate = ReadMoment(reader, 13),
            BillingType = BillingType.Normalize(reader.GetString(14)),
            ParentSubscriptionId = reader.IsDBNull(15) ? (Guid?)null : Guid.Parse(reader.GetString(15)),
            ActiveAzureSubscriptions = reader.IsDBNull(16) ? (int?)null : reader.GetInt32(16),
        };

        private static DateTime? ReadDate(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
            ? (DateTime?)null
            : DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

        private static DateTime? ReadMoment(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
            ? (DateTime?)null
            : DateTime.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        /// <summary>A moment written by <see cref="Timestamp"/>, with its offset; null for NULL.</summary>
        private static DateTimeOffset? ReadOffset(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
            ? (DateTimeOffset?)null
            : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        private static RelationshipRequest ReadRequest(SqliteDataReader reader) => new RelationshipRequest
        {
            RequestId = Guid.Parse(reader.GetString(0)),
            CustomerId = Guid.Parse(reader.GetString(1)),
            CustomerName = reader.GetString(2),
            Domain = reader.GetString(3),
            Url = reader.GetString(4),
            Status = RelationshipRequestStatus.Normalize(reader.GetString(5)),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            AcceptedAt = ReadOffset(reader, 7),
        };
    }
}
