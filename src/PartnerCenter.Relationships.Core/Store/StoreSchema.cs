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
            // 2: what today's offboarding rules need. Subscriptions of a version-1 store get the term their billing
            // cycle implies and auto-renew on (Partner Center's default); their windows are unknown, so closed.
            @"
ALTER TABLE subscription ADD COLUMN term_duration TEXT NOT NULL DEFAULT '';
ALTER TABLE subscription ADD COLUMN auto_renew_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscription ADD COLUMN cancellation_allowed_until TEXT;
ALTER TABLE subscription ADD COLUMN creation_date TEXT;
ALTER TABLE subscription ADD COLUMN billing_type TEXT NOT NULL DEFAULT 'License';
ALTER TABLE subscription ADD COLUMN parent_subscription_id TEXT;
ALTER TABLE subscription ADD COLUMN active_azure_subscriptions INTEGER;
UPDATE subscription SET
    term_duration = CASE billing_cycle WHEN 'Annual' THEN 'P1Y' WHEN 'Triennial' THEN 'P3Y' ELSE 'P1M' END,
    auto_renew_enabled = 1
WHERE commerce_type = 'NewCommerce';
UPDATE subscription SET billing_type = 'Usage', active_azure_subscriptions = 0 WHERE offer_name = 'Azure plan';
CREATE INDEX ix_subscription_term_end ON subscription (commitment_end_date)
    WHERE commerce_type = 'NewCommerce' AND status IN ('Active', 'Suspended');
",
            // 3: GDAP relationships, as Graph holds them (an id that is a string, roles as their template ids, ISO 8601
            // durations). Display names are unique for the partner whatever their case, as Graph keeps them. The two
            // partial indexes hold exactly the rows whose end or termination can be due, as ix_subscription_term_end does.
            @"
CREATE TABLE admin_relationship (
    relationship_id          TEXT PRIMARY KEY,
    customer_id              TEXT NOT NULL REFERENCES customer (customer_id),
    customer_name            TEXT NOT NULL,
    display_name             TEXT NOT NULL COLLATE NOCASE UNIQUE,
    status                   TEXT NOT NULL,
    role_definition_ids      TEXT NOT NULL,
    duration                 TEXT NOT NULL,
    auto_extend_duration     TEXT NOT NULL,
    created_at               TEXT,
    activated_at             TEXT,
    end_at                   TEXT,
    last_modified_at         TEXT,
    termination_requested_at TEXT,
    etag                     TEXT NOT NULL
);
CREATE INDEX ix_admin_relationship_customer ON admin_relationship (customer_id, created_at, relationship_id);
CREATE INDEX ix_admin_relationship_created ON admin_relationship (created_at, relationship_id);
CREATE INDEX ix_admin_relationship_end ON admin_relationship (end_at) WHERE status IN ('Active', 'Expiring');
CREATE INDEX ix_admin_relationship_termination ON admin_relationship (termination_requested_at)
    WHERE status IN ('TerminationRequested', 'Terminating');
",
        };

        public static int CurrentVersion => Migrations.Length;
    }
}
