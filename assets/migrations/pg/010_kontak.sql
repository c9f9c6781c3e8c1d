-- migrations/pg/010_kontak.sql — how applicants reach an office while they wait (SPEC 4.1,
-- 4.6): besides instansi.address and instansi.phone (the call centre), a WhatsApp number and
-- the office hours, edited by Admin Instansi on Pengaturan Instansi.  Parallel to
-- migrations/sqlite/010_kontak.sql.
ALTER TABLE instansi ADD COLUMN whatsapp TEXT;
ALTER TABLE instansi ADD COLUMN office_hours TEXT;
