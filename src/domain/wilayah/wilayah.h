/* domain/wilayah/wilayah.h — Indonesia's administrative regions (wilayah).
 *
 * Levels: 1 provinsi ("19"), 2 kabupaten/kota ("19.71"), 3 kecamatan ("19.71.01"),
 * 4 desa/kelurahan ("19.71.01.1001").  The parent of a code is the code without its last
 * dotted part.  Data come from the idn-area-data npm package's CSV files. */
#ifndef LOKET_WILAYAH_H
#define LOKET_WILAYAH_H
#include <stddef.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    const char *code;
    const char *name;
    int level;                /* 1..4 */
    const char *parent_name;  /* for search results: "Kota Pangkal Pinang, Bangka Belitung"; may be NULL */
} wilayah;

typedef struct {
    long provinsi, kabupaten, kecamatan, desa;
} wilayah_import_stats;

/* Loads provinces.csv, regencies.csv, districts.csv and villages.csv from csv_dir into
 * the store in one transaction, replacing what was there (idempotent).  On error nothing
 * is changed and err says which file and line. */
lk_err wilayah_import(store *s, const char *csv_dir, wilayah_import_stats *stats, char *err, size_t errlen);

/* Children of `parent_code` ("" or NULL: the provinces), ordered by name.
 * Results and strings are allocated in `a`.  An invalid code gives zero results. */
lk_err wilayah_children(store_conn *c, arena *a, const char *parent_code,
                        wilayah **out, size_t *count);

/* Regions whose name contains `q` (case-insensitive, at least 2 characters), optionally
 * only of `level` (0 = any) and under `parent_code` (NULL = anywhere), at most `limit`
 * (clamped to 1..50), shortest names first.  Results allocated in `a`. */
lk_err wilayah_search(store_conn *c, arena *a, const char *q, int level, const char *parent_code,
                      int limit, wilayah **out, size_t *count);

/* One region by code, or LK_ERR_NOTFOUND. */
lk_err wilayah_get(store_conn *c, arena *a, const char *code, wilayah *out);

/* Checks one level of an address cascade as people pick it: `code` is a region of
 * `level` (1 provinsi … 4 desa) lying under `parent_code` (NULL for a provinsi).
 * Returns LK_OK with *msg NULL when it is, LK_OK with *msg an Indonesian message for the
 * person when it is missing, malformed, outside its parent or unknown, and another code
 * only when the database fails. */
lk_err wilayah_check_pick(store_conn *c, arena *a, const char *code, int level,
                          const char *parent_code, const char **msg);

/* 1 if code has the shape of a wilayah code (digits and dots, levels 1..4). */
int wilayah_code_valid(const char *code);

#endif
