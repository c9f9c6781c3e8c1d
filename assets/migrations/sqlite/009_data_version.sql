-- migrations/sqlite/009_data_version.sql — version numbers of shared data that every
-- `loket serve` keeps a copy of in memory (SPEC 8: several processes on one database).
-- A change bumps its row in the same transaction; each process compares the number every
-- few seconds (LOKET_REFRESH_S) and reloads its copy when it moved, so no restart is
-- needed after `loket import-wilayah`.  Parallel to migrations/pg/009_data_version.sql.

CREATE TABLE data_version (
    name    TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),   -- 'wilayah', ...
    version BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO data_version (name, version) VALUES ('wilayah', 0);
