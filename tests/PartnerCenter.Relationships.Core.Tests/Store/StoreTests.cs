using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests.Store
{
    public sealed class StoreTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("pcr-store-").FullName;

        public void Dispose()
        {
            foreach (var file in Directory.GetFiles(_folder))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(_folder, recursive: true);
        }

        private string NewPath(string name = "partner.db") => Path.Combine(_folder, name);

        [Fact]
        public void NewStore_IsMigratedToTheCurrentSchema_WithWalAndForeignKeys()
        {
            var path = NewPath();
            using (var store = SqlitePartnerStore.Open(path))
            {
                Assert.Equal(StoreSchema.CurrentVersion, store.GetStoreInfo().SchemaVersion);
                Assert.NotEqual(Guid.Empty, store.GetPartner().TenantId);
            }

            using var raw = OpenRaw(path);
            Assert.Equal((long)StoreSchema.CurrentVersion, Scalar(raw, "PRAGMA user_version"));
            Assert.Equal((long)StoreSchema.ApplicationId, Scalar(raw, "PRAGMA application_id"));
            Assert.Equal("wal", Scalar(raw, "PRAGMA journal_mode"));
        }

        [Fact]
        public void AVersion1Store_IsMigrated_ItsNewCommerceSubscriptionsGetTermAndAutoRenew_WithTheirWindowsClosed()
        {
            var path = NewPath();
            using (var v1 = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                v1.Open();
                using var command = v1.CreateCommand();
                command.CommandText = StoreSchema.Migrations[0] +
                    $"; PRAGMA application_id = {StoreSchema.ApplicationId}; PRAGMA user_version = 1;" +
                    "INSERT INTO partner VALUES (1, '" + Guid.NewGuid() + "', 'P', '0');" +
                    "INSERT INTO customer VALUES ('11111111-1111-4111-8111-111111111111', 'Contoso', 'contoso.onmicrosoft.com', 'Reseller', 1, 1, 1, NULL);" +
                    "INSERT INTO subscription VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', 'CFQ7TTC0LFLX:0001', 'Microsoft 365 E3', 'E3', 5, 'Active', 'Annual', 'NewCommerce', '2099-01-31');" +
                    "INSERT INTO subscription VALUES ('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', 'X', 'Office 365 E3', 'E3', 5, 'Active', 'Monthly', 'Legacy', '2099-01-31');";
                command.ExecuteNonQuery();
            }

            using var store = SqlitePartnerStore.Open(path);
            Assert.Equal(StoreSchema.CurrentVersion, store.GetStoreInfo().SchemaVersion);
            var nce = store.GetSubscriptionById(Guid.Parse("22222222-2222-4222-8222-222222222222"))!;
            Assert.Equal(("P1Y", true, (DateTime?)null, BillingType.License), (nce.TermDuration, nce.AutoRenewEnabled, nce.CancellationAllowedUntil, nce.BillingType));
            var legacy = store.GetSubscriptionById(Guid.Parse("33333333-3333-4333-8333-333333333333"))!;
            Assert.Equal((string.Empty, false), (legacy.TermDuration, legacy.AutoRenewEnabled));
        }

        [Fact]
        public void AVersion2Store_IsMigrated_KeepingItsContent_AndGetsGdapRelationships_WithDisplayNamesUniqueWhateverTheirCase()
        {
            var path = NewPath();
            using (var v2 = OpenRaw(path))
            {
                Scalar(v2, StoreSchema.Migrations[0] + StoreSchema.Migrations[1] +
                    $"; PRAGMA application_id = {StoreSchema.ApplicationId}; PRAGMA user_version = 2;" +
                    "INSERT INTO partner VALUES (1, '" + Guid.NewGuid() + "', 'P', '0');" +
                    "INSERT INTO customer VALUES ('11111111-1111-4111-8111-111111111111', 'Contoso', 'contoso.onmicrosoft.com', 'Reseller', 1, 1, 1, NULL);");
            }

            using (var store = SqlitePartnerStore.Open(path))
            {
                Assert.Equal(3, store.GetStoreInfo().SchemaVersion);
                Assert.True(store.GetCustomer(Guid.Parse("11111111-1111-4111-8111-111111111111"))!.AllowDelegatedAccess);
                Assert.Empty(store.GetAdminRelationships(new AdminRelationshipQuery()));
            }

            using var raw = OpenRaw(path);
            Assert.Equal(3L, Scalar(raw, "PRAGMA user_version"));
            Assert.Equal(4L, Scalar(raw, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'admin_relationship' AND name LIKE 'ix_%'"));
            const string Insert = "INSERT INTO admin_relationship (relationship_id, customer_id, customer_name, display_name, status, role_definition_ids, duration, " +
                "auto_extend_duration, etag) VALUES ('{0}', '11111111-1111-4111-8111-111111111111', 'Contoso', '{1}', 'Active', '', 'P730D', 'PT0S', 'e')";
            Scalar(raw, string.Format(Insert, "a", "Contoso admin"));
            var clash = Assert.Throws<SqliteException>(() => Scalar(raw, string.Format(Insert, "b", "CONTOSO ADMIN")));
            Assert.Contains("UNIQUE", clash.Message);
        }

        [Fact]
        public void OpeningAStore_CatchesUpWithTermsThatEnded_RenewingOrExpiring()
        {
            var path = NewPath();
            Guid renewing, expiring, suspended;
            using (var store = SqlitePartnerStore.Open(path))
            {
                var customer = new CustomerCreation(store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso", Domain = "contoso.onmicrosoft.com" });
                var purchase = new SubscriptionPurchase(store);
                var longAgo = DateTime.UtcNow.AddDays(-45);
                SubscriptionOrder Order(bool autoRenew) => new SubscriptionOrder
                {
                    CustomerId = customer.CustomerId, OfferName = "Power BI Pro", TermDuration = "P1M", AutoRenewEnabled = autoRenew,
                    CreationDate = longAgo, CommitmentEndDate = DateTime.UtcNow.AddDays(30),
                };
                renewing = purchase.Purchase(Order(true)).SubscriptionId;
                expiring = purchase.Purchase(Order(false)).SubscriptionId;
                suspended = purchase.Purchase(Order(true)).SubscriptionId;
                var s = store.GetSubscriptionById(suspended)!;
                store.UpdateSubscriptionStatuses(new[] { s }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
            }

            // Time passes: the terms end.
            using (var raw = OpenRaw(path))
            {
                Scalar(raw, "UPDATE subscription SET commitment_end_date = '" + DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd") + "'");
            }

            using var again = SqlitePartnerStore.Open(path);
            var renewed = again.GetSubscriptionById(renewing)!;
            Assert.Equal(SubscriptionStatus.Active, renewed.Status);
            Assert.True(renewed.CommitmentEndDate > DateTime.UtcNow);
            Assert.True(CommitmentTerms.IsCancellationWindowOpen(renewed, DateTime.UtcNow));
            Assert.Equal(SubscriptionStatus.Expired, again.GetSubscriptionById(expiring)!.Status);
            Assert.Equal(SubscriptionStatus.Disabled, again.GetSubscriptionById(suspended)!.Status);
        }

        [Fact]
        public void ACancellationInsideAnOperationThatIsUndone_IsKept_AsPartnerCenterKeepsIt()
        {
            var path = NewPath();
            using var store = SqlitePartnerStore.Open(path);
            var customer = new CustomerCreation(store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso", Domain = "contoso.onmicrosoft.com" });
            var purchase = new SubscriptionPurchase(store);
            var cancelled = purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Microsoft 365 E3" });
            var suspended = purchase.Purchase(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = "Office 365 E3", CommerceType = CommerceType.Legacy });
            using (var operation = store.BeginOperation())
            {
                store.UpdateSubscriptionStatuses(new[] { suspended }, SubscriptionStatus.Active, SubscriptionStatus.Suspended);
                store.UpdateSubscriptionStatuses(new[] { cancelled }, SubscriptionStatus.Active, SubscriptionStatus.Deleted);
                operation.Undo(PartnerErrors.InvalidArgument("-X", 1, "test"));
            }

            Assert.Equal(SubscriptionStatus.Active, store.GetSubscriptionById(suspended.SubscriptionId)!.Status);
            Assert.Equal(SubscriptionStatus.Deleted, store.GetSubscriptionById(cancelled.SubscriptionId)!.Status);
        }

        [Fact]
        public void ReopeningAStore_KeepsItsContentAndPartner()
        {
            var path = NewPath();
            Guid partner;
            using (var store = SqlitePartnerStore.Open(path))
            {
                partner = store.GetPartner().TenantId;
                new CustomerCreation(store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso", Domain = "contoso.onmicrosoft.com" });
            }

            using var again = SqlitePartnerStore.Open(path);
            Assert.Equal(partner, again.GetPartner().TenantId);
            Assert.Equal(1, again.GetStoreInfo().CustomerCount);
        }

        [Fact]
        public void ForeignKeys_AreEnforced()
        {
            using var store = SqlitePartnerStore.Open(NewPath());
            var orphan = new Subscription { CustomerId = Guid.NewGuid(), SubscriptionId = Guid.NewGuid(), OfferId = "x", OfferName = "x", FriendlyName = "x", Quantity = 1 };

            var error = Assert.Throws<PartnerException>(() => store.AddSubscription(orphan));

            Assert.Equal(PartnerErrorId.StoreUnavailable, error.ErrorId);
            Assert.Null(store.GetSubscriptionById(orphan.SubscriptionId));
        }

        [Fact]
        public void StoreFromANewerVersion_IsRefused_AndLeftUntouched()
        {
            var path = NewPath();
            using (SqlitePartnerStore.Open(path))
            {
            }

            using (var raw = OpenRaw(path))
            {
                Scalar(raw, "PRAGMA user_version = 99");
            }

            var before = File.ReadAllBytes(path);
            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.StoreSchemaTooNew, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidData, error.Category);
            Assert.Contains(path, error.Message);
            Assert.Contains("99", error.Message);
            Assert.Contains("Update the PartnerCenter.Relationships module", error.RecommendedAction);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void CorruptFile_IsAClearError()
        {
            var path = NewPath();
            File.WriteAllText(path, "this is not a database, just some text that someone saved here by mistake......................................");

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.StoreCorrupt, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidData, error.Category);
            Assert.Equal(path, error.Target);
            Assert.Contains(path, error.Message);
        }

        [Fact]
        public void ADatabaseOfAnotherApplication_IsNeverMigrated()
        {
            var path = NewPath("other.db");
            using (var raw = OpenRaw(path))
            {
                Scalar(raw, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
            }

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.StoreCorrupt, error.ErrorId);
            Assert.Contains("another application", error.Message);
            using var check = OpenRaw(path);
            Assert.Equal(0L, Scalar(check, "PRAGMA user_version"));
            Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master"));
        }

        [Fact]
        public void ReadOnlyFile_IsAClearError()
        {
            var path = NewPath();
            using (SqlitePartnerStore.Open(path))
            {
            }

            File.SetAttributes(path, FileAttributes.ReadOnly);

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.StoreReadOnly, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.PermissionDenied, error.Category);
            Assert.Contains(path, error.Message);
        }

        [Fact]
        public void MissingFolder_IsAClearError_UnlessAskedToCreateIt()
        {
            var path = Path.Combine(_folder, "missing", "partner.db");

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));
            Assert.Equal(PartnerErrorId.StoreFolderNotFound, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, error.Category);
            Assert.Contains(path, error.Message);
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

            using var store = SqlitePartnerStore.Open(path, createFolder: true);
            Assert.True(File.Exists(path));
        }

        [Fact]
        public void AStoreThatMustExist_IsNotCreated()
        {
            var path = NewPath("typo.db");

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path, mustExist: true));

            Assert.Equal(PartnerErrorId.StoreNotFound, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.ObjectNotFound, error.Category);
            Assert.Contains("Initialize-PartnerStore -StorePath", error.RecommendedAction);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void AFolderGivenAsTheStorePath_IsAClearError()
        {
            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(_folder));

            Assert.Equal(PartnerErrorId.StoreUnavailable, error.ErrorId);
            Assert.Contains("folder", error.Message);
        }

        [Fact]
        public void NewStoreFile_IsReadableByItsOwnerOnly()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return; // Windows has no Unix mode; the per-user folder's ACL protects it.
            }

            var path = NewPath();
            using (SqlitePartnerStore.Open(path))
            {
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        [Fact]
        public void OperationNotCompleted_LeavesTheStoreAsItWas()
        {
            var path = NewPath();
            using var store = SqlitePartnerStore.Open(path);
            using (store.BeginOperation())
            {
                store.AddCustomer(new Customer { CustomerId = Guid.NewGuid(), Name = "Ghost", Domain = "ghost.onmicrosoft.com", RelationshipToPartner = RelationshipToPartner.Reseller });
            }

            Assert.Empty(new CustomerLookup(store).List(CustomerQuery.All));
        }

        [Fact]
        public void CustomersListedPageByPage_AreTheSameListing()
        {
            using var t = new TestStore();
            LocalStoreSetup.FillWithSampleData(t.Store, 120, seed: 1, replaceExisting: true);
            new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso", Domain = "contoso-two.onmicrosoft.com" });
            new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "CONTOSO", Domain = "contoso-three.onmicrosoft.com" });
            var pages = new System.Collections.Generic.List<(int Pages, int Read)>();

            var whole = t.Store.GetCustomers(new CustomerQuery()).Select(c => c.CustomerId).ToList();
            var paged = t.Store.GetCustomers(new CustomerQuery { PageSize = 7, PageRead = (p, r) => pages.Add((p, r)) }).Select(c => c.CustomerId).ToList();
            var pagedByPrefix = t.Store.GetCustomers(new CustomerQuery { NamePrefix = "Con", PageSize = 2 }).Select(c => c.CustomerId).ToList();

            Assert.Equal(122, whole.Count);
            Assert.Equal(whole, paged);
            Assert.Equal(18, pages.Count);
            Assert.Equal((18, 122), pages[^1]);
            Assert.Equal(t.Store.GetCustomers(new CustomerQuery { NamePrefix = "Con" }).Select(c => c.CustomerId), pagedByPrefix);
        }

        [Fact]
        public void SampleData_IsDeterministic_AndStartsWithContoso()
        {
            var first = SampleDataGenerator.Generate(50, seed: 7);
            var second = SampleDataGenerator.Generate(50, seed: 7);
            var other = SampleDataGenerator.Generate(50, seed: 8);

            Assert.Equal(first.Customers.Select(c => (c.CustomerId, c.Name, c.Domain)), second.Customers.Select(c => (c.CustomerId, c.Name, c.Domain)));
            Assert.Equal(first.Subscriptions.Select(s => (s.SubscriptionId, s.Status, s.OfferName)), second.Subscriptions.Select(s => (s.SubscriptionId, s.Status, s.OfferName)));
            Assert.NotEqual(first.Customers[0].CustomerId, other.Customers[0].CustomerId);
            Assert.Equal(new[] { "Contoso", "Contoso Pharmaceuticals" }, first.Customers.Take(2).Select(c => c.Name));
            Assert.Equal(50, first.Customers.Select(c => c.Domain).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Contains(first.Subscriptions, s => s.CommerceType == CommerceType.Legacy);
            Assert.Contains(first.Subscriptions, s => s.CommerceType == CommerceType.NewCommerce);
            Assert.True(first.Subscriptions.Select(s => s.Status).Distinct().Count() >= 3);
            Assert.Equal(2, first.Subscriptions.Count(s => s.CustomerId == first.Customers[0].CustomerId && s.Status == SubscriptionStatus.Active));
        }

        [Fact]
        public void SampleData_FillsAStore_OnlyWhenEmptyOrForced()
        {
            using var store = SqlitePartnerStore.Open(NewPath());
            var info = LocalStoreSetup.FillWithSampleData(store, 30, seed: 1, replaceExisting: false);
            Assert.Equal(30, info.CustomerCount);
            Assert.Equal("Tailwind Cloud Partners", info.PartnerName);

            var error = Assert.Throws<PartnerException>(() => LocalStoreSetup.FillWithSampleData(store, 5, seed: 1, replaceExisting: false));
            Assert.Equal(PartnerErrorId.StoreAlreadyInitialized, error.ErrorId);
            Assert.Equal(5, LocalStoreSetup.FillWithSampleData(store, 5, seed: 1, replaceExisting: true).CustomerCount);
        }

        [Theory]
        [InlineData("a\0b.db", "NUL")]
        [InlineData("", "empty")]
        [InlineData("  ", "empty")]
        public void StorePath_ThatIsNoPath_IsInvalidStorePath(string path, string problem)
        {
            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path));

            Assert.Equal(PartnerErrorId.InvalidStorePath, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Equal(path, error.Target);
            Assert.Contains(problem, error.Message);
            Assert.False(error.Message.Contains('\0'), "the message holds a NUL character");
        }

        [Theory]
        [InlineData("admin_relationship", null)]
        [InlineData("admin_relationship", "etag")]
        [InlineData("relationship_request", null)]
        [InlineData("subscription", null)]
        [InlineData("customer", "can_purchase")]
        public void StoreMissingATableOrColumn_IsStoreCorrupt_WhenOpened(string table, string? column)
        {
            using var t = new TestStore();
            var path = t.Path;
            t.Store.Dispose();
            using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                raw.Open();
                using var command = raw.CreateCommand();
                command.CommandText = "PRAGMA foreign_keys = OFF; " + (column == null ? $"DROP TABLE {table};" : $"ALTER TABLE {table} DROP COLUMN {column};");
                command.ExecuteNonQuery();
            }

            var error = Assert.Throws<PartnerException>(() => SqlitePartnerStore.Open(path, mustExist: true));

            Assert.Equal(PartnerErrorId.StoreCorrupt, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidData, error.Category);
            Assert.Equal(path, error.Target);
            Assert.Contains(column ?? table, error.Message);
        }

        private static SqliteConnection OpenRaw(string path)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        private static object? Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }
}
