/* domain/akun/session.h — database-stored sessions (SPEC 4.5, 8).
 *
 * The browser holds a random token (cookie "sid"); the database holds only its SHA-256,
 * so several `loket serve` processes share sessions and a stolen database copy opens
 * nothing.  A session expires after SESSION_IDLE_S without use or SESSION_MAX_S after it
 * began.  Anonymous sessions (account_id 0) carry the CSRF token of the log-in and
 * registration forms; log-in replaces the session by a new one (rotation). */
#ifndef LOKET_SESSION_H
#define LOKET_SESSION_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/crypto.h"
#include "util/err.h"

#define SESSION_IDLE_S (2 * 3600)
#define SESSION_MAX_S (12 * 3600)
/* last_seen_at is written at most this often (a write per page would make every page a
 * write; a minute is enough for an idle timeout counted in hours). */
#define SESSION_TOUCH_S 60

typedef struct {
    char token[TOKEN_CHARS + 1];    /* only set by session_create (for the cookie) */
    char id_hash[TOKEN_HASH_CHARS + 1];
    char csrf[TOKEN_CHARS + 1];
    int64_t account_id;             /* 0 = anonymous */
    int64_t created_at, last_seen_at, expires_at;
} session;

/* The installation's key for signing anonymous forms' CSRF tokens (32 bytes), shared
 * by every process through table app_secret: made by the first that asks. */
lk_err session_form_key(store_conn *c, unsigned char key[32]);

/* Inserts a new session for account_id (0 = anonymous). */
lk_err session_create(store_conn *c, int64_t account_id, time_t now, session *out);
/* Finds the live session of a cookie token; LK_ERR_NOTFOUND if unknown or expired (an
 * expired one is deleted).  Refreshes last_seen_at at most once a minute. */
lk_err session_find(store_conn *c, const char *token, time_t now, session *out);
/* Ends a session (log out).  Missing is fine. */
lk_err session_delete(store_conn *c, const char *id_hash);
/* Ends every session of an account (after a password change, all but keep_hash). */
lk_err session_delete_account(store_conn *c, int64_t account_id, const char *keep_hash);
/* Removes expired sessions; returns how many in *removed (may be NULL). */
lk_err session_purge(store_conn *c, time_t now, int64_t *removed);

#endif
