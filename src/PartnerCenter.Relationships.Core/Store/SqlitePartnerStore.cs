using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>The embedded default backend: one SQLite file holding the partner, its customers, subscriptions and requests.</summary>
    public sealed class SqlitePartnerStore : ILocalPartnerStore
    {
        private const string CustomerColumns =
            "customer_id, company_name, domain, relationship, allow_delegated_access, is_support_contact, can_purchase";

        private const string SubscriptionColumns =
            "customer_id, subscription_id, offer_id, offer_name, friendly_name, quantity, status, billing_cycle, commerce_type, commitment_end_date";

        private const string RequestColumns =
            "r.request_id, r.customer_id, c.company_name, c.domain, r.url, r.status, r.created_at, r.accepted_at";

        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new Dictionary<string, SqliteCommand>();
        private SqliteTransaction? _transaction;
        private PartnerInfo? _partner;

        private SqlitePartnerStore(string path, SqliteConnection connection)
        {
            Path = path;
            _connection = connection;
        }

        public string Path { get; }

        public string Description => $"local store '{Path}'";

        /// <summary>A customer whose relationship was removed stays in the store, with its subscriptions, so it can be invited back.</summary>
        public BackendCapabilities Capabilities => BackendCapabilities.KeepsRemovedCustomers;

        public ILocalPartnerStore LocalStore => this;

        public bool CanActAsUser => true;

        public IReadOnlyList<string> TakeVerboseMessages() => Array.Empty<string>();

        /// <summary>
        /// Opens the store at <paramref name="path"/>, creating it (owner-only) unless it must exist already, and
        /// migrating its schema as needed. Every problem with the file is a <see cref="PartnerException"/> that names
        /// the path and what to do.
        /// </summary>
        public static SqlitePartnerStore Open(string path, bool createFolder = false, bool mustExist = false) =>
            Open(path, createFolder, mustExist, DefaultBusyTimeoutMilliseconds);

        /// <summary>How long a write waits for another session's write to finish before the store reports it is busy.</summary>
        internal const int DefaultBusyTimeoutMilliseconds = 5000;

        internal static SqlitePartnerStore Open(string path, bool createFolder, bool mustExist, int busyTimeoutMilliseconds)
        {
            if (StoreLocation.PathProblem(path) is { } problem)
            {
                throw PartnerErrors.InvalidStorePath(path, problem);
            }

            string fullPath;
            try
            {
                fullPath = System.IO.Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw PartnerErrors.InvalidStorePath(path, ex.Message);
            }

            PrepareFile(fullPath, createFolder, mustExist);
            NativeSqliteLibrary.EnsureLoaded();

            SqliteConnection? connection = null;
            try
            {
                connection = CreateConnection(fullPath, busyTimeoutMilliseconds);
                var store = new SqlitePartnerStore(fullPath, connection);
                store.Initialize(busyTimeoutMilliseconds);
                return store;
            }
            catch (SqliteException ex)
            {
                connection?.Dispose();
                throw Translate(ex, fullPath);
            }
            catch (PartnerException)
            {
                connection?.Dispose();
                throw;
            }
            catch (TypeInitializationException ex)
            {
                connection?.Dispose();
                var target = NativeSqliteLibrary.CurrentTarget();
                throw PartnerErrors.SqliteNativeLibraryMissing(NativeSqliteLibrary.LoadedFrom ?? target.FileName, target.RuntimeIdentifier, ex.InnerException ?? ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                connection?.Dispose();
                throw PartnerErrors.StoreUnavailable(fullPath, ex);
            }
        }

        private static void PrepareFile(string fullPath, bool createFolder, bool mustExist)
        {
            var folder = System.IO.Path.GetDirectoryName(fullPath);
            try
            {
                if (Directory.Exists(fullPath))
                {
                    throw PartnerErrors.StoreUnavailable(fullPath, new IOException("the path is a folder; give the path of a file"));
                }

                if (mustExist && !File.Exists(fullPath))
                {
                    throw PartnerErrors.StoreNotFound(fullPath);
                }

                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    if (!createFolder)
                    {
                        throw PartnerErrors.StoreFolderNotFound(fullPath);
                    }

                    Directory.CreateDirectory(folder);
                }

                if (!File.Exists(fullPath))
                {
                    PrivateFile.Create(fullPath);
                }
                else if ((File.GetAttributes(fullPath) & FileAttributes.ReadOnly) != 0)
                {
                    throw PartnerErrors.StoreReadOnly(fullPath);
                }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw PartnerErrors.StoreReadOnly(fullPath, ex);
            }
            catch (IOException ex)
            {
                throw PartnerErrors.StoreUnavailable(fullPath, ex);
            }
        }

        private static SqliteConnection CreateConnection(string fullPath, int busyTimeoutMilliseconds)
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWrite,
                // Each cmdlet opens and closes its own connection; pooling would keep the file open after the
                // command ends and after Disconnect-PartnerCenter.
                Pooling = false,
                // Microsoft.Data.Sqlite retries a busy database itself for this long, on top of SQLite's busy_timeout.
                DefaultTimeout = Math.Max(1, (busyTimeoutMilliseconds + 999) / 1000),
            };
            var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            return connection;
        }

        private void Initialize(int busyTimeoutMilliseconds)
        {
            ExecuteNonQuery("PRAGMA busy_timeout = " + busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture));
            ExecuteNonQuery("PRAGMA foreign_keys = ON");
            var applicationId = Convert.ToInt32(ExecuteScalar("PRAGMA application_id"), CultureInfo.InvariantCulture);
            var version = Convert.ToInt32(ExecuteScalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version > StoreSchema.CurrentVersion)
            {
                throw PartnerErrors.StoreSchemaTooNew(Path, version, StoreSchema.CurrentVersion);
            }

            var isEmpty = Convert.ToInt64(ExecuteScalar("SELECT count(*) FROM sqlite_master"), CultureInfo.InvariantCulture) == 0;
            if (applicationId != StoreSchema.ApplicationId && !(applicationId == 0 && isEmpty))
            {
                throw PartnerErrors.StoreCorrupt(Path, new InvalidDataException("it is a SQLite database of another application"));
            }

            // WAL lets a listing stream while a later pipeline stage writes; NORMAL sync is durable across crashes of
            // the process, and commits do not wait on the disk one by one.
            ExecuteScalar("PRAGMA journal_mode = WAL");
            ExecuteNonQuery("PRAGMA synchronous = NORMAL");
            for (var next = version; next < StoreSchema.CurrentVersion; next++)
            {
                Migrate(next + 1);
            }

            VerifySchema();
            if (version == 0)
            {
                using var operation = BeginOperation();
                Execute("INSERT INTO partner (id, tenant_id, name, mpn_id) VALUES (1, $tenant, $name, '0')",
                    ("$tenant", Guid.NewGuid().ToString("D")), ("$name", "Local Partner"));
                operation.Complete();
            }
        }

        /// <summary>
        /// Reads no row but names every table and column the module uses, so a store that lost one (a hand edit, a
        /// half-copied file) is StoreCorrupt when it is opened, not a puzzling failure in the middle of a command.
        /// </summary>
        private void VerifySchema()
        {
            ExecuteNonQuery("SELECT tenant_id, name, mpn_id FROM partner LIMIT 0");
            ExecuteNonQuery($"SELECT {CustomerColumns}, relationship_changed_at FROM customer LIMIT 0");
            ExecuteNonQuery($"SELECT {SubscriptionColumns} FROM subscription LIMIT 0");
            ExecuteNonQuery("SELECT request_id, customer_id, url, status, created_at, accepted_at FROM relationship_request LIMIT 0");
        }

        private void Migrate(int toVersion)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = StoreSchema.Migrations[toVersion - 1] +
                    $"; PRAGMA application_id = {StoreSchema.ApplicationId}; PRAGMA user_version = {toVersion};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        // ---- IPartnerBackend ----

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

        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus) => Guard(() =>
        {
            // One statement for the whole batch. The pairs go in as a JSON array: the first IN finds each row by its
            // primary key, the second (materialized once per statement) checks it belongs to the customer named with
            // it. RETURNING says which rows really changed.
            var pairs = new System.Text.StringBuilder("[");
            foreach (var subscription in subscriptions)
            {
                pairs.Append(pairs.Length > 1 ? "," : string.Empty)
                    .Append("{\"s\":\"").Append(Key(subscription.SubscriptionId)).Append("\",\"c\":\"").Append(Key(subscription.CustomerId)).Append("\"}");
            }

            var updated = new HashSet<Guid>();
            using var reader = Reader(
                "UPDATE subscription SET status = $status WHERE subscription_id IN (SELECT value ->> 's' FROM json_each($pairs)) " +
                "AND (subscription_id, customer_id) IN (SELECT value ->> 's', value ->> 'c' FROM json_each($pairs)) " +
                "AND status = $expected COLLATE NOCASE RETURNING subscription_id",
                ("$status", newStatus), ("$pairs", pairs.Append(']').ToString()), ("$expected", expectedStatus));
            while (reader.Read())
            {
                updated.Add(Guid.Parse(reader.GetString(0)));
            }

            return updated;
        });

        public void RemoveResellerRelationship(Customer customer) => SaveCustomerRelationship(customer);

        public void SaveCustomerRelationship(Customer customer) => Guard(() =>
            Execute("UPDATE customer SET relationship = $relationship, allow_delegated_access = $dap, is_support_contact = $support, " +
                    "can_purchase = $purchase, relationship_changed_at = $now WHERE customer_id = $id",
                ("$relationship", customer.RelationshipToPartner), ("$dap", customer.AllowDelegatedAccess),
                ("$support", customer.IsSupportContact), ("$purchase", customer.CanPurchase),
                ("$now", Timestamp(DateTimeOffset.UtcNow)), ("$id", Key(customer.CustomerId))));

        public string GetResellerInvitationUrl() => InvitationUrl.ForResellerRelationship(GetPartner());

        public RelationshipRequest CreateRelationshipRequest(Customer customer)
        {
            var request = new RelationshipRequest
            {
                RequestId = Guid.NewGuid(),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                Domain = customer.Domain,
                Url = GetResellerInvitationUrl(),
                Status = RelationshipRequestStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Guard(() => Execute("INSERT INTO relationship_request (request_id, customer_id, url, status, created_at) VALUES ($id, $customer, $url, $status, $created)",
                ("$id", Key(request.RequestId)), ("$customer", Key(customer.CustomerId)), ("$url", request.Url),
                ("$status", request.Status), ("$created", Timestamp(request.CreatedAt))));
            return request;
        }

        public IPartnerOperation BeginOperation()
        {
            if (_transaction != null)
            {
                return NestedOperation.Instance;
            }

            _transaction = Guard(() => _connection.BeginTransaction(deferred: false));
            return new StoreOperation(this);
        }

        // ---- ILocalPartnerStore ----

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

        public void AddCustomer(Customer customer) => Guard(() =>
            Execute("INSERT INTO customer (" + CustomerColumns + ") VALUES ($id, $name, $domain, $relationship, $dap, $support, $purchase)",
                ("$id", Key(customer.CustomerId)), ("$name", customer.Name), ("$domain", customer.Domain),
                ("$relationship", RelationshipToPartner.Normalize(customer.RelationshipToPartner)), ("$dap", customer.AllowDelegatedAccess),
                ("$support", customer.IsSupportContact), ("$purchase", customer.CanPurchase)));

        public void AddSubscription(Subscription subscription) => Guard(() =>
            Execute("INSERT INTO subscription (" + SubscriptionColumns + ") VALUES ($customer, $id, $offerId, $offerName, $friendly, $quantity, $status, $cycle, $commerce, $end)",
                ("$customer", Key(subscription.CustomerId)), ("$id", Key(subscription.SubscriptionId)), ("$offerId", subscription.OfferId),
                ("$offerName", subscription.OfferName), ("$friendly", subscription.FriendlyName), ("$quantity", subscription.Quantity),
                ("$status", subscription.Status), ("$cycle", subscription.BillingCycle), ("$commerce", subscription.CommerceType),
                ("$end", subscription.CommitmentEndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

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

        public void SaveRelationshipRequest(RelationshipRequest request) => Guard(() =>
            Execute("UPDATE relationship_request SET status = $status, accepted_at = $accepted WHERE request_id = $id",
                ("$status", request.Status), ("$accepted", request.AcceptedAt is { } at ? Timestamp(at) : null), ("$id", Key(request.RequestId))));

        public void ReplaceContent(PartnerInfo partner, IEnumerable<Customer> customers, IEnumerable<Subscription> subscriptions)
        {
            using var operation = BeginOperation();
            Guard(() =>
            {
                Execute("DELETE FROM relationship_request");
                Execute("DELETE FROM subscription");
                Execute("DELETE FROM customer");
                Execute("UPDATE partner SET tenant_id = $tenant, name = $name, mpn_id = $mpn WHERE id = 1",
                    ("$tenant", Key(partner.TenantId)), ("$name", partner.Name), ("$mpn", partner.MpnId));
                return 0;
            });
            _partner = null;
            foreach (var customer in customers)
            {
                AddCustomer(customer);
            }

            foreach (var subscription in subscriptions)
            {
                AddSubscription(subscription);
            }

            operation.Complete();
        }

        public void Dispose()
        {
            _transaction?.Dispose();
            _transaction = null;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            _connection.Dispose();
        }

        // ---- Plumbing ----

        private static string Key(Guid id) => id.ToString("D");

        private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

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
            CommitmentEndDate = reader.IsDBNull(9)
                ? (DateTime?)null
                : DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(9), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc),
        };

        private static RelationshipRequest ReadRequest(SqliteDataReader reader) => new RelationshipRequest
        {
            RequestId = Guid.Parse(reader.GetString(0)),
            CustomerId = Guid.Parse(reader.GetString(1)),
            CustomerName = reader.GetString(2),
            Domain = reader.GetString(3),
            Url = reader.GetString(4),
            Status = RelationshipRequestStatus.Normalize(reader.GetString(5)),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            AcceptedAt = reader.IsDBNull(7) ? (DateTimeOffset?)null : DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };

        /// <summary>
        /// A prepared command per statement text, reused with its parameters: SQLite then parses each statement once
        /// per connection. Every call site passes the same parameters in the same order for the same text.
        /// </summary>
        private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, _) in parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                _commands[sql] = command;
            }

            command.Transaction = _transaction;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return command;
        }

        private int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

        private void ExecuteNonQuery(string sql) => Command(sql, Array.Empty<(string, object?)>()).ExecuteNonQuery();

        private object? ExecuteScalar(string sql) => Command(sql, Array.Empty<(string, object?)>()).ExecuteScalar();

        private SqliteDataReader Reader(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteReader();

        /// <summary>Rows streamed one by one, with SQLite failures translated as they surface mid-stream.</summary>
        private IEnumerable<T> Stream<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
        {
            // A streaming reader gets a command of its own: the cached one may be needed while this one is still open.
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            using var reader = Guard(() => command.ExecuteReader());
            while (Guard(() => reader.Read()))
            {
                yield return read(reader);
            }
        }

        private T Guard<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, Path);
            }
        }

        private static PartnerException Translate(SqliteException ex, string path) => ex.SqliteErrorCode switch
        {
            8 => PartnerErrors.StoreReadOnly(path, ex),                  // SQLITE_READONLY
            11 or 26 => PartnerErrors.StoreCorrupt(path, ex),             // SQLITE_CORRUPT, SQLITE_NOTADB
            // SQLITE_CANTOPEN: SQLite says "unable to open database file" for a file it cannot open for writing too.
            14 when File.Exists(path) && !CanOpenForWriting(path) => PartnerErrors.StoreReadOnly(path, ex),
            // SQLITE_ERROR from the schema check: a table or column of the store is missing.
            1 when ex.Message.IndexOf("no such", StringComparison.OrdinalIgnoreCase) >= 0 => PartnerErrors.StoreCorrupt(path, ex),
            _ => PartnerErrors.StoreUnavailable(path, ex),
        };

        /// <summary>Asked only once SQLite has failed: a read-only file system or file refuses a writer.</summary>
        private static bool CanOpenForWriting(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private sealed class StoreOperation : IPartnerOperation
        {
            private readonly SqlitePartnerStore _store;
            private bool _done;

            public StoreOperation(SqlitePartnerStore store) => _store = store;

            /// <summary>A transaction undoes everything or nothing: rolled back now, the cause is the whole story.</summary>
            public PartnerException Undo(PartnerException cause)
            {
                Dispose();
                return cause;
            }

            public void Complete()
            {
                _store.Guard(() =>
                {
                    _store._transaction!.Commit();
                    return 0;
                });
                Finish();
            }

            public void Dispose()
            {
                if (!_done)
                {
                    try
                    {
                        _store._transaction?.Rollback();
                    }
                    finally
                    {
                        Finish();
                    }
                }
            }

            private void Finish()
            {
                _done = true;
                _store._transaction?.Dispose();
                _store._transaction = null;
            }
        }

        /// <summary>An operation inside another: the outer one decides whether everything is kept.</summary>
        private sealed class NestedOperation : IPartnerOperation
        {
            public static readonly NestedOperation Instance = new NestedOperation();

            public void Complete()
            {
            }

            public PartnerException Undo(PartnerException cause) => cause;

            public void Dispose()
            {
            }
        }
    }
}
