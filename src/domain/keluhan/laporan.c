/* domain/keluhan/laporan.c — the complaints report (see laporan.h). */
#include "domain/keluhan/laporan.h"
#include "domain/keluhan/keluhan.h"
#include "util/datetime.h"
#include <string.h>
#include <time.h>

lk_err laporan_keluhan_get(store_conn *c, arena *a, int64_t instansi_id, int year, laporan_keluhan *out)
{
    memset(out, 0, sizeof *out);
    out->nrows = KELUHAN_KATEGORI_COUNT;
    out->rows = arena_alloc(a, out->nrows * sizeof *out->rows);
    int64_t sum_s[16] = {0}, total_s = 0;
    for (size_t i = 0; i < out->nrows; i++) {
        out->rows[i].kategori = KELUHAN_KATEGORI[i].key;
        out->rows[i].rata_jam_x10 = -1;
    }
    store_rows *r = store_query(c,
        "SELECT kategori, COALESCE(verified_at, created_at), first_answer_at, status FROM keluhan"
        " WHERE instansi_id = $1 AND status <> 'belum_verifikasi'",
        STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int rc;
    while ((rc = store_next(r)) == 1) {
        time_t filed, answered;
        if (datetime_parse(store_text(r, 1), &filed)) continue;
        time_t wib = filed + 7 * 3600;
        struct tm tm;
        gmtime_r(&wib, &tm);
        if (tm.tm_year + 1900 != year) continue;
        size_t k = 0;
        while (k < out->nrows && strcmp(out->rows[k].kategori, store_text(r, 0)) != 0) k++;
        if (k == out->nrows) continue;
        laporan_keluhan_row *row = &out->rows[k];
        row->jumlah++;
        out->jumlah++;
        if (strcmp(store_text(r, 3), "selesai") == 0) row->selesai++;
        if (store_is_null(r, 2) || datetime_parse(store_text(r, 2), &answered)) continue;
        int64_t secs = answered > filed ? (int64_t)(answered - filed) : 0;
        row->dijawab++;
        out->dijawab++;
        sum_s[k] += secs;
        total_s += secs;
        int64_t x10 = (secs * 10 + 1800) / 3600;
        if (x10 > row->maks_jam_x10) row->maks_jam_x10 = x10;
    }
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    for (size_t i = 0; i < out->nrows; i++)
        if (out->rows[i].dijawab) out->rows[i].rata_jam_x10 = (sum_s[i] * 10 / out->rows[i].dijawab + 1800) / 3600;
    out->rata_jam_x10 = out->dijawab ? (total_s * 10 / out->dijawab + 1800) / 3600 : -1;
    return LK_OK;
}
