/* domain/izin/izin_lanjut.h — *Perpanjang* and *Ubah* from tab Izin (SPEC 4.8, 4.12): a
 * new application draft prefilled from a permit and referring to it (izin_lama_id), so
 * the permit it leads to continues the old one (a renewal starts where the old one
 * ends: izin.h).  Only the holder may start one, and not from a revoked permit. */
#ifndef LOKET_IZIN_LANJUT_H
#define LOKET_IZIN_LANJUT_H
#include <stdint.h>
#include "domain/katalog/catalogue.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* A draft of jenis permohonan `jp` (Perpanjangan or Perubahan) from permit `izin_id`:
 * instansi, unit, jenis izin, No. Izin Lama, Tipe Pemohon, Perusahaan, Lokasi Izin and
 * Data Teknis of the permit's application; requirements to fill in again.
 *   LK_ERR_NOTFOUND: not the applicant's permit.
 *   LK_ERR_CONFLICT: revoked, or the jenis izin is not offered for `jp` any more (*msg).
 *   LK_ERR_TOOBIG: too many drafts. */
lk_err izin_lanjut(store_conn *c, arena *a, int64_t account_id, int64_t izin_id, jenis_permohonan jp,
                   int64_t *draft_id, const char **msg);

#endif
