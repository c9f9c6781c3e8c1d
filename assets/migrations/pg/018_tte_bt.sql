-- migrations/pg/018_tte_bt.sql — the rest of the electronic signatures (issue 14,
-- docs/tte.md): the timestamp of a permit's PAdES signature (baseline B-T), the signer's
-- image in the visible signature block, and the officer's NIK for the remote signing
-- service.  Parallel to migrations/sqlite/018_tte_bt.sql.

-- The signature's RFC 3161 timestamp: its time and the timestamp authority's name; NULL
-- for a permit signed without one.
ALTER TABLE izin ADD COLUMN tte_ts_at TEXT;
ALTER TABLE izin ADD COLUMN tte_tsa TEXT;

-- The officer's NIK (16 digits), optional: the remote signing service identifies a
-- signer by NIK, else by email.  Never shown on a public page.
ALTER TABLE account ADD COLUMN nik TEXT;

-- A Penandatangan's signature image (PNG), drawn in the visible signature block of the
-- permits they sign.  The file is DATA/files/<storage_name>; one per account, replaced
-- by a new upload, removed on request.
CREATE TABLE tte_gambar (
    account_id   BIGINT PRIMARY KEY REFERENCES account(id),
    storage_name TEXT NOT NULL UNIQUE,
    width        BIGINT NOT NULL,
    height       BIGINT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
