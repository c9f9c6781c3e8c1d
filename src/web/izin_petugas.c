/* web/izin_petugas.c — the officers' side of issued permits (SPEC 5.5, 5.7, 5.9):
 *   GET  /petugas/izin                 the instansi's permits with their state; *Cabut*
 *   POST /petugas/izin/:id/cabut       revoke with a reason (Admin Instansi, Penandatangan)
 *   GET  /petugas/ikm                  the satisfaction index per month and jenis izin;
 *                                      ?format=csv for the export
 *   GET  /petugas/izin/pengaturan      reminder days and the survey before download
 *   POST /petugas/izin/pengaturan      (Admin Instansi)
 * Every query carries the officer's instansi_id; changes write an audit record. */
#include "domain/izin/izin.h"
#include "domain/izin/survei.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define IZIN_ROLES (ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN)
#define IKM_ROLES (ROLE_ADMIN_INSTANSI | ROLE_PENANDATANGAN | ROLE_FRONT_OFFICE)

static void list_page(req *r, const account *me, int status, const char *notice, const char *error)
{
    const char *q = req_query(r, "q");
    if (q && strlen(q) > 100) q = NULL;
    store_conn *c = store_acquire(APP(r)->db);
    izin_rec *list = NULL;
    size_t n = 0;
    lk_err e = izin_list_instansi(c, r->a, me->instansi_id, q, 200, &list, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Izin Terbit", "izin-terbit");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "q", q ? q : "");
    if (notice) tv_set(ctx, "notice", page_t(r, notice));
    if (error) tv_set(ctx, "error", page_t(r, error));
    const char *today = izin_today(r->a, time(NULL));
    tv_set_bool(ctx, "has_rows", n > 0);
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        const izin_rec *z = &list[i];
        const char *state = izin_state(z, today);
        tv *row = tv_push_map(rows);
        tv_set(row, "nomor", z->nomor);
        tv_set(row, "jenis_izin", z->jenis_izin_name);
        tv_set(row, "pemegang", z->pemegang);
        tv_set(row, "terbit", datetime_long_iso(r->a, z->issued_at));
        tv_set(row, "sampai", *z->berlaku_sampai ? date_long(r->a, z->berlaku_sampai) : page_t(r, "Tidak dibatasi"));
        tv_set(row, "status", page_t(r, izin_state_label(state)));
        tv_setf(row, "status_class", "st st-izin-%s", state);
        tv_set_bool(row, "can_revoke", strcmp(state, "dicabut") != 0);
        tv_setf(row, "cabut", "/petugas/izin/%lld/cabut", (long long)z->id);
        tv_setf(row, "alasan_id", "alasan-%lld", (long long)z->id);
        if (*z->revoke_reason) tv_set(row, "alasan", z->revoke_reason);
    }
    page_send(r, status, "petugas-izin", ctx);
}

void handle_petugas_izin(req *r)
{
    const account *me = web_require_petugas(r, IZIN_ROLES);
    if (!me) return;
    const char *pesan = req_query(r, "pesan");
    list_page(r, me, 200, pesan && strcmp(pesan, "dicabut") == 0 ? "Izin telah dicabut." : NULL, NULL);
}

void handle_petugas_izin_cabut(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const account *me = web_require_petugas(r, IZIN_ROLES);
    if (!me) return;
    int64_t id = 0;
    const char *ids = req_param(r, "id"), *reason = req_form(r, "alasan");
    if (!ids || parse_int64(ids, 1, INT64_MAX, &id) != 0) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_revoke(c, r->a, me->instansi_id, me->id, id, reason, time(NULL));
    store_release(c);
    if (e == LK_ERR_INVALID) list_page(r, me, 400, NULL, "Tuliskan alasan pencabutan (paling banyak 500 karakter).");
    else if (e == LK_ERR_CONFLICT) list_page(r, me, 409, NULL, "Izin ini sudah dicabut.");
    else if (e) page_fail(r, e);
    else resp_redirect(r, 303, "/petugas/izin?pesan=dicabut");
}

/* "2026-12" or NULL when s is not such a month. */
static const char *month_or_null(const char *s)
{
    if (!s || strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789-") != 7) return NULL;
    return s;
}

/* "88,89": the Indonesian decimal comma. */
static const char *decimal(arena *a, double v, int places)
{
    char *s = arena_printf(a, "%.*f", places, v);
    char *dot = strchr(s, '.');
    if (dot) *dot = ',';
    return s;
}

void handle_petugas_ikm(req *r)
{
    const account *me = web_require_petugas(r, IKM_ROLES);
    if (!me) return;
    const char *from = month_or_null(req_query(r, "dari")), *to = month_or_null(req_query(r, "sampai"));
    const char *format = req_query(r, "format");
    store_conn *c = store_acquire(APP(r)->db);
    ikm_row *rows = NULL;
    size_t n = 0;
    lk_err e = ikm_report(c, r->a, me->instansi_id, from, to, &rows, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    if (format && strcmp(format, "csv") == 0) {
        buf *b = resp_body(r);
        buf_puts(b, "bulan,jenis_izin,responden");
        for (int i = 0; i < SURVEI_UNSUR; i++) buf_printf(b, ",nrr_u%d", i + 1);
        buf_puts(b, ",ikm,mutu,kinerja\r\n");
        for (size_t i = 0; i < n; i++) {
            buf_printf(b, "%s,\"", rows[i].bulan);
            for (const char *p = rows[i].jenis_izin; *p; p++) {
                if (*p == '"') buf_putc(b, '"');
                buf_putc(b, *p);
            }
            buf_printf(b, "\",%lld", (long long)rows[i].responden);
            for (int k = 0; k < SURVEI_UNSUR; k++) buf_printf(b, ",%.3f", rows[i].r.nrr[k]);
            buf_printf(b, ",%.2f,%c,%s\r\n", rows[i].r.ikm, rows[i].r.mutu, rows[i].r.kinerja);
        }
        resp_header(r, "Content-Disposition", "attachment; filename=\"ikm.csv\"");
        resp_header(r, "Cache-Control", "private, no-store");
        resp_status(r, 200);
        resp_header(r, "Content-Type", "text/csv; charset=utf-8");
        return;
    }
    tv *ctx = page_new(r, "Indeks Kepuasan Masyarakat", "ikm");
    tv_set(ctx, "dari", from ? from : "");
    tv_set(ctx, "sampai", to ? to : "");
    tv_set(ctx, "csv", arena_printf(r->a, "/petugas/ikm?format=csv%s%s%s%s", from ? "&dari=" : "", from ? from : "",
                                    to ? "&sampai=" : "", to ? to : ""));
    tv_set_bool(ctx, "has_rows", n > 0);
    tv *unsur = tv_set_list(ctx, "unsur");
    for (int i = 0; i < SURVEI_UNSUR; i++) {
        tv *u = tv_push_map(unsur);
        tv_setf(u, "no", "U%d", i + 1);
        tv_set(u, "name", page_t(r, SURVEI_UNSUR_LIST[i].name));
    }
    tv *list = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(list);
        tv_set(row, "bulan", rows[i].bulan);
        tv_set(row, "jenis_izin", rows[i].jenis_izin);
        tv_set_int(row, "responden", rows[i].responden);
        tv_set(row, "ikm", decimal(r->a, rows[i].r.ikm, 2));
        tv_setf(row, "mutu", "%c", rows[i].r.mutu);
        tv_set(row, "kinerja", page_t(r, rows[i].r.kinerja));
        tv *nrr = tv_set_list(row, "nrr");
        for (int k = 0; k < SURVEI_UNSUR; k++) tv_push_str(nrr, decimal(r->a, rows[i].r.nrr[k], 2));
    }
    page_send(r, 200, "petugas-ikm", ctx);
}

static void setting_page(req *r, const account *me, int status, const izin_setting *s, const char *days_text,
                         const char *error, const char *notice)
{
    tv *ctx = page_new(r, "Pengaturan Izin", "izin-pengaturan");
    tv_set(ctx, "csrf", web_csrf(r));
    if (days_text) {
        tv_set(ctx, "days", days_text);
    } else {
        buf b = BUF_INIT;
        for (int i = 0; i < s->n_reminders; i++) buf_printf(&b, "%s%d", i ? ", " : "", s->reminder_days[i]);
        tv_set(ctx, "days", arena_strdup(r->a, buf_str(&b)));
        buf_free(&b);
    }
    tv_set_bool(ctx, "survei_required", s->survei_required);
    if (error) tv_set(ctx, "error", page_t(r, error));
    if (notice) tv_set(ctx, "notice", page_t(r, notice));
    page_send(r, status, "petugas-izin-pengaturan", ctx);
}

void handle_izin_pengaturan_form(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    izin_setting s;
    lk_err e = izin_setting_get(c, me->instansi_id, &s);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    const char *pesan = req_query(r, "pesan");
    setting_page(r, me, 200, &s, NULL, NULL, pesan && strcmp(pesan, "tersimpan") == 0 ? "Pengaturan tersimpan." : NULL);
}

void handle_izin_pengaturan(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    izin_setting s = {0};
    const char *days = req_form(r, "reminder_days"), *msg = NULL;
    s.survei_required = req_form(r, "survei_required") != NULL;
    if (!days || strlen(days) > 40 || izin_reminder_days_parse(days, &s, &msg) != 0) {
        setting_page(r, me, 400, &s, days ? days : "", msg ? msg : "Hari pengingat paling banyak 40 karakter.", NULL);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_setting_save(c, r->a, me->instansi_id, me->id, &s, time(NULL));
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, "/petugas/izin/pengaturan?pesan=tersimpan");
}
