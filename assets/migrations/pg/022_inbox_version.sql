-- migrations/pg/022_inbox_version.sql — a version number per instansi for what its
-- officers' inboxes show (web/inbox_cache.c).
--
-- An inbox page reads its counts, a page of applications with the applicants', companies'
-- and claiming officers' names, and the jenis izin of its filter.  The serve process keeps
-- that per officer and filter while the instansi's number below is unchanged: the
-- triggers bump it in the transaction of every change that could show on an inbox — an
-- application that is or was in process (diajukan, diproses, perbaikan), a name shown
-- beside one, an officer's units, a jenis izin of the instansi — so every serve process
-- on this database sees a change at its next page.  Parallel to
-- migrations/sqlite/022_inbox_version.sql.

CREATE TABLE inbox_version (
    instansi_id BIGINT PRIMARY KEY,
    version     BIGINT NOT NULL
);

CREATE FUNCTION inbox_version_bump(i BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO inbox_version (instansi_id, version) VALUES (i, 1)
        ON CONFLICT (instansi_id) DO UPDATE SET version = inbox_version.version + 1;
$$;

CREATE FUNCTION inbox_version_permohonan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_shown BOOLEAN := TG_OP <> 'INSERT' AND OLD.status IN ('diajukan', 'diproses', 'perbaikan');
    now_shown BOOLEAN := TG_OP <> 'DELETE' AND NEW.status IN ('diajukan', 'diproses', 'perbaikan');
BEGIN
    IF was_shown THEN
        PERFORM inbox_version_bump(OLD.instansi_id);
    END IF;
    IF now_shown AND NOT (was_shown AND OLD.instansi_id = NEW.instansi_id) THEN
        PERFORM inbox_version_bump(NEW.instansi_id);
    END IF;
    RETURN NULL;
END $$;

-- Updates fire it only for the columns an inbox shows or filters on: the version counter
-- and updated_at that every action writes do not.
CREATE TRIGGER inbox_version_permohonan AFTER INSERT OR DELETE ON permohonan FOR EACH ROW
EXECUTE FUNCTION inbox_version_permohonan();

CREATE TRIGGER inbox_version_permohonan_update AFTER UPDATE OF status, instansi_id, unit_id, jenis_izin_id, account_id, perusahaan_id, nomor, claimed_by,
                                             current_position, current_role_key, current_step_name, current_due_at ON permohonan
FOR EACH ROW EXECUTE FUNCTION inbox_version_permohonan();

-- An applicant's or officer's name beside an application in process.
CREATE FUNCTION inbox_version_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM inbox_version_bump(x.instansi_id)
        FROM (SELECT DISTINCT instansi_id FROM permohonan
              WHERE (account_id = NEW.id OR claimed_by = NEW.id)
                AND status IN ('diajukan', 'diproses', 'perbaikan')) x;
    RETURN NULL;
END $$;

CREATE TRIGGER inbox_version_account AFTER UPDATE OF nama ON account FOR EACH ROW
WHEN (OLD.nama IS DISTINCT FROM NEW.nama)
EXECUTE FUNCTION inbox_version_account();

CREATE FUNCTION inbox_version_perusahaan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM inbox_version_bump(x.instansi_id)
        FROM (SELECT DISTINCT instansi_id FROM permohonan
              WHERE perusahaan_id = NEW.id AND status IN ('diajukan', 'diproses', 'perbaikan')) x;
    RETURN NULL;
END $$;

CREATE TRIGGER inbox_version_perusahaan AFTER UPDATE OF nama ON perusahaan FOR EACH ROW
WHEN (OLD.nama IS DISTINCT FROM NEW.nama)
EXECUTE FUNCTION inbox_version_perusahaan();

-- An officer's units decide which applications they see.
CREATE FUNCTION inbox_version_account_unit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    who BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END;
BEGIN
    PERFORM inbox_version_bump(a.instansi_id) FROM account a WHERE a.id = who AND a.instansi_id IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER inbox_version_account_unit AFTER INSERT OR UPDATE OR DELETE ON account_unit FOR EACH ROW
EXECUTE FUNCTION inbox_version_account_unit();

-- The jenis izin filter lists the instansi's jenis izin; rows show their names.
CREATE FUNCTION inbox_version_jenis_izin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM inbox_version_bump(OLD.instansi_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM inbox_version_bump(NEW.instansi_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER inbox_version_jenis_izin AFTER INSERT OR UPDATE OR DELETE ON jenis_izin FOR EACH ROW
EXECUTE FUNCTION inbox_version_jenis_izin();
