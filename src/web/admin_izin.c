/* web/admin_izin.c — Admin Instansi's *Jenis Izin* editor (SPEC 3, 5.8): the list of the
 * instansi's jenis izin, adding one, and a jenis izin's data and its settings per jenis
 * permohonan (enabled, SLA, validity, numbering formats).  Requirements and data teknis
 * are in admin_izin_syarat.c, workflows in admin_izin_alur.c; the rules in
 * domain/katalog/editor*.c. */
#include "web/admin_izin.h"
#include "domain/katalog/editor.h"
#include "domain/katalog/editor_text.h"
#include "util/text.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

static const admin_label LABELS[] = {
    {"unit", "Unit"}, {"name", "Nama Jenis Izin"}, {"short_description", "Deskripsi singkat"},
    {"description", "Deskripsi"}, {"document_type", "Dokumen yang diterbitkan"}, {"revisi", NULL},
    {"baru-enabled", "Baru"}, {"baru-sla_days", "SLA Baru"}, {"baru-validity_value", "Masa berlaku Baru"},
    {"baru-validity_unit", "Masa berlaku Baru"}, {"baru-format_permohonan", "Format nomor permohonan Baru"},
    {"baru-format_izin", "Format nomor izin Baru"},
    {"perpanjangan-enabled", "Perpanjangan"}, {"perpanjangan-sla_days", "SLA Perpanjangan"},
    {"perpanjangan-validity_value", "Masa berlaku Perpanjangan"}, {"perpanjangan-validity_unit", "Masa berlaku Perpanjangan"},
    {"perpanjangan-format_permohonan", "Format nomor permohonan Perpanjangan"},
    {"perpanjangan-format_izin", "Format nomor izin Perpanjangan"},
    {"perubahan-enabled", "Perubahan"}, {"perubahan-sla_days", "SLA Perubahan"},
    {"perubahan-validity_value", "Masa berlaku Perubahan"}, {"perubahan-validity_unit", "Masa berlaku Perubahan"},
    {"perubahan-format_permohonan", "Format nomor permohonan Perubahan"},
    {"perubahan-format_izin", "Format nomor izin Perubahan"},
    {NULL, NULL},
};

/* ---- shared by the editor's pages ----------------------------------------------------- */

int admin_izin_load(req *r, const account *me, jenis_izin_detail *ji, int64_t *revision)
{
    int64_t id = admin_id_param(r, "id");
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? catalogue_jenis_izin_by_id(c, r->a, me->instansi_id, id, ji) : LK_ERR_NOTFOUND;
    if (e == LK_OK) e = editor_izin_revision(c, me->instansi_id, id, revision);
    store_release(c);
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Jenis izin tidak ditemukan.");
    else if (e) page_fail(r, e);
    return e == LK_OK;
}

tv *admin_izin_page(req *r, const jenis_izin_detail *ji, int64_t revision, const char *tab)
{
    tv *ctx = page_new(r, ji->s.name, "admin-izin");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set_int(ctx, "revisi", revision);
    tv_set(ctx, "izin_name", ji->s.name);
    tv_set(ctx, "base", arena_printf(r->a, IZIN_PATH "/%lld", (long long)ji->s.id));
    tv_set(ctx, "public_href", arena_printf(r->a, "/katalog/%s/%s", ji->s.instansi_slug, ji->s.slug));
    static const struct { const char *key, *suffix, *label; } TABS[] = {
        {"data", "", "Data & Pengaturan"}, {"syarat", "/syarat", "Persyaratan"}, {"teknis", "/teknis", "Data Teknis"},
        {"alur-baru", "/alur/baru", "Alur Baru"}, {"alur-perpanjangan", "/alur/perpanjangan", "Alur Perpanjangan"},
        {"alur-perubahan", "/alur/perubahan", "Alur Perubahan"}, {"surat", "/surat-izin", "Surat Izin"},
    };
    tv *tabs = tv_set_list(ctx, "tabs");
    for (size_t i = 0; i < sizeof TABS / sizeof *TABS; i++) {
        tv *t = tv_push_map(tabs);
        tv_set(t, "href", arena_printf(r->a, IZIN_PATH "/%lld%s", (long long)ji->s.id, TABS[i].suffix));
        tv_set(t, "label", page_t(r, TABS[i].label));
        tv_set_bool(t, "active", strcmp(tab, TABS[i].key) == 0);
    }
    return ctx;
}

int64_t admin_izin_posted_revision(req *r)
{
    int64_t v = -1;
    return parse_int64(req_form(r, "revisi"), 0, INT64_MAX, &v) == 0 ? v : -1;
}

int admin_izin_answer(req *r, const account *me, lk_err e, const char *location, const char *not_found, issues *errs,
                      jenis_izin_detail *ji, int64_t *revision, int *status)
{
    if (e == LK_OK) resp_redirect(r, 303, location);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, not_found);
    else if (e != LK_ERR_INVALID && e != LK_ERR_CONFLICT) page_fail(r, e);
    else if (admin_izin_load(r, me, ji, revision)) {
        if (e == LK_ERR_CONFLICT)
            issues_add(r->a, errs, "revisi", "Jenis izin ini baru saja diubah di halaman lain. Isian Anda tetap di bawah;"
                                             " periksa data terbaru lalu simpan lagi.");
        *status = e == LK_ERR_CONFLICT ? 409 : 400;
        return 1;
    }
    return 0;
}

/* ---- the list and a new jenis izin ---------------------------------------------------- */

void handle_admin_izin_list(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    editor_izin_row *list = NULL;
    size_t n = 0;
    lk_err e = editor_izin_list(c, r->a, me->instansi_id, &list, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Jenis Izin", "admin-izin");
    tv_set(ctx, "instansi", me->instansi_name);
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(rows);
        tv_set(row, "name", list[i].name);
        tv_set(row, "unit", list[i].unit_name);
        tv_set_bool(row, "active", list[i].active);
        tv_set(row, "href", arena_printf(r->a, IZIN_PATH "/%lld", (long long)list[i].id));
    }
    tv_set_bool(ctx, "has_rows", n > 0);
    page_send(r, 200, "admin-izin", ctx);
}

static editor_izin_input read_izin(req *r)
{
    int64_t unit = 0;
    parse_int64(req_form(r, "unit"), 1, INT64_MAX, &unit);
    const char *jenis = req_form(r, "is_izin");
    return (editor_izin_input){
        .unit_id = unit, .name = admin_field(r, "name"), .short_description = admin_field(r, "short_description"),
        .description = req_form(r, "description"), .document_type = admin_field(r, "document_type"),
        .is_izin = !jenis || strcmp(jenis, "0") != 0, .active = req_form(r, "active") != NULL,
    };
}

/* The data form's values: from `in` when re-shown with errors, else from ji. */
static void fill_data(req *r, tv *ctx, const account *me, const jenis_izin_detail *ji, const editor_izin_input *in)
{
    tv *f = tv_set_map(ctx, "f");
    tv_set(f, "name", in ? in->name : ji ? ji->s.name : NULL);
    tv_set(f, "short_description", in ? in->short_description : ji ? ji->s.short_description : NULL);
    tv_set(f, "description", in ? in->description : ji ? ji->description : NULL);
    tv_set(f, "document_type", in ? in->document_type : ji ? ji->document_type : NULL);
    tv_set_bool(f, "is_izin", in ? in->is_izin : ji ? ji->s.is_izin : 1);
    tv_set_bool(f, "active", in ? in->active : ji ? ji->s.active : 1);
    int64_t unit = in ? in->unit_id : ji ? ji->s.unit_id : 0;
    store_conn *c = store_acquire(APP(r)->db);
    unit_kerja *units = NULL;
    size_t n = 0;
    catalogue_units(c, r->a, me->instansi_id, &units, &n);
    store_release(c);
    tv *opts = tv_set_list(ctx, "units");
    for (size_t i = 0; i < n; i++) {
        tv *o = tv_push_map(opts);
        tv_setf(o, "value", "%lld", (long long)units[i].id);
        tv_set(o, "label", units[i].name);
        tv_set_bool(o, "selected", units[i].id == unit || (n == 1 && !unit));
    }
}

static void show_new(req *r, const account *me, int status, const editor_izin_input *in, const issues *errs)
{
    tv *ctx = page_new(r, "Tambah Jenis Izin", "admin-izin");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set_bool(ctx, "baru", 1);
    tv_set(ctx, "action", IZIN_PATH "/baru");
    admin_errors(r, ctx, errs, LABELS);
    fill_data(r, ctx, me, NULL, in);
    page_send(r, status, "admin-izin-data", ctx);
}

void handle_admin_izin_baru(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    show_new(r, me, 200, NULL, NULL);
}

void handle_admin_izin_tambah(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    editor_izin_input in = read_izin(r);
    issues errs = {0};
    int64_t id = 0;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = editor_izin_create(c, r->a, me, &in, time(NULL), &id, &errs);
    store_release(c);
    if (e == LK_ERR_INVALID) {
        show_new(r, me, 400, &in, &errs);
        return;
    }
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, arena_printf(r->a, IZIN_PATH "/%lld?pesan=ditambah", (long long)id));
}

/* ---- one jenis izin: its data and settings -------------------------------------------- */

/* Posted settings of one jenis permohonan, when `jp` is the one being re-shown. */
typedef struct {
    jenis_permohonan jp;
    const editor_setting_input *in;
} posted_setting;

static void show_izin(req *r, const account *me, int status, const jenis_izin_detail *ji, int64_t revision,
                      const editor_izin_input *in, const posted_setting *ps, const issues *errs, const char *notice)
{
    tv *ctx = admin_izin_page(r, ji, revision, "data");
    tv_set(ctx, "action", arena_printf(r->a, IZIN_PATH "/%lld", (long long)ji->s.id));
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, LABELS);
    fill_data(r, ctx, me, ji, in);
    store_conn *c = store_acquire(APP(r)->db);
    tv *list = tv_set_list(ctx, "settings");
    for (int jp = 0; jp < JP_COUNT; jp++) {
        const jenis_izin_setting *s = &ji->settings[jp];
        const editor_setting_input *p = ps && ps->jp == (jenis_permohonan)jp ? ps->in : NULL;
        tv *row = tv_push_map(list);
        const char *key = jenis_permohonan_key((jenis_permohonan)jp);
        tv_set(row, "jp", key);
        tv_set(row, "label", page_t(r, jenis_permohonan_label((jenis_permohonan)jp)));
        tv_set(row, "action", arena_printf(r->a, IZIN_PATH "/%lld/pengaturan/%s", (long long)ji->s.id, key));
        tv_set_bool(row, "enabled", p ? p->enabled : s->enabled);
        tv_set(row, "sla_days", p ? p->sla_days : arena_printf(r->a, "%d", s->sla_days));
        tv_set(row, "validity_value", p ? p->validity_value : arena_printf(r->a, "%d", s->validity_value));
        const char *unit = p ? p->validity_unit : s->validity_unit;
        tv *units = tv_set_list(row, "units");
        static const char *const UNITS[] = {"hari", "bulan", "tahun"};
        for (int u = 0; u < 3; u++) {
            tv *o = tv_push_map(units);
            tv_set(o, "value", UNITS[u]);
            tv_set(o, "label", page_t(r, u == 0 ? "hari" : u == 1 ? "bulan" : "tahun"));
            tv_set_bool(o, "selected", unit && strcmp(unit, UNITS[u]) == 0);
        }
        tv_set(row, "format_permohonan",
               p ? p->format_permohonan : s->number_format_permohonan ? s->number_format_permohonan : "REG/{YYYY}/{MM}/{NNNNN}");
        tv_set(row, "format_izin", p ? p->format_izin : s->number_format_izin);
        admin_row_errors(r, row, errs, arena_printf(r->a, "%s-", key));
        int version = 0;
        editor_step *steps = NULL;
        size_t n = 0;
        if (editor_alur_get(c, r->a, me->instansi_id, ji->s.id, (jenis_permohonan)jp, &version, &steps, &n) == LK_OK) {
            int days = 0;
            for (size_t i = 0; i < n; i++) days += steps[i].sla_days;
            tv_set_int(row, "alur_versi", version);
            tv_setf(row, "alur_ringkas", "%zu %s, %d %s", n, page_t(r, "langkah"), days, page_t(r, "hari kerja"));
        }
        tv_set(row, "alur_href", arena_printf(r->a, IZIN_PATH "/%lld/alur/%s", (long long)ji->s.id, key));
    }
    store_release(c);
    page_send(r, status, "admin-izin-data", ctx);
}

static const char *notice_of(req *r)
{
    const char *msg = req_query(r, "pesan");
    if (!msg) return NULL;
    if (strcmp(msg, "ditambah") == 0) return "Jenis izin ditambahkan. Atur persyaratan, alur proses dan pengaturannya, lalu aktifkan jenis permohonannya.";
    if (strcmp(msg, "disimpan") == 0) return "Perubahan disimpan dan langsung tampil di Katalog Layanan.";
    return NULL;
}

void handle_admin_izin_form(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    jenis_izin_detail ji;
    int64_t revision;
    if (!admin_izin_load(r, me, &ji, &revision)) return;
    show_izin(r, me, 200, &ji, revision, NULL, NULL, NULL, notice_of(r));
}

/* The answer to a change: back to the page at `location`, 404, or the page again with
 * what was refused (409 for a stale form, 400 otherwise). */
static void answer(req *r, const account *me, lk_err e, const editor_izin_input *in, const posted_setting *ps,
                   issues *errs, const char *location)
{
    jenis_izin_detail ji;
    int64_t revision;
    int status;
    if (admin_izin_answer(r, me, e, location, "Jenis izin tidak ditemukan.", errs, &ji, &revision, &status))
        show_izin(r, me, status, &ji, revision, in, ps, errs, NULL);
}

void handle_admin_izin_simpan(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    int64_t id = admin_id_param(r, "id");
    editor_izin_input in = read_izin(r);
    issues errs = {0};
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? editor_izin_update(c, r->a, me, id, admin_izin_posted_revision(r), &in, time(NULL), &errs)
                  : LK_ERR_NOTFOUND;
    store_release(c);
    answer(r, me, e, &in, NULL, &errs, arena_printf(r->a, IZIN_PATH "/%lld?pesan=disimpan", (long long)id));
}

void handle_admin_izin_pengaturan(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    int64_t id = admin_id_param(r, "id");
    jenis_permohonan jp;
    if (!id || jenis_permohonan_parse(req_param(r, "jp"), &jp) != 0) {
        page_error(r, 404, "Jenis izin tidak ditemukan.");
        return;
    }
    editor_setting_input in = {
        .enabled = req_form(r, "enabled") != NULL, .sla_days = admin_field(r, "sla_days"),
        .validity_value = admin_field(r, "validity_value"), .validity_unit = req_form(r, "validity_unit"),
        .format_permohonan = admin_field(r, "format_permohonan"), .format_izin = admin_field(r, "format_izin"),
    };
    issues errs = {0};
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = editor_setting_save(c, r->a, me, id, admin_izin_posted_revision(r), jp, &in, time(NULL), &errs);
    store_release(c);
    posted_setting ps = {jp, &in};
    answer(r, me, e, NULL, &ps, &errs,
           arena_printf(r->a, IZIN_PATH "/%lld?pesan=disimpan#jp-%s", (long long)id, jenis_permohonan_key(jp)));
}
