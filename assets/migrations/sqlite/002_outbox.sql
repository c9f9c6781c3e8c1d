-- migrations/sqlite/002_outbox.sql — the durable mail outbox (SPEC 6).
-- A mail is inserted in the same transaction as the change that causes it, so it exists
-- if and only if that change committed; the mailer (domain/mailer.c) delivers it later
-- and retries with backoff.  Parallel to migrations/pg/002_outbox.sql.
-- Times the mailer compares (next_attempt_at, claimed_until) are BIGINT unix seconds, as
-- in 003; created_at and sent_at, only shown, follow 001.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    -- The office that sent it (NULL: the installation itself); kept when one is deleted.
    instansi_id     INTEGER REFERENCES instansi(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),   -- 'verifikasi', ...
    to_addr         TEXT NOT NULL CHECK (length(to_addr) BETWEEN 3 AND 254),
    subject         TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 250),
    body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 65536),   -- text/plain UTF-8
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at BIGINT NOT NULL,
    -- A sender that took the mail owns it until then; after a crash another takes it over.
    claimed_until   BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at         TEXT,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- What the mailer asks every second: pending mails that are due.  Partial, so the
-- growing pile of sent mail never enters it.
CREATE INDEX outbox_due_idx ON outbox(next_attempt_at) WHERE status = 'pending';
