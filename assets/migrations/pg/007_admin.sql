-- migrations/pg/007_admin.sql — what Admin Instansi's editors need (SPEC 5.8).
-- Parallel to migrations/sqlite/007_admin.sql.

-- A requirement removed in the permit-type editor while submitted applications still
-- refer to it is kept for them (their permohonan_syarat rows point at it), hidden from
-- the catalogue and from new drafts.  NULL: in use.
ALTER TABLE persyaratan ADD COLUMN removed_at TEXT;

-- Bumped by every change the permit-type editor makes to a jenis izin (its data, its
-- settings, requirements, data teknis fields or workflows).  Each editor form carries
-- the revision it was drawn from, so a form drawn before someone else's change is
-- refused as stale instead of silently overwriting that change.
ALTER TABLE jenis_izin ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
