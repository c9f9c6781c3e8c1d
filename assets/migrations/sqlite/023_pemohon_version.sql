-- migrations/sqlite/023_pemohon_version.sql — a version number per applicant for what
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
-- Parallel to migrations/pg/023_pemohon_version.sql.

CREATE TABLE pemohon_version (
    account_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL
);

-- The account itself: its name, e-mail, status, language or password.
CREATE TRIGGER pemohon_version_account AFTER UPDATE ON account
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

-- Rows that name their applicant.
CREATE TRIGGER pemohon_version_pemohon_profile_insert AFTER INSERT ON pemohon_profile
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_pemohon_profile_update AFTER UPDATE ON pemohon_profile
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_pemohon_profile_delete AFTER DELETE ON pemohon_profile
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_perusahaan_insert AFTER INSERT ON perusahaan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_perusahaan_update AFTER UPDATE ON perusahaan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_perusahaan_delete AFTER DELETE ON perusahaan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_dokumen_insert AFTER INSERT ON dokumen
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_dokumen_update AFTER UPDATE ON dokumen
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_dokumen_delete AFTER DELETE ON dokumen
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_permohonan_insert AFTER INSERT ON permohonan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_update AFTER UPDATE ON permohonan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_delete AFTER DELETE ON permohonan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_izin_insert AFTER INSERT ON izin
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_izin_update AFTER UPDATE ON izin
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_izin_delete AFTER DELETE ON izin
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_keluhan_insert AFTER INSERT ON keluhan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_keluhan_update AFTER UPDATE ON keluhan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT NEW.account_id AS a UNION SELECT OLD.account_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_keluhan_delete AFTER DELETE ON keluhan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT OLD.account_id AS a) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

-- Rows that belong to an application, a retribution, a complaint or a permit.
CREATE TRIGGER pemohon_version_permohonan_step_insert AFTER INSERT ON permohonan_step
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_step_update AFTER UPDATE ON permohonan_step
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id UNION SELECT account_id FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_step_delete AFTER DELETE ON permohonan_step
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_permohonan_event_insert AFTER INSERT ON permohonan_event
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_event_update AFTER UPDATE ON permohonan_event
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id UNION SELECT account_id FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_event_delete AFTER DELETE ON permohonan_event
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_permohonan_syarat_insert AFTER INSERT ON permohonan_syarat
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_syarat_update AFTER UPDATE ON permohonan_syarat
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id UNION SELECT account_id FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_permohonan_syarat_delete AFTER DELETE ON permohonan_syarat
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_retribusi_insert AFTER INSERT ON retribusi
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_retribusi_update AFTER UPDATE ON retribusi
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = NEW.permohonan_id UNION SELECT account_id FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_retribusi_delete AFTER DELETE ON retribusi
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM permohonan WHERE id = OLD.permohonan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_retribusi_baris_insert AFTER INSERT ON retribusi_baris
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = NEW.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_retribusi_baris_update AFTER UPDATE ON retribusi_baris
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = NEW.retribusi_id UNION SELECT p.account_id FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = OLD.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_retribusi_baris_delete AFTER DELETE ON retribusi_baris
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = OLD.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_pembayaran_insert AFTER INSERT ON pembayaran
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = NEW.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_pembayaran_update AFTER UPDATE ON pembayaran
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = NEW.retribusi_id UNION SELECT p.account_id FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = OLD.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_pembayaran_delete AFTER DELETE ON pembayaran
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT p.account_id AS a FROM retribusi t JOIN permohonan p ON p.id = t.permohonan_id WHERE t.id = OLD.retribusi_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_keluhan_pesan_insert AFTER INSERT ON keluhan_pesan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM keluhan WHERE id = NEW.keluhan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_keluhan_pesan_update AFTER UPDATE ON keluhan_pesan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM keluhan WHERE id = NEW.keluhan_id UNION SELECT account_id FROM keluhan WHERE id = OLD.keluhan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_keluhan_pesan_delete AFTER DELETE ON keluhan_pesan
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM keluhan WHERE id = OLD.keluhan_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER pemohon_version_survei_insert AFTER INSERT ON survei
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM izin WHERE id = NEW.izin_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_survei_update AFTER UPDATE ON survei
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM izin WHERE id = NEW.izin_id UNION SELECT account_id FROM izin WHERE id = OLD.izin_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER pemohon_version_survei_delete AFTER DELETE ON survei
BEGIN
    INSERT INTO pemohon_version (account_id, version)
        SELECT a, 1 FROM (SELECT account_id AS a FROM izin WHERE id = OLD.izin_id) WHERE a IS NOT NULL
        ON CONFLICT (account_id) DO UPDATE SET version = version + 1;
END;

-- The working-day clocks of the tracking page read the holiday calendar.
CREATE TRIGGER pemohon_version_hari_libur_insert AFTER INSERT ON hari_libur
BEGIN
    UPDATE data_version SET version = version + 1 WHERE name = 'publik';
END;
CREATE TRIGGER pemohon_version_hari_libur_update AFTER UPDATE ON hari_libur
BEGIN
    UPDATE data_version SET version = version + 1 WHERE name = 'publik';
END;
CREATE TRIGGER pemohon_version_hari_libur_delete AFTER DELETE ON hari_libur
BEGIN
    UPDATE data_version SET version = version + 1 WHERE name = 'publik';
END;
