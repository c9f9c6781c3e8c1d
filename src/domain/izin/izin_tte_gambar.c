/* domain/izin/izin_tte_gambar.c — the signer's signature image (see izin_tte_gambar.h). */
#include "domain/izin/izin_tte_gambar.h"
#include "domain/permohonan/dokumen.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/png_image.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *path_of(arena *a, const char *data_dir, const char *storage)
{
    return arena_printf(a, "%s/files/%s", data_dir, storage);
}

/* Up to IZIN_TTE_GAMBAR_BYTES + 1 bytes of the file (so that too large is seen). */
static lk_err slurp(const char *path, buf *out)
{
    FILE *f = fopen(path, "rbe");
    if (!f) return LK_ERR_IO;
    char chunk[8192];
    size_t n;
    while (out->len <= IZIN_TTE_GAMBAR_BYTES && (n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(out, chunk, n);
    fclose(f);
    return LK_OK;
}

/* Why the bytes cannot be a signature image, or NULL. */
static const char *refused(const buf *b, unsigned *w, unsigned *h)
{
    if (b->len == 0) return "Berkas gambar kosong.";
    if (b->len > IZIN_TTE_GAMBAR_BYTES) return "Gambar tanda tangan paling besar 512 KB.";
    switch (png_image_check((const unsigned char *)b->data, b->len, IZIN_TTE_GAMBAR_MAX_W, IZIN_TTE_GAMBAR_MAX_H, w, h)) {
    case PNG_IMAGE_OK: return NULL;
    case PNG_IMAGE_NOT_PNG: return "Gambar tanda tangan harus berkas PNG.";
    case PNG_IMAGE_TOO_LARGE: return "Ukuran gambar tanda tangan paling besar 2000 × 1000 piksel.";
    case PNG_IMAGE_BROKEN: break;
    }
    return "Berkas PNG rusak atau tidak lengkap.";
}

/* The officer's current image's file name, or NULL (*e set on a database error). */
static const char *current(store_conn *c, arena *a, int64_t account_id, lk_err *e)
{
    const char *name = NULL;
    store_rows *r = store_query(c, "SELECT storage_name FROM tte_gambar WHERE account_id = $1", STORE_P(SP_I(account_id)));
    *e = r ? LK_OK : LK_ERR_DB;
    int got = r ? store_next(r) : -1;
    if (got == 1) name = arena_strdup(a, store_text(r, 0));
    else if (got < 0) *e = LK_ERR_DB;
    store_rows_close(r);
    return name;
}

lk_err izin_tte_gambar_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t instansi_id,
                              const char *tmp_path, time_t now, const char **msg)
{
    *msg = NULL;
    buf b = BUF_INIT;
    lk_err e = slurp(tmp_path, &b);
    unsigned w = 0, h = 0;
    if (e == LK_OK && (*msg = refused(&b, &w, &h)) != NULL) e = LK_ERR_INVALID;
    buf_free(&b);
    if (e) return e;
    const char *storage = NULL, *path = NULL, *mime = NULL;
    int64_t size = 0;
    char sha[65];
    e = dokumen_file_accept(a, data_dir, "ttd", tmp_path, "png", &storage, &path, &mime, &size, sha, msg);
    if (e) return e;
    int began = (e = store_begin(c)) == LK_OK;
    const char *old = e == LK_OK ? current(c, a, account_id, &e) : NULL;
    const char *now_iso = datetime_iso(a, now);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM tte_gambar WHERE account_id = $1", STORE_P(SP_I(account_id)), NULL);
    if (e == LK_OK)
        e = store_exec(c, "INSERT INTO tte_gambar (account_id, storage_name, width, height, size, sha256, uploaded_at)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       STORE_P(SP_I(account_id), SP_T(storage), SP_I(w), SP_I(h), SP_I(size), SP_T(sha), SP_T(now_iso)),
                       NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, "tte.gambar", "account", account_id,
                                           arena_printf(a, "gambar tanda tangan %s (%u × %u piksel, sha256 %.16s)",
                                                        old ? "diganti" : "diunggah", w, h, sha)}, now, NULL);
    if (e == LK_OK) e = store_commit(c);
    else if (began) store_rollback(c);
    if (e) {
        unlink(path);
        return e;
    }
    if (old) unlink(path_of(a, data_dir, old));
    return LK_OK;
}

lk_err izin_tte_gambar_remove(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t instansi_id,
                              time_t now)
{
    lk_err e = store_begin(c);
    if (e) return e;
    const char *old = current(c, a, account_id, &e);
    if (e == LK_OK && !old) e = LK_ERR_NOTFOUND;
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM tte_gambar WHERE account_id = $1", STORE_P(SP_I(account_id)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, "tte.gambar", "account", account_id,
                                           "gambar tanda tangan dihapus"}, now, NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_OK) unlink(path_of(a, data_dir, old));
    return e;
}

lk_err izin_tte_gambar_get(store_conn *c, arena *a, int64_t account_id, izin_tte_gambar *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c, "SELECT width, height, size, storage_name, uploaded_at FROM tte_gambar"
                                   " WHERE account_id = $1", STORE_P(SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        out->width = store_int(r, 0);
        out->height = store_int(r, 1);
        out->size = store_int(r, 2);
        out->storage_name = arena_strdup(a, store_text(r, 3));
        out->uploaded_at = arena_strdup(a, store_text(r, 4));
    }
    store_rows_close(r);
    return got == 1 ? LK_OK : got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

lk_err izin_tte_gambar_read(store_conn *c, arena *a, const char *data_dir, int64_t account_id, buf *png)
{
    izin_tte_gambar g;
    lk_err e = izin_tte_gambar_get(c, a, account_id, &g);
    if (e) return e;
    const char *path = path_of(a, data_dir, g.storage_name);
    unsigned w, h;
    buf b = BUF_INIT;
    e = slurp(path, &b);
    if (e == LK_OK && refused(&b, &w, &h)) e = LK_ERR_IO;
    if (e == LK_OK) buf_put(png, b.data, b.len);
    else log_error("tte: the signature image %s of account %lld cannot be used: %s", path, (long long)account_id,
                   errno ? strerror(errno) : "not a valid PNG");
    buf_free(&b);
    return e;
}
