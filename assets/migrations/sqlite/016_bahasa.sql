-- migrations/sqlite/016_bahasa.sql — the language each person's mails are written in (issue 10
-- item 7): an account's, set at Registrasi Pemohon and by the language switch while logged
-- in; a visitor's complaint's, set when it is filed.  'id' (Indonesian) or 'en'.  Parallel
-- to migrations/pg/016_bahasa.sql.
ALTER TABLE account ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en'));
ALTER TABLE keluhan ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en'));
