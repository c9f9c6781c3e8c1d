/* domain/proses/guard.h — the one gate every officer change to an application passes
 * (SPEC 2, 5.2): inside the caller's transaction it bumps the application's version
 * (which takes its row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE holds the write
 * lock) and then checks, in this order:
 *   the application exists                          else LK_ERR_NOTFOUND
 *   it belongs to the officer's instansi            else LK_ERR_DENIED
 *   it is still in process and at the version and   else LK_ERR_CONFLICT (stale form:
 *     step the form was shown with                       another officer acted first)
 *   the officer holds the current step's role and   else LK_ERR_DENIED
 *     works in the application's unit
 *   nobody else has claimed it (Ambil)              else LK_ERR_CONFLICT
 * and claims it for the officer when nobody had.  On any error *msg says why in an
 * Indonesian sentence and the caller rolls back: nothing is left changed.
 * Two officers acting on one version: the second UPDATE waits for the first one's
 * commit and then matches no row, so exactly one of them gets through. */
#ifndef LOKET_PROSES_GUARD_H
#define LOKET_PROSES_GUARD_H
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* What the officer's form was shown with. */
typedef struct {
    int64_t permohonan_id;
    int position;          /* the current step then */
    int64_t version;       /* the application's version then */
} proses_target;

/* The locked application and its current step. */
typedef struct {
    int64_t id, applicant_id, instansi_id, unit_id;
    const char *status, *nomor, *jenis_izin, *office_name;
    const char *applicant_nama, *applicant_email;
    int64_t version;       /* after the bump */
    int64_t claimed_by;    /* after claiming: the officer */
    int64_t step_id;
    int position, sla_days;
    const char *step_name, *role_key, *kind, *due_at;
} proses_ctx;

/* See the file comment.  Strings of *out are allocated in a. */
lk_err proses_lock(store_conn *c, arena *a, const account *officer, const proses_target *t, time_t now,
                   proses_ctx *out, const char **msg);

/* 1 if the officer holds the role with this key (role_key "verifikator"). */
int proses_has_role(const account *officer, const char *role_key);

/* Queues the applicant's mail `kind` (outbox.h) with nama, nomor, jenis_izin, instansi,
 * the tracking link and the extra key, value pairs (NULL-terminated; may be NULL). */
lk_err proses_mail(store_conn *c, arena *a, const proses_ctx *p, const char *kind, const char *base_url,
                   const char *const *extra);

/* Records an event of the application's history (permohonan_event). */
lk_err proses_event(store_conn *c, const proses_ctx *p, const account *who, const char *kind, const char *note,
                    const char *now_iso);

#endif
