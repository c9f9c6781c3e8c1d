-- migrations/sqlite/017_inbox_tally.sql — the inbox counts kept, not counted (issue 7).
--
-- An officer's inbox and home show how many applications wait at each step and how many
-- of them are overdue.  Counting them from permohonan reads every open row of the
-- instansi on every page (10,000 open applications: most of the page's time), so the
-- counts are kept in inbox_tally: one row per group of open applications (status
-- diajukan or diproses with a running step) that share what decides who sees them and
-- when they are late — instansi, the running step's role, unit, step name and due
-- moment — with how many they are.  Due moments are the ends of WIB working days
-- (domain/proses/calendar.c), so there is about one row per step and due day, and
-- "overdue" is the sum of the rows due before now.
--
-- The triggers below keep it in the transaction of every change of an application,
-- whoever writes it (the actions, perbaikan, issuance, the demo, an SQL import).  The
-- columns are named as in permohonan so one visibility clause (domain/proses/inbox.c)
-- serves both; NULL unit, step name and due date are stored as 0 and '' so they take
-- part in the key.  `loket inbox check` compares it with a fresh count and
-- `loket inbox rebuild` refills it.  Parallel to migrations/pg/017_inbox_tally.sql (where
-- the triggers' body is one plpgsql function).

CREATE TABLE inbox_tally (
    instansi_id       INTEGER NOT NULL,
    current_role_key  TEXT NOT NULL,
    unit_id           INTEGER NOT NULL,   -- 0: the application has no unit
    current_step_name TEXT NOT NULL,      -- '': none
    current_due_at    TEXT NOT NULL,      -- '': no due date (never overdue)
    n                 INTEGER NOT NULL,
    PRIMARY KEY (instansi_id, current_role_key, unit_id, current_step_name, current_due_at)
);

INSERT INTO inbox_tally (instansi_id, current_role_key, unit_id, current_step_name, current_due_at, n)
    SELECT instansi_id, current_role_key, COALESCE(unit_id, 0), COALESCE(current_step_name, ''),
           COALESCE(current_due_at, ''), COUNT(*)
    FROM permohonan WHERE status IN ('diajukan', 'diproses') AND current_role_key IS NOT NULL
    GROUP BY instansi_id, current_role_key, COALESCE(unit_id, 0), COALESCE(current_step_name, ''),
             COALESCE(current_due_at, '');

-- An application leaves its old group (if it was counted) and joins its new one (if it
-- is counted); a group that reaches 0 is removed, so old due days do not pile up.
CREATE TRIGGER inbox_tally_insert AFTER INSERT ON permohonan
WHEN NEW.status IN ('diajukan', 'diproses') AND NEW.current_role_key IS NOT NULL
BEGIN
    INSERT INTO inbox_tally (instansi_id, current_role_key, unit_id, current_step_name, current_due_at, n)
        VALUES (NEW.instansi_id, NEW.current_role_key, COALESCE(NEW.unit_id, 0), COALESCE(NEW.current_step_name, ''),
                COALESCE(NEW.current_due_at, ''), 1)
        ON CONFLICT (instansi_id, current_role_key, unit_id, current_step_name, current_due_at) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER inbox_tally_update AFTER UPDATE OF status, instansi_id, unit_id, current_role_key, current_step_name,
                                                current_due_at ON permohonan
WHEN (OLD.status IN ('diajukan', 'diproses') AND OLD.current_role_key IS NOT NULL)
         IS NOT (NEW.status IN ('diajukan', 'diproses') AND NEW.current_role_key IS NOT NULL)
     OR OLD.instansi_id IS NOT NEW.instansi_id OR OLD.unit_id IS NOT NEW.unit_id
     OR OLD.current_role_key IS NOT NEW.current_role_key OR OLD.current_step_name IS NOT NEW.current_step_name
     OR OLD.current_due_at IS NOT NEW.current_due_at
BEGIN
    UPDATE inbox_tally SET n = n - 1
        WHERE OLD.status IN ('diajukan', 'diproses') AND OLD.current_role_key IS NOT NULL
          AND instansi_id = OLD.instansi_id AND current_role_key = OLD.current_role_key
          AND unit_id = COALESCE(OLD.unit_id, 0) AND current_step_name = COALESCE(OLD.current_step_name, '')
          AND current_due_at = COALESCE(OLD.current_due_at, '');
    DELETE FROM inbox_tally
        WHERE OLD.status IN ('diajukan', 'diproses') AND OLD.current_role_key IS NOT NULL
          AND instansi_id = OLD.instansi_id AND current_role_key = OLD.current_role_key
          AND unit_id = COALESCE(OLD.unit_id, 0) AND current_step_name = COALESCE(OLD.current_step_name, '')
          AND current_due_at = COALESCE(OLD.current_due_at, '') AND n <= 0;
    INSERT INTO inbox_tally (instansi_id, current_role_key, unit_id, current_step_name, current_due_at, n)
        SELECT NEW.instansi_id, NEW.current_role_key, COALESCE(NEW.unit_id, 0), COALESCE(NEW.current_step_name, ''),
               COALESCE(NEW.current_due_at, ''), 1
        WHERE NEW.status IN ('diajukan', 'diproses') AND NEW.current_role_key IS NOT NULL
        ON CONFLICT (instansi_id, current_role_key, unit_id, current_step_name, current_due_at) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER inbox_tally_delete AFTER DELETE ON permohonan
WHEN OLD.status IN ('diajukan', 'diproses') AND OLD.current_role_key IS NOT NULL
BEGIN
    UPDATE inbox_tally SET n = n - 1
        WHERE instansi_id = OLD.instansi_id AND current_role_key = OLD.current_role_key
          AND unit_id = COALESCE(OLD.unit_id, 0) AND current_step_name = COALESCE(OLD.current_step_name, '')
          AND current_due_at = COALESCE(OLD.current_due_at, '');
    DELETE FROM inbox_tally
        WHERE instansi_id = OLD.instansi_id AND current_role_key = OLD.current_role_key
          AND unit_id = COALESCE(OLD.unit_id, 0) AND current_step_name = COALESCE(OLD.current_step_name, '')
          AND current_due_at = COALESCE(OLD.current_due_at, '') AND n <= 0;
END;

-- The home's "claimed by me": the few rows an officer holds, by index.
CREATE INDEX permohonan_claimed_idx ON permohonan(claimed_by) WHERE claimed_by IS NOT NULL;

-- The per-step counts no longer read permohonan; the page's index (006) covers the
-- filtered counts.
DROP INDEX permohonan_inbox_count_idx;
