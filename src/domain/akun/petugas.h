/* domain/akun/petugas.h — Admin Instansi manages the officers of their own instansi
 * (SPEC 2, 5.8): list, add with roles and units, edit, deactivate and reactivate, reset
 * the password.
 *
 * Least privilege: every function takes the acting admin (`actor`) and works only on
 * officers (kind 'petugas') of actor->instansi_id; any other id reads as
 * LK_ERR_NOTFOUND and changes nothing.  Units must be units of that instansi.  An admin
 * cannot deactivate themselves, nor remove their own admin role while no other active
 * admin is left, so an instansi never loses its last admin.
 * Every change is one transaction with its audit record (domain/proses/audit.h) and,
 * when asked, the credentials mail (outbox kind "kredensial").
 *
 * One-time passwords are generated and hashed by the caller (argon2id belongs on the
 * background pool, web/admin_petugas.c) and passed in; new and reset officers must
 * change them at their next log-in.  All results live in the caller's arena. */
#ifndef LOKET_PETUGAS_H
#define LOKET_PETUGAS_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/issues.h"

#define PETUGAS_NAMA_MAX 200     /* characters */
#define PETUGAS_NIP_MAX 30
#define PETUGAS_JABATAN_MAX 100
#define PETUGAS_UNIT_MAX 50      /* units per officer */

typedef struct {
    int64_t id;
    const char *username, *email, *nama;
    const char *nip, *jabatan;          /* "" when none */
    const char *nik;                    /* "" when none; never shown whole (petugas_nik_masked) */
    const char *status;                 /* "aktif" or "nonaktif" */
    const char *last_login_at;          /* ISO-8601 UTC, or NULL */
    int must_change_password;
    unsigned roles;                     /* role_bit bits */
    int64_t *units;                     /* none: works in every unit of the instansi */
    size_t unit_count;
    const char *unit_names;             /* "Dinas A, Dinas B" or "" */
} petugas;

/* What the add and edit forms post.  Strings are trimmed by the caller; username is
 * only read when adding (it cannot change) and is lowercased by the check. */
typedef struct {
    const char *username, *email, *nama, *nip, *jabatan;
    const char *nik;          /* the officer's NIK for the remote signer; NULL or "": keep the stored one */
    int clear_nik;            /* 1: remove the stored NIK */
    unsigned roles;
    const int64_t *units;
    size_t unit_count;
} petugas_input;

/* A NIK as it may be shown: its first six and last four digits, the birth date hidden
 * ("197101******0041"); "" for none. */
const char *petugas_nik_masked(arena *a, const char *nik);

/* Officers of the instansi by name. */
lk_err petugas_list(store_conn *c, arena *a, int64_t instansi_id, petugas **out, size_t *n);
lk_err petugas_get(store_conn *c, arena *a, int64_t instansi_id, int64_t id, petugas *out);

/* Adds an officer (status aktif, must change the password).  LK_ERR_INVALID with
 * *errs filled (keys "username", "email", "nama", "nip", "nik", "jabatan", "roles", "units")
 * for bad input, a username or email already in use (by anyone), no role, or a unit of
 * another instansi: nothing written.  With send_mail the credentials mail with
 * `password` is queued.  *id_out receives the new id. */
lk_err petugas_create(store_conn *c, arena *a, const account *actor, const petugas_input *in,
                      const char *password, const char *password_hash, int send_mail,
                      const char *base_url, time_t now, int64_t *id_out, issues *errs);

/* Saves email, nama, NIP, NIK (kept when none is typed), jabatan, roles and units.  LK_ERR_INVALID with *errs as
 * above, including "roles" when the actor would remove their own last admin role. */
lk_err petugas_update(store_conn *c, arena *a, const account *actor, int64_t id, const petugas_input *in,
                      time_t now, issues *errs);

/* Deactivates (sessions end at once; log-in is refused) or reactivates.
 * LK_ERR_DENIED when the actor deactivates themselves; LK_ERR_CONFLICT when the officer
 * already has that status (a stale page). */
lk_err petugas_set_active(store_conn *c, const account *actor, int64_t id, int active, time_t now);

/* Sets a new one-time password (to be changed at the next log-in), lifts a log-in lock
 * and ends the officer's sessions; with send_mail queues the credentials mail. */
lk_err petugas_reset_password(store_conn *c, arena *a, const account *actor, int64_t id,
                              const char *password, const char *password_hash, int send_mail,
                              const char *base_url, time_t now);

#endif
