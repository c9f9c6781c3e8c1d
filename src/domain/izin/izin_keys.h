/* domain/izin/izin_keys.h — the instansi's Ed25519 signing keys (SPEC 5.5, `loket keys`).
 *
 * A key's private half lives only in DATA/keys/<kid>.key (mode 0600, in a 0700 folder),
 * never in the database, so a database dump signs nothing.  Its public half is a row of
 * izin_key and the file DATA/keys/<kid>.pub (kid, instansi, public key, status), which
 * the offline verifier (`loket verify`) reads without a database.
 *
 * Life of a key: create → 'aktif' (one per instansi signs new permits); rotate makes a
 * new 'aktif' key and the old one 'diganti' (it still verifies the permits it signed; its
 * private file is deleted); revoke makes a key 'dicabut' (it verifies nothing any more).
 * Every change is recorded in the audit trail in the same transaction.
 *
 * Memory: strings in izin_key_info are allocated in the caller's arena. */
#ifndef LOKET_IZIN_KEYS_H
#define LOKET_IZIN_KEYS_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/izin/izin_code.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    char kid[IZIN_KID_CHARS + 1];
    int64_t instansi_id;             /* 0 when read from a file */
    const char *instansi_slug;       /* "kota-pangkalpinang" */
    unsigned char pk[IZIN_PK_BYTES];
    const char *status;              /* "aktif", "diganti", "dicabut" */
    const char *created_at;          /* ISO-8601 UTC; "" from a file */
    int has_private;                 /* DATA/keys/<kid>.key exists */
} izin_key_info;

/* A new key for an instansi (by slug) that has no 'aktif' one.  `account_id` is who
 * asked (0 for a command).  LK_ERR_NOTFOUND: no such instansi; LK_ERR_CONFLICT: it
 * already has an active key (use rotate).  *kid receives the new key's id. */
lk_err izin_key_create(store *s, const char *data_dir, const char *instansi_slug, int64_t account_id, time_t now,
                       char kid[IZIN_KID_CHARS + 1]);
/* A new 'aktif' key; the old one becomes 'diganti' and its private file is removed.
 * LK_ERR_NOTFOUND when the instansi has no active key to rotate. */
lk_err izin_key_rotate(store *s, const char *data_dir, const char *instansi_slug, int64_t account_id, time_t now,
                       char kid[IZIN_KID_CHARS + 1], char old_kid[IZIN_KID_CHARS + 1]);
/* Revokes a key by id: status 'dicabut' with the reason, its .pub file says so and its
 * private file is removed.  LK_ERR_NOTFOUND: no such key; LK_ERR_CONFLICT: already. */
lk_err izin_key_revoke(store *s, const char *data_dir, const char *kid, const char *reason, int64_t account_id,
                       time_t now);
/* Every key (instansi_slug NULL) or an instansi's, oldest first. */
lk_err izin_key_list(store_conn *c, arena *a, const char *data_dir, const char *instansi_slug, izin_key_info **out,
                     size_t *n);
/* One key by id, from the database. */
lk_err izin_key_get(store_conn *c, arena *a, const char *kid, izin_key_info *out);
/* The instansi's active key with its private half, for signing.  LK_ERR_NOTFOUND when
 * the instansi has no active key; LK_ERR_IO when its private file is missing or bad. */
lk_err izin_key_signing(store_conn *c, const char *data_dir, int64_t instansi_id, char kid[IZIN_KID_CHARS + 1],
                        unsigned char sk[IZIN_SK_BYTES]);
/* The public keys in DATA/keys/<kid>.pub (no database). */
lk_err izin_key_files(arena *a, const char *data_dir, izin_key_info **out, size_t *n);

#endif
