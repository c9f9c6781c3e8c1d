-- migrations/sqlite/004_permohonan.sql — what applicants keep and submit (SPEC 4.6–4.9,
-- 5.2, 5.4): companies, the document locker, workflows per jenis izin × jenis permohonan,
-- number counters, applications with their requirement rows, workflow steps and event
-- history.  Parallel to migrations/pg/004_permohonan.sql.
-- Files live under data_dir/files/<storage_name>, a name chosen by Loket.

-- The applicant's companies (tab Perusahaan).
CREATE TABLE perusahaan (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    nama           TEXT NOT NULL CHECK (length(nama) BETWEEN 2 AND 200),
    bentuk_usaha   TEXT NOT NULL CHECK (bentuk_usaha IN ('PT', 'CV', 'Firma', 'Koperasi', 'UD', 'Yayasan', 'Perseorangan', 'Lainnya')),
    nib            TEXT CHECK (nib IS NULL OR length(nib) = 13),
    npwp           TEXT,
    alamat         TEXT NOT NULL,
    provinsi_code  TEXT NOT NULL REFERENCES wilayah(code),
    kabupaten_code TEXT NOT NULL REFERENCES wilayah(code),
    kecamatan_code TEXT NOT NULL REFERENCES wilayah(code),
    desa_code      TEXT NOT NULL REFERENCES wilayah(code),
    telepon        TEXT,
    email          TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX perusahaan_account_idx ON perusahaan(account_id, nama);

-- The document locker (tab Dokumen).  A document used by a submitted application is never
-- deleted; a new version replaces it (replaces_id) and the old row stays for that
-- application.  deleted_at hides a document from the locker.
CREATE TABLE dokumen (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    jenis_dokumen  TEXT NOT NULL CHECK (length(jenis_dokumen) BETWEEN 1 AND 200),
    nomor          TEXT,
    berlaku_dari   TEXT,
    berlaku_sampai TEXT,
    file_name      TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    storage_name   TEXT NOT NULL UNIQUE,
    content_type   TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size           INTEGER NOT NULL CHECK (size > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    replaces_id    INTEGER REFERENCES dokumen(id),
    deleted_at     TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX dokumen_account_idx ON dokumen(account_id, deleted_at, id);

-- A workflow per jenis izin × jenis permohonan; changing one makes a new version and
-- applications in flight keep theirs (SPEC 5.2).
CREATE TABLE workflow (
    id               INTEGER PRIMARY KEY,
    jenis_izin_id    INTEGER NOT NULL REFERENCES jenis_izin(id) ON DELETE CASCADE,
    jenis_permohonan TEXT NOT NULL CHECK (jenis_permohonan IN ('baru', 'perpanjangan', 'perubahan')),
    version          INTEGER NOT NULL CHECK (version >= 1),
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (jenis_izin_id, jenis_permohonan, version)
);

CREATE TABLE workflow_step (
    id          INTEGER PRIMARY KEY,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role_key    TEXT NOT NULL REFERENCES role(key),
    kind        TEXT NOT NULL CHECK (kind IN ('verifikasi_berkas', 'data_teknis', 'tinjau_lapangan', 'rekomendasi',
                                              'hitung_retribusi', 'konfirmasi_pembayaran', 'penetapan',
                                              'tanda_tangan', 'penyerahan')),
    sla_days    INTEGER NOT NULL CHECK (sla_days BETWEEN 0 AND 365),
    UNIQUE (workflow_id, position)
);

-- Gap-free counters for numbering (SPEC 5.4): one row per unit, year and kind, bumped in
-- the transaction that uses the number.
CREATE TABLE number_counter (
    unit_id INTEGER NOT NULL REFERENCES unit_kerja(id) ON DELETE CASCADE,
    year    INTEGER NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('permohonan', 'izin')),
    value   INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (unit_id, year, kind)
);

-- An application: a draft until Buat, then numbered and in its workflow.
CREATE TABLE permohonan (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES account(id),
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    unit_id          INTEGER REFERENCES unit_kerja(id),
    jenis_izin_id    INTEGER REFERENCES jenis_izin(id),
    jenis_permohonan TEXT NOT NULL DEFAULT 'baru' CHECK (jenis_permohonan IN ('baru', 'perpanjangan', 'perubahan')),
    nomor_izin_lama  TEXT,
    tipe_pemohon     TEXT NOT NULL DEFAULT 'perorangan' CHECK (tipe_pemohon IN ('perorangan', 'perusahaan')),
    perusahaan_id    INTEGER REFERENCES perusahaan(id),
    lokasi_nama      TEXT,
    lokasi_alamat    TEXT,
    data_teknis      TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'diajukan', 'diproses', 'perbaikan', 'ditolak', 'selesai')),
    nomor            TEXT UNIQUE,
    workflow_id      INTEGER REFERENCES workflow(id),
    submitted_at     TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((status = 'draft') = (nomor IS NULL))
);
CREATE INDEX permohonan_account_idx ON permohonan(account_id, status, id);
CREATE INDEX permohonan_instansi_idx ON permohonan(instansi_id, status, id);

-- One row per requirement that applies to the application's jenis permohonan.
CREATE TABLE permohonan_syarat (
    permohonan_id  INTEGER NOT NULL REFERENCES permohonan(id) ON DELETE CASCADE,
    persyaratan_id INTEGER NOT NULL REFERENCES persyaratan(id),
    dokumen_id     INTEGER REFERENCES dokumen(id),
    terpenuhi      INTEGER NOT NULL DEFAULT 0 CHECK (terpenuhi IN (0, 1)),
    PRIMARY KEY (permohonan_id, persyaratan_id)
);

-- The application's copy of its workflow's steps, with their state and SLA clock.
CREATE TABLE permohonan_step (
    id            INTEGER PRIMARY KEY,
    permohonan_id INTEGER NOT NULL REFERENCES permohonan(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    role_key      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    sla_days      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('menunggu', 'berjalan', 'selesai')),
    started_at    TEXT,
    due_at        TEXT,
    finished_at   TEXT,
    finished_by   INTEGER REFERENCES account(id),
    UNIQUE (permohonan_id, position)
);

-- Everything that happened to an application: who, when, what, note.
CREATE TABLE permohonan_event (
    id            INTEGER PRIMARY KEY,
    permohonan_id INTEGER NOT NULL REFERENCES permohonan(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    account_id    INTEGER REFERENCES account(id),
    role_key      TEXT,
    kind          TEXT NOT NULL,
    note          TEXT
);
CREATE INDEX permohonan_event_idx ON permohonan_event(permohonan_id, id);

-- Holidays for working-day SLAs (SPEC 3: calendar per instansi); instansi_id NULL is a
-- national holiday.  Saturdays and Sundays are never working days.
CREATE TABLE hari_libur (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER REFERENCES instansi(id) ON DELETE CASCADE,
    tanggal     TEXT NOT NULL CHECK (length(tanggal) = 10),
    nama        TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX hari_libur_idx ON hari_libur(COALESCE(instansi_id, 0), tanggal);
