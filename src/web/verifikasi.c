/* web/verifikasi.c — the pages behind email links: *Verifikasi* (SPEC 4.3–4.4) and
 * *Lupa Password*.
 *
 * Opening a link (GET) only shows a page with a button; the token is consumed by the
 * POST of that button, because mail scanners and link previews open links by
 * themselves.  Generating and hashing the one-time password runs on the background
 * pool (argon2id). */
#include "domain/akun/account.h"
#include "domain/akun/approval.h"
#include "domain/surat/mailer.h"
#include "util/crypto.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/visitor_mail.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define ONE_TIME_PASSWORD_LEN 12

static void wake_mailer(req *r)
{
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
}

/* A page with a title and one message, for the outcomes of links. */
static void show_message(req *r, int status, const char *title, const char *message, int login_link)
{
    tv *ctx = page_new(r, title, NULL);
    tv_set(ctx, "message", page_t(r, message));
    tv_set_bool(ctx, "login_link", login_link);
    page_send(r, status, "pesan", ctx);
}

static void show_token_problem(req *r, token_state st, int verification)
{
    if (st == TOKEN_USED)
        show_message(r, 410, verification ? "Verifikasi" : "Lupa Password",
                     verification ? "Tautan ini sudah dipakai: akun Anda sudah diverifikasi. Username dan password dikirim ke email Anda; silakan Log In."
                                  : "Tautan ini sudah dipakai. Minta tautan baru bila perlu.", 1);
    else if (st == TOKEN_EXPIRED)
        show_message(r, 410, verification ? "Verifikasi" : "Lupa Password",
                     verification ? "Tautan verifikasi sudah kedaluwarsa. Hubungi petugas DPMPTSP agar dikirim ulang."
                                  : "Tautan sudah kedaluwarsa. Minta tautan baru di halaman Lupa Password.", !verification);
    else
        show_message(r, 404, verification ? "Verifikasi" : "Lupa Password",
                     "Tautan tidak dikenal. Periksa kembali tautan di email Anda.", 0);
}

void handle_verifikasi_form(req *r)
{
    const char *token = req_query(r, "token");
    store_conn *c = store_acquire(APP(r)->db);
    token_state st = email_token_state(c, token, "verifikasi", time(NULL), NULL);
    store_release(c);
    if (st != TOKEN_VALID) {
        show_token_problem(r, st, 1);
        return;
    }
    tv *ctx = page_new(r, "Verifikasi", NULL);
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "token", token);
    page_send(r, 200, "verifikasi", ctx);
}

static void verifikasi_work(req *r)
{
    char password[ONE_TIME_PASSWORD_LEN + 1], hash[PASSWORD_HASH_MAX];
    password_generate(password, ONE_TIME_PASSWORD_LEN);
    if (password_hash(password, hash) != 0) {
        page_fail(r, LK_ERR_INTERNAL);
        return;
    }
    const char *token = req_form(r, "token");
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = verification_complete(c, token, password, hash, APP(r)->base_url, now);
    token_state st = e == LK_OK ? TOKEN_VALID : email_token_state(c, token, "verifikasi", now, NULL);
    store_release(c);
    password_wipe(password);
    if (e == LK_ERR_NOTFOUND) {
        show_token_problem(r, st == TOKEN_VALID ? TOKEN_UNKNOWN : st, 1);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    wake_mailer(r);
    show_message(r, 200, "Verifikasi Berhasil",
                 "Akun Anda sudah diverifikasi. Username dan password telah dikirim ke email Anda. Silakan Log In lalu ganti password Anda.", 1);
}

void handle_verifikasi(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    web_csrf(r);
    req_defer(r, verifikasi_work);
}

static void show_lupa(req *r, int status, const char *email, const char *error, int sent)
{
    tv *ctx = page_new(r, "Lupa Password", "login");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "email", email);
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    tv_set_bool(ctx, "sent", sent);
    page_send(r, status, "lupa-password", ctx);
}

void handle_lupa_password_form(req *r)
{
    show_lupa(r, 200, NULL, NULL, 0);
}

void handle_lupa_password(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *email = req_form(r, "email");
    if (is_blank(email) || !strchr(email, '@') || strlen(email) > 254) {
        show_lupa(r, 400, email, "Isi email yang Anda daftarkan.", 0);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    /* Over the limits nothing is sent, and the answer is the same as when it is. */
    lk_err e = visitor_mail_allowed(r, c, email) ? reset_request(c, email, APP(r)->base_url, time(NULL)) : LK_OK;
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    wake_mailer(r);
    /* The same answer whether or not the address is registered. */
    show_lupa(r, 200, NULL, NULL, 1);
}

static void show_reset(req *r, int status, const char *token, const char *error)
{
    tv *ctx = page_new(r, "Buat Password Baru", "login");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "token", token);
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    page_send(r, status, "reset-password", ctx);
}

void handle_reset_password_form(req *r)
{
    const char *token = req_query(r, "token");
    store_conn *c = store_acquire(APP(r)->db);
    token_state st = email_token_state(c, token, "reset", time(NULL), NULL);
    store_release(c);
    if (st != TOKEN_VALID) {
        show_token_problem(r, st, 0);
        return;
    }
    show_reset(r, 200, token, NULL);
}

static void reset_work(req *r)
{
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(req_form(r, "password_baru"), hash) != 0) {
        page_fail(r, LK_ERR_INTERNAL);
        return;
    }
    const char *token = req_form(r, "token");
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = reset_complete(c, token, hash, now);
    token_state st = e == LK_OK ? TOKEN_VALID : email_token_state(c, token, "reset", now, NULL);
    store_release(c);
    if (e == LK_ERR_NOTFOUND) {
        show_token_problem(r, st == TOKEN_VALID ? TOKEN_UNKNOWN : st, 0);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, "/login?pesan=password");
}

void handle_reset_password(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *token = req_form(r, "token");
    const char *pw = req_form(r, "password_baru"), *again = req_form(r, "password_ulang");
    const char *msg = NULL;
    if (password_policy(pw, NULL, &msg) != 0) {
        show_reset(r, 400, token, msg);
        return;
    }
    if (!again || strcmp(pw, again) != 0) {
        show_reset(r, 400, token, "Ulangi Password Baru tidak sama.");
        return;
    }
    web_csrf(r);
    req_defer(r, reset_work);
}
