/* domain/tarif/laporan.h — the retribution report (SPEC 5.9; issue 13 item 6): per month
 * (WIB) and jenis izin of one instansi and year, the SKRDs confirmed with their total and
 * the payments received with theirs.  Months of an SKRD are those of its confirmation,
 * months of a payment those of its payment date.  Computed from the rows (an instansi
 * confirms thousands a year, not millions).  Memory: the caller's arena. */
#ifndef LOKET_LAPORAN_RETRIBUSI_H
#define LOKET_LAPORAN_RETRIBUSI_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    int month;                    /* 1..12 */
    const char *jenis_izin;
    int64_t skrd, ditetapkan;     /* count of SKRDs confirmed, their total (Rp) */
    int64_t pembayaran, dibayar;  /* count of payments, their total (Rp) */
} laporan_retribusi_row;

typedef struct {
    laporan_retribusi_row *rows;  /* by month, then jenis izin name */
    size_t nrows;
    int64_t month_ditetapkan[12], month_dibayar[12];
    int64_t total_ditetapkan, total_dibayar, total_skrd, total_pembayaran;
} laporan_retribusi;

lk_err laporan_retribusi_get(store_conn *c, arena *a, int64_t instansi_id, int year, laporan_retribusi *out);

#endif
