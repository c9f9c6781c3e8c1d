-- migrations/sqlite/015_tte.sql — electronic signatures (TTE) on permit PDFs (SPEC 5.5):
-- the signer officers' certificates for the local signer, and what the PAdES signature
-- of an issued permit says.  Parallel to migrations/pg/015_tte.sql.

-- A signer's PKCS#12 certificate for the local signer.  The file itself is
-- DATA/tte/<storage_name>, encrypted with a key derived from the passphrase the signer
-- types at each signing (never stored); the row keeps what the certificate says, for
-- the signer's page and the checks before signing.  One 'aktif' certificate per
-- account; an upload replaces it ('diganti', its file removed).
CREATE TABLE tte_sertifikat (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account(id),
    instansi_id  INTEGER NOT NULL REFERENCES instansi(id),
    subject_cn   TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    issuer_cn    TEXT NOT NULL DEFAULT '',
    serial_hex   TEXT NOT NULL,
    not_before   TEXT NOT NULL,
    not_after    TEXT NOT NULL,
    storage_name TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL CHECK (status IN ('aktif', 'diganti')),
    uploaded_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX tte_sertifikat_aktif_idx ON tte_sertifikat(account_id) WHERE status = 'aktif';

-- The PAdES signature of an issued permit's PDF: who signed (the certificate's common
-- name), when, and through which signer ('lokal' or 'remote'); NULL for a permit whose
-- PDF carries only the QR signature.
ALTER TABLE izin ADD COLUMN tte_signer TEXT;
ALTER TABLE izin ADD COLUMN tte_at TEXT;
ALTER TABLE izin ADD COLUMN tte_mode TEXT CHECK (tte_mode IS NULL OR tte_mode IN ('lokal', 'remote'));
-- The SHA-256 of the permit's PDF as stored (signed), so that a PDF uploaded for
-- checking is recognised as exactly the one issued; NULL for permits issued before.
ALTER TABLE izin ADD COLUMN pdf_sha256 TEXT;
