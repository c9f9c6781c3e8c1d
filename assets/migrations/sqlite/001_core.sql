-- migrations/sqlite/001_core.sql — master data (SPEC 3): the wilayah of Indonesia and the
-- service catalogue (instansi, unit kerja, jenis izin with settings per jenis permohonan,
-- persyaratan with optional blank forms, data teknis fields).
-- Kept statement-for-statement parallel to migrations/pg/001_core.sql; the differences are
-- only types (INTEGER PRIMARY KEY vs identity), timestamp defaults, collations and the
-- trigram index PostgreSQL gets for name search.
-- Conventions: ids are 64-bit integers; booleans are INTEGER 0/1 with a CHECK; timestamps
-- are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC), which sort correctly as text.

-- Provinsi (level 1, "19"), kabupaten/kota (2, "19.71"), kecamatan (3, "19.71.01"),
-- desa/kelurahan (4, "19.71.01.1001").  Written only by `loket import-wilayah`.
CREATE TABLE wilayah (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 13),
    parent_code TEXT REFERENCES wilayah(code),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_lower  TEXT NOT NULL,           -- ASCII-lowercased name, what search matches
    CHECK ((level = 1) = (parent_code IS NULL))
);
-- Children of a region ordered by name (the cascading pickers).
CREATE INDEX wilayah_parent_idx ON wilayah(parent_code, name);
-- Covers a substring search (name_lower LIKE '%q%'): SQLite scans this narrow index
-- instead of the table (measured ~5 ms over 83,800 rows) and uses it for prefix ranges.
CREATE INDEX wilayah_name_idx ON wilayah(name_lower, level, code);

-- A regional government using Loket (a tenant), keyed by its wilayah.
CREATE TABLE instansi (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    wilayah_code TEXT NOT NULL UNIQUE REFERENCES wilayah(code),
    office_name  TEXT NOT NULL CHECK (length(office_name) BETWEEN 1 AND 200),
    address      TEXT,
    phone        TEXT,
    email        TEXT,
    auto_approve INTEGER NOT NULL DEFAULT 0 CHECK (auto_approve IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE unit_kerja (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id) ON DELETE CASCADE,
    slug        TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (instansi_id, slug),
    UNIQUE (id, instansi_id)             -- target of jenis_izin's (unit, instansi) key
);

-- A blank form an applicant downloads, fills in and uploads back.  The file lives at
-- data_dir/forms/<storage_name>; storage_name is chosen by Loket, never by a user.
CREATE TABLE blank_form (
    id           INTEGER PRIMARY KEY,
    storage_name TEXT NOT NULL UNIQUE CHECK (length(storage_name) BETWEEN 1 AND 100),
    file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A permit type (or a non-permit service) offered by a unit.
CREATE TABLE jenis_izin (
    id                INTEGER PRIMARY KEY,
    instansi_id       INTEGER NOT NULL,
    unit_id           INTEGER NOT NULL,
    slug              TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_description TEXT NOT NULL DEFAULT '',
    description       TEXT,
    is_izin           INTEGER NOT NULL DEFAULT 1 CHECK (is_izin IN (0, 1)),
    document_type     TEXT NOT NULL CHECK (length(document_type) BETWEEN 1 AND 200),
    gratis            INTEGER NOT NULL DEFAULT 1 CHECK (gratis IN (0, 1)),
    tarif_formula     TEXT CHECK (tarif_formula IS NULL OR length(tarif_formula) <= 1000),
    tarif_note        TEXT,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (instansi_id, slug),
    FOREIGN KEY (unit_id, instansi_id) REFERENCES unit_kerja(id, instansi_id),
    CHECK (gratis = 0 OR tarif_formula IS NULL)
);
CREATE INDEX jenis_izin_unit_idx ON jenis_izin(unit_id, name);

-- Per jenis izin × jenis permohonan: whether it can be applied for, its SLA, validity of
-- the permit issued and the numbering formats (SPEC 5.4).
CREATE TABLE jenis_izin_setting (
    jenis_izin_id            INTEGER NOT NULL REFERENCES jenis_izin(id) ON DELETE CASCADE,
    jenis_permohonan         TEXT NOT NULL CHECK (jenis_permohonan IN ('baru', 'perpanjangan', 'perubahan')),
    enabled                  INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    sla_days                 INTEGER NOT NULL CHECK (sla_days BETWEEN 0 AND 365),
    validity_value           INTEGER NOT NULL DEFAULT 0 CHECK (validity_value BETWEEN 0 AND 1000),
    validity_unit            TEXT NOT NULL DEFAULT 'tahun' CHECK (validity_unit IN ('hari', 'bulan', 'tahun')),
    number_format_permohonan TEXT NOT NULL CHECK (length(number_format_permohonan) BETWEEN 1 AND 100),
    number_format_izin       TEXT CHECK (number_format_izin IS NULL OR length(number_format_izin) BETWEEN 1 AND 100),
    PRIMARY KEY (jenis_izin_id, jenis_permohonan)
);

CREATE TABLE persyaratan (
    id                  INTEGER PRIMARY KEY,
    jenis_izin_id       INTEGER NOT NULL REFERENCES jenis_izin(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL CHECK (position >= 1),
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description         TEXT,
    wajib               INTEGER NOT NULL DEFAULT 1 CHECK (wajib IN (0, 1)),
    applies_baru        INTEGER NOT NULL DEFAULT 1 CHECK (applies_baru IN (0, 1)),
    applies_perpanjangan INTEGER NOT NULL DEFAULT 1 CHECK (applies_perpanjangan IN (0, 1)),
    applies_perubahan   INTEGER NOT NULL DEFAULT 1 CHECK (applies_perubahan IN (0, 1)),
    accepted_types      TEXT NOT NULL DEFAULT 'pdf' CHECK (length(accepted_types) BETWEEN 1 AND 50),
    blank_form_id       INTEGER REFERENCES blank_form(id),
    UNIQUE (jenis_izin_id, position),
    CHECK (applies_baru + applies_perpanjangan + applies_perubahan >= 1)
);

-- Typed extra fields an application of this jenis izin carries (SPEC 3, 4.8).  `key` is
-- also the name a tarif formula uses for the value.
CREATE TABLE data_teknis_field (
    id            INTEGER PRIMARY KEY,
    jenis_izin_id INTEGER NOT NULL REFERENCES jenis_izin(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 1),
    key           TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
    label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    type          TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'select', 'textarea')),
    required      INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    options       TEXT,                  -- select: 'A|B|C'
    unit          TEXT,
    help          TEXT,
    UNIQUE (jenis_izin_id, position),
    UNIQUE (jenis_izin_id, key),
    CHECK ((type = 'select') = (options IS NOT NULL))
);
