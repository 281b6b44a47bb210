using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>The embedded default backend: one SQLite file holding the partner, its customers, subscriptions, requests and GDAP relationships.</summary>
    public sealed partial class SqlitePartnerStore : ILocalPartnerStore
    {
        private const string CustomerColumns =
            "customer_id, company_name, domain, relationship, allow_delegated_access, is_support_contact, can_purchase";

        private const string SubscriptionColumns =
            "customer_id, subscription_id, offer_id, offer_name, friendly_name, quantity, status, billing_cycle, commerce_type, commitment_end_date, " +
            "term_duration, auto_renew_enabled, cancellation_allowed_until, creation_date, billing_type, parent_subscription_id, active_azure_subscriptions";

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

        public bool CanActAsUser => true;

        public IReadOnlyList<string> TakeVerboseMessages() => Array.Empty<string>();

        /// <summary>The store never throttles.</summary>
        public string? ThrottleWait => null;

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
            var fullPath = FullPath(path);
            PrepareFile(fullPath, createFolder, mustExist);
            NativeSqliteLibrary.EnsureLoaded();
            return Connect(fullPath, busyTimeoutMilliseconds);
        }

        private static string FullPath(string path)
        {
            if (StoreLocation.PathProblem(path) is { } problem)
            {
                throw PartnerErrors.InvalidStorePath(path, problem);
            }

            try
            {
                return System.IO.Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw PartnerErrors.InvalidStorePath(path, ex.Message);
            }
        }

        /// <summary>The store on its prepared file, its schema migrated; every failure on the way named as the module's error.</summary>
        private static SqlitePartnerStore Connect(string fullPath, int busyTimeoutMilliseconds)
        {
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

                PrepareFolder(fullPath, createFolder);
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

        private static void PrepareFolder(string fullPath, bool createFolder)
        {
            var folder = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (!createFolder)
                {
                    throw PartnerErrors.StoreFolderNotFound(fullPath);
                }

                Directory.CreateDirectory(folder);
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
            CatchUpWithTermEnds();
            CatchUpWithAdminRelationshipEnds();
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
            ExecuteNonQuery($"SELECT {AdminRelationshipColumns} FROM admin_relationship LIMIT 0");
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

        public IPartnerOperation BeginOperation()
        {
            if (_transaction != null)
            {
                return NestedOperation.Instance;
            }

            _transaction = Guard(() => _connection.BeginTransaction(deferred: false));
            return new StoreOperation(this);
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
    }
}
