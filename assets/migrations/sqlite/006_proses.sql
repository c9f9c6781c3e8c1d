-- migrations/sqlite/006_proses.sql — the workflow runtime (SPEC 4.10, 5.1–5.3): the
-- application's version (two officers acting at once: one wins), who claimed it (Ambil),
-- the perbaikan pause, the requirement check, and what the steps' kinds record (tinjau
-- lapangan's date and report, a recommendation, the decision of penetapan).  Parallel to
-- migrations/pg/006_proses.sql.  Every new column has a default, so inserts written
-- before it keep working.

-- version: bumped by every action and by Kirim Perbaikan; a form carries the version it
-- was shown with, and an action on another version is refused as stale.
ALTER TABLE permohonan ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
-- Ambil: the officer working on the current step (cleared when the step changes).
ALTER TABLE permohonan ADD COLUMN claimed_by INTEGER REFERENCES account(id);
ALTER TABLE permohonan ADD COLUMN claimed_at TEXT;
-- Perbaikan: the step that sent it back (it returns there), since when the SLA clock is
-- paused, and the working days paused so far (the overall due date moves by them).
ALTER TABLE permohonan ADD COLUMN perbaikan_position INTEGER;
ALTER TABLE permohonan ADD COLUMN paused_at TEXT;
ALTER TABLE permohonan ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;

-- The requirement check (SPEC 5.3): sesuai / tidak_sesuai with a note, by whom, when.
-- The note of a 'tidak_sesuai' row is what the applicant sees during perbaikan.
ALTER TABLE permohonan_syarat ADD COLUMN cek TEXT CHECK (cek IS NULL OR cek IN ('sesuai', 'tidak_sesuai'));
ALTER TABLE permohonan_syarat ADD COLUMN cek_note TEXT;
ALTER TABLE permohonan_syarat ADD COLUMN cek_by INTEGER REFERENCES account(id);
ALTER TABLE permohonan_syarat ADD COLUMN cek_at TEXT;

-- What a step's kind records: tinjau lapangan's scheduled date (YYYY-MM-DD) and report
-- (a document uploaded by the officer), the text of a rekomendasi, the outcome of
-- penetapan ('disetujui' / 'ditolak'), and the working days this step was paused.
ALTER TABLE permohonan_step ADD COLUMN jadwal TEXT;
ALTER TABLE permohonan_step ADD COLUMN laporan_dokumen_id INTEGER REFERENCES dokumen(id);
ALTER TABLE permohonan_step ADD COLUMN catatan TEXT;
ALTER TABLE permohonan_step ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('disetujui', 'ditolak'));
ALTER TABLE permohonan_step ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;

-- The running step, copied onto the application by every change of its steps
-- (domain/proses/current.c), so the inbox reads one index in due order: position, role,
-- name and due date of the step with status 'berjalan' (NULL when none).
ALTER TABLE permohonan ADD COLUMN current_position INTEGER;
ALTER TABLE permohonan ADD COLUMN current_role_key TEXT;
ALTER TABLE permohonan ADD COLUMN current_step_name TEXT;
ALTER TABLE permohonan ADD COLUMN current_due_at TEXT;
CREATE INDEX permohonan_inbox_idx ON permohonan(instansi_id, current_role_key, current_due_at, unit_id, current_step_name,
                                                jenis_izin_id, claimed_by) WHERE status IN ('diajukan', 'diproses');
