/* web/perusahaan.c — tab *Perusahaan* of Profil dan Permohonan (SPEC 4.6, 4.8): the
 * applicant's companies.
 *   GET  /pemohon/perusahaan          the list
 *   GET  /pemohon/perusahaan/baru     the form for a new company
 *   GET  /pemohon/perusahaan/:id      the form to edit one (another applicant's: 404)
 *   POST /pemohon/perusahaan/baru|:id aksi=simpan saves; aksi=wilayah is the
 *                                     no-JavaScript "Pilih" of the region cascade
 * The rules live in domain/permohonan/perusahaan.h; the cascade is web/wilayah_picker.h, the same
 * as in Registrasi Pemohon (and enhanced by static/registrasi.js the same way).
 * Connections: the session is loaded before a store connection is taken. */
#include "domain/permohonan/perusahaan.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/wilayah_picker.h"
#include <string.h>

typedef enum { W_TEXT, W_EMAIL, W_TEL, W_SELECT, W_REGION } widget;

static const struct {
    const char *label, *hint;
    widget w;
    const char *autocomplete, *inputmode;
} VIEWS[PF_COUNT] = {
    [PF_NAMA] = {"Nama Perusahaan", "Paling banyak 200 karakter.", W_TEXT, "organization", NULL},
    [PF_BENTUK_USAHA] = {"Bentuk Usaha", NULL, W_SELECT, NULL, NULL},
    [PF_NIB] = {"NIB", "Nomor Induk Berusaha dari OSS: 13 angka.", W_TEXT, "off", "numeric"},
    [PF_NPWP] = {"NPWP", "Boleh dikosongkan. 15 atau 16 angka; titik dan tanda hubung boleh diketik.", W_TEXT, "off", "numeric"},
    [PF_ALAMAT] = {"Alamat", "Jalan, nomor, RT/RW. Paling banyak 200 karakter.", W_TEXT, "street-address", NULL},
    [PF_PROVINSI] = {"Provinsi", NULL, W_REGION, NULL, NULL},
    [PF_KABUPATEN] = {"Kabupaten", "Kabupaten atau kota.", W_REGION, NULL, NULL},
    [PF_KECAMATAN] = {"Kecamatan", NULL, W_REGION, NULL, NULL},
    [PF_DESA] = {"Desa", "Desa atau kelurahan.", W_REGION, NULL, NULL},
    [PF_TELEPON] = {"Telepon", "Contoh 0717 436772 atau 0812 3456 7890.", W_TEL, "tel", "tel"},
    [PF_EMAIL] = {"Email", "Boleh dikosongkan.", W_EMAIL, "email", NULL},
};

static const char *trimmed(req *r, const char *s)
{
    if (!s) return "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    return arena_strndup(r->a, s, n);
}

/* ":id" as a number, 0 for "baru" (a new company), -1 for anything else. */
static int64_t id_param(req *r)
{
    const char *s = req_param(r, "id");
    int64_t id = 0;
    if (!s) return 0;
    return parse_int64(s, 1, INT64_MAX, &id) == 0 ? id : -1;
}

void handle_perusahaan_list(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    perusahaan *list = NULL;
    size_t n = 0;
    lk_err e = perusahaan_list(c, r->a, me->id, &list, &n);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Perusahaan", "profil");
    tv_set_bool(ctx, "tab_perusahaan", 1);
    tv_set_bool(ctx, "list_view", 1);
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "tersimpan") == 0) tv_set(ctx, "notice", page_t(r, "Data perusahaan tersimpan."));
    tv_set_bool(ctx, "has_rows", n > 0);
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        const perusahaan *p = &list[i];
        tv *row = tv_push_map(rows);
        tv_set(row, "nama", p->v[PF_NAMA]);
        tv_set(row, "bentuk", p->v[PF_BENTUK_USAHA]);
        tv_set(row, "nib", p->v[PF_NIB]);
        tv_set(row, "npwp", *p->v[PF_NPWP] ? p->v[PF_NPWP] : "—");
        tv_set(row, "alamat", p->v[PF_ALAMAT]);
        tv_set(row, "wilayah", p->wilayah_text);
        tv_set(row, "telepon", p->v[PF_TELEPON]);
        tv_set(row, "email", *p->v[PF_EMAIL] ? p->v[PF_EMAIL] : "—");
        tv_set(row, "ubah", arena_printf(r->a, "/pemohon/perusahaan/%lld", (long long)p->id));
    }
    page_send(r, 200, "perusahaan", ctx);
}

/* Renders the form with p's values and err's messages. */
static void show_form(req *r, store_conn *c, int status, const perusahaan *p, const perusahaan_errors *err)
{
    tv *ctx = page_new(r, p->id ? "Ubah Perusahaan" : "Tambah Perusahaan", "profil");
    tv_set_bool(ctx, "tab_perusahaan", 1);
    tv_set(ctx, "heading", page_t(r, p->id ? "Ubah Perusahaan" : "Tambah Perusahaan"));
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "action", p->id ? arena_printf(r->a, "/pemohon/perusahaan/%lld", (long long)p->id) : "/pemohon/perusahaan/baru");
    tv *fields = tv_set_list(ctx, "fields");
    tv *summary = NULL;
    lk_err e = LK_OK;
    for (int f = 0; f < PF_COUNT && e == LK_OK; f++) {
        const char *key = PERUSAHAAN_FIELDS[f].key;
        tv *m = tv_push_map(fields);
        tv_set(m, "key", key);
        tv_set(m, "label", page_t(r, VIEWS[f].label));
        tv_set_bool(m, "required", PERUSAHAAN_FIELDS[f].required);
        const char *hint = VIEWS[f].hint ? page_t(r, VIEWS[f].hint) : NULL;
        tv_set(m, "hint", hint);
        const char *msg = err ? err->msg[f] : NULL;
        tv_set(m, "err", msg ? page_t(r, msg) : NULL);
        buf described = BUF_INIT;
        if (hint) buf_printf(&described, "%s-hint", key);
        if (msg) buf_printf(&described, "%s%s-err", described.len ? " " : "", key);
        tv_set(m, "describedby", described.len ? buf_str(&described) : NULL);
        buf_free(&described);
        if (VIEWS[f].w == W_REGION) {
            e = wilayah_picker_field(r, c, m, f - PF_PROVINSI + 1, &p->v[PF_PROVINSI]);
        } else if (VIEWS[f].w == W_SELECT) {
            tv_set_bool(m, "select", 1);
            tv *opts = tv_set_list(m, "options");
            form_option(opts, "", page_t(r, "Pilih Bentuk Usaha"), p->v[f]);
            for (int i = 0; i < PERUSAHAAN_BENTUK_COUNT; i++)
                form_option(opts, PERUSAHAAN_BENTUK[i], PERUSAHAAN_BENTUK[i], p->v[f]);
        } else {
            tv_set_bool(m, "input", 1);
            tv_set(m, "type", VIEWS[f].w == W_EMAIL ? "email" : VIEWS[f].w == W_TEL ? "tel" : "text");
            tv_set(m, "value", p->v[f] ? p->v[f] : "");
            tv_set_int(m, "max", PERUSAHAAN_FIELDS[f].max_chars);
            tv_set(m, "autocomplete", VIEWS[f].autocomplete);
            tv_set(m, "inputmode", VIEWS[f].inputmode);
            tv_set_bool(m, "nocaps", f == PF_EMAIL);
        }
        if (msg) {
            if (!summary) summary = tv_set_list(tv_set_map(ctx, "errors"), "list");
            tv *item = tv_push_map(summary);
            tv_set(item, "key", key);
            tv_set(item, "label", page_t(r, VIEWS[f].label));
            tv_set(item, "msg", page_t(r, msg));
        }
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    page_send(r, status, "perusahaan-form", ctx);
}

void handle_perusahaan_form(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    int64_t id = id_param(r);
    if (id < 0) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    perusahaan p;
    memset(&p, 0, sizeof p);
    lk_err e = id ? perusahaan_get(c, r->a, me->id, id, &p) : LK_OK;
    if (e == LK_OK) show_form(r, c, 200, &p, NULL);
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

void handle_perusahaan_save(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int64_t id = id_param(r);
    if (id < 0) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    perusahaan p;
    memset(&p, 0, sizeof p);
    p.id = id;
    for (int f = 0; f < PF_COUNT; f++) p.v[f] = trimmed(r, req_form(r, PERUSAHAAN_FIELDS[f].key));
    const char *aksi = req_form(r, "aksi");
    store_conn *c = store_acquire(APP(r)->db);
    perusahaan_errors err;
    memset(&err, 0, sizeof err);
    perusahaan existing;
    lk_err e = id ? perusahaan_get(c, r->a, me->id, id, &existing) : LK_OK;   /* another's id: 404 */
    if (e != LK_OK) goto out;
    if (aksi && strcmp(aksi, "wilayah") == 0) {
        /* "Pilih": show the form again with the list below filled, nothing saved. */
        wilayah_picker_trim(&p.v[PF_PROVINSI]);
        show_form(r, c, 200, &p, NULL);
        goto out;
    }
    int64_t saved = 0;
    e = perusahaan_save(c, r->a, me->id, &p, &err, &saved);
    if (e == LK_OK) {
        log_info("perusahaan: %lld saved by account %lld", (long long)saved, (long long)me->id);
        resp_redirect(r, 303, "/pemohon/perusahaan?pesan=tersimpan");
    } else if (e == LK_ERR_INVALID) {
        show_form(r, c, 400, &p, &err);
        e = LK_OK;
    }
out:
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}
