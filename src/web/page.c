/* web/page.c — the shared layout, language choice and error pages (see page.h). */
#include "web/page.h"
#include "html/i18n.h"
#include "web/auth.h"
#include "util/datetime.h"
#include "util/log.h"
#include <string.h>

const char *page_lang(req *r)
{
    web_state *ws = web_state_of(r);
    if (ws->lang) return ws->lang;
    const char *lang = req_query(r, "lang");
    if (!lang || !i18n_lang_ok(lang)) lang = req_cookie(r, "lang");
    if (!lang || !i18n_lang_ok(lang)) lang = "id";
    ws->lang = strcmp(lang, "en") == 0 ? "en" : "id";
    return ws->lang;
}

const char *page_t(req *r, const char *phrase)
{
    return i18n(page_lang(r), phrase);
}

const char *page_datetime(req *r, const char *iso)
{
    return datetime_long_iso_in(r->a, iso, strcmp(page_lang(r), "en") == 0);
}

const char *page_date(req *r, const char *ymd)
{
    return date_long_in(r->a, ymd, strcmp(page_lang(r), "en") == 0);
}

const char *page_count(req *r, long long n, const char *phrase)
{
    const char *t = page_t(r, phrase);
    const char *bar = strchr(t, '|');
    size_t len = strlen(t);
    if (bar) {   /* "singular|plural": English says "1 application", "2 applications" */
        if (n == 1) len = (size_t)(bar - t);
        else {
            len -= (size_t)(bar + 1 - t);
            t = bar + 1;
        }
    }
    const char *at = strstr(t, "{n}");
    if (!at || at >= t + len) return arena_printf(r->a, "%.*s", (int)len, t);
    return arena_printf(r->a, "%.*s%lld%.*s", (int)(at - t), t, n, (int)(len - (size_t)(at + 3 - t)), at + 3);
}

typedef struct {
    const char *key, *href, *label;
    unsigned roles;   /* officers' menu: shown to holders of any of these roles; 0 = all */
} nav_item;

/* The menus, by who is looking (SPEC 4.6: Home; Layanan Pemohon → Profil dan
 * Permohonan, Keluhan, Simulasi Tarif). */
static const nav_item NAV_PUBLIC[] = {
    {"home", "/", "Home", 0},
    {"katalog", "/katalog", "Katalog Layanan", 0},
    {"login", "/login", "Log In", 0},
    {"registrasi", "/registrasi", "Registrasi Pemohon", 0},
    /* Tarif and complaints (issue 13): public, no log-in needed. */
    {"simulasi", "/simulasi-tarif", "Simulasi Tarif", 0},
    {"keluhan", "/keluhan", "Keluhan", 0},
    /* Issued permits: anyone may check one. */
    {"cek-izin", "/cek-izin", "Cek Keaslian Izin", 0},
    {NULL, NULL, NULL, 0},
};
static const nav_item NAV_PEMOHON[] = {
    {"home", "/", "Home", 0},
    {"katalog", "/katalog", "Katalog Layanan", 0},
    {NULL, NULL, NULL, 0},
};
static const nav_item MENU_LAYANAN_PEMOHON[] = {
    {"profil", "/pemohon/profil", "Profil dan Permohonan", 0},
    {"keluhan", "/pemohon/keluhan", "Keluhan", 0},
    {"simulasi", "/simulasi-tarif", "Simulasi Tarif", 0},
    {NULL, NULL, NULL, 0},
};
/* The officers' menu: one line per page, with the roles that see it (SPEC 2: every page
 * and action is limited to the officer's roles; the handler checks again). */
static const nav_item NAV_PETUGAS[] = {
    {"home", "/", "Home", 0},
    {"antrian-registrasi", "/petugas/registrasi", "Registrasi Pemohon", ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI},
    {"katalog", "/katalog", "Katalog Layanan", 0},
    /* Back office, the workflow runtime: every role that holds steps, and the Admin. */
    {"inbox", "/petugas/inbox", "Kotak Masuk", ROLE_ADMIN_INSTANSI | ROLE_FRONT_OFFICE | ROLE_VERIFIKATOR |
                                               ROLE_TIM_TEKNIS | ROLE_BENDAHARA | ROLE_PENANDATANGAN | ROLE_PENYERAHAN},
    /* Pelayanan Loket (counter service) */
    {"loket", "/petugas/loket", "Pelayanan Loket", ROLE_FRONT_OFFICE},
    /* Complaints (issue 13). */
    {"keluhan-petugas", "/petugas/keluhan", "Keluhan", 0},
    {"laporan", "/petugas/laporan", "Laporan", ROLE_ADMIN_INSTANSI | ROLE_BENDAHARA | ROLE_PENANDATANGAN},
    /* Issued permits: the list with Cabut, the satisfaction index, reminders and survey. */
    {"izin-terbit", "/petugas/izin", "Izin Terbit", ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN},
    {"ikm", "/petugas/ikm", "IKM", ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN | ROLE_FRONT_OFFICE},
    /* Electronic signatures (issue 14): the signer's own certificate. */
    {"tte-sertifikat", "/petugas/sertifikat", "Sertifikat TTE", ROLE_PENANDATANGAN},
    {NULL, NULL, NULL, 0},
};
/* Admin Instansi's settings pages, one submenu so the officer's header stays one line on
 * a desktop (web/admin_*.c and the settings pages). */
static const nav_item MENU_ADMIN_INSTANSI[] = {
    {"admin-petugas", "/petugas/admin/petugas", "Petugas", ROLE_ADMIN_INSTANSI},
    {"admin-izin", "/petugas/admin/izin", "Jenis Izin", ROLE_ADMIN_INSTANSI},
    {"tarif", "/petugas/tarif", "Tarif Retribusi", ROLE_ADMIN_INSTANSI},
    {"admin-libur", "/petugas/admin/libur", "Hari Libur", ROLE_ADMIN_INSTANSI},
    {"izin-pengaturan", "/petugas/izin/pengaturan", "Pengaturan Izin", ROLE_ADMIN_INSTANSI},
    {"pengaturan", "/petugas/pengaturan", "Pengaturan", ROLE_ADMIN_INSTANSI},
    {"surat", "/petugas/surat", "Status Surat", ROLE_ADMIN_INSTANSI},   /* mail status, Kirim ulang */
    {NULL, NULL, NULL, 0},
};

/* Adds the items of `items` that `roles` may see (roles = ~0u for menus without roles). */
static void add_menu(req *r, tv *list, const nav_item *items, const char *active, unsigned roles)
{
    for (const nav_item *n = items; n->key; n++) {
        if (n->roles && !(n->roles & roles)) continue;
        tv *item = tv_push_map(list);
        tv_set(item, "href", n->href);
        tv_set(item, "label", page_t(r, n->label));
        tv_set_bool(item, "active", active && strcmp(active, n->key) == 0);
    }
}

/* Adds a submenu (the header's <details> list) of the items `roles` may see, open when
 * the current page is one of them; nothing when none is visible. */
static void add_submenu(req *r, tv *submenus, const char *label, const nav_item *items, const char *active,
                        unsigned roles)
{
    int visible = 0, open = 0;
    for (const nav_item *n = items; n->key; n++) {
        if (n->roles && !(n->roles & roles)) continue;
        visible = 1;
        if (active && strcmp(active, n->key) == 0) open = 1;
    }
    if (!visible) return;
    tv *sub = tv_push_map(submenus);
    tv_set(sub, "label", page_t(r, label));
    tv_set_bool(sub, "open", open);
    add_menu(r, tv_set_list(sub, "items"), items, active, roles);
}

tv *page_new(req *r, const char *title, const char *nav)
{
    const char *lang = page_lang(r);
    tv *ctx = tv_map(r->a);
    tv_set(ctx, "lang", lang);
    tv_set(ctx, "title", i18n(lang, title));
    tv_set(ctx, "portal", "Loket");
    tv_set(ctx, "css", static_url("loket.css"));
    const account *me = web_account(r);
    tv *menu = tv_set_list(ctx, "nav");
    tv *submenus = tv_set_list(ctx, "submenus");
    if (!me) {
        add_menu(r, menu, NAV_PUBLIC, nav, ~0u);
    } else if (strcmp(me->kind, "pemohon") == 0) {
        add_menu(r, menu, NAV_PEMOHON, nav, ~0u);
        add_submenu(r, submenus, "Layanan Pemohon", MENU_LAYANAN_PEMOHON, nav, ~0u);
    } else {
        add_menu(r, menu, NAV_PETUGAS, nav, me->roles);
        add_submenu(r, submenus, "Administrasi", MENU_ADMIN_INSTANSI, nav, me->roles);
    }
    if (me) {
        tv *u = tv_set_map(ctx, "me");
        tv_set(u, "nama", me->nama);
        tv_set(u, "username", me->username);
        tv_set(u, "instansi", me->instansi_name);
        tv_set_bool(u, "pemohon", strcmp(me->kind, "pemohon") == 0);
        tv_set(ctx, "csrf", web_csrf(r));
    }
    /* The language switch links to /bahasa/xx, which sets a cookie and comes back here. */
    int en = strcmp(lang, "en") == 0;
    tv_set(ctx, "other_lang", en ? "id" : "en");
    tv_set(ctx, "other_lang_label", en ? "Bahasa Indonesia" : "English");
    tv_set(ctx, "here", r->path);
    return ctx;
}

void page_send(req *r, int status, const char *template_name, tv *ctx)
{
    buf out = BUF_INIT;
    lk_err e = tmpl_render(APP(r)->tmpl, template_name, ctx, page_lang(r), &out);
    if (e != LK_OK) {
        log_error("template %s: %s", template_name, lk_err_name(e));
        buf_free(&out);
        resp_text(r, 500, "text/plain; charset=utf-8", "Kesalahan internal: templat halaman tidak ada.\n");
        return;
    }
    resp_html(r, status, &out);
    resp_header(r, "Cache-Control", "no-cache");
}

void page_error(req *r, int status, const char *reason)
{
    const char *title = status == 404 ? "Halaman tidak ditemukan"
                      : status == 400 ? "Permintaan tidak sah"
                      : status == 403 ? "Akses ditolak"
                      : status == 405 ? "Metode tidak diizinkan"
                      : status == 413 ? "Kiriman terlalu besar"
                      : status == 503 ? "Layanan sedang sibuk"
                      : "Terjadi kesalahan";
    tv *ctx = page_new(r, title, NULL);
    tv_set_int(ctx, "status", status);
    tv_set(ctx, "reason", page_t(r, reason ? reason : title));
    page_send(r, status, "error", ctx);
    if (status == 503) resp_header(r, "Retry-After", "5");
}

void page_fail(req *r, lk_err e)
{
    switch (e) {
    case LK_ERR_NOTFOUND: page_error(r, 404, "Halaman tidak ditemukan."); return;
    case LK_ERR_INVALID: page_error(r, 400, "Permintaan tidak sah."); return;
    case LK_ERR_DENIED: page_error(r, 403, "Anda tidak berhak membuka halaman ini."); return;
    case LK_ERR_TOOBIG: page_error(r, 413, "Kiriman terlalu besar."); return;
    case LK_ERR_BUSY: page_error(r, 503, "Layanan sedang sibuk. Silakan coba lagi sebentar lagi."); return;
    default:
        log_error("%s %s failed: %s", r->method, r->path, lk_err_name(e));
        page_error(r, 500, "Terjadi kesalahan pada server. Silakan coba lagi.");
    }
}
