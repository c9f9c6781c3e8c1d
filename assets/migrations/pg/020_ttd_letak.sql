-- migrations/pg/020_ttd_letak.sql — where the signer's block stands on a permit
-- (issue 14: a visible signature block at a configurable place).  'kanan': the block on
-- the right and the QR code on the left (the built-in layout); 'kiri': mirrored.  Chosen
-- per jenis izin on the *Surat Izin* tab with the rest of the template.  Parallel to
-- migrations/sqlite/020_ttd_letak.sql.
ALTER TABLE izin_template ADD COLUMN ttd_letak TEXT NOT NULL DEFAULT 'kanan' CHECK (ttd_letak IN ('kanan', 'kiri'));
