/* domain/akun/approval.h — from registration to credentials (SPEC 4.2–4.4), and password
 * reset by email.
 *
 *   menunggu ──approve──► disetujui ──verify (POST)──► aktif
 *      └──reject──► ditolak
 *
 * Each step is one transaction that also queues its mail (outbox), so a mail exists
 * exactly when its step committed.  Email links carry a random token; only its SHA-256
 * is stored, it expires, and it is consumed once — by a POST, never by opening the link
 * (mail scanners open links).  Officers act only on applicants of their own instansi:
 * every function takes the officer's instansi_id and treats other instansi's
 * applicants as not found. */
#ifndef LOKET_APPROVAL_H
#define LOKET_APPROVAL_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define VERIFY_TOKEN_TTL_S (3 * 24 * 3600)
#define RESET_TOKEN_TTL_S (3600)

typedef struct {
    int64_t id;
    const char *username, *nama, *email, *status, *created_at;
    const char *tipe_identitas, *no_identitas, *jenis_kelamin, *pekerjaan;
    const char *tempat_lahir, *tanggal_lahir, *npwp;
    const char *telepon, *hp, *alamat, *kode_pos;
    const char *provinsi, *kabupaten, *kecamatan, *desa;   /* names */
    const char *identity_file, *identity_mime, *identity_name;
    const char *reject_reason;
} applicant;

/* Applicants of an instansi with `status` ("menunggu", ...), oldest first, at most
 * `limit`.  *total receives how many there are in all. */
lk_err approval_list(store_conn *c, arena *a, int64_t instansi_id, const char *status, int limit,
                     applicant **out, size_t *count, int64_t *total);
/* One applicant with the profile; LK_ERR_NOTFOUND when not of this instansi. */
lk_err approval_get(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, applicant *out);

/* Approves a waiting applicant and queues the verification mail, in the caller's
 * transaction.  officer_id 0 means approved automatically (instansi setting).
 * LK_ERR_CONFLICT when the applicant is no longer waiting. */
lk_err approval_approve_tx(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                           const char *base_url, time_t now);
/* approval_approve_tx in its own transaction. */
lk_err approval_approve(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                        const char *base_url, time_t now);
/* Rejects with a reason (emailed).  The username and email become free again. */
lk_err approval_reject(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                       const char *reason, time_t now);

/* What an email link's token stands for, without consuming it. */
typedef enum {
    TOKEN_VALID,
    TOKEN_UNKNOWN,    /* never issued, or for another purpose */
    TOKEN_USED,       /* already consumed (e.g. the account is already verified) */
    TOKEN_EXPIRED,
} token_state;
token_state email_token_state(store_conn *c, const char *token, const char *purpose, time_t now,
                              int64_t *account_id);

/* Consumes a verification token: the account becomes aktif with the given password hash
 * (a generated one-time password, to be changed at first log-in), and the credentials
 * mail with `password` in it is queued.  One transaction.  LK_ERR_NOTFOUND for an
 * unknown/used/expired token. */
lk_err verification_complete(store_conn *c, const char *token, const char *password,
                             const char *password_hash, const char *base_url, time_t now);

/* Queues the credentials mail ("berikut ini adalah informasi user anda": username, the
 * one-time `password`, the log-in link) to the account, in the caller's transaction. */
lk_err credentials_mail_tx(store_conn *c, int64_t account_id, const char *password, const char *base_url);

/* Lupa password: when `email` belongs to an active account, issues a reset token and
 * queues the mail (older reset tokens of the account are voided).  Says nothing about
 * whether the account exists: always LK_OK unless the database fails. */
lk_err reset_request(store_conn *c, const char *email, const char *base_url, time_t now);
/* Consumes a reset token and sets the new password; ends the account's sessions. */
lk_err reset_complete(store_conn *c, const char *token, const char *password_hash, time_t now);

/* The instansi setting "approve registrations automatically". */
lk_err instansi_set_auto_approve(store_conn *c, int64_t instansi_id, int on);

#endif
