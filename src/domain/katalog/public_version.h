/* domain/katalog/public_version.h — the version of the data the public pages show.
 *
 * One counter (data_version row 'publik', migration 014) for everything Home, the
 * catalogue, the office and jenis izin pages and Simulasi Tarif read: instansi and their
 * contacts, units, jenis izin and their settings, requirements, data teknis fields, blank
 * forms, workflows and tarifs.  Every writer of those tables calls public_version_bump
 * inside its own transaction, so the bump commits (or rolls back) with the change; the
 * public page cache (web/public_cache.c) compares the number per request, so every serve
 * process on one database sees a change at its next request. */
#ifndef LOKET_PUBLIC_VERSION_H
#define LOKET_PUBLIC_VERSION_H
#include <stdint.h>
#include "store/store.h"
#include "util/err.h"

/* Marks the public data changed; call inside the transaction that changes it. */
lk_err public_version_bump(store_conn *c);

/* The current version: a counter that only grows. */
lk_err public_version_read(store_conn *c, int64_t *out);

#endif
