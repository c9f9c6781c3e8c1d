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

/* The language the account's mails are written in, "id" or "en" (static strings; "id"
 * for an account that does not exist).  Set at Registrasi Pemohon and by the language
 * switch while logged in; LK_ERR_INVALID for another language. */
lk_err account_lang(store_conn *c, int64_t id, const char **lang);
lk_err account_set_lang(store_conn *c, int64_t id, const char *lang);

/* ---- log-in throttling (SPEC 4.5; docs/SECURITY.md "Log-in") ----
 * Guessing must be useless without keeping the owner out, and an unknown username must
 * be answered exactly like a known one.  Three counters (domain/akun/throttle.h):
 *   pair     (who, address): LOGIN_PAIR_* — the guesser's own address slows down and locks;
 *   account  (who) from any address: LOGIN_ACCOUNT_*;
 *   address  (address) whatever the names: LOGIN_CLIENT_* (a whole office may share one).
 * The account and address counters do not apply to a known source: an address or
 * device (cookie) this account logged in from before (LOGIN_KNOWN_S).  So an attacker
 * spread over many addresses slows the account down for strangers only, never for the
 * owner's own devices, and a busy shared address does not lock out its regular users.
 * `who` is the account ("#id") when it exists, else the identifier typed, so unknown
 * names count and wait exactly as known ones do. */
#define LOGIN_PAIR_FREE 3
#define LOGIN_PAIR_LOCK 10
#define LOGIN_ACCOUNT_FREE 10
#define LOGIN_ACCOUNT_LOCK 50
#define LOGIN_CLIENT_FREE 20
#define LOGIN_CLIENT_LOCK 100
#define LOGIN_LOCK_S 900
#define LOGIN_KNOWN_S (180 * 86400)

typedef struct {
    const char *who;            /* "#<id>" of the account, or the lowercased name typed */
    int64_t account_id;         /* 0: no such account */
    const char *ip;             /* the client address (req_client_ip) */
    const char *device;         /* the device cookie's token, or NULL */
} login_attempt;

/* Fills who from the account found (or the identifier typed when none). */
void login_attempt_init(login_attempt *at, arena *a, const char *ident, const account *found,
                        const char *ip, const char *device);
/* Seconds until this attempt may be tried (0 = now). */
lk_err login_wait(store_conn *c, const login_attempt *at, time_t now, int64_t *wait_s);
lk_err login_failed(store_conn *c, const login_attempt *at, time_t now);
/* Clears the pair's count and remembers the address and device as known. */
lk_err login_succeeded(store_conn *c, const login_attempt *at, time_t now);

/* 0 if a new password is acceptable, else -1 with an Indonesian message. */
int password_policy(const char *password, const char *username, const char **msg);

#endif
