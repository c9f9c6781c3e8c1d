/* web/home.c — Home, the language switch, the health check, and the pages of features
 * that this installation does not offer yet. */
#include "domain/katalog/catalogue.h"
#include "html/i18n.h"
#include "util/log.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/kontak.h"
#include "web/page.h"
#include <string.h>

void handle_home(req *r)
{
    /* An officer's home is their inbox counts and menu (web/inbox.c). */
    const account *who = web_account(r);
    if (who && strcmp(who->kind, "petugas") == 0) {
        handle_petugas_home(r);
        return;
    }
    tv *ctx = page_new(r, "Home", "home");
    const char *msg = req_query(r, "pesan");
    if (msg && strcmp(msg, "password") == 0) tv_set(ctx, "notice", page_t(r, "Password baru Anda telah disimpan."));
    store_conn *c = store_acquire(APP(r)->db);
    instansi *list = NULL;
    size_t n = 0;
    lk_err e = catalogue_instansi_list(c, r->a, &list, &n);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv_set_bool(ctx, "has_instansi", n > 0);
    tv *offices = tv_set_list(ctx, "instansi");
    for (size_t i = 0; i < n; i++) {
        tv *o = tv_push_map(offices);
        tv_set(o, "name", list[i].name);
        tv_set(o, "office", list[i].office_name);
        tv_set(o, "href", arena_printf(r->a, "/katalog/%s", list[i].slug));
        instansi_kontak k = kontak_of_instansi(&list[i]);
        kontak_view_set(r, o, &k);
    }
    page_send(r, 200, "home", ctx);
}

void handle_language(req *r)
{
    const char *lang = req_param(r, "lang");
    if (!i18n_lang_ok(lang)) {
        page_error(r, 404, "Bahasa tidak tersedia.");
        return;
    }
    resp_cookie(r, "lang", lang, 365L * 24 * 3600, web_cookie_flags(r));
    /* Logged in: the account's mails follow the switch too (issue 10 item 7) — but only
     * from Loket's own pages, so a link on another site cannot change them. */
    const account *me = web_account(r);
    if (me && web_same_origin_ok(r)) {
        store_conn *c = store_acquire(APP(r)->db);
        lk_err e = account_set_lang(c, me->id, lang);
        store_release(c);
        if (e != LK_OK) log_warn("bahasa: cannot store the language of account %lld: %s", (long long)me->id, lk_err_name(e));
    }
    resp_redirect(r, 303, web_local_path(req_query(r, "next")));
}

void handle_health(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    int64_t one = 0;
    lk_err e = store_query_int(c, "SELECT 1", STORE_NOP, &one);
    store_release(c);
    resp_header(r, "Cache-Control", "no-store");
    if (e != LK_OK || one != 1) {
        resp_text(r, 503, "application/json", "{\"status\":\"error\",\"database\":\"unreachable\"}\n");
        return;
    }
    resp_text(r, 200, "application/json", "{\"status\":\"ok\",\"database\":\"ok\"}\n");
}

void handle_not_open_yet(req *r)
{
    int login = strcmp(r->path, "/login") == 0;
    tv *ctx = page_new(r, login ? "Log In" : "Registrasi Pemohon", login ? "login" : "registrasi");
    tv_set_bool(ctx, "login", login);
    page_send(r, 200, "belum-dibuka", ctx);
}
