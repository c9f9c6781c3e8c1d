/* domain/izin/izin_tte_lokal.c — the local signer (see izin_tte.h): a signer officer's
 * PKCS#12 certificate, stored encrypted at rest, opened with the passphrase typed at each
 * signing, and the PAdES signature made here (util/pades.h).
 *
 * At rest (DATA/tte/tte-<random>.p12.enc, mode 0600 in a 0700 folder): "LKTTE1", a
 * 16-byte salt, a 24-byte nonce and the PKCS#12 file sealed with libsodium's secretbox
 * under a key derived from the passphrase with Argon2id (crypto_pwhash, interactive
 * limits).  The PKCS#12 is itself encrypted with the same passphrase; the outer layer
 * makes the stored file useless to whoever copies the data folder, whatever cipher the
 * certificate's issuer chose.  The passphrase is never stored or logged. */
#include "domain/akun/account.h"
#include "domain/izin/izin_tte.h"
#include "domain/proses/audit.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/pades.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/pkcs12.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "LKTTE1"
#define MAGIC_LEN 6
#define SALT_LEN crypto_pwhash_SALTBYTES
#define HEADER_LEN (MAGIC_LEN + SALT_LEN + crypto_secretbox_NONCEBYTES)
#define P12_MAX (256 * 1024)
#define PASSPHRASE_MAX 256

static const char *WRONG_PASSPHRASE = "Passphrase sertifikat salah.";

static int derive(unsigned char key[crypto_secretbox_KEYBYTES], const char *passphrase, const unsigned char *salt)
{
    return crypto_pwhash(key, crypto_secretbox_KEYBYTES, passphrase, strlen(passphrase), salt,
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                         crypto_pwhash_ALG_ARGON2ID13);
}

static const char *path_of(arena *a, const char *data_dir, const char *storage)
{
    return arena_printf(a, "%s/tte/%s", data_dir, storage);
}

/* Seals p12 with the passphrase into DATA/tte/<new name> (the folder made 0700). */
static lk_err write_sealed(arena *a, const char *data_dir, const unsigned char *p12, size_t n, const char *passphrase,
                           const char **storage)
{
    const char *dir = arena_printf(a, "%s/tte", data_dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        log_error("tte: cannot create %s: %s", dir, strerror(errno));
        return LK_ERR_IO;
    }
    unsigned char rnd[16];
    randombytes_buf(rnd, sizeof rnd);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    *storage = arena_printf(a, "tte-%s.p12.enc", hex);
    return izin_tte_seal_file(path_of(a, data_dir, *storage), p12, n, passphrase);
}

lk_err izin_tte_seal_file(const char *path, const unsigned char *p12, size_t n, const char *passphrase)
{
    unsigned char key[crypto_secretbox_KEYBYTES];
    size_t total = HEADER_LEN + crypto_secretbox_MACBYTES + n;
    unsigned char *sealed = malloc(total);
    if (!sealed) return LK_ERR_INTERNAL;
    memcpy(sealed, MAGIC, MAGIC_LEN);
    randombytes_buf(sealed + MAGIC_LEN, SALT_LEN + crypto_secretbox_NONCEBYTES);
    if (derive(key, passphrase, sealed + MAGIC_LEN) != 0) {
        free(sealed);
        return LK_ERR_INTERNAL;
    }
    crypto_secretbox_easy(sealed + HEADER_LEN, p12, n, sealed + MAGIC_LEN + SALT_LEN, key);
    sodium_memzero(key, sizeof key);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int ok = fd >= 0 && write(fd, sealed, total) == (ssize_t)total && fsync(fd) == 0;
    if (fd >= 0) ok = close(fd) == 0 && ok;
    free(sealed);
    if (!ok) {
        log_error("tte: cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return LK_ERR_IO;
    }
    return LK_OK;
}

/* Opens DATA/tte/<storage> with the passphrase into *p12 (malloc'd, caller frees after
 * sodium_memzero).  LK_ERR_DENIED for a wrong passphrase. */
static lk_err read_sealed(const char *path, const char *passphrase, unsigned char **p12, size_t *n)
{
    FILE *f = fopen(path, "rbe");
    if (!f) {
        log_error("tte: cannot open %s: %s", path, strerror(errno));
        return LK_ERR_IO;
    }
    unsigned char *sealed = malloc(P12_MAX + HEADER_LEN + crypto_secretbox_MACBYTES + 1);
    size_t total = sealed ? fread(sealed, 1, P12_MAX + HEADER_LEN + crypto_secretbox_MACBYTES + 1, f) : 0;
    fclose(f);
    if (!sealed || total <= HEADER_LEN + crypto_secretbox_MACBYTES || memcmp(sealed, MAGIC, MAGIC_LEN) != 0) {
        free(sealed);
        log_error("tte: %s is not a sealed certificate", path);
        return LK_ERR_IO;
    }
    unsigned char key[crypto_secretbox_KEYBYTES];
    *n = total - HEADER_LEN - crypto_secretbox_MACBYTES;
    *p12 = malloc(*n);
    lk_err rc = LK_ERR_DENIED;
    if (*p12 && derive(key, passphrase, sealed + MAGIC_LEN) == 0 &&
        crypto_secretbox_open_easy(*p12, sealed + HEADER_LEN, total - HEADER_LEN, sealed + MAGIC_LEN + SALT_LEN, key) == 0)
        rc = LK_OK;
    sodium_memzero(key, sizeof key);
    free(sealed);
    if (rc) {
        free(*p12);
        *p12 = NULL;
    }
    return rc;
}

typedef struct {
    EVP_PKEY *key;
    X509 *cert;
    STACK_OF(X509) *chain;
} opened;

static void opened_free(opened *o)
{
    EVP_PKEY_free(o->key);
    X509_free(o->cert);
    sk_X509_pop_free(o->chain, X509_free);
    memset(o, 0, sizeof *o);
}

/* Parses a PKCS#12 file; 0, or -1 for a wrong passphrase or a file that is no PKCS#12
 * with a key and a certificate. */
static int open_p12(const unsigned char *p12, size_t n, const char *passphrase, opened *o)
{
    memset(o, 0, sizeof *o);
    const unsigned char *p = p12;
    PKCS12 *pk = d2i_PKCS12(NULL, &p, (long)n);
    int ok = pk && PKCS12_parse(pk, passphrase, &o->key, &o->cert, &o->chain) == 1 && o->key && o->cert;
    PKCS12_free(pk);
    if (!ok) opened_free(o);
    return ok ? 0 : -1;
}

/* Why the certificate cannot be this officer's signing certificate now, or NULL. */
static const char *unusable_for(X509 *cert, const account *me, time_t now)
{
    const char *why = cms_cert_unusable(cert, now);
    if (why) return why;
    cms_signer s;
    cms_signer_of(cert, &s);
    int mine = izin_tte_is_holder(s.cn, s.email, me->nama, me->email);
    cms_signer_free(&s);
    return mine ? NULL : "Sertifikat ini bukan milik Anda: nama atau email pada sertifikat berbeda dengan akun Anda.";
}

static const char *iso_of(arena *a, const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "";
    return datetime_iso(a, timegm(&tm));
}

lk_err izin_tte_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, const unsigned char *p12,
                       size_t n, const char *passphrase, time_t now, const char **msg)
{
    *msg = NULL;
    if (!passphrase || !*passphrase || strlen(passphrase) > PASSPHRASE_MAX) {
        *msg = "Masukkan passphrase sertifikat (paling banyak 256 karakter).";
        return LK_ERR_INVALID;
    }
    if (!p12 || n == 0 || n > P12_MAX) {
        *msg = "Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx, paling besar 256 KB).";
        return LK_ERR_INVALID;
    }
    account me;
    lk_err e = account_get(c, a, account_id, &me);
    if (e) return e;
    opened o;
    if (open_p12(p12, n, passphrase, &o) != 0) {
        *msg = "Berkas bukan sertifikat PKCS#12 atau passphrase-nya salah.";
        return LK_ERR_INVALID;
    }
    const char *why = unusable_for(o.cert, &me, now);
    cms_signer s;
    cms_signer_of(o.cert, &s);
    const char *nb = iso_of(a, X509_get0_notBefore(o.cert)), *na = iso_of(a, X509_get0_notAfter(o.cert));
    opened_free(&o);
    if (why) {
        cms_signer_free(&s);
        *msg = why;
        return LK_ERR_INVALID;
    }
    const char *storage = NULL;
    e = write_sealed(a, data_dir, p12, n, passphrase, &storage);
    const char **old = NULL;
    size_t nold = 0, cap = 0;
    int began = 0;
    if (e == LK_OK) {
        e = store_begin(c);
        began = e == LK_OK;
    }
    if (e == LK_OK) {
        store_rows *r = store_query(c, "SELECT storage_name FROM tte_sertifikat WHERE account_id = $1 AND status = 'aktif'",
                                    STORE_P(SP_I(account_id)));
        if (!r) e = LK_ERR_DB;
        while (r && store_next(r) == 1) {
            old = arena_grow(a, old, &cap, nold, sizeof *old);
            old[nold++] = arena_strdup(a, store_text(r, 0));
        }
        store_rows_close(r);
    }
    const char *now_iso = datetime_iso(a, now);
    int64_t id = 0;
    if (e == LK_OK)
        e = store_exec(c, "UPDATE tte_sertifikat SET status = 'diganti' WHERE account_id = $1 AND status = 'aktif'",
                       STORE_P(SP_I(account_id)), NULL);
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO tte_sertifikat (account_id, instansi_id, subject_cn, email, issuer_cn, serial_hex, not_before,"
            " not_after, storage_name, status, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'aktif', $10)"
            " RETURNING id",
            STORE_P(SP_I(account_id), SP_I(me.instansi_id), SP_T(s.cn), SP_T(s.email), SP_T(s.issuer_cn),
                    SP_T(s.serial_hex), SP_T(nb), SP_T(na), SP_T(storage), SP_T(now_iso)), &id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){account_id, me.instansi_id, "tte.sertifikat", "tte_sertifikat", id,
                                           arena_printf(a, "%s (serial %s, penerbit %s, berlaku sampai %s)", s.cn,
                                                        s.serial_hex, s.issuer_cn, na)}, now, NULL);
    cms_signer_free(&s);
    if (e == LK_OK) e = store_commit(c);
    else if (began) store_rollback(c);
    if (e) {
        if (storage) unlink(path_of(a, data_dir, storage));
        return e;
    }
    for (size_t i = 0; i < nold; i++) unlink(path_of(a, data_dir, old[i]));
    return LK_OK;
}

lk_err izin_tte_cert_get(store_conn *c, arena *a, int64_t account_id, izin_tte_cert *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c, "SELECT id, subject_cn, email, issuer_cn, serial_hex, not_before, not_after, uploaded_at"
                                   " FROM tte_sertifikat WHERE account_id = $1 AND status = 'aktif'",
                                STORE_P(SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        out->id = store_int(r, 0);
        const char **f[] = {&out->subject_cn, &out->email, &out->issuer_cn, &out->serial_hex, &out->not_before,
                            &out->not_after, &out->uploaded_at};
        for (int i = 0; i < 7; i++) *f[i] = arena_strdup(a, store_text(r, i + 1) ? store_text(r, i + 1) : "");
    }
    store_rows_close(r);
    return got == 1 ? LK_OK : got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

lk_err izin_tte_sign_sealed(const char *path, const char *passphrase, const izin_tte_request *rq, buf *out,
                           const char **msg)
{
    unsigned char *p12 = NULL;
    size_t n = 0;
    lk_err e = read_sealed(path, passphrase, &p12, &n);
    if (e == LK_ERR_DENIED) {
        *msg = WRONG_PASSPHRASE;
        return LK_ERR_INVALID;
    }
    if (e) {
        *msg = "Sertifikat elektronik Anda tidak dapat dibaca dari folder data; unggah kembali.";
        return LK_ERR_INVALID;
    }
    opened o;
    int bad = open_p12(p12, n, passphrase, &o);
    sodium_memzero(p12, n);
    free(p12);
    if (bad) {
        *msg = WRONG_PASSPHRASE;
        return LK_ERR_INVALID;
    }
    account me = {.nama = rq->nama, .email = rq->email};
    const char *why = unusable_for(o.cert, &me, rq->now);
    if (why) {
        opened_free(&o);
        *msg = why;
        return LK_ERR_INVALID;
    }
    pdf_sig_field f = {.page = rq->place.page, .x0 = rq->place.x0, .y0 = rq->place.y0, .x1 = rq->place.x1,
                       .y1 = rq->place.y1, .field_name = "Tanda Tangan Elektronik", .signer_name = rq->nama,
                       .reason = rq->reason, .location = rq->location, .when = rq->now};
    const char *pdf_why = NULL;
    e = pades_sign(rq->pdf, rq->len, &f, o.key, o.cert, o.chain, out, &pdf_why);
    opened_free(&o);
    if (e) {
        log_error("tte: local signing failed: %s", pdf_why ? pdf_why : "?");
        *msg = "Dokumen izin tidak dapat ditandatangani secara elektronik.";
        return e == LK_ERR_INVALID ? LK_ERR_INVALID : LK_ERR_INTERNAL;
    }
    return LK_OK;
}

static lk_err sign_lokal(store_conn *c, arena *a, const char *data_dir, const izin_tte_input *in,
                         const izin_tte_request *rq, buf *out, const char **msg)
{
    if (!in || !in->passphrase || !*in->passphrase || strlen(in->passphrase) > PASSPHRASE_MAX) {
        *msg = "Masukkan passphrase sertifikat Anda untuk menandatangani izin.";
        return LK_ERR_INVALID;
    }
    const char *storage = NULL;
    store_rows *r = store_query(c, "SELECT storage_name FROM tte_sertifikat WHERE account_id = $1 AND status = 'aktif'",
                                STORE_P(SP_I(rq->account_id)));
    if (!r) return LK_ERR_DB;
    if (store_next(r) == 1) storage = arena_strdup(a, store_text(r, 0));
    store_rows_close(r);
    if (!storage) {
        *msg = "Anda belum mengunggah sertifikat elektronik (menu Sertifikat TTE).";
        return LK_ERR_INVALID;
    }
    return izin_tte_sign_sealed(path_of(a, data_dir, storage), in->passphrase, rq, out, msg);
}

const izin_tte_signer IZIN_TTE_LOKAL = {"lokal", sign_lokal};
