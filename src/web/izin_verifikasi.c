/* web/izin_verifikasi.c — *Cek Keaslian Izin*, the public verification of a permit
 * (SPEC 4.12, 5.5):
 *   GET /v/:code     what the permit's QR code opens: valid / expired / revoked / not
 *                    genuine, with the minimum public data (number, type, holder's name,
 *                    office, validity) — never NIK, phone, address or birth date
 *   GET /cek-izin    the same, from the permit's number and the short code printed on it
 *                    (also the box on Home)
 *   POST /cek-izin/pdf  a permit PDF uploaded for checking: its electronic signature
 *                    (PAdES: signer and time, or altered after signing) and whether it is
 *                    exactly a PDF Loket issued (domain/izin/izin_pdf_check.h)
 * A genuine permit whose PDF was signed electronically also shows that signature's
 * signer and time, from the record.
 * The signature is checked against the public keys held in memory, so /v/ answers
 * whether the permit is genuine even while the database is down (and says that the
 * revocation could not be checked).  Both are throttled per client address
 * (LOKET_VERIFY_PER_MINUTE); a throttled request gets 429 and costs nothing else. */
#include "domain/izin/izin.h"
#include "domain/izin/izin_pdf_check.h"
#include "domain/izin/izin_verify.h"
#include "web/auth.h"
#include <stdio.h>
#include <stdlib.h>
#include "util/datetime.h"
#include "util/ratelimit.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

/* 0 and the 429 page sent when this address asked too often. */
static int allowed(req *r)
{
    if (!APP(r)->verify_limit || ratelimit_take(APP(r)->verify_limit, req_client_ip(r), ratelimit_now_ms())) return 1;
    resp_header(r, "Retry-After", "60");
    page_error(r, 429, "Terlalu banyak pemeriksaan dari alamat Anda. Coba lagi dalam satu menit.");
    return 0;
}

static const struct {
    const char *key, *title, *text;
} VERDICTS[] = {
    [IZIN_V_BERLAKU] = {"berlaku", "Izin asli dan berlaku",
                        "Tanda tangan elektronik pada izin ini sah dan izin masih berlaku."},
    [IZIN_V_KEDALUWARSA] = {"kedaluwarsa", "Izin asli, tetapi sudah kedaluwarsa",
                            "Tanda tangan elektronik sah, tetapi masa berlaku izin ini telah berakhir."},
    [IZIN_V_DICABUT] = {"dicabut", "Izin telah dicabut",
                        "Izin ini pernah diterbitkan, tetapi telah dicabut oleh instansi penerbit dan tidak berlaku lagi."},
    [IZIN_V_TIDAK_ASLI] = {"tidak-asli", "Tidak asli",
                           "Kode ini tidak cocok dengan izin yang diterbitkan melalui Loket. Jangan terima izin ini."},
};

/* The electronic signature of the permit's PDF, from the record (connection may be NULL). */
static void fill_tte(req *r, store_conn *c, const izin_verdict *v, tv *f)
{
    izin_rec z;
    if (!c || !v->db_checked || izin_get_by_nomor(c, r->a, v->f.nomor, &z) != LK_OK || !*z.tte_signer) return;
    tv_set(f, "tte_signer", z.tte_signer);
    tv_set(f, "tte_at", datetime_long_iso(r->a, z.tte_at));
    if (*z.tte_ts_at) {
        tv_set(f, "tte_ts_at", datetime_long_iso(r->a, z.tte_ts_at));
        tv_set(f, "tte_tsa", z.tte_tsa);
    }
}

/* What an uploaded PDF's check found (domain/izin/izin_pdf_check.h). */
static void fill_pdf(req *r, const izin_pdf_check_result *p, tv *ctx)
{
    static const struct { const char *key, *title, *text; } KINDS[] = {
        {"asli", "Dokumen asli", "Berkas ini sama persis dengan dokumen izin yang diterbitkan melalui Loket."},
        {"diubah", "Dokumen telah diubah", "Berkas ini telah diubah setelah ditandatangani. Jangan terima dokumen ini."},
        {"bukan-izin", "Bukan dokumen izin dari Loket",
         "Tanda tangan elektronik pada berkas ini utuh, tetapi berkas ini bukan dokumen izin yang diterbitkan melalui Loket."},
        {"tanpa-tte", "Tanpa tanda tangan elektronik",
         "Berkas ini tidak memuat tanda tangan elektronik dan bukan dokumen izin yang diterbitkan melalui Loket."},
    };
    int k = p->issued ? 0 : p->state == PADES_ALTERED || p->state == PADES_BROKEN ? 1 : p->state == PADES_NONE ? 3 : 2;
    tv *h = tv_set_map(ctx, "pdf");
    tv_set(h, "key", KINDS[k].key);
    tv_setf(h, "class", "verdict verdict-%s", k == 0 ? "berlaku" : "tidak-asli");
    tv_set(h, "title", page_t(r, KINDS[k].title));
    tv_set(h, "text", page_t(r, KINDS[k].text));
    tv_set(h, "tte", page_t(r, pades_state_label(p->state)));
    if (k == 0) {
        tv_set(h, "nomor", p->izin.nomor);
        tv_set(h, "jenis_izin", p->izin.jenis_izin_name);
        tv_set(h, "status", page_t(r, izin_state_label(izin_state(&p->izin, izin_today(r->a, time(NULL))))));
        if (p->state == PADES_VALID || p->state == PADES_UNTRUSTED) {
            tv_set(h, "signer", p->signer_cn);
            tv_set(h, "when", datetime_long(r->a, p->when));
            if (p->ts_at) {
                tv_set(h, "ts_at", datetime_long(r->a, p->ts_at));
                tv_set(h, "tsa", p->tsa);
            }
        }
    }
}

static void show_all(req *r, store_conn *c, int status, const izin_verdict *v, const char *nomor, const char *kode,
                     const char *error, const izin_pdf_check_result *pdf)
{
    tv *ctx = page_new(r, "Cek Keaslian Izin", "cek-izin");
    if (pdf) fill_pdf(r, pdf, ctx);
    tv_set(ctx, "nomor", nomor ? nomor : "");
    tv_set(ctx, "kode", kode ? kode : "");
    if (error) tv_set(ctx, "error", page_t(r, error));
    if (v) {
        tv *h = tv_set_map(ctx, "hasil");
        tv_set(h, "key", VERDICTS[v->kind].key);
        tv_setf(h, "class", "verdict verdict-%s", VERDICTS[v->kind].key);
        tv_set(h, "title", page_t(r, VERDICTS[v->kind].title));
        tv_set(h, "text", page_t(r, VERDICTS[v->kind].text));
        if (v->reason) tv_set(h, "reason", page_t(r, v->reason));
        if (v->kind != IZIN_V_TIDAK_ASLI) {
            tv *f = tv_set_map(h, "izin");
            tv_set(f, "nomor", v->f.nomor);
            tv_set(f, "jenis_izin", v->f.jenis_izin);
            tv_set(f, "pemegang", v->f.pemegang);
            tv_set(f, "instansi", *v->instansi_name ? v->instansi_name : v->instansi);
            tv_set(f, "dari", date_long(r->a, v->f.berlaku_dari));
            tv_set(f, "sampai", *v->f.berlaku_sampai ? date_long(r->a, v->f.berlaku_sampai) : page_t(r, "Tidak dibatasi"));
            tv_set(f, "kid", v->f.kid);
            if (*v->revoked_at) tv_set(f, "dicabut", datetime_long_iso(r->a, v->revoked_at));
            fill_tte(r, c, v, f);
        }
        tv_set_bool(h, "db_down", v->kind != IZIN_V_TIDAK_ASLI && !v->db_checked);
    }
    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "X-Robots-Tag", "noindex");
    page_send(r, status, "izin-verifikasi", ctx);
}

static void show(req *r, int status, const izin_verdict *v, const char *nomor, const char *kode, const char *error)
{
    show_all(r, NULL, status, v, nomor, kode, error, NULL);
}

void handle_izin_verifikasi(req *r)
{
    if (!allowed(r)) return;
    const char *code = req_param(r, "code");
    arena *a = r->a;
    store_conn *c = store_acquire(APP(r)->db);
    izin_verdict v;
    izin_verify(c, APP(r)->izin_keys, a, code, izin_today(a, time(NULL)), &v);
    show_all(r, c, 200, &v, NULL, NULL, NULL, NULL);
    store_release(c);
}

void handle_cek_izin(req *r)
{
    if (!allowed(r)) return;
    const char *nomor = req_query(r, "nomor"), *kode = req_query(r, "kode");
    if (!nomor && !kode) {
        show(r, 200, NULL, NULL, NULL, NULL);
        return;
    }
    if (!nomor || !*nomor || !kode || !*kode || strlen(nomor) > IZIN_NOMOR_MAX || strlen(kode) > 20) {
        show(r, 400, NULL, nomor, kode, "Isi Nomor Izin dan Kode Verifikasi seperti tertulis pada izin.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    const char *code = NULL;
    lk_err e = izin_code_for(c, r->a, nomor, kode, &code);
    izin_verdict v;
    if (e == LK_OK) izin_verify(c, APP(r)->izin_keys, r->a, code, izin_today(r->a, time(NULL)), &v);
    if (e == LK_ERR_NOTFOUND) {
        memset(&v, 0, sizeof v);
        v.kind = IZIN_V_TIDAK_ASLI;
        v.reason = "Tidak ada izin dengan nomor dan kode verifikasi ini.";
    } else if (e) {
        store_release(c);
        page_fail(r, e);
        return;
    }
    show_all(r, c, 200, &v, nomor, kode, NULL, NULL);
    store_release(c);
}

/* The largest PDF checked: a permit is some tens of kilobytes. */
#define CHECK_PDF_MAX (8 * 1024 * 1024)

void handle_cek_izin_pdf(req *r)
{
    if (!allowed(r)) return;
    /* No per-visitor token: checking a PDF changes nothing and stores nothing (the upload
     * is deleted with the request), and without one the Cek Keaslian Izin page stays one
     * cached page for everyone (web/public_cache.c).  A post from another site is still
     * refused by its origin, and the per-address throttle applies. */
    if (!web_same_origin_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    http_upload *u = req_upload(r, "pdf");
    if (!u || !u->file_name || !*u->file_name || u->size <= 0) {
        show(r, 400, NULL, NULL, NULL, "Pilih berkas PDF izin yang akan diperiksa.");
        return;
    }
    if (u->size > CHECK_PDF_MAX) {
        show(r, 400, NULL, NULL, NULL, "Berkas terlalu besar untuk dokumen izin (paling besar 8 MB).");
        return;
    }
    FILE *f = fopen(u->tmp_path, "rbe");
    unsigned char *pdf = f ? malloc((size_t)u->size) : NULL;
    size_t n = pdf ? fread(pdf, 1, (size_t)u->size, f) : 0;
    if (f) fclose(f);
    if (!pdf) {
        page_fail(r, LK_ERR_IO);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    izin_pdf_check_result res;
    lk_err e = izin_pdf_check(c, r->a, pdf, n, &res);
    free(pdf);
    if (e == LK_ERR_INVALID) show_all(r, c, 400, NULL, NULL, NULL, "Berkas ini bukan PDF.", NULL);
    else if (e) page_fail(r, e);
    else show_all(r, c, 200, NULL, NULL, NULL, NULL, &res);
    store_release(c);
}
