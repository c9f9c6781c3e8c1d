-- migrations/sqlite/012_tarif.sql — retribution and complaints (SPEC 4.11, 4.13, 4.14,
-- 5.7): tarif versions per jenis izin with their items and price categories, the SKRD
-- assessment of an application with its lines, the payment record, and complaints with
-- their messages.  Parallel to migrations/pg/012_tarif.sql.

-- A version of a jenis izin's tarif.  Versions are never changed once written: an edit
-- writes a new one; an assessment uses the version in force on its date (the highest
-- berlaku_mulai not after it, then the highest version).  An empty formula means the sum
-- of every priced item's quantity × price.
CREATE TABLE tarif (
    id            INTEGER PRIMARY KEY,
    jenis_izin_id INTEGER NOT NULL REFERENCES jenis_izin(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    berlaku_mulai TEXT NOT NULL CHECK (length(berlaku_mulai) = 10),
    formula       TEXT NOT NULL DEFAULT '' CHECK (length(formula) <= 4000),
    catatan       TEXT CHECK (catatan IS NULL OR length(catatan) <= 2000),
    created_by    INTEGER REFERENCES account(id),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (jenis_izin_id, version)
);
CREATE INDEX tarif_berlaku_idx ON tarif(jenis_izin_id, berlaku_mulai, version);

-- An input of a tarif: 'harga' a priced item (the applicant enters a quantity, the price
-- comes from the chosen category), 'pilihan' an index table (the chosen category's value),
-- 'angka' a number typed in.  kode is the name the formula uses.
CREATE TABLE tarif_item (
    id        INTEGER PRIMARY KEY,
    tarif_id  INTEGER NOT NULL REFERENCES tarif(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    kode      TEXT NOT NULL CHECK (length(kode) BETWEEN 1 AND 40),
    nama      TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
    satuan    TEXT NOT NULL DEFAULT '' CHECK (length(satuan) <= 40),
    jenis     TEXT NOT NULL CHECK (jenis IN ('harga', 'pilihan', 'angka')),
    nilai_min TEXT NOT NULL DEFAULT '0',
    nilai_max TEXT NOT NULL DEFAULT '1000000000',
    UNIQUE (tarif_id, position),
    UNIQUE (tarif_id, kode)
);

-- The price categories of a priced item, or the rows of an index table; nilai is a
-- decimal in plain form ("1500000", "0.15").
CREATE TABLE tarif_kategori (
    item_id  INTEGER NOT NULL REFERENCES tarif_item(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    nama     TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
    nilai    TEXT NOT NULL CHECK (length(nilai) BETWEEN 1 AND 40),
    PRIMARY KEY (item_id, position)
);

-- The assessment (SKRD) of an application: computed from the inputs an officer entered
-- ('draf'), confirmed with its number, payment code and due date ('ditetapkan'), and paid
-- ('lunas').  total is in whole Rupiah.
CREATE TABLE retribusi (
    id               INTEGER PRIMARY KEY,
    permohonan_id    INTEGER NOT NULL UNIQUE REFERENCES permohonan(id) ON DELETE CASCADE,
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    tarif_id         INTEGER NOT NULL REFERENCES tarif(id),
    status           TEXT NOT NULL CHECK (status IN ('draf', 'ditetapkan', 'lunas')),
    masukan          TEXT NOT NULL DEFAULT '{}',
    total            INTEGER NOT NULL CHECK (total >= 0),
    nomor_skrd       TEXT UNIQUE,
    kode_bayar       TEXT UNIQUE,
    jatuh_tempo      TEXT,
    assessed_by      INTEGER REFERENCES account(id),
    assessed_at      TEXT NOT NULL,
    confirmed_by     INTEGER REFERENCES account(id),
    confirmed_at     TEXT,
    bukti_dokumen_id INTEGER REFERENCES dokumen(id),
    bukti_at         TEXT,
    CHECK ((status = 'draf') = (kode_bayar IS NULL))
);
CREATE INDEX retribusi_instansi_idx ON retribusi(instansi_id, status, confirmed_at);

CREATE TABLE retribusi_baris (
    retribusi_id INTEGER NOT NULL REFERENCES retribusi(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    uraian       TEXT NOT NULL,
    rincian      TEXT NOT NULL DEFAULT '',
    jumlah       TEXT NOT NULL,
    PRIMARY KEY (retribusi_id, position)
);

-- A payment the Bendahara recorded; its reference (bank or receipt number) may be used
-- once per instansi.
CREATE TABLE pembayaran (
    id            INTEGER PRIMARY KEY,
    retribusi_id  INTEGER NOT NULL UNIQUE REFERENCES retribusi(id) ON DELETE CASCADE,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    jumlah        INTEGER NOT NULL CHECK (jumlah > 0),
    referensi     TEXT NOT NULL CHECK (length(referensi) BETWEEN 3 AND 100),
    tanggal_bayar TEXT NOT NULL CHECK (length(tanggal_bayar) = 10),
    recorded_by   INTEGER NOT NULL REFERENCES account(id),
    recorded_at   TEXT NOT NULL,
    UNIQUE (instansi_id, referensi)
);

-- A complaint (Keluhan) to an instansi, by a logged-in applicant (account_id) or a public
-- visitor (account_id NULL, verified by an emailed link; the links of keluhan_token are
-- their keys to the complaint).  Status: belum_verifikasi → baru → diproses → selesai;
-- reopened within 10 days of selesai back to diproses.
CREATE TABLE keluhan (
    id               INTEGER PRIMARY KEY,
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    account_id       INTEGER REFERENCES account(id),
    nama             TEXT NOT NULL CHECK (length(nama) BETWEEN 2 AND 200),
    email            TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    kategori         TEXT NOT NULL CHECK (kategori IN ('pelayanan', 'persyaratan', 'waktu', 'biaya', 'sistem', 'lainnya')),
    isi              TEXT NOT NULL CHECK (length(isi) BETWEEN 10 AND 4000),
    permohonan_id    INTEGER REFERENCES permohonan(id),
    status           TEXT NOT NULL CHECK (status IN ('belum_verifikasi', 'baru', 'diproses', 'selesai')),
    lampiran_storage TEXT UNIQUE,
    lampiran_name    TEXT,
    lampiran_type    TEXT,
    lampiran_size    INTEGER,
    lampiran_sha256  TEXT,
    created_at       TEXT NOT NULL,
    verified_at      TEXT,
    first_answer_at  TEXT,
    selesai_at       TEXT,
    updated_at       TEXT NOT NULL
);
CREATE INDEX keluhan_instansi_idx ON keluhan(instansi_id, status, id);
CREATE INDEX keluhan_account_idx ON keluhan(account_id, id);

CREATE TABLE keluhan_pesan (
    id         INTEGER PRIMARY KEY,
    keluhan_id INTEGER NOT NULL REFERENCES keluhan(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    account_id INTEGER REFERENCES account(id),
    dari       TEXT NOT NULL CHECK (dari IN ('pelapor', 'petugas', 'sistem')),
    isi        TEXT NOT NULL CHECK (length(isi) BETWEEN 1 AND 4000)
);
CREATE INDEX keluhan_pesan_idx ON keluhan_pesan(keluhan_id, id);

-- The links a public visitor received (verification, each answer): only the SHA-256 of
-- each token is stored.
CREATE TABLE keluhan_token (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    keluhan_id INTEGER NOT NULL REFERENCES keluhan(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
