-- migrations/pg/023_pemohon_version.sql — a version number per applicant for what
-- their own pages show (the kept applicant pages of web/public_cache.c).
--
-- Profil dan Permohonan, a draft and a tracking page show the applicant's account and
-- profile, companies, documents, applications with their steps, history, requirements,
-- retribution and payments, permits, surveys and complaints, beside public data (the
-- catalogue, its version 'publik' in data_version).  A serve process keeps such a page per
-- session while the applicant's number below, the public version and the day are those it
-- was rendered under (and for at most a minute): the triggers bump the number in the
-- transaction of every change of those rows, whoever makes it (the applicant, an officer,
-- a command), so every serve process sees it at the next page.  A change of the holiday
-- calendar, which the tracking page's working-day clocks read, bumps the public version.
-- Parallel to migrations/sqlite/023_pemohon_version.sql.

CREATE TABLE pemohon_version (
    account_id BIGINT PRIMARY KEY,
    version    BIGINT NOT NULL
);

CREATE FUNCTION pemohon_version_bump(a BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO pemohon_version (account_id, version) SELECT a, 1 WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = pemohon_version.version + 1;
$$;

-- The account itself: its name, e-mail, status, language or password.
CREATE FUNCTION pemohon_version_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pemohon_version_bump(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER pemohon_version_account AFTER UPDATE ON account FOR EACH ROW
EXECUTE FUNCTION pemohon_version_account();

-- Rows that name their applicant.
CREATE FUNCTION pemohon_version_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pemohon_version_bump(NEW.account_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.account_id IS DISTINCT FROM NEW.account_id) THEN
        PERFORM pemohon_version_bump(OLD.account_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER pemohon_version_pemohon_profile AFTER INSERT OR UPDATE OR DELETE ON pemohon_profile FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();
CREATE TRIGGER pemohon_version_perusahaan AFTER INSERT OR UPDATE OR DELETE ON perusahaan FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();
CREATE TRIGGER pemohon_version_dokumen AFTER INSERT OR UPDATE OR DELETE ON dokumen FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();
CREATE TRIGGER pemohon_version_permohonan AFTER INSERT OR UPDATE OR DELETE ON permohonan FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();
CREATE TRIGGER pemohon_version_izin AFTER INSERT OR UPDATE OR DELETE ON izin FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();
CREATE TRIGGER pemohon_version_keluhan AFTER INSERT OR UPDATE OR DELETE ON keluhan FOR EACH ROW
EXECUTE FUNCTION pemohon_version_own();

-- Rows that belong to an application, a retribution, a complaint or a permit.
CREATE FUNCTION pemohon_version_of_permohonan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM permohonan WHERE id = NEW.permohonan_id));
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.permohonan_id IS DISTINCT FROM NEW.permohonan_id) THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM permohonan WHERE id = OLD.permohonan_id));
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pemohon_version_of_retribusi() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pemohon_version_bump((SELECT p.account_id FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = NEW.retribusi_id));
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.retribusi_id IS DISTINCT FROM NEW.retribusi_id) THEN
        PERFORM pemohon_version_bump((SELECT p.account_id FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = OLD.retribusi_id));
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pemohon_version_of_keluhan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM keluhan WHERE id = NEW.keluhan_id));
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.keluhan_id IS DISTINCT FROM NEW.keluhan_id) THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM keluhan WHERE id = OLD.keluhan_id));
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pemohon_version_of_izin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM izin WHERE id = NEW.izin_id));
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.izin_id IS DISTINCT FROM NEW.izin_id) THEN
        PERFORM pemohon_version_bump((SELECT account_id FROM izin WHERE id = OLD.izin_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER pemohon_version_permohonan_step AFTER INSERT OR UPDATE OR DELETE ON permohonan_step FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_permohonan();
CREATE TRIGGER pemohon_version_permohonan_event AFTER INSERT OR UPDATE OR DELETE ON permohonan_event FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_permohonan();
CREATE TRIGGER pemohon_version_permohonan_syarat AFTER INSERT OR UPDATE OR DELETE ON permohonan_syarat FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_permohonan();
CREATE TRIGGER pemohon_version_retribusi AFTER INSERT OR UPDATE OR DELETE ON retribusi FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_permohonan();
CREATE TRIGGER pemohon_version_retribusi_baris AFTER INSERT OR UPDATE OR DELETE ON retribusi_baris FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_retribusi();
CREATE TRIGGER pemohon_version_pembayaran AFTER INSERT OR UPDATE OR DELETE ON pembayaran FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_retribusi();
CREATE TRIGGER pemohon_version_keluhan_pesan AFTER INSERT OR UPDATE OR DELETE ON keluhan_pesan FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_keluhan();
CREATE TRIGGER pemohon_version_survei AFTER INSERT OR UPDATE OR DELETE ON survei FOR EACH ROW
EXECUTE FUNCTION pemohon_version_of_izin();

-- The working-day clocks of the tracking page read the holiday calendar.
CREATE FUNCTION pemohon_version_hari_libur() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE name = 'publik';
    RETURN NULL;
END $$;
CREATE TRIGGER pemohon_version_hari_libur AFTER INSERT OR UPDATE OR DELETE ON hari_libur
FOR EACH STATEMENT EXECUTE FUNCTION pemohon_version_hari_libur();
