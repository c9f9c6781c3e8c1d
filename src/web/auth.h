/* web/auth.h — who is asking: the session cookie, the logged-in account, CSRF tokens and
 * the guards handlers start with.
 *
 * Every POST handler calls web_csrf_ok() first; every page of an applicant or officer
 * starts with web_require_*(), which sends the log-in redirect or a 403 page itself and
 * returns NULL, so a handler reads:
 *     const account *me = web_require_petugas(r, ROLE_FRONT_OFFICE);
 *     if (!me) return; */
#ifndef LOKET_WEB_AUTH_H
#define LOKET_WEB_AUTH_H
#include "domain/akun/account.h"
#include "domain/akun/session.h"
#include "http/http.h"

/* Per-request state of the web layer (r->user), allocated in the request arena. */
typedef struct {
    const char *lang;
    int loaded;                 /* session and account looked up */
    int has_session;
    session sess;
    int has_account;
    account acct;
    char anon_csrf[TOKEN_HASH_CHARS + 1];   /* the stateless token of this response */
} web_state;

web_state *web_state_of(req *r);
/* COOKIE_HTTPONLY, plus COOKIE_SECURE when the public address is https. */
int web_cookie_flags(req *r);

const session *web_session(req *r);        /* NULL when there is none */
/* 1 if the request carries a session cookie (valid or not), without looking it up. */
int web_has_session_cookie(req *r);
/* The session cookie as sent (unchecked), or NULL: a key for what is kept per session. */
const char *web_session_cookie(req *r);
const account *web_account(req *r);        /* the logged-in, active account, or NULL */
/* The CSRF token for a form: the session's, or without a session a stateless signed
 * token (cookie "acsrf"), so an anonymous GET writes nothing. */
const char *web_csrf(req *r);
/* The session, creating an anonymous one (and its cookie) when there is none: for a
 * POST that must keep something for an anonymous visitor (the registration draft). */
const session *web_session_ensure(req *r);
/* 1 if the POSTed "csrf" field matches this session's token. */
int web_csrf_ok(req *r);
/* For the public forms that only look something up (public tracking, the PDF check of
 * Cek Keaslian Izin) and whose pages are cached the same for every visitor, so they carry
 * no token: 1 unless the browser says the post came from another site (Sec-Fetch-Site
 * cross-site or same-site, or an Origin that is not this site's own). */
int web_same_origin_ok(req *r);
/* Sends the standard page for a failed CSRF check (403, "form expired, try again"). */
void web_csrf_failed(req *r);

/* Starts a new session for account_id, replacing the current one (log-in rotation). */
int web_session_start(req *r, store_conn *c, int64_t account_id);
/* Ends the current session and clears the cookie. */
void web_session_end(req *r, store_conn *c);

/* `next` if it is a path on this site as browsers parse it, else "/".  Browsers drop tab
 * and newline anywhere in a URL, read "\\" as "/" and "//host" as another site, so a
 * path must start with one "/" and hold only printable ASCII without "\\"; escapes of
 * control characters, "\\" or a second leading "/" are refused as well. */
const char *web_local_path(const char *next);

/* A logged-in account whose password needs no change; one that still holds its one-time
 * password is sent to /akun/password (SPEC 4.4). */
const account *web_require_login(req *r);
/* Any logged-in account, also one that must still change its password: only for the
 * password change itself. */
const account *web_require_login_any(req *r);
const account *web_require_pemohon(req *r);
/* The start of an applicant's form handler: a valid CSRF token, then an active
 * applicant.  Sends the refusal itself and returns NULL. */
const account *web_pemohon_post(req *r);
/* An active officer holding at least one of `roles_any` (0 = any officer role). */
const account *web_require_petugas(req *r, unsigned roles_any);

#endif
