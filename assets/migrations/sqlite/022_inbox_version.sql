-- migrations/sqlite/022_inbox_version.sql — a version number per instansi for what its
-- officers' inboxes show (web/inbox_cache.c).
--
-- An inbox page reads its counts, a page of applications with the applicants', companies'
-- and claiming officers' names, and the jenis izin of its filter.  The serve process keeps
-- that per officer and filter while the instansi's number below is unchanged: the
-- triggers bump it in the transaction of every change that could show on an inbox — an
-- application that is or was in process (diajukan, diproses, perbaikan), a name shown
-- beside one, an officer's units, a jenis izin of the instansi — so every serve process
-- on this database sees a change at its next page.  Parallel to
-- migrations/pg/022_inbox_version.sql (whose triggers call functions; here each trigger
-- spells out the upsert).

CREATE TABLE inbox_version (
    instansi_id INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL
);

CREATE TRIGGER inbox_version_permohonan_insert AFTER INSERT ON permohonan
WHEN NEW.status IN ('diajukan', 'diproses', 'perbaikan')
BEGIN
    INSERT INTO inbox_version (instansi_id, version) VALUES (NEW.instansi_id, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

-- Only the columns an inbox shows or filters on: the version counter and updated_at that
-- every action writes do not fire it.
CREATE TRIGGER inbox_version_permohonan_update AFTER UPDATE OF status, instansi_id, unit_id, jenis_izin_id, account_id, perusahaan_id, nomor, claimed_by,
                                                 current_position, current_role_key, current_step_name, current_due_at ON permohonan
WHEN OLD.status IN ('diajukan', 'diproses', 'perbaikan') OR NEW.status IN ('diajukan', 'diproses', 'perbaikan')
BEGIN
    INSERT INTO inbox_version (instansi_id, version)
        SELECT OLD.instansi_id, 1 WHERE OLD.status IN ('diajukan', 'diproses', 'perbaikan')
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
    INSERT INTO inbox_version (instansi_id, version)
        SELECT NEW.instansi_id, 1 WHERE NEW.status IN ('diajukan', 'diproses', 'perbaikan')
            AND NOT (OLD.status IN ('diajukan', 'diproses', 'perbaikan') AND OLD.instansi_id = NEW.instansi_id)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER inbox_version_permohonan_delete AFTER DELETE ON permohonan
WHEN OLD.status IN ('diajukan', 'diproses', 'perbaikan')
BEGIN
    INSERT INTO inbox_version (instansi_id, version) VALUES (OLD.instansi_id, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

-- An applicant's or officer's name beside an application in process.
CREATE TRIGGER inbox_version_account AFTER UPDATE OF nama ON account
WHEN OLD.nama IS NOT NEW.nama
BEGIN
    INSERT INTO inbox_version (instansi_id, version)
        SELECT DISTINCT instansi_id, 1 FROM permohonan
        WHERE (account_id = NEW.id OR claimed_by = NEW.id) AND status IN ('diajukan', 'diproses', 'perbaikan')
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER inbox_version_perusahaan AFTER UPDATE OF nama ON perusahaan
WHEN OLD.nama IS NOT NEW.nama
BEGIN
    INSERT INTO inbox_version (instansi_id, version)
        SELECT DISTINCT instansi_id, 1 FROM permohonan
        WHERE perusahaan_id = NEW.id AND status IN ('diajukan', 'diproses', 'perbaikan')
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

-- An officer's units decide which applications they see.
CREATE TRIGGER inbox_version_account_unit_insert AFTER INSERT ON account_unit
BEGIN
    INSERT INTO inbox_version (instansi_id, version)
        SELECT instansi_id, 1 FROM account WHERE id = NEW.account_id AND instansi_id IS NOT NULL
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER inbox_version_account_unit_delete AFTER DELETE ON account_unit
BEGIN
    INSERT INTO inbox_version (instansi_id, version)
        SELECT instansi_id, 1 FROM account WHERE id = OLD.account_id AND instansi_id IS NOT NULL
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

-- The jenis izin filter lists the instansi's jenis izin; rows show their names.
CREATE TRIGGER inbox_version_jenis_izin_insert AFTER INSERT ON jenis_izin
BEGIN
    INSERT INTO inbox_version (instansi_id, version) VALUES (NEW.instansi_id, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER inbox_version_jenis_izin_update AFTER UPDATE ON jenis_izin
BEGIN
    INSERT INTO inbox_version (instansi_id, version) VALUES (OLD.instansi_id, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
    INSERT INTO inbox_version (instansi_id, version) SELECT NEW.instansi_id, 1 WHERE NEW.instansi_id <> OLD.instansi_id
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER inbox_version_jenis_izin_delete AFTER DELETE ON jenis_izin
BEGIN
    INSERT INTO inbox_version (instansi_id, version) VALUES (OLD.instansi_id, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = version + 1;
END;
