/* web/simulasi.c — *Simulasi Tarif* (SPEC 4.14), public and under Layanan Pemohon:
 *   GET /simulasi-tarif                     choose a jenis izin
 *   GET /simulasi-tarif?jenis=ID            its inputs (the tarif in force today)
 *   GET /simulasi-tarif?jenis=ID&j_L=…&…    the lines and "Total Retribusi yang harus
 *                                           dibayar Rp 1.234.567"
 * A GET form: works without JavaScript, can be bookmarked and stores nothing;
 * assets/static/simulasi.js recomputes as one types by fetching the same address.  The
 * computation is domain/tarif/tarif.h's tarif_hitung, the very one the SKRD uses. */
#include "domain/katalog/catalogue.h"
#include "domain/tarif/tarif.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/tarif_form.h"
#include <string.h>
#include <time.h>

/* The jenis izin choice, grouped by instansi. */
static void fill_choice(tv *ctx, const jenis_izin_summary *list, size_t n, int64_t chosen)
{
    tv *groups = tv_set_list(ctx, "groups");
    tv *options = NULL;
    const char *last = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!last || strcmp(last, list[i].instansi_name) != 0) {
            tv *g = tv_push_map(groups);
            tv_set(g, "instansi", list[i].instansi_name);
            options = tv_set_list(g, "options");
            last = list[i].instansi_name;
        }
        tv *o = tv_push_map(options);
        tv_setf(o, "value", "%lld", (long long)list[i].id);
        tv_set(o, "label", list[i].name);
        tv_set_bool(o, "selected", list[i].id == chosen);
    }
}

void handle_simulasi_tarif(req *r)
{
    int64_t jenis = 0;
    const char *js = req_query(r, "jenis");
    if (js && *js && parse_int64(js, 1, INT64_MAX, &jenis)) jenis = -1;
    tv *ctx = page_new(r, "Simulasi Tarif", "simulasi");
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_summary *list = NULL;
    size_t n = 0;
    lk_err e = catalogue_search(c, r->a, NULL, 0, &list, &n);
    const jenis_izin_summary *chosen = NULL;
    for (size_t i = 0; e == LK_OK && i < n; i++)
        if (list[i].id == jenis) chosen = &list[i];
    tarif t;
    int has_tarif = 0;
    if (e == LK_OK && chosen && !chosen->gratis) {
        e = tarif_in_force(c, r->a, chosen->id, tarif_date_of(r->a, time(NULL)), &t);
        if (e == LK_OK) has_tarif = 1;
        else if (e == LK_ERR_NOTFOUND) e = LK_OK;
    }
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    fill_choice(ctx, list, n, chosen ? chosen->id : 0);
    int status = 200;
    if (jenis && !chosen) {
        tv_set(ctx, "choice_error", page_t(r, "Pilih jenis izin dari daftar."));
        status = 404;
    }
    if (chosen) {
        tv *s = tv_set_map(ctx, "chosen");
        tv_setf(s, "id", "%lld", (long long)chosen->id);
        tv_set(s, "name", chosen->name);
        tv_set(s, "instansi", chosen->instansi_name);
        tv_set_bool(s, "gratis", chosen->gratis);
        tv_set_bool(s, "no_tarif", !chosen->gratis && !has_tarif);
    }
    if (has_tarif) {
        tv *s = tv_set_map(ctx, "tarif");
        tv_set(s, "berlaku", date_long(r->a, t.berlaku_mulai));
        tv_set(s, "catatan", t.catatan);
        tv_set(s, "formula", t.formula);
        tarif_masukan m;
        tarif_form_read(r, &t, 1, &m);
        tarif_hasil h;
        int asked = tarif_form_present(r, &t, 1);
        if (asked) {
            if (tarif_hitung(r->a, &t, &m, &h) != 0) status = 400;
            tarif_form_result(r, ctx, &h);
        }
        tarif_form_fields(r, ctx, &t, asked ? &m : NULL, asked ? &h : NULL);
    }
    page_send(r, status, "simulasi-tarif", ctx);
}
