-- migrations/sqlite/003_accounts.sql — people and their sessions (SPEC 2, 4.1–4.5):
-- accounts of applicants (pemohon) and officers (petugas), officers' roles, the applicant
-- profile from the registration wizard, server-side wizard drafts, sessions, single-use
-- email tokens and log-in throttling.  Parallel to migrations/pg/003_accounts.sql.
-- Times that are compared (expiry, locks) are BIGINT unix seconds; the rest follow 001.

-- Roles are data: workflow steps (later) refer to them by key.
CREATE TABLE role (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
);
INSERT INTO role (key, name) VALUES
    ('admin_instansi', 'Admin Instansi'), ('front_office', 'Front Office'),
    ('verifikator', 'Verifikator'), ('tim_teknis', 'Tim Teknis'), ('bendahara', 'Bendahara'),
    ('penandatangan', 'Penandatangan'), ('penyerahan', 'Penyerahan');

-- An applicant goes menunggu (registered) → disetujui (approved, verification mail sent)
-- → aktif (verified, credentials sent), or ditolak.  Officers are created aktif.
CREATE TABLE account (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('pemohon', 'petugas', 'superadmin')),
    username             TEXT NOT NULL CHECK (length(username) BETWEEN 3 AND 30),
    username_lower       TEXT NOT NULL,
    email                TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_lower          TEXT NOT NULL,
    nama                 TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
    instansi_id          INTEGER REFERENCES instansi(id),
    status               TEXT NOT NULL CHECK (status IN ('menunggu', 'disetujui', 'aktif', 'ditolak', 'nonaktif')),
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         BIGINT NOT NULL DEFAULT 0,
    reject_reason        TEXT,
    nip                  TEXT,
    jabatan              TEXT,
    decided_by           INTEGER REFERENCES account(id),
    decided_at           TEXT,
    verified_at          TEXT,
    last_login_at        TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (kind = 'superadmin' OR instansi_id IS NOT NULL)
);
-- A rejected registration frees its username and email for a new attempt.
CREATE UNIQUE INDEX account_username_idx ON account(username_lower) WHERE status <> 'ditolak';
CREATE UNIQUE INDEX account_email_idx ON account(email_lower) WHERE status <> 'ditolak';
-- The Front Office queue: applicants of an instansi by status, oldest first.
CREATE INDEX account_queue_idx ON account(instansi_id, kind, status, id);

CREATE TABLE account_role (
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    role_id    INTEGER NOT NULL REFERENCES role(id),
    PRIMARY KEY (account_id, role_id)
);

-- What the registration wizard collected.  The identity scan lives at
-- data_dir/files/<identity_file>, a name chosen by Loket, outside any public path.
CREATE TABLE pemohon_profile (
    account_id     INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
    tipe_identitas TEXT NOT NULL CHECK (tipe_identitas IN ('KTP', 'SIM', 'PASSPORT')),
    no_identitas   TEXT NOT NULL CHECK (length(no_identitas) BETWEEN 5 AND 30),
    jenis_kelamin  TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    pekerjaan      TEXT NOT NULL,
    tempat_lahir   TEXT NOT NULL,
    tanggal_lahir  TEXT NOT NULL,
    npwp           TEXT,
    identity_file  TEXT NOT NULL,
    identity_mime  TEXT NOT NULL CHECK (identity_mime IN ('image/jpeg', 'image/png', 'application/pdf')),
    identity_name  TEXT NOT NULL,
    telepon        TEXT NOT NULL,
    hp             TEXT NOT NULL,
    alamat         TEXT NOT NULL,
    provinsi_code  TEXT NOT NULL REFERENCES wilayah(code),
    kabupaten_code TEXT NOT NULL REFERENCES wilayah(code),
    kecamatan_code TEXT NOT NULL REFERENCES wilayah(code),
    desa_code      TEXT NOT NULL REFERENCES wilayah(code),
    kode_pos       TEXT NOT NULL CHECK (length(kode_pos) = 5)
);

-- Sessions: the cookie holds a random token, only its SHA-256 is stored.  Anonymous
-- sessions (account_id NULL) carry the CSRF token of the log-in and registration forms.
CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
    account_id   INTEGER REFERENCES account(id) ON DELETE CASCADE,
    csrf         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX session_account_idx ON session(account_id);
CREATE INDEX session_expiry_idx ON session(expires_at);

-- The registration wizard's draft, kept server-side between steps (works without
-- JavaScript).  data is a JSON object of the fields typed so far.
CREATE TABLE registration_draft (
    session_hash  TEXT PRIMARY KEY REFERENCES session(id_hash) ON DELETE CASCADE,
    step          INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4),
    data          TEXT NOT NULL,
    identity_file TEXT,
    identity_mime TEXT,
    identity_name TEXT,
    updated_at    BIGINT NOT NULL
);

-- Single-use links sent by email; only the SHA-256 of the token is stored.
CREATE TABLE email_token (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verifikasi', 'reset')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_token_account_idx ON email_token(account_id, purpose);

-- Failed log-ins per client address (per account is on account itself).
CREATE TABLE login_throttle (
    client         TEXT PRIMARY KEY CHECK (length(client) BETWEEN 1 AND 64),
    failures       INTEGER NOT NULL,
    last_failed_at BIGINT NOT NULL,
    locked_until   BIGINT NOT NULL DEFAULT 0
);
