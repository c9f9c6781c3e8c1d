/* web/pemohon.c — the applicant's own pages under *Layanan Pemohon* (SPEC 4.6):
 * *Profil dan Permohonan* — tab *Permohonan* with the profile and the applicant's
 * applications (filters by text and date, a GET form that works without JavaScript),
 * tab *Izin* is web/izin_pemohon.c.  *Keluhan* is web/keluhan.c, *Simulasi Tarif*
 * web/simulasi.c. */
#include "domain/akun/approval.h"
#include "domain/permohonan/lacak.h"
#include "util/datetime.h"
#include "web/applicant_view.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/kontak.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>

#define WIB_OFFSET_S (7 * 3600)
#define DAY_S 86400

/* The moment a WIB calendar date "YYYY-MM-DD" begins, plus `days` days, as ISO UTC;
 * NULL when the text is no such date. */
static const char *wib_day_start(arena *a, const char *ymd, int days)
{
    time_t t;
    if (!ymd || strlen(ymd) != 10 || datetime_parse(ymd, &t) != 0) return NULL;
    return datetime_iso(a, t - WIB_OFFSET_S + (time_t)days * DAY_S);
}

/* The list of applications with the filters of the query string; fills ctx. */
static lk_err fill_permohonan(req *r, store_conn *c, const account *me, tv *ctx)
{
    const char *q = req_query(r, "q"), *dari = req_query(r, "dari"), *sampai = req_query(r, "sampai");
    tv *f = tv_set_map(ctx, "filter");
    tv_set(f, "q", q ? q : "");
    tv_set(f, "dari", dari ? dari : "");
    tv_set(f, "sampai", sampai ? sampai : "");
    lacak_filter filter = {q && strlen(q) <= 100 ? q : NULL, NULL, NULL};
    /* A date that does not parse is said so beside its field and not applied. */
    if (dari && *dari && !(filter.from_iso = wib_day_start(r->a, dari, 0)))
        tv_set(f, "dari_error", page_t(r, "Tanggal tidak sah; gunakan format TTTT-BB-HH."));
    if (sampai && *sampai && !(filter.until_iso = wib_day_start(r->a, sampai, 1)))
        tv_set(f, "sampai_error", page_t(r, "Tanggal tidak sah; gunakan format TTTT-BB-HH."));
    tv_set_bool(f, "dari_invalid", tv_get(f, "dari_error") != NULL);
    tv_set_bool(f, "sampai_invalid", tv_get(f, "sampai_error") != NULL);
    int filtered = (q && *q) || filter.from_iso || filter.until_iso;
    tv_set_bool(ctx, "filtered", filtered);

    lacak_row *rows;
    size_t count;
    int64_t total;
    lk_err e = lacak_list(c, r->a, me->id, &filter, &rows, &count, &total);
    if (e != LK_OK) return e;
    tv *list = tv_set_list(ctx, "rows");
    tv_set_bool(ctx, "has_rows", count > 0);
    tv_set_int(ctx, "total", total);
    tv_set(ctx, "total_text", page_count(r, total, "{n} permohonan"));
    tv_set_bool(ctx, "more", total > (int64_t)count);
    /* A new applicant sees the profile; once there are applications they come first. */
    tv_set_bool(ctx, "profile_open", total == 0 && !filtered);
    for (size_t i = 0; i < count; i++) {
        const lacak_row *p = &rows[i];
        tv *row = tv_push_map(list);
        int draft = strcmp(p->status, "draft") == 0;
        tv_set(row, "nomor", draft ? page_t(r, "(belum bernomor)") : p->nomor);
        tv_set(row, "jenis_izin", p->jenis_izin ? p->jenis_izin : page_t(r, "(belum dipilih)"));
        tv_set(row, "perusahaan", p->perusahaan ? p->perusahaan : "—");
        tv_set(row, "status", page_t(r, lacak_status_label(p->status)));
        tv_setf(row, "status_class", "st st-%s", p->status);
        tv_set(row, "tanggal", page_datetime(r, p->tanggal));
        tv_set_bool(row, "draft", draft);
        tv_setf(row, "href", "/pemohon/permohonan/%lld", (long long)p->id);
        tv_setf(row, "lacak_href", "/pemohon/permohonan/%lld/lacak", (long long)p->id);
        tv_setf(row, "bukti_href", "/pemohon/permohonan/%lld/bukti", (long long)p->id);
        if (strcmp(p->status, "perbaikan") == 0)   /* back office: the returned application's page */
            tv_setf(row, "perbaikan_href", "/pemohon/permohonan/%lld/perbaikan", (long long)p->id);
        tv_setf(row, "hapus_href", "/pemohon/permohonan/%lld/hapus", (long long)p->id);
    }
    return LK_OK;
}

void handle_pemohon_profil(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    tv *ctx = page_new(r, "Profil dan Permohonan", "profil");
    tv_set_bool(ctx, "tab_permohonan", 1);
    if (req_query(r, "dihapus")) tv_set(ctx, "notice", page_t(r, "Draf permohonan dihapus. Dokumen Anda tetap ada di tab Dokumen."));
    store_conn *c = store_acquire(APP(r)->db);
    store_read_snapshot(c);   /* only reads: one lock for all of them */
    applicant ap;
    lk_err e = approval_get(c, r->a, me->instansi_id, me->id, &ap);
    if (e == LK_OK) e = fill_permohonan(r, c, me, ctx);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *p = tv_set_map(ctx, "p");
    applicant_view(r, p, &ap);
    tv_set(p, "instansi", me->instansi_name);
    page_send(r, 200, "profil", ctx);
}
