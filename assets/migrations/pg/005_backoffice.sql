-- migrations/pg/005_backoffice.sql — what every part of the back office shares (SPEC 2,
-- 5.1): the units an officer works in, and the append-only audit trail.  Parallel to
-- migrations/sqlite/005_backoffice.sql.

-- An officer works in the units listed here; an officer without rows works in every unit
-- of their instansi.  Inboxes and counts filter by it.
CREATE TABLE account_unit (
    account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    unit_id    BIGINT NOT NULL REFERENCES unit_kerja(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, unit_id)
);

-- The audit trail (domain/proses/audit.c): one row per action, never updated or deleted.
-- Each row's hash is the SHA-256 of its fields and the previous row's hash, so a changed,
-- removed or inserted row breaks the chain at that row (`loket audit verify`).  Ids are
-- given by audit_head, not by a sequence, so they are gap-free in chain order.  No
-- foreign keys: the trail outlives what it mentions.
CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    account_id  BIGINT,
    instansi_id BIGINT,
    action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 60),
    object_type TEXT NOT NULL CHECK (length(object_type) BETWEEN 1 AND 40),
    object_id   BIGINT,
    detail      TEXT,
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_object_idx ON audit_log(object_type, object_id, id);
CREATE INDEX audit_log_instansi_idx ON audit_log(instansi_id, id);

-- The head of the chain: one row, updated by every append in the appender's transaction,
-- which serialises appends (its row lock on PostgreSQL, the write lock on SQLite).
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT NOT NULL,
    last_hash TEXT NOT NULL CHECK (length(last_hash) = 64)
);
INSERT INTO audit_head (id, last_id, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
