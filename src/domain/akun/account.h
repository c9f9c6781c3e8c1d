/* domain/akun/account.h — accounts of applicants and officers, roles, log-in throttling.
 *
 * Roles are data (table role) referenced by key; in C they are bits so a check reads
 * `acct.roles & ROLE_FRONT_OFFICE`.  Usernames and emails are unique regardless of case
 * among accounts that are not rejected.  All strings are allocated in the caller's arena. */
#ifndef LOKET_ACCOUNT_H
#define LOKET_ACCOUNT_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef enum {
    ROLE_ADMIN_INSTANSI = 1 << 0,
    ROLE_FRONT_OFFICE = 1 << 1,
    ROLE_VERIFIKATOR = 1 << 2,
    ROLE_TIM_TEKNIS = 1 << 3,
    ROLE_BENDAHARA = 1 << 4,
    ROLE_PENANDATANGAN = 1 << 5,
    ROLE_PENYERAHAN = 1 << 6,
} role_bit;
#define ROLE_COUNT 7

const char *role_key(role_bit r);     /* "front_office" */
const char *role_name(role_bit r);    /* "Front Office" */
/* Parses "front_office,verifikator" into bits; -1 names nothing known or is malformed. */
int roles_parse(const char *list, unsigned *out);

typedef struct {
    int64_t id;
    const char *kind;            /* "pemohon", "petugas", "superadmin" */
    const char *username, *email, *nama, *status;
    int64_t instansi_id;
    const char *instansi_name, *instansi_slug, *office_name;
    unsigned roles;
    int must_change_password;
    int failed_logins;
    int64_t locked_until;
    const char *password_hash;   /* NULL until credentials are issued */
} account;

lk_err account_get(store_conn *c, arena *a, int64_t id, account *out);
/* By username or email, case-insensitive, ignoring rejected registrations. */
lk_err account_find_login(store_conn *c, arena *a, const char *username_or_email, account *out);

/* Creates an officer of an instansi (status aktif) with roles.  LK_ERR_CONFLICT when the
 * username or email is taken.  `password_hash` from password_hash(). */
lk_err account_create_officer(store_conn *c, int64_t instansi_id, const char *username,
                              const char *email, const char *nama, unsigned roles,
                              const char *password_hash, int must_change, int64_t *id_out);
lk_err account_set_password(store_conn *c, int64_t id, const char *password_hash, int must_change);

/* ---- log-in throttling: growing delays, then a temporary lock ----
 * Counted per account and per client address.  After `free` consecutive failures each
 * further attempt must wait 2^(n-free) seconds (at most a minute); after `lock` failures
 * the account or address is locked for LOGIN_LOCK_S.  An address gets more room than
 * an account: a whole office often shares one public address. */
#define LOGIN_ACCOUNT_FREE 3
#define LOGIN_ACCOUNT_LOCK 10
#define LOGIN_CLIENT_FREE 10
#define LOGIN_CLIENT_LOCK 50
#define LOGIN_LOCK_S 900

/* Seconds until `client` (and the account, if known) may try again; 0 = now. */
lk_err login_wait(store_conn *c, const char *client, const account *acct, time_t now, int64_t *wait_s);
lk_err login_failed(store_conn *c, const char *client, int64_t account_id, time_t now);
lk_err login_succeeded(store_conn *c, const char *client, int64_t account_id);

/* 0 if a new password is acceptable, else -1 with an Indonesian message. */
int password_policy(const char *password, const char *username, const char **msg);

#endif
