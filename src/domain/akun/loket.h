/* domain/akun/loket.h — the counter service for walk-in applicants (SPEC 5.6): a Front
 * Office officer registers an applicant who comes to the office, and hands over the
 * one-time password on a printed sheet or by email.  No HTTP here (web/loket.c).
 *
 * A counter registration uses the wizard's fields, validators and identity-scan handling
 * (domain/akun/registration.h) with the officer's session as the draft's key and the
 * officer's instansi as the applicant's, and adds one rule of its own: no second account
 * for the same identity document.  There is no email round trip: the account is aktif at
 * once (registered_by = the officer) but has no password until the officer issues one;
 * each issue replaces the previous one-time password, which the applicant must change at
 * first log-in.  Every change writes an audit record in its transaction.
 *
 * Memory: strings are allocated in the caller's arena. */
#ifndef LOKET_LOKET_H
#define LOKET_LOKET_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/akun/registration.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* An applicant as the counter sees them. */
typedef struct {
    int64_t id;
    const char *username, *nama, *email, *status;
    const char *tipe_identitas, *no_identitas, *hp;
    int at_counter;               /* registered at the counter (registered_by set) */
    int awaiting_first_login;     /* no password yet, or a one-time one not changed yet */
} loket_pemohon;

/* Checks a walk-in's draft: every step of the wizard (registration_check_step; the
 * messages of all three at once, into *err, which the caller clears), then that no
 * account has the same identity document.  LK_OK, LK_ERR_INVALID with *err, or
 * a database error.  *bad_step (may be NULL) gets the first step with a message. */
lk_err loket_check(store_conn *c, arena *a, const reg_draft *d, reg_errors *err, int *bad_step);

/* Registers the walk-in of the officer's session draft in one transaction: the account
 * (aktif, registered_by = the officer, no password yet), the profile, the audit record
 * "akun.daftar_loket", and the draft is deleted.  Checks again first.
 *   LK_OK: *account_id is the applicant.
 *   LK_ERR_INVALID / LK_ERR_CONFLICT (username or email taken meanwhile): *err says
 *     what; nothing stored. */
lk_err loket_register(store_conn *c, arena *a, const account *officer, const char *session_hash,
                      const reg_draft *d, time_t now, int64_t *account_id, reg_errors *err);

/* An applicant of the officer's instansi; LK_ERR_NOTFOUND for anyone else. */
lk_err loket_pemohon_get(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, loket_pemohon *out);

/* Records that the officer opened the applicant's data at the counter (audit
 * "akun.lihat_loket"), in its own transaction. */
lk_err loket_viewed(store_conn *c, const account *officer, int64_t account_id, time_t now);

/* Applicants of the instansi whose identity number, username or name contains `q`
 * (at least 3 characters), newest first, at most `limit`. */
lk_err loket_pemohon_find(store_conn *c, arena *a, int64_t instansi_id, const char *q, int limit,
                          loket_pemohon **out, size_t *n);

/* Gives a counter-registered applicant of the officer's instansi who has not logged in
 * with their own password yet a new one-time password (`password_hash` of `password`,
 * to be changed at first log-in), in one transaction with the audit record
 * "akun.password_loket"; `by_email` also queues the credentials mail with `password`.
 *   LK_ERR_NOTFOUND: not such an applicant of this instansi.
 *   LK_ERR_CONFLICT: the applicant already chose their own password (nothing changed). */
lk_err loket_issue_password(store_conn *c, const account *officer, int64_t account_id, const char *password,
                            const char *password_hash, int by_email, const char *base_url, time_t now);

/* The applicant of an application a counter officer of `instansi_id` entered
 * (permohonan.entered_by set); LK_ERR_NOTFOUND for any other application, including an
 * applicant's own online one. */
lk_err loket_permohonan_owner(store_conn *c, int64_t instansi_id, int64_t permohonan_id, int64_t *account_id);

/* An application of an applicant in the instansi, for the counter's list. */
typedef struct {
    int64_t id;
    const char *nomor;           /* NULL while a draft */
    const char *status, *jenis_izin;   /* jenis_izin NULL when not chosen yet */
    int at_counter;              /* entered at the counter */
} loket_permohonan;

/* The applicant's applications in the instansi, newest first (at most 50). */
lk_err loket_permohonan_list(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id,
                             loket_permohonan **out, size_t *n);

#endif
