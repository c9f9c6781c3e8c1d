/* web/auth.c — sessions, CSRF and access guards for handlers (see auth.h). */
#include "web/auth.h"
#include "util/text.h"
#include "web/page.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SESSION_COOKIE "sid"

int web_has_session_cookie(req *r)
{
    return req_cookie(r, SESSION_COOKIE) != NULL;
}

const char *web_session_cookie(req *r)
{
    return req_cookie(r, SESSION_COOKIE);
}

web_state *web_state_of(req *r)
{
    if (!r->user) r->user = arena_alloc(r->a, sizeof(web_state));
    return r->user;
}

int web_cookie_flags(req *r)
{
    return COOKIE_HTTPONLY | (strncmp(APP(r)->base_url, "https:", 6) == 0 ? COOKIE_SECURE : 0);
}

static void load(req *r)
{
    web_state *ws = web_state_of(r);
    if (ws->loaded) return;
    ws->loaded = 1;
    const char *token = req_cookie(r, SESSION_COOKIE);
    if (!token) return;
    store_conn *c = store_acquire(APP(r)->db);
    if (session_find(c, token, time(NULL), &ws->sess) == LK_OK) {
        ws->has_session = 1;
        if (ws->sess.account_id &&
            account_get(c, r->a, ws->sess.account_id, &ws->acct) == LK_OK &&
            strcmp(ws->acct.status, "aktif") == 0)
            ws->has_account = 1;
    }
    store_release(c);
}

const session *web_session(req *r)
{
    load(r);
    return web_state_of(r)->has_session ? &web_state_of(r)->sess : NULL;
}

const account *web_account(req *r)
{
    load(r);
    return web_state_of(r)->has_account ? &web_state_of(r)->acct : NULL;
}

static void set_session_cookie(req *r, const char *token)
{
    resp_cookie(r, SESSION_COOKIE, token, -1, web_cookie_flags(r));
}

/* Anonymous forms (log-in, Lupa Password, verification, the wizard's first step) carry a
 * stateless token, so showing them writes nothing to the database: the browser gets a
 * random cookie "acsrf" and the form the HMAC of it under the installation's key.  A
 * cross-site page can neither read the cookie nor compute the HMAC. */
#define ANON_CSRF_COOKIE "acsrf"

static pthread_mutex_t form_key_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char form_key[32];
static int form_key_loaded;

static int anon_token(req *r, const char *nonce, char out[TOKEN_HASH_CHARS + 1])
{
    pthread_mutex_lock(&form_key_lock);
    if (!form_key_loaded) {
        store_conn *c = store_acquire(APP(r)->db);
        form_key_loaded = session_form_key(c, form_key) == LK_OK;
        store_release(c);
    }
    int ok = form_key_loaded;
    pthread_mutex_unlock(&form_key_lock);
    if (!ok) return -1;
    char msg[TOKEN_CHARS + 8];
    snprintf(msg, sizeof msg, "anon:%s", nonce);
    token_mac(form_key, msg, out);
    return 0;
}

const char *web_csrf(req *r)
{
    const session *s = web_session(r);
    if (s) return s->csrf;
    web_state *ws = web_state_of(r);
    if (ws->anon_csrf[0]) return ws->anon_csrf;
    const char *nonce = req_cookie(r, ANON_CSRF_COOKIE);
    char fresh[TOKEN_CHARS + 1];
    if (!nonce || strlen(nonce) != TOKEN_CHARS) {
        token_new(fresh);
        nonce = fresh;
        resp_cookie(r, ANON_CSRF_COOKIE, fresh, -1, web_cookie_flags(r));
    }
    if (anon_token(r, nonce, ws->anon_csrf) != 0) return "";   /* refused on submit; the page still shows */
    return ws->anon_csrf;
}

int web_csrf_ok(req *r)
{
    const session *s = web_session(r);
    const char *sent = req_form(r, "csrf");
    if (!sent) return 0;
    if (s && secure_equal(sent, s->csrf)) return 1;
    const char *nonce = req_cookie(r, ANON_CSRF_COOKIE);
    char expected[TOKEN_HASH_CHARS + 1];
    return nonce && strlen(nonce) == TOKEN_CHARS && anon_token(r, nonce, expected) == 0 &&
           secure_equal(sent, expected);
}

const session *web_session_ensure(req *r)
{
    const session *s = web_session(r);
    if (s) return s;
    web_state *ws = web_state_of(r);
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = session_create(c, 0, time(NULL), &ws->sess);
    store_release(c);
    if (e != LK_OK) return NULL;
    ws->has_session = 1;
    set_session_cookie(r, ws->sess.token);
    return &ws->sess;
}

int web_same_origin_ok(req *r)
{
    const char *site = req_header(r, "Sec-Fetch-Site");
    if (site) return strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
    const char *origin = req_header(r, "Origin");
    if (!origin) return 1;   /* an old browser or a tool: no cross-site sign to go by */
    const char *host = req_header(r, "Host");
    const char *base = APP(r)->base_url;
    size_t n = strlen(base);
    while (n && base[n - 1] == '/') n--;
    if (strlen(origin) == n && strncmp(origin, base, n) == 0) return 1;
    /* Behind a proxy or on another name the base URL may differ: the Host asked for. */
    const char *rest = strstr(origin, "://");
    return host && rest && strcmp(rest + 3, host) == 0;
}

void web_csrf_failed(req *r)
{
    page_error(r, 403, "Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.");
}

int web_session_start(req *r, store_conn *c, int64_t account_id)
{
    web_state *ws = web_state_of(r);
    load(r);
    if (ws->has_session) session_delete(c, ws->sess.id_hash);
    if (session_create(c, account_id, time(NULL), &ws->sess) != LK_OK) return -1;
    ws->has_session = 1;
    set_session_cookie(r, ws->sess.token);
    return 0;
}

void web_session_end(req *r, store_conn *c)
{
    web_state *ws = web_state_of(r);
    load(r);
    if (ws->has_session) session_delete(c, ws->sess.id_hash);
    ws->has_session = ws->has_account = 0;
    resp_cookie(r, SESSION_COOKIE, "", 0, web_cookie_flags(r));
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    ch = (char)(ch | 32);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

const char *web_local_path(const char *next)
{
    if (!next || next[0] != '/') return "/";
    for (size_t i = 0; next[i]; i++) {
        unsigned char ch = (unsigned char)next[i];
        if (ch <= 0x20 || ch >= 0x7f || ch == '\\') return "/";
        if (ch == '%') {
            int hi = hex_value(next[i + 1]), lo = hi >= 0 ? hex_value(next[i + 2]) : -1;
            if (lo < 0) return "/";
            int decoded = hi * 16 + lo;
            if (decoded < 0x20 || decoded == 0x7f || decoded == '\\' || (i == 1 && decoded == '/')) return "/";
        }
    }
    if (next[1] == '/') return "/";
    return next;
}

const account *web_require_login(req *r)
{
    const account *a = web_require_login_any(r);
    if (!a || !a->must_change_password) return a;
    /* The one-time password from the credentials mail opens nothing but its change
     * (SPEC 4.4): every page and form sends there until it is done. */
    resp_redirect(r, 303, "/akun/password");
    return NULL;
}

const account *web_require_login_any(req *r)
{
    const account *a = web_account(r);
    if (a) return a;
    /* Only GET pages are worth coming back to after logging in. */
    const char *next = strcmp(r->method, "GET") == 0 ? r->path : "/";
    buf loc = BUF_INIT;
    buf_puts(&loc, "/login?next=");
    for (const unsigned char *p = (const unsigned char *)next; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.", *p))
            buf_putc(&loc, (char)*p);
        else
            buf_printf(&loc, "%%%02X", *p);
    }
    resp_redirect(r, 303, buf_str(&loc));
    buf_free(&loc);
    return NULL;
}

const account *web_require_pemohon(req *r)
{
    const account *a = web_require_login(r);
    if (!a) return NULL;
    if (strcmp(a->kind, "pemohon") != 0) {
        page_error(r, 403, "Halaman ini hanya untuk pemohon.");
        return NULL;
    }
    return a;
}

const account *web_require_petugas(req *r, unsigned roles_any)
{
    const account *a = web_require_login(r);
    if (!a) return NULL;
    if (strcmp(a->kind, "petugas") != 0 || (roles_any && !(a->roles & roles_any))) {
        page_error(r, 403, "Anda tidak berhak membuka halaman ini.");
        return NULL;
    }
    return a;
}

const account *web_pemohon_post(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return NULL;
    }
    return web_require_pemohon(r);
}
