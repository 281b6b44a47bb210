namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>
    /// The store's schema, as forward-only migrations. PRAGMA user_version records how many have been applied;
    /// a store with a higher number was written by a newer module and is refused rather than guessed at.
    /// </summary>
    internal static class StoreSchema
    {
        /// <summary>Marks a database as this module's store (PRAGMA application_id), so a foreign SQLite file is never migrated.</summary>
        public const int ApplicationId = 0x50435231; // "PCR1"

        /// <summary>Migration N (1-based) brings the schema from version N-1 to N. Append only; never edit a shipped one.</summary>
        public static readonly string[] Migrations =
        {
            @"
CREATE TABLE partner (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    tenant_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    mpn_id        TEXT NOT NULL
);
CREATE TABLE customer (
    customer_id            TEXT PRIMARY KEY,
    company_name           TEXT NOT NULL COLLATE NOCASE,
    domain                 TEXT NOT NULL COLLATE NOCASE UNIQUE,
    relationship           TEXT NOT NULL,
    allow_delegated_access INTEGER NOT NULL,
    is_support_contact     INTEGER NOT NULL,
    can_purchase           INTEGER NOT NULL,
    relationship_changed_at TEXT
);
CREATE INDEX ix_customer_company_name ON customer (company_name, customer_id);
CREATE TABLE subscription (
    subscription_id     TEXT PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES customer (customer_id),
    offer_id            TEXT NOT NULL,
    offer_name          TEXT NOT NULL,
    friendly_name       TEXT NOT NULL,
    quantity            INTEGER NOT NULL,
    status              TEXT NOT NULL,
    billing_cycle       TEXT NOT NULL,
    commerce_type       TEXT NOT NULL,
    commitment_end_date TEXT
);
CREATE INDEX ix_subscription_customer ON subscription (customer_id, offer_name);
CREATE TABLE relationship_request (
    request_id    TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES customer (customer_id),
    url           TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    accepted_at   TEXT
);
CREATE INDEX ix_relationship_request_customer ON relationship_request (customer_id, status);
",
        };

        public static int CurrentVersion => Migrations.Length;
    }
}
