-- migrations/sqlite/014_performance.sql — performance (issue 12).
--
-- The version of what the public pages show
-- (Home, Katalog Layanan, office and jenis izin pages, Simulasi Tarif, the tracking and
-- verification forms).  Every change of catalogue, instansi, tarif, workflow or
-- requirement data bumps it in its own transaction (domain/katalog/public_version.c);
-- each `loket serve` reads it per request and renders a page again only when it moved
-- (web/public_cache.c).  Parallel to migrations/pg/014_performance.sql.

INSERT INTO data_version (name, version) VALUES ('publik', 0);

-- The officer's inbox counts per step and the officer home's counts (domain/proses/
-- inbox.c) read every open application of the officer's roles: with every column they
-- use in one partial index they are read from the index alone (10,000 open applications:
-- 7 ms to 2 ms a page on SQLite), and per step in index order.
CREATE INDEX permohonan_inbox_count_idx ON permohonan(instansi_id, current_role_key, current_step_name, status,
                                                     current_due_at, unit_id, claimed_by)
    WHERE status IN ('diajukan', 'diproses');
