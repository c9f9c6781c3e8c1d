/* domain/tarif/laporan.c — the retribution report (see laporan.h). */
#include "domain/tarif/laporan.h"
#include "util/datetime.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The WIB month (1..12) of an ISO moment or a "YYYY-MM-DD" date in `year`; 0 otherwise. */
static int month_of(const char *s, int is_date, int year)
{
    time_t t;
    if (!s || datetime_parse(s, &t)) return 0;
    if (!is_date) t += 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900 == year ? tm.tm_mon + 1 : 0;
}

static laporan_retribusi_row *row_for(arena *a, laporan_retribusi *out, size_t *cap, int month, const char *jenis)
{
    for (size_t i = 0; i < out->nrows; i++)
        if (out->rows[i].month == month && strcmp(out->rows[i].jenis_izin, jenis) == 0) return &out->rows[i];
    out->rows = arena_grow(a, out->rows, cap, out->nrows, sizeof *out->rows);
    laporan_retribusi_row *r = &out->rows[out->nrows++];
    memset(r, 0, sizeof *r);
    r->month = month;
    r->jenis_izin = arena_strdup(a, jenis);
    return r;
}

static int by_month_then_name(const void *x, const void *y)
{
    const laporan_retribusi_row *a = x, *b = y;
    return a->month != b->month ? a->month - b->month : strcmp(a->jenis_izin, b->jenis_izin);
}

lk_err laporan_retribusi_get(store_conn *c, arena *a, int64_t instansi_id, int year, laporan_retribusi *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c,
        "SELECT r.confirmed_at, r.total, j.name, b.tanggal_bayar, b.jumlah FROM retribusi r"
        " JOIN permohonan p ON p.id = r.permohonan_id JOIN jenis_izin j ON j.id = p.jenis_izin_id"
        " LEFT JOIN pembayaran b ON b.retribusi_id = r.id"
        " WHERE r.instansi_id = $1 AND r.status <> 'draf'",
        STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int rc;
    while ((rc = store_next(r)) == 1) {
        const char *jenis = store_text(r, 2);
        int m = month_of(store_text(r, 0), 0, year);
        if (m) {
            laporan_retribusi_row *row = row_for(a, out, &cap, m, jenis);
            row->skrd++;
            row->ditetapkan += store_int(r, 1);
            out->month_ditetapkan[m - 1] += store_int(r, 1);
            out->total_ditetapkan += store_int(r, 1);
            out->total_skrd++;
        }
        int pm = store_is_null(r, 3) ? 0 : month_of(store_text(r, 3), 1, year);
        if (pm) {
            laporan_retribusi_row *row = row_for(a, out, &cap, pm, jenis);
            row->pembayaran++;
            row->dibayar += store_int(r, 4);
            out->month_dibayar[pm - 1] += store_int(r, 4);
            out->total_dibayar += store_int(r, 4);
            out->total_pembayaran++;
        }
    }
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    if (out->nrows) qsort(out->rows, out->nrows, sizeof *out->rows, by_month_then_name);
    return LK_OK;
}
