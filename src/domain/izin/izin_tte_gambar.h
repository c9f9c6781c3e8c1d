/* domain/izin/izin_tte_gambar.h — a Penandatangan's signature image (SPEC 5.5): a PNG
 * they upload on their certificate page, drawn in the visible signature block of the
 * permits they sign (domain/izin/izin_pdf.h), whichever signer signs.
 *
 * Checked by its bytes, never its name: at most IZIN_TTE_GAMBAR_BYTES, a PNG by its
 * signature and IHDR (libmagic agreeing, util/filetype.h) whose size is within
 * IZIN_TTE_GAMBAR_MAX_W × IZIN_TTE_GAMBAR_MAX_H pixels before anything is decoded, and
 * which decodes whole (util/png_image.h).  Stored like other uploads (util/storage.h,
 * DATA/files/ttd-<random>.png); one per officer, replaced by a new upload, removable;
 * each change in the audit trail. */
#ifndef LOKET_IZIN_TTE_GAMBAR_H
#define LOKET_IZIN_TTE_GAMBAR_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define IZIN_TTE_GAMBAR_BYTES (512 * 1024)
#define IZIN_TTE_GAMBAR_MAX_W 2000
#define IZIN_TTE_GAMBAR_MAX_H 1000

typedef struct {
    int64_t width, height, size;
    const char *storage_name, *uploaded_at;
} izin_tte_gambar;

/* Checks the uploaded file at tmp_path and makes it the officer's image (the previous
 * one's file removed).  LK_ERR_INVALID with *msg (Indonesian) for a refused file: empty,
 * too large, not a PNG, too many pixels, broken. */
lk_err izin_tte_gambar_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t instansi_id,
                              const char *tmp_path, time_t now, const char **msg);
/* Removes the officer's image (LK_ERR_NOTFOUND when there is none). */
lk_err izin_tte_gambar_remove(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t instansi_id,
                              time_t now);
/* What the officer's image is: LK_OK, or LK_ERR_NOTFOUND. */
lk_err izin_tte_gambar_get(store_conn *c, arena *a, int64_t account_id, izin_tte_gambar *out);
/* The officer's image's bytes appended to png: LK_OK, LK_ERR_NOTFOUND, or LK_ERR_IO when
 * its file is missing or no longer a valid PNG (logged). */
lk_err izin_tte_gambar_read(store_conn *c, arena *a, const char *data_dir, int64_t account_id, buf *png);

#endif
