/* web/login.c — Log In, Log Out and the forced password change at first log-in
 * (SPEC 4.4, 4.5).
 *
 * Password checks run on the background pool (req_defer): argon2id costs tens of
 * milliseconds and 64 MiB, and a burst of log-ins must not stall page serving.  Before
 * deferring, the handler loads the session and CSRF token so the background work needs
 * no second database connection for rendering. */
#include "domain/akun/account.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A hash to verify against when the account does not exist, so the answer takes as long
 * as for a real account and does not reveal which usernames exist. */
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy_hash(void)
{
    char pw[24];
    password_generate(pw, 20);
    if (password_hash(pw, dummy_hash) != 0) dummy_hash[0] = '\0';
}

/* The device cookie: a random token that lets this browser count as a known source of
 * its accounts' log-ins (LOGIN_KNOWN_S), so guessing elsewhere never locks it out.  It
 * is set at the first successful log-in and kept for a year; it grants nothing else. */
#define DEVICE_COOKIE "perangkat"

static const char *device_token(req *r)
{
    const char *have = req_cookie(r, DEVICE_COOKIE);
    if (have && strlen(have) == TOKEN_CHARS) return have;
    char *token = arena_alloc(r->a, TOKEN_CHARS + 1);
    token_new(token);
    resp_cookie(r, DEVICE_COOKIE, token, 365L * 86400, web_cookie_flags(r));
    return token;
}

static void show_login(req *r, int status, const char *ident, const char *error, const char *notice)
{
    tv *ctx = page_new(r, "Log In", "login");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "ident", ident);
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    const char *next = req_form(r, "next");
    if (!next) next = req_query(r, "next");
    tv_set(ctx, "next", web_local_path(next));
    page_send(r, status, "login", ctx);
}

void handle_login_form(req *r)
{
    if (web_account(r)) {
        resp_redirect(r, 303, "/");
        return;
    }
    const char *msg = req_query(r, "pesan");
    const char *notice = NULL;
    if (msg && strcmp(msg, "keluar") == 0) notice = "Anda telah keluar.";
    else if (msg && strcmp(msg, "password") == 0) notice = "Password telah diganti. Silakan Log In dengan password baru.";
    show_login(r, 200, NULL, NULL, notice);
}

static void login_work(req *r)
{
    const char *ident = req_form(r, "username");
    const char *password = req_form(r, "password");
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    account acct;
    lk_err found = account_find_login(c, r->a, ident, &acct);
    if (found != LK_OK && found != LK_ERR_NOTFOUND) {
        store_release(c);
        page_fail(r, found);
        return;
    }
    login_attempt at;
    login_attempt_init(&at, r->a, ident, found == LK_OK ? &acct : NULL, req_client_ip(r),
                       req_cookie(r, DEVICE_COOKIE));
    int64_t wait_s = 0;
    if (login_wait(c, &at, now, &wait_s) == LK_OK && wait_s > 0) {
        store_release(c);
        resp_header(r, "Retry-After", arena_printf(r->a, "%lld", (long long)wait_s));
        show_login(r, 429, ident,
                   arena_printf(r->a, "%s %lld %s", page_t(r, "Terlalu banyak percobaan yang gagal. Coba lagi dalam"),
                                (long long)wait_s, page_t(r, "detik.")), NULL);
        return;
    }
    int ok;
    if (found == LK_OK && acct.password_hash) {
        ok = password_verify(password, acct.password_hash);
    } else {
        pthread_once(&dummy_once, make_dummy_hash);
        password_verify(password, dummy_hash);
        ok = 0;
    }
    if (!ok) {
        login_failed(c, &at, now);
        store_release(c);
        show_login(r, 401, ident, "Username/email atau password salah.", NULL);
        return;
    }
    if (strcmp(acct.status, "aktif") != 0) {
        store_release(c);
        show_login(r, 403, ident, strcmp(acct.status, "nonaktif") == 0
                   ? "Akun ini dinonaktifkan. Hubungi petugas DPMPTSP."
                   : "Akun Anda belum aktif. Selesaikan verifikasi dari email Anda terlebih dahulu.", NULL);
        return;
    }
    at.device = device_token(r);
    login_succeeded(c, &at, now);
    /* A hash made under earlier parameters is made again under today's, with the password
     * just proven (one more hash, once per account). */
    if (password_needs_rehash(acct.password_hash)) {
        char fresh[PASSWORD_HASH_MAX];
        if (password_hash(password, fresh) == 0 &&
            account_set_password(c, acct.id, fresh, acct.must_change_password) != LK_OK)
            log_error("log-in: account %lld: the password could not be rehashed", (long long)acct.id);
    }
    int started = web_session_start(r, c, acct.id);
    store_release(c);
    if (started != 0) {
        page_fail(r, LK_ERR_DB);
        return;
    }
    log_info("log-in: account %lld (%s)", (long long)acct.id, acct.kind);
    resp_redirect(r, 303, acct.must_change_password ? "/akun/password" : web_local_path(req_form(r, "next")));
}

void handle_login(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *ident = req_form(r, "username");
    const char *password = req_form(r, "password");
    if (is_blank(ident) || !password || !*password) {
        show_login(r, 400, ident, "Isi Pengguna dan Password.", NULL);
        return;
    }
    web_csrf(r);   /* the session is loaded here, on the request thread */
    req_defer(r, login_work);
}

void handle_logout(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    web_session_end(r, c);
    store_release(c);
    resp_redirect(r, 303, "/login?pesan=keluar");
}

static void show_password_form(req *r, int status, const char *error)
{
    const account *me = web_account(r);
    tv *ctx = page_new(r, "Ganti Password", NULL);
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set_bool(ctx, "forced", me && me->must_change_password);
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    page_send(r, status, "password", ctx);
}

void handle_password_form(req *r)
{
    if (!web_require_login_any(r)) return;
    show_password_form(r, 200, NULL);
}

static void password_work(req *r)
{
    const account *me = web_account(r);
    const char *old_pw = req_form(r, "password_lama");
    const char *new_pw = req_form(r, "password_baru");
    /* The forced change right after logging in with the one-time password does not ask
     * for it again: this session was opened with it a moment ago. */
    if (me->must_change_password) {
        if (me->password_hash && password_verify(new_pw, me->password_hash)) {
            show_password_form(r, 400, "Password baru harus berbeda dari password lama.");
            return;
        }
    } else if (!me->password_hash || !password_verify(old_pw ? old_pw : "", me->password_hash)) {
        show_password_form(r, 400, "Password lama salah.");
        return;
    }
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(new_pw, hash) != 0) {
        page_fail(r, LK_ERR_INTERNAL);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = account_set_password(c, me->id, hash, 0);
    if (e == LK_OK) e = session_delete_account(c, me->id, web_session(r)->id_hash);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, "/?pesan=password");
}

void handle_password(req *r)
{
    const account *me = web_require_login_any(r);
    if (!me) return;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *new_pw = req_form(r, "password_baru");
    const char *again = req_form(r, "password_ulang");
    const char *msg = NULL;
    if (password_policy(new_pw, me->username, &msg) != 0) {
        show_password_form(r, 400, msg);
        return;
    }
    if (!again || strcmp(new_pw, again) != 0) {
        show_password_form(r, 400, "Ulangi Password Baru tidak sama.");
        return;
    }
    const char *old_pw = req_form(r, "password_lama");
    if (old_pw && strcmp(old_pw, new_pw) == 0) {
        show_password_form(r, 400, "Password baru harus berbeda dari password lama.");
        return;
    }
    req_defer(r, password_work);
}
