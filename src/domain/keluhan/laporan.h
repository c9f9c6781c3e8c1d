/* domain/keluhan/laporan.h — the complaints report (SPEC 5.7, 5.9; issue 13 item 6): per
 * category of one instansi's verified complaints filed in a year (WIB), how many, how many
 * answered and closed, and the time from filing (verification, for public visitors) to the
 * first answer: mean and longest, in hours.  Memory: the caller's arena. */
#ifndef LOKET_LAPORAN_KELUHAN_H
#define LOKET_LAPORAN_KELUHAN_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    const char *kategori;         /* key; every category appears, in KELUHAN_KATEGORI order */
    int64_t jumlah, dijawab, selesai;
    int64_t rata_jam_x10;         /* mean hours to the first answer × 10 (one decimal); -1 = none answered */
    int64_t maks_jam_x10;
} laporan_keluhan_row;

typedef struct {
    laporan_keluhan_row *rows;
    size_t nrows;
    int64_t jumlah, dijawab;
    int64_t rata_jam_x10;
} laporan_keluhan;

lk_err laporan_keluhan_get(store_conn *c, arena *a, int64_t instansi_id, int year, laporan_keluhan *out);

#endif
