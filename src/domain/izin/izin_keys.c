/* domain/izin/izin_keys.c — signing keys: files under DATA/keys and rows of izin_key
 * (see izin_keys.h).
 *
 * Order of work, so a failure leaves nothing half-made: the new key's files are written
 * first (the private one with O_EXCL and mode 0600), then the rows in one transaction;
 * if the transaction fails the files are removed again.  Old private files are removed
 * only after the commit. */
#include "domain/izin/izin_keys.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/log.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void key_path(char *out, size_t n, const char *data_dir, const char *kid, const char *ext)
{
    snprintf(out, n, "%s/keys/%s.%s", data_dir, kid, ext);
}

static lk_err ensure_keys_dir(const char *data_dir)
{
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/keys", data_dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        log_error("keys: cannot create %s: %s", dir, strerror(errno));
        return LK_ERR_IO;
    }
    return LK_OK;
}

/* Writes text to path (created, or replaced when `replace`) with `mode`; 0 or -1. */
static int write_file(const char *path, const char *text, mode_t mode, int replace)
{
    char tmp[1300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(replace ? tmp : path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0 && replace && errno == EEXIST && unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return -1;
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && replace) ok = rename(tmp, path) == 0;
    if (!ok) unlink(replace ? tmp : path);
    return ok ? 0 : -1;
}

static int write_pub(const char *data_dir, const char *kid, const char *slug, const unsigned char pk[IZIN_PK_BYTES],
                     const char *status, int replace)
{
    char path[1200], hex[2 * IZIN_PK_BYTES + 1], text[512];
    key_path(path, sizeof path, data_dir, kid, "pub");
    izin_hex_encode(pk, IZIN_PK_BYTES, hex);
    snprintf(text, sizeof text, "kid=%s\ninstansi=%s\npublic_key=%s\nstatus=%s\n", kid, slug, hex, status);
    return write_file(path, text, 0644, replace);
}

static void remove_files(const char *data_dir, const char *kid, int pub_too)
{
    char path[1200];
    key_path(path, sizeof path, data_dir, kid, "key");
    if (unlink(path) != 0 && errno != ENOENT) log_warn("keys: cannot remove %s: %s", path, strerror(errno));
    if (!pub_too) return;
    key_path(path, sizeof path, data_dir, kid, "pub");
    unlink(path);
}

/* A fresh key pair written as files; 0 or an error (nothing left behind). */
static lk_err new_key_files(const char *data_dir, const char *slug, unsigned char pk[IZIN_PK_BYTES],
                            char kid[IZIN_KID_CHARS + 1])
{
    lk_err e = ensure_keys_dir(data_dir);
    if (e) return e;
    unsigned char sk[IZIN_SK_BYTES];
    crypto_sign_keypair(pk, sk);
    izin_kid_of(pk, kid);
    char path[1200], hex[2 * IZIN_SK_BYTES + 2];
    izin_hex_encode(sk, IZIN_SK_BYTES, hex);
    sodium_memzero(sk, sizeof sk);
    strcat(hex, "\n");
    key_path(path, sizeof path, data_dir, kid, "key");
    int rc = write_file(path, hex, 0600, 0);
    sodium_memzero(hex, sizeof hex);
    if (rc != 0) {
        log_error("keys: cannot write %s: %s", path, strerror(errno));
        return LK_ERR_IO;
    }
    if (write_pub(data_dir, kid, slug, pk, "aktif", 0) != 0) {
        log_error("keys: cannot write the public key of %s: %s", kid, strerror(errno));
        remove_files(data_dir, kid, 1);
        return LK_ERR_IO;
    }
    return LK_OK;
}

static lk_err instansi_id_of(store_conn *c, const char *slug, int64_t *id)
{
    return store_query_int(c, "SELECT id FROM instansi WHERE slug = $1", STORE_P(SP_T(slug)), id);
}

static lk_err insert_key(store_conn *c, arena *a, int64_t instansi_id, const char *kid,
                         const unsigned char pk[IZIN_PK_BYTES], int64_t account_id, const char *action, time_t now)
{
    char hex[2 * IZIN_PK_BYTES + 1];
    izin_hex_encode(pk, IZIN_PK_BYTES, hex);
    lk_err e = store_exec(c, "INSERT INTO izin_key (kid, instansi_id, public_key, status, created_at)"
                             " VALUES ($1, $2, $3, 'aktif', $4)",
                          STORE_P(SP_T(kid), SP_I(instansi_id), SP_T(hex), SP_T(datetime_iso(a, now))), NULL);
    int64_t key_id = 0;
    if (e == LK_OK)
        e = store_query_int(c, "SELECT id FROM izin_key WHERE kid = $1", STORE_P(SP_T(kid)), &key_id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, instansi_id, action, "izin_key", key_id, kid}, now, NULL);
    return e;
}

/* create and rotate: one new key, and with `rotate` the old one retired. */
static lk_err new_key(store *s, const char *data_dir, const char *slug, int64_t account_id, time_t now, int rotate,
                      char kid[IZIN_KID_CHARS + 1], char old_kid[IZIN_KID_CHARS + 1])
{
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    int64_t instansi_id = 0, active = 0;
    char old[IZIN_KID_CHARS + 1] = "";
    lk_err e = instansi_id_of(c, slug, &instansi_id);
    if (e == LK_OK)
        e = store_query_int(c, "SELECT COUNT(*) FROM izin_key WHERE instansi_id = $1 AND status = 'aktif'",
                            STORE_P(SP_I(instansi_id)), &active);
    if (e == LK_OK && rotate && !active) e = LK_ERR_NOTFOUND;
    if (e == LK_OK && !rotate && active) e = LK_ERR_CONFLICT;
    unsigned char pk[IZIN_PK_BYTES];
    int files = 0;
    if (e == LK_OK) e = new_key_files(data_dir, slug, pk, kid);
    if (e == LK_OK) files = 1;
    if (e == LK_OK) e = store_begin(c);
    if (e == LK_OK && rotate) {
        store_rows *rows = store_query(c, "SELECT kid FROM izin_key WHERE instansi_id = $1 AND status = 'aktif'",
                                       STORE_P(SP_I(instansi_id)));
        if (rows && store_next(rows) == 1) snprintf(old, sizeof old, "%s", store_text(rows, 0));
        store_rows_close(rows);
        if (!*old) e = LK_ERR_CONFLICT;   /* rotated meanwhile by someone else */
        if (e == LK_OK)
            e = store_exec(c, "UPDATE izin_key SET status = 'diganti', retired_at = $2 WHERE kid = $1 AND status = 'aktif'",
                           STORE_P(SP_T(old), SP_T(datetime_iso(a, now))), NULL);
    }
    if (e == LK_OK) e = insert_key(c, a, instansi_id, kid, pk, account_id, rotate ? "izin_key.ganti" : "izin_key.buat", now);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    store_release(c);
    if (e != LK_OK && files) remove_files(data_dir, kid, 1);
    if (e == LK_OK && rotate) {
        /* The retired key never signs again; its public half keeps verifying. */
        remove_files(data_dir, old, 0);
        char path[1200];
        key_path(path, sizeof path, data_dir, old, "pub");
        izin_key_info info;
        store_conn *c2 = store_acquire(s);
        if (izin_key_get(c2, a, old, &info) == LK_OK) write_pub(data_dir, old, slug, info.pk, "diganti", 1);
        store_release(c2);
        if (old_kid) snprintf(old_kid, IZIN_KID_CHARS + 1, "%s", old);
    }
    arena_free(a);
    return e;
}

lk_err izin_key_create(store *s, const char *data_dir, const char *instansi_slug, int64_t account_id, time_t now,
                       char kid[IZIN_KID_CHARS + 1])
{
    return new_key(s, data_dir, instansi_slug, account_id, now, 0, kid, NULL);
}

lk_err izin_key_rotate(store *s, const char *data_dir, const char *instansi_slug, int64_t account_id, time_t now,
                       char kid[IZIN_KID_CHARS + 1], char old_kid[IZIN_KID_CHARS + 1])
{
    return new_key(s, data_dir, instansi_slug, account_id, now, 1, kid, old_kid);
}

lk_err izin_key_revoke(store *s, const char *data_dir, const char *kid, const char *reason, int64_t account_id,
                       time_t now)
{
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    izin_key_info info;
    lk_err e = izin_key_get(c, a, kid, &info);
    if (e == LK_OK && strcmp(info.status, "dicabut") == 0) e = LK_ERR_CONFLICT;
    if (e == LK_OK) e = store_begin(c);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE izin_key SET status = 'dicabut', revoked_at = $2, revoke_reason = $3 WHERE kid = $1",
                       STORE_P(SP_T(kid), SP_T(datetime_iso(a, now)), SP_T(reason)), NULL);
    int64_t key_id = 0;
    if (e == LK_OK) e = store_query_int(c, "SELECT id FROM izin_key WHERE kid = $1", STORE_P(SP_T(kid)), &key_id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, info.instansi_id, "izin_key.cabut", "izin_key", key_id,
                                           reason && *reason ? reason : kid}, now, NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    store_release(c);
    if (e == LK_OK) {
        remove_files(data_dir, kid, 0);
        if (ensure_keys_dir(data_dir) == LK_OK && write_pub(data_dir, kid, info.instansi_slug, info.pk, "dicabut", 1) != 0)
            log_warn("keys: cannot rewrite the public key file of %s: %s", kid, strerror(errno));
    }
    arena_free(a);
    return e;
}

#define KEY_COLS "k.kid, k.instansi_id, i.slug, k.public_key, k.status, k.created_at"

static int fill_info(arena *a, store_rows *rows, const char *data_dir, izin_key_info *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->kid, sizeof out->kid, "%s", store_text(rows, 0));
    out->instansi_id = store_int(rows, 1);
    out->instansi_slug = arena_strdup(a, store_text(rows, 2));
    if (izin_hex_decode(store_text(rows, 3), out->pk, IZIN_PK_BYTES) != 0) return -1;
    out->status = arena_strdup(a, store_text(rows, 4));
    out->created_at = arena_strdup(a, store_text(rows, 5));
    if (data_dir) {
        char path[1200];
        key_path(path, sizeof path, data_dir, out->kid, "key");
        out->has_private = access(path, F_OK) == 0;
    }
    return 0;
}

lk_err izin_key_list(store_conn *c, arena *a, const char *data_dir, const char *instansi_slug, izin_key_info **out,
                     size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    store_rows *rows = store_query(c, "SELECT " KEY_COLS " FROM izin_key k JOIN instansi i ON i.id = k.instansi_id"
                                      " WHERE CAST($1 AS TEXT) IS NULL OR i.slug = $1 ORDER BY k.id",
                                   STORE_P(SP_T(instansi_slug)));
    if (!rows) return LK_ERR_DB;
    int rc;
    while ((rc = store_next(rows)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        if (fill_info(a, rows, data_dir, &(*out)[*n]) == 0) (*n)++;
    }
    store_rows_close(rows);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err izin_key_get(store_conn *c, arena *a, const char *kid, izin_key_info *out)
{
    store_rows *rows = store_query(c, "SELECT " KEY_COLS " FROM izin_key k JOIN instansi i ON i.id = k.instansi_id"
                                      " WHERE k.kid = $1", STORE_P(SP_T(kid)));
    if (!rows) return LK_ERR_DB;
    int rc = store_next(rows);
    lk_err e = rc == 1 ? (fill_info(a, rows, NULL, out) == 0 ? LK_OK : LK_ERR_INTERNAL)
                       : (rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB);
    store_rows_close(rows);
    return e;
}

lk_err izin_key_signing(store_conn *c, const char *data_dir, int64_t instansi_id, char kid[IZIN_KID_CHARS + 1],
                        unsigned char sk[IZIN_SK_BYTES])
{
    store_rows *rows = store_query(c, "SELECT kid, public_key FROM izin_key WHERE instansi_id = $1 AND status = 'aktif'",
                                   STORE_P(SP_I(instansi_id)));
    if (!rows) return LK_ERR_DB;
    int rc = store_next(rows);
    unsigned char pk[IZIN_PK_BYTES];
    lk_err e = rc == 1 ? LK_OK : (rc == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB);
    if (e == LK_OK) {
        snprintf(kid, IZIN_KID_CHARS + 1, "%s", store_text(rows, 0));
        if (izin_hex_decode(store_text(rows, 1), pk, sizeof pk) != 0) e = LK_ERR_INTERNAL;
    }
    store_rows_close(rows);
    if (e) return e;
    char path[1200], hex[2 * IZIN_SK_BYTES + 8];
    key_path(path, sizeof path, data_dir, kid, "key");
    FILE *f = fopen(path, "re");
    size_t got = f ? fread(hex, 1, sizeof hex - 1, f) : 0;
    if (f) fclose(f);
    hex[got] = '\0';
    hex[strcspn(hex, "\r\n")] = '\0';
    e = izin_hex_decode(hex, sk, IZIN_SK_BYTES) == 0 ? LK_OK : LK_ERR_IO;
    sodium_memzero(hex, sizeof hex);
    /* The file must belong to the row: its public half is the secret key's second half. */
    if (e == LK_OK && sodium_memcmp(sk + 32, pk, IZIN_PK_BYTES) != 0) e = LK_ERR_IO;
    if (e) {
        sodium_memzero(sk, IZIN_SK_BYTES);
        log_error("keys: the private key %s of instansi %lld is missing or does not match (%s)", kid,
                  (long long)instansi_id, path);
    }
    return e;
}

/* Reads one DATA/keys/<kid>.pub file; 0 or -1 for a file that is not one. */
static int read_pub(arena *a, const char *path, izin_key_info *out)
{
    FILE *f = fopen(path, "re");
    if (!f) return -1;
    memset(out, 0, sizeof *out);
    char line[512], pk_hex[2 * IZIN_PK_BYTES + 1] = "";
    out->status = "";
    out->instansi_slug = "";
    out->created_at = "";
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq) continue;
        *eq = '\0';
        const char *v = eq + 1;
        if (strcmp(line, "kid") == 0) snprintf(out->kid, sizeof out->kid, "%s", v);
        else if (strcmp(line, "instansi") == 0) out->instansi_slug = arena_strdup(a, v);
        else if (strcmp(line, "public_key") == 0) snprintf(pk_hex, sizeof pk_hex, "%s", v);
        else if (strcmp(line, "status") == 0) out->status = arena_strdup(a, v);
    }
    fclose(f);
    if (izin_hex_decode(pk_hex, out->pk, IZIN_PK_BYTES) != 0) return -1;
    char kid[IZIN_KID_CHARS + 1];
    izin_kid_of(out->pk, kid);
    return strcmp(kid, out->kid) == 0 ? 0 : -1;   /* a file whose id does not fit its key is ignored */
}

lk_err izin_key_files(arena *a, const char *data_dir, izin_key_info **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/keys", data_dir);
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT ? LK_OK : LK_ERR_IO;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".pub") != 0) continue;
        char path[1500];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        if (read_pub(a, path, &(*out)[*n]) == 0) (*n)++;
    }
    closedir(d);
    return LK_OK;
}
