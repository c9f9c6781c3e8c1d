/* domain/permohonan/dokumen.h — the applicant's document locker, tab *Dokumen* (SPEC 4.7).
 *
 * A document is a row of `dokumen` (jenis dokumen, nomor, berlaku dari/sampai, the
 * applicant's file name, type, size, SHA-256) and a file DATA/files/dok-<random>.<ext>
 * whose name Loket chose.  A document used by a submitted application (a `permohonan`
 * with status <> 'draft', through `permohonan_syarat.dokumen_id`) is never deleted: it
 * can be replaced (*Ganti*) by a new row whose replaces_id points at it, while the old
 * row gets deleted_at, leaves the locker and stays for that application.  A document
 * used only by drafts may be deleted; the drafts' requirement rows lose it.
 *
 * No HTTP here: uploads arrive as a temporary file path and the browser's file name.
 * Memory: every string in the structs below is allocated in the caller's arena.
 * Messages (*msg) are static Indonesian sentences that html/i18n.h translates. */
#ifndef LOKET_DOKUMEN_H
#define LOKET_DOKUMEN_H
#include <stddef.h>
#include <stdint.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* Accepted files, by content (util/filetype.h). */
#define DOKUMEN_TYPES "pdf,jpg,png"
/* Length limits of the typed fields, in characters. */
#define DOKUMEN_JENIS_MAX 100
#define DOKUMEN_NOMOR_MAX 100

typedef struct {
    int64_t id;
    int64_t account_id;
    const char *jenis_dokumen;
    const char *nomor;            /* "" when none */
    const char *berlaku_dari;     /* "YYYY-MM-DD" or "" */
    const char *berlaku_sampai;   /* "YYYY-MM-DD" or "" */
    const char *file_name;        /* the applicant's name for it: display only */
    const char *storage_name;     /* the name under DATA/files */
    const char *content_type;     /* "image/jpeg", "image/png", "application/pdf" */
    int64_t size;
    const char *sha256;           /* lowercase hex */
    int64_t replaces_id;          /* 0 = none */
    const char *created_at;       /* ISO-8601 UTC */
    int deleted;                  /* replaced: out of the locker, kept for an application */
    int in_use;                   /* used by a submitted application */
} dokumen;

/* What a download needs. */
typedef struct {
    const char *path;             /* DATA/files/<storage_name> */
    const char *content_type;
    const char *file_name;        /* for Content-Disposition */
    int64_t size;
} dokumen_file;

/* The typed fields of the upload form, for messages beside each one. */
typedef enum { DOKF_JENIS, DOKF_NOMOR, DOKF_DARI, DOKF_SAMPAI, DOKF_FILE, DOKF_COUNT } dokumen_field;
typedef struct {
    const char *msg[DOKF_COUNT];  /* NULL = fine */
    int count;
} dokumen_errors;

/* Checks the typed fields (trimmed by the caller): jenis dokumen 1–100 characters,
 * nomor at most 100 (optional), berlaku dari/sampai real dates "YYYY-MM-DD" (each
 * optional) with sampai not before dari.  Pure.  0 when valid, else -1 with *err filled
 * (err is not cleared first). */
int dokumen_check(const char *jenis_dokumen, const char *nomor, const char *dari, const char *sampai,
                  dokumen_errors *err);

/* The applicant's documents in the locker (not replaced), newest first, with in_use set.
 * *out allocated in a. */
lk_err dokumen_list(store_conn *c, arena *a, int64_t account_id, dokumen **out, size_t *n);

/* One document of the locker: its owner's and not replaced; LK_ERR_NOTFOUND otherwise
 * (another applicant's id reads as not found). */
lk_err dokumen_get(store_conn *c, arena *a, int64_t account_id, int64_t id, dokumen *out);

/* The file of a document for `viewer`: its owner (replaced versions included, since an
 * application may use them), or an officer (kind 'petugas') of the instansi of a
 * submitted application that uses it.  Anyone else: LK_ERR_NOTFOUND, as for a missing
 * id, so ids reveal nothing.  LK_ERR_IO when the row exists but its file is gone. */
lk_err dokumen_get_for_download(store_conn *c, arena *a, int64_t dokumen_id, const account *viewer,
                                const char *data_dir, dokumen_file *out);

/* Fills out->path (DATA/files/<storage_name>, refusing a name that could leave the folder
 * with LK_ERR_INTERNAL) and checks that the file is there (LK_ERR_IO when gone); the
 * other fields are the caller's.  For every reader of stored documents. */
lk_err dokumen_file_at(arena *a, const char *data_dir, const char *storage_name, int64_t dokumen_id,
                       dokumen_file *out);

/* Stores an upload in the locker: checks the fields (dokumen_check), checks the file's
 * bytes against `allowed_types` ("pdf,jpg,png"; NULL = DOKUMEN_TYPES), computes its
 * SHA-256, moves `tmp_path` with rename() to DATA/files/dok-<random>.<ext> and inserts
 * the row.  `file_name` is what the browser sent (kept for display, without folders).
 *   LK_OK: *id_out is the new document; the file at tmp_path is gone (moved).
 *   LK_ERR_INVALID: refused, *msg says why (the first bad field, or the file: empty,
 *     not JPEG/PNG/PDF, a type not allowed); nothing stored.
 *   other: nothing stored (a moved file is removed again); *msg says so.
 * On every error the file at tmp_path is left to its owner (the HTTP layer deletes it). */
lk_err dokumen_store_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id,
                            const char *jenis_dokumen, const char *nomor, const char *dari,
                            const char *sampai, const char *tmp_path, const char *file_name,
                            const char *allowed_types, int64_t *id_out, const char **msg);

/* *Ganti*: as dokumen_store_upload, for a new version of document `replaces_id` (the
 * owner's, in the locker).  In one transaction the new row (replaces_id set) is
 * inserted and the old one gets deleted_at, so it leaves the locker and stays for the
 * applications that use it.  LK_ERR_NOTFOUND when replaces_id is not in the locker. */
lk_err dokumen_store_replacement(store_conn *c, arena *a, const char *data_dir, int64_t account_id,
                                 int64_t replaces_id, const char *jenis_dokumen, const char *nomor,
                                 const char *dari, const char *sampai, const char *tmp_path,
                                 const char *file_name, const char *allowed_types, int64_t *id_out,
                                 const char **msg);

/* The file checks of an upload, for every kind of attachment (the locker's, complaints'):
 * the bytes must be of `allowed_types` (util/filetype.h, libmagic agreeing), not empty;
 * then the file is moved (util/storage.h, never over another file) to DATA/files/<prefix>-<random>.<ext>.  On LK_OK
 * *storage_name, *path, *mime, *size and sha256 (hex) describe it and tmp_path is gone;
 * the caller inserts its row and unlinks *path if that fails.  LK_ERR_INVALID with *msg
 * (an Indonesian sentence) for a refused file; LK_ERR_IO when it could not be moved. */
lk_err dokumen_file_accept(arena *a, const char *data_dir, const char *prefix, const char *tmp_path,
                           const char *allowed_types, const char **storage_name, const char **path,
                           const char **mime, int64_t *size, char sha256[65], const char **msg);

/* *Hapus*: deletes a document of the locker and its file.  Draft applications that used
 * it lose it (dokumen_id NULL, terpenuhi 0), in the same transaction.
 *   LK_ERR_NOTFOUND: not the owner's or not in the locker; nothing changed.
 *   LK_ERR_CONFLICT: used by a submitted application; nothing changed, *msg says so and
 *     that *Ganti* replaces it. */
lk_err dokumen_delete(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t id,
                      const char **msg);

#endif
