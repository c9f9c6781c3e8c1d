/* web/katalog.c — the public service catalogue: offices → units → permit types with a
 * search box, a permit type's page (requirements per jenis permohonan, SLA, cost, blank
 * forms) and the blank-form download. */
#include "domain/katalog/catalogue.h"
#include "domain/tarif/tarif.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define MAX_QUERY_BYTES 100

/* Groups a flat, ordered list of permit types into instansi → unit → jenis izin. */
static void add_grouped(req *r, tv *ctx, const jenis_izin_summary *items, size_t n)
{
    tv *groups = tv_set_list(ctx, "instansi");
    tv *cur_inst = NULL, *cur_units = NULL, *cur_izin = NULL;
    int64_t inst_id = -1, unit_id = -1;
    for (size_t i = 0; i < n; i++) {
        const jenis_izin_summary *s = &items[i];
        if (s->instansi_id != inst_id) {
            cur_inst = tv_push_map(groups);
            tv_set(cur_inst, "name", s->instansi_name);
            tv_set(cur_inst, "href", arena_printf(r->a, "/katalog/%s", s->instansi_slug));
            cur_units = tv_set_list(cur_inst, "units");
            inst_id = s->instansi_id;
            unit_id = -1;
        }
        if (s->unit_id != unit_id) {
            tv *u = tv_push_map(cur_units);
            tv_set(u, "name", s->unit_name);
            cur_izin = tv_set_list(u, "izin");
            unit_id = s->unit_id;
        }
        tv *z = tv_push_map(cur_izin);
        tv_set(z, "name", s->name);
        tv_set(z, "summary", s->short_description);
        tv_set(z, "href", arena_printf(r->a, "/katalog/%s/%s", s->instansi_slug, s->slug));
        tv_set_bool(z, "gratis", s->gratis);
        tv_set_bool(z, "non_izin", !s->is_izin);
    }
    tv_set_int(ctx, "count", (long long)n);
    tv_set(ctx, "count_text", page_count(r, (long long)n, "{n} jenis izin cocok dengan"));
}

/* Shows the catalogue, optionally of one office and/or filtered by the search text. */
static void show_catalogue(req *r, const instansi *only)
{
    const char *q = req_query(r, "q");
    if (q && (strlen(q) > MAX_QUERY_BYTES)) {
        page_error(r, 400, "Kata pencarian terlalu panjang (paling banyak 100 karakter).");
        return;
    }
    tv *ctx = page_new(r, only ? only->name : "Katalog Layanan", "katalog");
    if (only) {
        tv *o = tv_set_map(ctx, "office");
        tv_set(o, "name", only->name);
        tv_set(o, "office", only->office_name);
        tv_set(o, "address", only->address);
        tv_set(o, "phone", only->phone);
        tv_set(o, "email", only->email);
        tv_set(ctx, "action", arena_printf(r->a, "/katalog/%s", only->slug));
    } else {
        tv_set(ctx, "action", "/katalog");
    }
    tv_set(ctx, "q", q);
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_summary *items = NULL;
    size_t n = 0;
    lk_err e = catalogue_search(c, r->a, is_blank(q) ? NULL : q, only ? only->id : 0, &items, &n);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    add_grouped(r, ctx, items, n);
    tv_set_bool(ctx, "searched", !is_blank(q));
    page_send(r, 200, "katalog", ctx);
}

void handle_katalog(req *r)
{
    show_catalogue(r, NULL);
}

void handle_katalog_instansi(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    instansi inst;
    lk_err e = catalogue_instansi_get(c, r->a, req_param(r, "instansi"), &inst);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    show_catalogue(r, &inst);
}

static const char *validity_text(req *r, const jenis_izin_setting *s)
{
    if (s->validity_value <= 0) return page_t(r, "Berlaku selama masih memenuhi ketentuan");
    /* "{n} tahun" → "5 years", "1 year" in English */
    return page_count(r, s->validity_value, arena_printf(r->a, "{n} %s", s->validity_unit));
}

static void add_requirements(req *r, tv *section, const jenis_izin_detail *d, jenis_permohonan jp)
{
    tv *rows = tv_set_list(section, "persyaratan");
    int count = 0;
    for (size_t i = 0; i < d->persyaratan_count; i++) {
        const persyaratan *p = &d->persyaratan[i];
        if (!p->applies[jp]) continue;
        tv *row = tv_push_map(rows);
        tv_setf(row, "no", "%d", ++count);
        tv_set(row, "name", p->name);
        tv_set(row, "description", p->description);
        tv_set_bool(row, "wajib", p->wajib);
        tv_set(row, "types", p->accepted_types);
        if (p->blank_form_id) {
            tv_set(row, "form_href", arena_printf(r->a, "/formulir/%lld", (long long)p->blank_form_id));
            tv_set(row, "form_name", p->blank_form_name);
        }
    }
    tv_set_bool(section, "has_requirements", count > 0);
}

void handle_jenis_izin(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_detail d;
    lk_err e = catalogue_jenis_izin(c, r->a, req_param(r, "instansi"), req_param(r, "izin"), &d);
    /* A paid type with a tarif in force today: Simulasi Tarif, with this type chosen. */
    tarif t;
    int simulable = 0;
    if (e == LK_OK && !d.s.gratis) {
        lk_err te = tarif_in_force(c, r->a, d.s.id, tarif_date_of(r->a, time(NULL)), &t);
        if (te == LK_OK) simulable = 1;
        else if (te != LK_ERR_NOTFOUND) e = te;
    }
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, d.s.name, "katalog");
    tv_set(ctx, "name", d.s.name);
    tv_set(ctx, "summary", d.s.short_description);
    tv_set(ctx, "description", d.description);
    tv_set(ctx, "document_type", d.document_type);
    tv_set(ctx, "unit", d.s.unit_name);
    tv_set(ctx, "instansi", d.s.instansi_name);
    tv_set(ctx, "instansi_href", arena_printf(r->a, "/katalog/%s", d.s.instansi_slug));
    tv_set_bool(ctx, "non_izin", !d.s.is_izin);
    tv_set_bool(ctx, "gratis", d.s.gratis);
    tv_set(ctx, "tarif_note", d.tarif_note);
    tv_set(ctx, "tarif_formula", d.tarif_formula);
    if (simulable) tv_setf(ctx, "simulasi_href", "/simulasi-tarif?jenis=%lld", (long long)d.s.id);

    tv *kinds = tv_set_list(ctx, "permohonan");
    int first = 1;
    for (int jp = 0; jp < JP_COUNT; jp++) {
        const jenis_izin_setting *s = &d.settings[jp];
        if (!s->enabled) continue;
        tv *k = tv_push_map(kinds);
        tv_set(k, "label", page_t(r, jenis_permohonan_label((jenis_permohonan)jp)));
        tv_set(k, "key", jenis_permohonan_key((jenis_permohonan)jp));
        tv_setf(k, "sla", "%d", s->sla_days);
        tv_set(k, "sla_text", page_count(r, s->sla_days, "{n} hari kerja"));
        tv_set(k, "heading", page_t(r, arena_printf(r->a, "Permohonan %s", jenis_permohonan_label((jenis_permohonan)jp))));
        tv_set(k, "validity", validity_text(r, s));
        tv_set_bool(k, "open", first);
        first = 0;
        add_requirements(r, k, &d, (jenis_permohonan)jp);
    }
    tv_set_bool(ctx, "has_fields", d.field_count > 0);
    tv *fields = tv_set_list(ctx, "fields");
    for (size_t i = 0; i < d.field_count; i++) {
        tv *f = tv_push_map(fields);
        tv_set(f, "label", d.fields[i].label);
        tv_set(f, "unit", d.fields[i].unit);
        tv_set(f, "help", d.fields[i].help);
        tv_set_bool(f, "required", d.fields[i].required);
    }
    page_send(r, 200, "izin", ctx);
}

void handle_blank_form(req *r)
{
    int64_t id;
    if (parse_int64(req_param(r, "id"), 1, INT64_MAX, &id) != 0) {
        page_error(r, 404, "Formulir tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    blank_form f;
    lk_err e = catalogue_blank_form(c, r->a, APP(r)->data_dir, id, &f);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_header(r, "Cache-Control", "public, max-age=3600");
    resp_file(r, f.path, f.content_type, f.file_name);
}
