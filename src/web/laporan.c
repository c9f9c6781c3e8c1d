/* web/laporan.c — reports of retribution and complaints (SPEC 5.9; issue 13 item 6):
 *   GET /petugas/laporan?tahun=YYYY           tables and server-rendered SVG charts
 *   GET /petugas/laporan/retribusi.csv?tahun= retribution per month and jenis izin
 *   GET /petugas/laporan/keluhan.csv?tahun=   complaints per category, time to first answer
 * For Admin Instansi, Bendahara and Penandatangan of the instansi.  The figures come from
 * domain/tarif/laporan.h and domain/keluhan/laporan.h; charts are plain SVG rectangles
 * computed here (no script), with the same figures in the tables beside them. */
#include "domain/keluhan/keluhan.h"
#include "domain/keluhan/laporan.h"
#include "domain/tarif/decimal.h"
#include "domain/tarif/laporan.h"
#include "util/buf.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define REPORT_ROLES (ROLE_ADMIN_INSTANSI | ROLE_BENDAHARA | ROLE_PENANDATANGAN)

static const char *const BULAN[12] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                      "Agustus", "September", "Oktober", "November", "Desember"};

static int year_param(req *r)
{
    time_t now = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    int64_t y = tm.tm_year + 1900;
    const char *s = req_query(r, "tahun");
    if (s && *s && parse_int64(s, 2000, 2100, &y)) y = -1;
    return (int)y;
}

static const char *rp(arena *a, int64_t v) { return arena_printf(a, "Rp %s", dec_rupiah(a, dec_from_int(v))); }

static const char *hours(req *r, int64_t x10)
{
    if (x10 < 0) return "—";
    return arena_printf(r->a, "%lld,%lld %s", (long long)(x10 / 10), (long long)(x10 % 10), page_t(r, "jam"));
}

/* Chart geometry: a 640 × 260 view box, bars in a 560 × 200 plot. */
#define CH_X0 70
#define CH_Y0 20
#define CH_W 560
#define CH_H 200

static void bar(tv *list, int x, int w, int64_t v, int64_t max, const char *cls, const char *title)
{
    int h = max > 0 ? (int)((v * CH_H + max - 1) / max) : 0;
    tv *b = tv_push_map(list);
    tv_setf(b, "x", "%d", x);
    tv_setf(b, "y", "%d", CH_Y0 + CH_H - h);
    tv_setf(b, "w", "%d", w);
    tv_setf(b, "h", "%d", h);
    tv_set(b, "class", cls);
    tv_set(b, "title", title);
}

static void retribusi_chart(req *r, tv *ctx, const laporan_retribusi *l)
{
    int64_t max = 0;
    for (int m = 0; m < 12; m++) {
        if (l->month_ditetapkan[m] > max) max = l->month_ditetapkan[m];
        if (l->month_dibayar[m] > max) max = l->month_dibayar[m];
    }
    tv *ch = tv_set_map(ctx, "chart_retribusi");
    tv_set(ch, "max", rp(r->a, max));
    tv *bars = tv_set_list(ch, "bars"), *labels = tv_set_list(ch, "labels");
    int slot = CH_W / 12;
    for (int m = 0; m < 12; m++) {
        int x = CH_X0 + m * slot;
        const char *name = page_t(r, BULAN[m]);
        bar(bars, x + 4, slot / 2 - 4, l->month_ditetapkan[m], max, "bar-tetap",
            arena_printf(r->a, "%s: %s %s", name, page_t(r, "ditetapkan"), rp(r->a, l->month_ditetapkan[m])));
        bar(bars, x + slot / 2, slot / 2 - 4, l->month_dibayar[m], max, "bar-bayar",
            arena_printf(r->a, "%s: %s %s", name, page_t(r, "dibayar"), rp(r->a, l->month_dibayar[m])));
        tv *t = tv_push_map(labels);
        tv_setf(t, "x", "%d", x + slot / 2);
        tv_set(t, "text", arena_strndup(r->a, name, 3));
    }
}

static void keluhan_chart(req *r, tv *ctx, const laporan_keluhan *l)
{
    int64_t max = 0;
    for (size_t i = 0; i < l->nrows; i++)
        if (l->rows[i].jumlah > max) max = l->rows[i].jumlah;
    tv *ch = tv_set_map(ctx, "chart_keluhan");
    tv_set_int(ch, "max", max);
    tv *bars = tv_set_list(ch, "bars");
    int slot = CH_W / (int)(l->nrows ? l->nrows : 1);
    for (size_t i = 0; i < l->nrows; i++) {
        const char *name = page_t(r, keluhan_kategori_label(l->rows[i].kategori));
        bar(bars, CH_X0 + (int)i * slot + 8, slot - 16, l->rows[i].jumlah, max, "bar-keluhan",
            arena_printf(r->a, "%s: %lld", name, (long long)l->rows[i].jumlah));
    }
    tv *labels = tv_set_list(ch, "labels");
    for (size_t i = 0; i < l->nrows; i++) {
        tv *t = tv_push_map(labels);
        tv_setf(t, "x", "%d", CH_X0 + (int)i * slot + slot / 2);
        const char *name = page_t(r, keluhan_kategori_label(l->rows[i].kategori));
        tv_set(t, "text", utf8_length(name) > 12 ? arena_printf(r->a, "%.*s…", 11, name) : name);
    }
}

static lk_err load(req *r, const account *me, int year, laporan_retribusi *lr, laporan_keluhan *lk)
{
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = lr ? laporan_retribusi_get(c, r->a, me->instansi_id, year, lr) : LK_OK;
    if (!e && lk) e = laporan_keluhan_get(c, r->a, me->instansi_id, year, lk);
    store_release(c);
    return e;
}

void handle_petugas_laporan(req *r)
{
    const account *me = web_require_petugas(r, REPORT_ROLES);
    if (!me) return;
    int year = year_param(r);
    if (year < 0) {
        page_error(r, 400, "Tahun tidak sah.");
        return;
    }
    laporan_retribusi lr;
    laporan_keluhan lk;
    lk_err e = load(r, me, year, &lr, &lk);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Laporan", "laporan");
    tv_set_int(ctx, "tahun", year);
    tv_setf(ctx, "csv_retribusi", "/petugas/laporan/retribusi.csv?tahun=%d", year);
    tv_setf(ctx, "csv_keluhan", "/petugas/laporan/keluhan.csv?tahun=%d", year);
    tv *rows = tv_set_list(ctx, "retribusi");
    for (size_t i = 0; i < lr.nrows; i++) {
        tv *x = tv_push_map(rows);
        tv_set(x, "bulan", page_t(r, BULAN[lr.rows[i].month - 1]));
        tv_set(x, "jenis", lr.rows[i].jenis_izin);
        tv_set_int(x, "skrd", lr.rows[i].skrd);
        tv_set(x, "ditetapkan", rp(r->a, lr.rows[i].ditetapkan));
        tv_set_int(x, "pembayaran", lr.rows[i].pembayaran);
        tv_set(x, "dibayar", rp(r->a, lr.rows[i].dibayar));
    }
    tv_set_bool(ctx, "has_retribusi", lr.nrows > 0);
    tv *tot = tv_set_map(ctx, "total");
    tv_set_int(tot, "skrd", lr.total_skrd);
    tv_set(tot, "ditetapkan", rp(r->a, lr.total_ditetapkan));
    tv_set_int(tot, "pembayaran", lr.total_pembayaran);
    tv_set(tot, "dibayar", rp(r->a, lr.total_dibayar));
    retribusi_chart(r, ctx, &lr);
    tv *krows = tv_set_list(ctx, "keluhan");
    for (size_t i = 0; i < lk.nrows; i++) {
        tv *x = tv_push_map(krows);
        tv_set(x, "kategori", page_t(r, keluhan_kategori_label(lk.rows[i].kategori)));
        tv_set_int(x, "jumlah", lk.rows[i].jumlah);
        tv_set_int(x, "dijawab", lk.rows[i].dijawab);
        tv_set_int(x, "selesai", lk.rows[i].selesai);
        tv_set(x, "rata", hours(r, lk.rows[i].rata_jam_x10));
        tv_set(x, "maks", lk.rows[i].dijawab ? hours(r, lk.rows[i].maks_jam_x10) : "—");
    }
    tv *kt = tv_set_map(ctx, "ktotal");
    tv_set_int(kt, "jumlah", lk.jumlah);
    tv_set_int(kt, "dijawab", lk.dijawab);
    tv_set(kt, "rata", hours(r, lk.rata_jam_x10));
    keluhan_chart(r, ctx, &lk);
    page_send(r, 200, "laporan", ctx);
}

/* One CSV cell: quoted when needed; a leading = + - @ is defused for spreadsheets. */
static void csv_cell(buf *b, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n;") != NULL || strchr("=+-@", *s) != NULL;
    if (quote) buf_putc(b, '"');
    if (*s && strchr("=+-@", *s)) buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') buf_putc(b, '"');
        buf_putc(b, *s);
    }
    if (quote) buf_putc(b, '"');
    buf_puts(b, last ? "\r\n" : ",");
}

static void send_csv(req *r, buf *b, const char *name)
{
    resp_header(r, "Content-Disposition", name);
    resp_header(r, "Cache-Control", "private, no-store");
    resp_bytes(r, 200, "text/csv; charset=utf-8", b->data ? b->data : "", b->len, 1);
    buf_free(b);
}

void handle_petugas_laporan_retribusi_csv(req *r)
{
    const account *me = web_require_petugas(r, REPORT_ROLES);
    if (!me) return;
    int year = year_param(r);
    laporan_retribusi lr;
    lk_err e = year < 0 ? LK_ERR_INVALID : load(r, me, year, &lr, NULL);
    if (e) {
        page_fail(r, e);
        return;
    }
    buf b = BUF_INIT;
    buf_puts(&b, "bulan,jenis_izin,skrd_ditetapkan,total_ditetapkan_rp,pembayaran,total_dibayar_rp\r\n");
    for (size_t i = 0; i < lr.nrows; i++) {
        const laporan_retribusi_row *x = &lr.rows[i];
        buf_printf(&b, "%04d-%02d,", year, x->month);
        csv_cell(&b, x->jenis_izin, 0);
        buf_printf(&b, "%lld,%lld,%lld,%lld\r\n", (long long)x->skrd, (long long)x->ditetapkan, (long long)x->pembayaran,
                   (long long)x->dibayar);
    }
    send_csv(r, &b, arena_printf(r->a, "attachment; filename=\"retribusi-%d.csv\"", year));
}

void handle_petugas_laporan_keluhan_csv(req *r)
{
    const account *me = web_require_petugas(r, REPORT_ROLES);
    if (!me) return;
    int year = year_param(r);
    laporan_keluhan lk;
    lk_err e = year < 0 ? LK_ERR_INVALID : load(r, me, year, NULL, &lk);
    if (e) {
        page_fail(r, e);
        return;
    }
    buf b = BUF_INIT;
    buf_puts(&b, "kategori,jumlah,dijawab,selesai,rata_jam_jawaban_pertama,maks_jam_jawaban_pertama\r\n");
    for (size_t i = 0; i < lk.nrows; i++) {
        const laporan_keluhan_row *x = &lk.rows[i];
        csv_cell(&b, keluhan_kategori_label(x->kategori), 0);
        buf_printf(&b, "%lld,%lld,%lld,", (long long)x->jumlah, (long long)x->dijawab, (long long)x->selesai);
        if (x->rata_jam_x10 >= 0)
            buf_printf(&b, "%lld.%lld,%lld.%lld\r\n", (long long)(x->rata_jam_x10 / 10), (long long)(x->rata_jam_x10 % 10),
                       (long long)(x->maks_jam_x10 / 10), (long long)(x->maks_jam_x10 % 10));
        else
            buf_puts(&b, ",\r\n");
    }
    send_csv(r, &b, arena_printf(r->a, "attachment; filename=\"keluhan-%d.csv\"", year));
}
