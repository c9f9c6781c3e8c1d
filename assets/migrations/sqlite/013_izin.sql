-- migrations/sqlite/013_izin.sql — issued permits (SPEC 4.7, 4.12, 4.15, 5.5): the
-- instansi's signing keys (public halves only: private keys live in DATA/keys), the
-- permits with their signature, per-jenis-izin permit templates, the expiry reminders
-- sent, the scheduled jobs several serve processes share, the satisfaction survey, and
-- the link from a renewal or change to the permit it starts from.  Parallel to
-- migrations/pg/013_izin.sql.

-- A signing key of an instansi (Ed25519).  One 'aktif' key per instansi signs new
-- permits; 'diganti' keys (rotated out) still verify what they signed; 'dicabut' keys
-- (revoked) verify nothing.
CREATE TABLE izin_key (
    id            INTEGER PRIMARY KEY,
    kid           TEXT NOT NULL UNIQUE CHECK (length(kid) = 8),
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    public_key    TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64),
    status        TEXT NOT NULL CHECK (status IN ('aktif', 'diganti', 'dicabut')),
    created_at    TEXT NOT NULL,
    retired_at    TEXT,
    revoked_at    TEXT,
    revoke_reason TEXT
);
CREATE UNIQUE INDEX izin_key_aktif_idx ON izin_key(instansi_id) WHERE status = 'aktif';

-- The permit template of a jenis izin: a title and paragraphs with {placeholders}
-- (domain/izin/izin_pdf.h).  A jenis izin without a row uses the built-in one.
CREATE TABLE izin_template (
    jenis_izin_id INTEGER PRIMARY KEY REFERENCES jenis_izin(id) ON DELETE CASCADE,
    judul         TEXT NOT NULL CHECK (length(judul) BETWEEN 1 AND 200),
    isi           TEXT NOT NULL CHECK (length(isi) BETWEEN 1 AND 20000),
    updated_at    TEXT NOT NULL
);

-- An issued permit.  The public fields are copied as issued (a renamed jenis izin or
-- office does not change a signed permit); `signature` covers their canonical form
-- (docs/izin-signature.md).  Status 'berlaku' or 'dicabut'; kedaluwarsa is read from
-- berlaku_sampai (NULL: no expiry).  The PDF is DATA/izin/<pdf_storage_name>; its copy in
-- the holder's Dokumen (a second link to the same file) may be deleted from the locker.
CREATE TABLE izin (
    id               INTEGER PRIMARY KEY,
    permohonan_id    INTEGER NOT NULL UNIQUE REFERENCES permohonan(id),
    account_id       INTEGER NOT NULL REFERENCES account(id),
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    unit_id          INTEGER NOT NULL REFERENCES unit_kerja(id),
    jenis_izin_id    INTEGER NOT NULL REFERENCES jenis_izin(id),
    jenis_permohonan TEXT NOT NULL CHECK (jenis_permohonan IN ('baru', 'perpanjangan', 'perubahan')),
    nomor            TEXT NOT NULL UNIQUE,
    kode             TEXT NOT NULL UNIQUE CHECK (length(kode) = 9),
    jenis_izin_name  TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    wilayah_code     TEXT NOT NULL,
    pemegang         TEXT NOT NULL,
    tipe_pemohon     TEXT NOT NULL CHECK (tipe_pemohon IN ('perorangan', 'perusahaan')),
    lokasi_nama      TEXT NOT NULL DEFAULT '',
    lokasi_alamat    TEXT NOT NULL DEFAULT '',
    data_teknis      TEXT NOT NULL DEFAULT '[]',
    berlaku_dari     TEXT NOT NULL CHECK (length(berlaku_dari) = 10),
    berlaku_sampai   TEXT CHECK (berlaku_sampai IS NULL OR length(berlaku_sampai) = 10),
    signer_id        INTEGER NOT NULL REFERENCES account(id),
    signer_nama      TEXT NOT NULL,
    signer_nip       TEXT NOT NULL DEFAULT '',
    signer_jabatan   TEXT NOT NULL DEFAULT '',
    issued_at        TEXT NOT NULL,
    kid              TEXT NOT NULL REFERENCES izin_key(kid),
    signature        TEXT NOT NULL CHECK (length(signature) = 128),
    status           TEXT NOT NULL DEFAULT 'berlaku' CHECK (status IN ('berlaku', 'dicabut')),
    revoked_at       TEXT,
    revoked_by       INTEGER REFERENCES account(id),
    revoke_reason    TEXT,
    izin_lama_id     INTEGER REFERENCES izin(id),
    dokumen_id       INTEGER REFERENCES dokumen(id) ON DELETE SET NULL,
    pdf_storage_name TEXT NOT NULL UNIQUE
);
CREATE INDEX izin_account_idx ON izin(account_id, id);
CREATE INDEX izin_expiry_idx ON izin(status, berlaku_sampai);

-- What an instansi chose about its permits: the days before berlaku sampai on which a
-- reminder is mailed, and whether the survey must be answered before the download.
CREATE TABLE izin_setting (
    instansi_id     INTEGER PRIMARY KEY REFERENCES instansi(id) ON DELETE CASCADE,
    reminder_days   TEXT NOT NULL DEFAULT '30,7' CHECK (length(reminder_days) BETWEEN 0 AND 40),
    survei_required INTEGER NOT NULL DEFAULT 0 CHECK (survei_required IN (0, 1))
);

-- One row per reminder mailed: the primary key makes a second send impossible, from
-- any process, across restarts.
CREATE TABLE izin_pengingat (
    izin_id     INTEGER NOT NULL REFERENCES izin(id) ON DELETE CASCADE,
    days_before INTEGER NOT NULL CHECK (days_before BETWEEN 1 AND 365),
    sent_at     TEXT NOT NULL,
    PRIMARY KEY (izin_id, days_before)
);

-- Scheduled jobs shared by every serve process: a process runs a job when it moves
-- next_run_at forward (an UPDATE … WHERE next_run_at <= now that only one process wins).
CREATE TABLE job_schedule (
    name        TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    next_run_at BIGINT NOT NULL,
    last_run_at BIGINT,
    last_result TEXT
);
INSERT INTO job_schedule (name, next_run_at) VALUES ('izin_pengingat', 0);

-- Survei Kepuasan Masyarakat (PermenPANRB 14/2017): nine unsur scored 1–4, one answer
-- per permit.  bulan is the WIB month of the answer, for the index per month.
CREATE TABLE survei (
    id            INTEGER PRIMARY KEY,
    izin_id       INTEGER NOT NULL UNIQUE REFERENCES izin(id) ON DELETE CASCADE,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    jenis_izin_id INTEGER NOT NULL REFERENCES jenis_izin(id),
    u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
    komentar      TEXT CHECK (komentar IS NULL OR length(komentar) <= 1000),
    bulan         TEXT NOT NULL CHECK (length(bulan) = 7),
    created_at    TEXT NOT NULL
);
CREATE INDEX survei_report_idx ON survei(instansi_id, bulan, jenis_izin_id);

-- Perpanjangan / Perubahan started from a permit in Izin refer to it; a free-text
-- nomor_izin_lama (a permit from before Loket) leaves this NULL and is shown as not
-- verified.
ALTER TABLE permohonan ADD COLUMN izin_lama_id INTEGER REFERENCES izin(id);
