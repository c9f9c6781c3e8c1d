/* domain/permohonan/dokumen.c — the document locker (SPEC 4.7): checks, storage of uploads under
 * DATA/files, listing, access for downloads, replacement and deletion.  See dokumen.h
 * for the contracts.
 *
 * Order of a store: check the bytes, hash them, rename() the temporary file into
 * DATA/files, then insert the row; if the insert fails the moved file is unlinked, so a
 * failed upload leaves neither a file nor a row.  A delete removes the row first and the
 * file only after the commit, so a failed delete leaves both. */
#include "domain/permohonan/dokumen.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/files.h"
#include "util/filetype.h"
#include "util/log.h"
#include "util/storage.h"
#include "util/text.h"
#include "domain/akun/validate.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const SAVE_FAILED = "Berkas unggahan tidak dapat disimpan.";
static const char *const IN_USE =
    "Dokumen ini dipakai oleh permohonan yang sudah diajukan, sehingga tidak dapat dihapus. "
    "Gunakan Ganti untuk mengunggah versi baru.";

static void set_err(dokumen_errors *err, dokumen_field f, const char *msg)
{
    if (err->msg[f]) return;
    err->msg[f] = msg;
    err->count++;
}

/* A real calendar date "YYYY-MM-DD" between 1900 and 2199 (validate_date refuses the
 * future, which an expiry date is). */
static int date_ok(const char *s)
{
    time_t t;
    if (!s || strlen(s) != 10 || datetime_parse(s, &t) != 0) return 0;
    if (strncmp(s, "1900", 4) < 0 || strncmp(s, "2200", 4) >= 0) return 0;
    /* timegm normalises 2026-02-30 to 2026-03-02: a round trip catches it. */
    char back[11];
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(back, sizeof back, "%Y-%m-%d", &tm);
    return strcmp(back, s) == 0;
}

int dokumen_check(const char *jenis_dokumen, const char *nomor, const char *dari, const char *sampai,
                  dokumen_errors *err)
{
    const char *msg = NULL;
    int before = err->count;
    if (is_blank(jenis_dokumen)) set_err(err, DOKF_JENIS, "Jenis dokumen wajib diisi.");
    else if (validate_text(jenis_dokumen, 1, DOKUMEN_JENIS_MAX, &msg) != 0) set_err(err, DOKF_JENIS, msg);
    if (nomor && *nomor && validate_text(nomor, 0, DOKUMEN_NOMOR_MAX, &msg) != 0) set_err(err, DOKF_NOMOR, msg);
    int dari_ok = 0, sampai_ok = 0;
    if (dari && *dari) {
        if (date_ok(dari)) dari_ok = 1;
        else set_err(err, DOKF_DARI, "Tanggal tidak valid. Gunakan format tahun-bulan-tanggal, contoh 2026-01-31.");
    }
    if (sampai && *sampai) {
        if (date_ok(sampai)) sampai_ok = 1;
        else set_err(err, DOKF_SAMPAI, "Tanggal tidak valid. Gunakan format tahun-bulan-tanggal, contoh 2026-01-31.");
    }
    /* ISO dates compare as text. */
    if (dari_ok && sampai_ok && strcmp(sampai, dari) < 0)
        set_err(err, DOKF_SAMPAI, "Berlaku sampai tidak boleh sebelum berlaku dari.");
    return err->count > before ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------------- */

#define DOKUMEN_COLS \
    "d.id, d.account_id, d.jenis_dokumen, d.nomor, d.berlaku_dari, d.berlaku_sampai, d.file_name, " \
    "d.storage_name, d.content_type, d.size, d.sha256, d.replaces_id, d.created_at, " \
    "CASE WHEN d.deleted_at IS NULL THEN 0 ELSE 1 END, " \
    "CASE WHEN EXISTS (SELECT 1 FROM permohonan_syarat ps JOIN permohonan p ON p.id = ps.permohonan_id " \
    "                  WHERE ps.dokumen_id = d.id AND p.status <> 'draft') THEN 1 ELSE 0 END"

static const char *text_or_empty(arena *a, store_rows *rows, int col)
{
    const char *s = store_text(rows, col);
    return arena_strdup(a, s ? s : "");
}

static void read_row(arena *a, store_rows *rows, dokumen *d)
{
    memset(d, 0, sizeof *d);
    d->id = store_int(rows, 0);
    d->account_id = store_int(rows, 1);
    d->jenis_dokumen = text_or_empty(a, rows, 2);
    d->nomor = text_or_empty(a, rows, 3);
    d->berlaku_dari = text_or_empty(a, rows, 4);
    d->berlaku_sampai = text_or_empty(a, rows, 5);
    d->file_name = text_or_empty(a, rows, 6);
    d->storage_name = text_or_empty(a, rows, 7);
    d->content_type = text_or_empty(a, rows, 8);
    d->size = store_int(rows, 9);
    d->sha256 = text_or_empty(a, rows, 10);
    d->replaces_id = store_int(rows, 11);
    d->created_at = text_or_empty(a, rows, 12);
    d->deleted = (int)store_int(rows, 13);
    d->in_use = (int)store_int(rows, 14);
}

lk_err dokumen_list(store_conn *c, arena *a, int64_t account_id, dokumen **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *rows = store_query(c,
        "SELECT " DOKUMEN_COLS " FROM dokumen d WHERE d.account_id = $1 AND d.deleted_at IS NULL ORDER BY d.id DESC",
        STORE_P(SP_I(account_id)));
    if (!rows) return LK_ERR_DB;
    size_t cap = 0;
    int rc;
    while ((rc = store_next(rows)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        read_row(a, rows, &(*out)[(*n)++]);
    }
    store_rows_close(rows);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err dokumen_get(store_conn *c, arena *a, int64_t account_id, int64_t id, dokumen *out)
{
    store_rows *rows = store_query(c,
        "SELECT " DOKUMEN_COLS " FROM dokumen d WHERE d.id = $1 AND d.account_id = $2 AND d.deleted_at IS NULL",
        STORE_P(SP_I(id), SP_I(account_id)));
    if (!rows) return LK_ERR_DB;
    int rc = store_next(rows);
    if (rc == 1) read_row(a, rows, out);
    store_rows_close(rows);
    return rc == 1 ? LK_OK : rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

lk_err dokumen_get_for_download(store_conn *c, arena *a, int64_t dokumen_id, const account *viewer,
                                const char *data_dir, dokumen_file *out)
{
    if (!viewer || !viewer->kind) return LK_ERR_NOTFOUND;
    int is_petugas = strcmp(viewer->kind, "petugas") == 0;
    if (!is_petugas && strcmp(viewer->kind, "pemohon") != 0) return LK_ERR_NOTFOUND;
    /* The owner, or an officer of an instansi that received it with an application. */
    store_rows *rows = store_query(c,
        "SELECT d.storage_name, d.content_type, d.file_name, d.size FROM dokumen d "
        "WHERE d.id = $1 AND ("
        "  ($2 = 0 AND d.account_id = $3) OR "
        "  ($2 = 1 AND EXISTS (SELECT 1 FROM permohonan_syarat ps JOIN permohonan p ON p.id = ps.permohonan_id "
        "                      WHERE ps.dokumen_id = d.id AND p.status <> 'draft' AND p.instansi_id = $4)))",
        STORE_P(SP_I(dokumen_id), SP_I(is_petugas), SP_I(viewer->id), SP_I(viewer->instansi_id)));
    if (!rows) return LK_ERR_DB;
    int rc = store_next(rows);
    lk_err e = rc == 1 ? LK_OK : rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    if (e == LK_OK) {
        out->content_type = arena_strdup(a, store_text(rows, 1));
        out->file_name = arena_strdup(a, store_text(rows, 2));
        out->size = store_int(rows, 3);
        e = dokumen_file_at(a, data_dir, store_text(rows, 0), dokumen_id, out);
    }
    store_rows_close(rows);
    return e;
}

lk_err dokumen_file_at(arena *a, const char *data_dir, const char *storage, int64_t dokumen_id, dokumen_file *out)
{
    /* Names are Loket's own; refuse anything that could leave the folder anyway. */
    if (!storage || strchr(storage, '/') || storage[0] == '.') return LK_ERR_INTERNAL;
    out->path = arena_printf(a, "%s/files/%s", data_dir, storage);
    struct stat st;
    if (stat(out->path, &st) != 0 || !S_ISREG(st.st_mode)) {
        log_error("dokumen %lld: file %s missing: %s", (long long)dokumen_id, out->path, strerror(errno));
        return LK_ERR_IO;
    }
    return LK_OK;
}

/* ---- storing ------------------------------------------------------------------- */

lk_err dokumen_file_accept(arena *a, const char *data_dir, const char *prefix, const char *tmp_path,
                           const char *allowed_types, const char **storage_name, const char **path,
                           const char **mime, int64_t *size, char sha256[65], const char **msg)
{
    *msg = NULL;
    lk_err e = filetype_check_file(tmp_path, allowed_types ? allowed_types : DOKUMEN_TYPES, mime, msg);
    if (e != LK_OK) return e;
    *size = 0;
    if (file_sha256(tmp_path, sha256, size) != LK_OK || *size <= 0) {
        *msg = *size <= 0 ? "Berkas kosong." : SAVE_FAILED;
        return *size <= 0 ? LK_ERR_INVALID : LK_ERR_IO;
    }
    const char *dir = arena_printf(a, "%s/files", data_dir);
    *storage_name = storage_place(a, tmp_path, dir, prefix, filetype_extension(*mime));
    if (!*storage_name) {
        *msg = SAVE_FAILED;
        return LK_ERR_IO;
    }
    *path = arena_printf(a, "%s/%s", dir, *storage_name);
    return LK_OK;
}

static const char *blank_null(const char *s)
{
    return s && *s ? s : NULL;
}

static lk_err store_file(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t replaces_id,
                         const char *jenis_dokumen, const char *nomor, const char *dari, const char *sampai,
                         const char *tmp_path, const char *file_name, const char *allowed_types,
                         int64_t *id_out, const char **msg)
{
    *msg = NULL;
    dokumen_errors err;
    memset(&err, 0, sizeof err);
    if (dokumen_check(jenis_dokumen, nomor, dari, sampai, &err) != 0) {
        for (int f = 0; f < DOKF_COUNT && !*msg; f++) *msg = err.msg[f];
        return LK_ERR_INVALID;
    }
    const char *mime = NULL, *stored = NULL, *dest = NULL;
    char sha[65];
    int64_t size = 0;
    lk_err e = dokumen_file_accept(a, data_dir, "dok", tmp_path, allowed_types, &stored, &dest, &mime, &size, sha, msg);
    if (e != LK_OK) return e;
    int moved = 1, in_tx = 0;

    e = store_begin(c);
    if (e != LK_OK) goto out;
    in_tx = 1;
    if (replaces_id) {
        int64_t changed = 0;
        e = store_exec(c,
            "UPDATE dokumen SET deleted_at = $3 WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL",
            STORE_P(SP_I(replaces_id), SP_I(account_id), SP_T(datetime_iso(a, time(NULL)))), &changed);
        if (e == LK_OK && changed != 1) e = LK_ERR_NOTFOUND;
        if (e != LK_OK) goto out;
    }
    e = store_query_int(c,
        "INSERT INTO dokumen (account_id, jenis_dokumen, nomor, berlaku_dari, berlaku_sampai, file_name, "
        "storage_name, content_type, size, sha256, replaces_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        STORE_P(SP_I(account_id), SP_T(jenis_dokumen), SP_T(blank_null(nomor)), SP_T(blank_null(dari)),
                SP_T(blank_null(sampai)), SP_T(filetype_display_name(a, file_name, mime, "dokumen", 200)), SP_T(stored), SP_T(mime),
                SP_I(size), SP_T(sha), replaces_id ? SP_I(replaces_id) : SP_N),
        id_out);
    /* Drafts that used the old version take the new one. */
    if (e == LK_OK && replaces_id)
        e = store_exec(c,
            "UPDATE permohonan_syarat SET dokumen_id = $1 WHERE dokumen_id = $2 "
            "AND permohonan_id IN (SELECT id FROM permohonan WHERE status = 'draft')",
            STORE_P(SP_I(*id_out), SP_I(replaces_id)), NULL);
    if (e != LK_OK) goto out;
    e = store_commit(c);
    in_tx = 0;
out:
    if (in_tx) store_rollback(c);
    if (e != LK_OK) {
        if (moved && unlink(dest) != 0) log_warn("dokumen: cannot remove %s: %s", dest, strerror(errno));
        if (e == LK_ERR_NOTFOUND) *msg = "Dokumen tidak ditemukan.";
        else if (!*msg) *msg = SAVE_FAILED;
    }
    return e;
}

lk_err dokumen_store_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id,
                            const char *jenis_dokumen, const char *nomor, const char *dari,
                            const char *sampai, const char *tmp_path, const char *file_name,
                            const char *allowed_types, int64_t *id_out, const char **msg)
{
    return store_file(c, a, data_dir, account_id, 0, jenis_dokumen, nomor, dari, sampai, tmp_path, file_name,
                      allowed_types, id_out, msg);
}

lk_err dokumen_store_replacement(store_conn *c, arena *a, const char *data_dir, int64_t account_id,
                                 int64_t replaces_id, const char *jenis_dokumen, const char *nomor,
                                 const char *dari, const char *sampai, const char *tmp_path,
                                 const char *file_name, const char *allowed_types, int64_t *id_out,
                                 const char **msg)
{
    if (replaces_id <= 0) {
        *msg = "Dokumen tidak ditemukan.";
        return LK_ERR_NOTFOUND;
    }
    return store_file(c, a, data_dir, account_id, replaces_id, jenis_dokumen, nomor, dari, sampai, tmp_path,
                      file_name, allowed_types, id_out, msg);
}

/* ---- deleting ------------------------------------------------------------------ */

lk_err dokumen_delete(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t id,
                      const char **msg)
{
    *msg = NULL;
    dokumen d;
    int in_tx = 0;
    lk_err e = store_begin(c);
    if (e != LK_OK) return e;
    in_tx = 1;
    e = dokumen_get(c, a, account_id, id, &d);
    if (e != LK_OK) goto out;
    if (d.in_use) {
        *msg = IN_USE;
        e = LK_ERR_CONFLICT;
        goto out;
    }
    /* Drafts lose the document; a submitted application keeps it (the foreign key stops
     * the delete if one was submitted meanwhile). */
    e = store_exec(c,
        "UPDATE permohonan_syarat SET dokumen_id = NULL, terpenuhi = 0 WHERE dokumen_id = $1 "
        "AND permohonan_id IN (SELECT id FROM permohonan WHERE status = 'draft')",
        STORE_P(SP_I(id)), NULL);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE dokumen SET replaces_id = NULL WHERE replaces_id = $1", STORE_P(SP_I(id)), NULL);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM dokumen WHERE id = $1 AND account_id = $2", STORE_P(SP_I(id), SP_I(account_id)), NULL);
    if (e == LK_OK) {
        e = store_commit(c);
        in_tx = 0;
    }
    if (e == LK_ERR_CONFLICT) *msg = IN_USE;   /* submitted meanwhile */
    if (e != LK_OK) goto out;
    if (!strchr(d.storage_name, '/') && d.storage_name[0] != '.') {
        const char *path = arena_printf(a, "%s/files/%s", data_dir, d.storage_name);
        if (unlink(path) != 0 && errno != ENOENT) log_warn("dokumen: cannot delete %s: %s", path, strerror(errno));
    }
out:
    if (in_tx) store_rollback(c);
    return e;
}
