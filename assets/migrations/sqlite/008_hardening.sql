-- migrations/sqlite/008_hardening.sql — hardening (issue 9; docs/SECURITY.md).  Parallel to
-- the other database's 008_hardening.sql, statement for statement.

-- Addresses and devices an account logged in from (SHA-256 of "ip:<address>" or
-- "dev:<device cookie>"): the account-wide log-in throttle does not apply to them, so
-- guessing from elsewhere never locks the owner out (domain/akun/account.c).
CREATE TABLE login_known (
    account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    source     TEXT NOT NULL CHECK (length(source) = 64),
    last_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, source)
);

-- Installation-wide secrets shared by every `loket serve` (the key that signs the
-- anonymous forms' CSRF tokens): created by the first process that needs one.
CREATE TABLE app_secret (
    name  TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    value TEXT NOT NULL CHECK (length(value) BETWEEN 32 AND 200)
);
