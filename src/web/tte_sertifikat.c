/* web/tte_sertifikat.c — the signer's own certificate for electronic signatures (SPEC
 * 5.5, domain/izin/izin_tte.h):
 *   GET  /petugas/sertifikat   what the active certificate says (holder, issuer, serial,
 *                              validity), or that there is none; with a remote signing
 *                              service configured, that the service signs instead
 *   POST /petugas/sertifikat   upload a PKCS#12 file (.p12/.pfx) with its passphrase
 *   GET  /petugas/sertifikat/gambar        the signer's signature image (PNG); without one, back to the page
 *   POST /petugas/sertifikat/gambar        upload or replace it (domain/izin/izin_tte_gambar.h)
 *   POST /petugas/sertifikat/gambar/hapus  remove it
 * Penandatangan only, each for themselves: the account is always the logged-in one.  The
 * passphrase opens the file to check it and derives the key it is kept under; it is not
 * stored. */
#include "domain/izin/izin_tte.h"
#include "domain/izin/izin_tte_gambar.h"
#include "util/datetime.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define P12_LIMIT (256 * 1024)

/* `error` belongs to the certificate form, `image_error` to the image form. */
static void show_all(req *r, const account *me, int status, const char *notice, const char *error,
                     const char *image_error)
{
    store_conn *c = store_acquire(APP(r)->db);
    izin_tte_cert cert;
    izin_tte_gambar img;
    lk_err e = izin_tte_cert_get(c, r->a, me->id, &cert);
    lk_err ge = e && e != LK_ERR_NOTFOUND ? e : izin_tte_gambar_get(c, r->a, me->id, &img);
    store_release(c);
    if ((e && e != LK_ERR_NOTFOUND) || (ge && ge != LK_ERR_NOTFOUND)) {
        page_fail(r, e && e != LK_ERR_NOTFOUND ? e : ge);
        return;
    }
    tv *ctx = page_new(r, "Sertifikat TTE", "tte-sertifikat");
    tv_set(ctx, "csrf", web_csrf(r));
    if (notice) tv_set(ctx, "notice", page_t(r, notice));
    if (error) tv_set(ctx, "error", page_t(r, error));
    const izin_tte_config *cfg = APP(r)->tte;
    tv_set_bool(ctx, "remote", cfg && cfg->remote_url && *cfg->remote_url);
    if (e == LK_OK) {
        tv *m = tv_set_map(ctx, "cert");
        tv_set(m, "cn", cert.subject_cn);
        tv_set(m, "email", cert.email);
        tv_set(m, "issuer", cert.issuer_cn);
        tv_set(m, "serial", cert.serial_hex);
        tv_set(m, "not_before", datetime_long_iso(r->a, cert.not_before));
        tv_set(m, "not_after", datetime_long_iso(r->a, cert.not_after));
        tv_set(m, "uploaded_at", datetime_long_iso(r->a, cert.uploaded_at));
    }
    if (image_error) tv_set(ctx, "image_error", page_t(r, image_error));
    if (ge == LK_OK) {
        tv *g = tv_set_map(ctx, "gambar");
        tv_set_int(g, "width", img.width);
        tv_set_int(g, "height", img.height);
        tv_set_int(g, "kb", (img.size + 1023) / 1024);
        tv_set(g, "uploaded_at", datetime_long_iso(r->a, img.uploaded_at));
        /* a new address per upload, so a replaced image is never shown from a cache */
        tv_set(g, "src", arena_printf(r->a, "/petugas/sertifikat/gambar?v=%.12s", img.storage_name + 4));
    }
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, status, "petugas-sertifikat", ctx);
}

static void show(req *r, const account *me, int status, const char *notice, const char *error)
{
    show_all(r, me, status, notice, error, NULL);
}

void handle_tte_sertifikat(req *r)
{
    const account *me = web_require_petugas(r, ROLE_PENANDATANGAN);
    if (!me) return;
    const char *pesan = req_query(r, "pesan");
    const char *notice = !pesan                             ? NULL
                         : strcmp(pesan, "tersimpan") == 0 ? "Sertifikat tersimpan."
                         : strcmp(pesan, "gambar") == 0    ? "Gambar tanda tangan tersimpan."
                         : strcmp(pesan, "gambar-dihapus") == 0 ? "Gambar tanda tangan dihapus."
                                                                : NULL;
    show(r, me, 200, notice, NULL);
}

/* The uploaded file's bytes (at most P12_LIMIT + 1, so too large is seen), or NULL. */
static unsigned char *read_upload(const http_upload *u, size_t *n)
{
    FILE *f = fopen(u->tmp_path, "rbe");
    if (!f) return NULL;
    unsigned char *p = malloc(P12_LIMIT + 1);
    *n = p ? fread(p, 1, P12_LIMIT + 1, f) : 0;
    fclose(f);
    return p;
}

void handle_tte_sertifikat_unggah(req *r)
{
    const account *me = web_require_petugas(r, ROLE_PENANDATANGAN);
    if (!me) return;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    http_upload *u = req_upload(r, "sertifikat");
    if (!u || !u->file_name || !*u->file_name || u->size <= 0) {
        show(r, me, 400, NULL, "Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx).");
        return;
    }
    size_t n = 0;
    unsigned char *p12 = read_upload(u, &n);
    if (!p12) {
        page_fail(r, LK_ERR_IO);
        return;
    }
    const char *msg = NULL;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_tte_upload(c, r->a, APP(r)->data_dir, me->id, p12, n, req_form(r, "passphrase"), time(NULL), &msg);
    store_release(c);
    free(p12);
    if (e == LK_OK) {
        resp_redirect(r, 303, "/petugas/sertifikat?pesan=tersimpan");
        return;
    }
    if (e == LK_ERR_INVALID) show(r, me, 400, NULL, msg);
    else page_fail(r, e);
}

/* ---- the signer's image ---- */

void handle_tte_gambar(req *r)
{
    const account *me = web_require_petugas(r, ROLE_PENANDATANGAN);
    if (!me) return;
    buf png = BUF_INIT;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_tte_gambar_read(c, r->a, APP(r)->data_dir, me->id, &png);
    store_release(c);
    if (e == LK_OK) {
        resp_header(r, "Cache-Control", "private, no-store");
        resp_header(r, "X-Content-Type-Options", "nosniff");
        resp_bytes(r, 200, "image/png", png.data, png.len, 1);
    } else if (e == LK_ERR_NOTFOUND) {
        resp_redirect(r, 303, "/petugas/sertifikat");   /* none (any more): the page says so */
    } else {
        page_fail(r, e);
    }
    buf_free(&png);
}

void handle_tte_gambar_unggah(req *r)
{
    const account *me = web_require_petugas(r, ROLE_PENANDATANGAN);
    if (!me) return;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    http_upload *u = req_upload(r, "gambar");
    if (!u || !u->file_name || !*u->file_name) {
        show_all(r, me, 400, NULL, NULL, "Pilih berkas gambar tanda tangan (PNG).");
        return;
    }
    const char *msg = NULL;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_tte_gambar_upload(c, r->a, APP(r)->data_dir, me->id, me->instansi_id, u->tmp_path, time(NULL), &msg);
    store_release(c);
    if (e == LK_OK) {
        req_upload_claim(u);   /* moved into DATA/files */
        resp_redirect(r, 303, "/petugas/sertifikat?pesan=gambar");
    } else if (e == LK_ERR_INVALID) {
        show_all(r, me, 400, NULL, NULL, msg);
    } else {
        page_fail(r, e);
    }
}

void handle_tte_gambar_hapus(req *r)
{
    const account *me = web_require_petugas(r, ROLE_PENANDATANGAN);
    if (!me) return;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = izin_tte_gambar_remove(c, r->a, APP(r)->data_dir, me->id, me->instansi_id, time(NULL));
    store_release(c);
    if (e == LK_OK || e == LK_ERR_NOTFOUND) resp_redirect(r, 303, "/petugas/sertifikat?pesan=gambar-dihapus");
    else page_fail(r, e);
}
