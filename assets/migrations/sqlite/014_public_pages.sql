-- migrations/sqlite/014_public_pages.sql — the version of what the public pages show
-- (Home, Katalog Layanan, office and jenis izin pages, Simulasi Tarif, the tracking and
-- verification forms).  Every change of catalogue, instansi, tarif, workflow or
-- requirement data bumps it in its own transaction (domain/katalog/public_version.c);
-- each `loket serve` reads it per request and renders a page again only when it moved
-- (web/public_cache.c).  Parallel to migrations/pg/014_public_pages.sql.

INSERT INTO data_version (name, version) VALUES ('publik', 0);
