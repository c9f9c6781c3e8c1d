/* bench/pades_bench.c — signings per second of a one-page permit with the local signer
 * (`make bench`, issue 14), on one thread, against rendering the same permit as the
 * reference measured in the same run:
 *   render     izin_pdf_placed of the one-page permit (the reference)
 *   pades      the PAdES signature alone, key and certificate in memory (util/pades.h)
 *   local      what Teruskan at tanda tangan does (without the database): open the
 *              sealed PKCS#12 with the passphrase (Argon2id), parse it, check the
 *              certificate, sign (izin_tte_sign_sealed), then check the result
 *              (pades_check)
 *   B-T        with a TSA folder: the PAdES signature and its RFC 3161 timestamp — the
 *              query (util/tsa.h), the answer made by an in-process TSA (OpenSSL's
 *              TS_RESP_CTX with the test TSA certificate: its RSA signature is the
 *              TSA's cost, counted here, the HTTP round trip is not), checked against
 *              the CA, added as an unsigned attribute and written into the PDF
 * Prints rate, p50 and p99 of each and the ratios.
 * Usage: pades_bench SECONDS P12 PASSPHRASE CN EMAIL [TSA_DIR] (bench/run.sh makes the
 * certificates with tests/lib/test_ca.sh: TSA_DIR holds ca.pem, tsa.pem, tsa.key). */
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "domain/izin/izin_pdf.h"
#include "domain/izin/izin_tte.h"
#include "util/pades.h"
#include "util/tsa.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static izin_pdf_row ROWS[] = {
    {"Nama", "dr. Siti Rahmawati"}, {"Nama Tempat", "Klinik Pratama Sehat Bersama"},
    {"Alamat Lokasi", "Jl. Merdeka No. 5, Pangkalpinang"}, {"No. STR", "STR-3171234567890"},
    {"Berlaku Sejak", "1 Desember 2026"}, {"Berlaku Sampai", "30 November 2031"},
};

static izin_pdf_doc DOC = {
    .instansi_name = "Pemerintah Kota Pangkalpinang", .office_name = "Dinas Penanaman Modal, PTSP dan Naker",
    .office_address = "Jl. Rasakunda No. 1, Kota Pangkalpinang", .judul = "Surat Izin Praktik Dokter",
    .nomor = "503/001/SIP/DPMPTSP-NAKER/2026", .isi = IZIN_TEMPLATE_ISI, .rows = ROWS,
    .n_rows = sizeof ROWS / sizeof *ROWS, .tanggal = "1 Desember 2026", .signer_jabatan = "Kepala Dinas",
    .signer_nama = "Drs. Ahmad Yani", .signer_nip = "197503122000031002", .kode = "K7P2-9QXM",
    .cek_url = "https://izin.pangkalpinangkota.go.id/cek-izin", .verify_url = "https://izin.pangkalpinangkota.go.id/v/AQ",
    .kid = "04bd72ef",
};

static struct {
    buf pdf;
    izin_pdf_place place;
    EVP_PKEY *key;
    X509 *cert;
    STACK_OF(X509) *chain;
    const char *sealed, *passphrase;
    izin_tte_request rq;
    TS_RESP_CTX *tsa;          /* the in-process TSA; NULL: no B-T run */
    X509_STORE *tsa_trust;
} B;

typedef int (*step_fn)(void);

static int render(void)
{
    buf out = BUF_INIT;
    izin_pdf_place p;
    int rc = izin_pdf_placed(&DOC, &out, &p) == LK_OK ? 0 : -1;
    buf_free(&out);
    return rc;
}

static int pades_only(void)
{
    buf out = BUF_INIT;
    const char *why = NULL;
    pdf_sig_field f = {.page = B.place.page, .x0 = B.place.x0, .y0 = B.place.y0, .x1 = B.place.x1, .y1 = B.place.y1,
                       .field_name = "Tanda Tangan Elektronik", .signer_name = B.rq.nama, .when = B.rq.now};
    int rc = pades_sign((const unsigned char *)B.pdf.data, B.pdf.len, &f, B.key, B.cert, B.chain, &out, &why) == LK_OK ? 0 : -1;
    buf_free(&out);
    return rc;
}

static int local_signer(void)
{
    buf out = BUF_INIT;
    const char *msg = NULL;
    int rc = izin_tte_sign_sealed(B.sealed, B.passphrase, &B.rq, &out, &msg) == LK_OK ? 0 : -1;
    if (rc == 0) {
        pades_result r;
        pades_check((const unsigned char *)out.data, out.len, NULL, &r);
        if (r.state != PADES_VALID) rc = -1;
        cms_signer_free(&r.signer);
    } else {
        fprintf(stderr, "pades_bench: %s\n", msg ? msg : "?");
    }
    buf_free(&out);
    return rc;
}

/* The TSA's answer to the query der[0..n) into reply. */
static int tsa_answer(const buf *query, buf *reply)
{
    BIO *in = BIO_new_mem_buf(query->data, (int)query->len);
    TS_RESP *resp = in ? TS_RESP_create_response(B.tsa, in) : NULL;
    unsigned char *der = NULL;
    int n = resp ? i2d_TS_RESP(resp, &der) : -1;
    if (n > 0) buf_put(reply, der, (size_t)n);
    OPENSSL_free(der);
    TS_RESP_free(resp);
    BIO_free(in);
    return n > 0 ? 0 : -1;
}

static int pades_bt(void)
{
    buf out = BUF_INIT, sig = BUF_INIT, token = BUF_INIT, query = BUF_INIT, reply = BUF_INIT, stamped = BUF_INIT;
    const char *why = NULL;
    pdf_sig_field f = {.page = B.place.page, .x0 = B.place.x0, .y0 = B.place.y0, .x1 = B.place.x1, .y1 = B.place.y1,
                       .field_name = "Tanda Tangan Elektronik", .signer_name = B.rq.nama, .when = B.rq.now};
    pdf_sig_found found = {0};
    tsa_stamp st;
    int rc = pades_sign((const unsigned char *)B.pdf.data, B.pdf.len, &f, B.key, B.cert, B.chain, &out, &why) == LK_OK &&
             pdf_sig_find((const unsigned char *)out.data, out.len, &found) == LK_OK &&
             cms_timestamp_parts(found.der, found.der_len, &sig, &token) == LK_OK ? 0 : -1;
    tsa_query *q = rc == 0 ? tsa_query_new((const unsigned char *)sig.data, sig.len) : NULL;
    if (!q || tsa_query_der(q, &query) != LK_OK || tsa_answer(&query, &reply) != 0 ||
        tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, B.tsa_trust, time(NULL), &token, &st) != TSA_OK ||
        cms_add_timestamp(found.der, found.der_len, (const unsigned char *)token.data, token.len, &stamped) != LK_OK)
        rc = -1;
    pdf_sig_slot slot = {{found.range[0], found.range[1], found.range[2], found.range[3]},
                         (found.range[2] - found.range[1] - 2) / 2};
    if (rc == 0 && pdf_sig_insert(&out, &slot, (const unsigned char *)stamped.data, stamped.len) != LK_OK) rc = -1;
    tsa_query_free(q);
    pdf_sig_found_free(&found);
    buf *all[] = {&out, &sig, &token, &query, &reply, &stamped};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) buf_free(all[i]);
    return rc;
}

static X509 *read_pem_cert(const char *dir, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    X509 *c = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f) fclose(f);
    return c;
}

/* The in-process TSA and the trust store of its CA, from the test_ca.sh folder. */
static int tsa_setup(const char *dir)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/tsa.key", dir);
    FILE *f = fopen(path, "r");
    EVP_PKEY *key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    if (f) fclose(f);
    X509 *cert = read_pem_cert(dir, "tsa.pem"), *ca = read_pem_cert(dir, "ca.pem");
    B.tsa = TS_RESP_CTX_new();
    B.tsa_trust = X509_STORE_new();
    int ok = key && cert && ca && B.tsa && B.tsa_trust && TS_RESP_CTX_set_signer_cert(B.tsa, cert) == 1 &&
             TS_RESP_CTX_set_signer_key(B.tsa, key) == 1 && TS_RESP_CTX_set_signer_digest(B.tsa, EVP_sha256()) == 1 &&
             TS_RESP_CTX_set_ess_cert_id_digest(B.tsa, EVP_sha256()) == 1 &&
             TS_RESP_CTX_set_def_policy(B.tsa, OBJ_txt2obj("1.3.6.1.4.1.99999.1", 1)) == 1 &&
             TS_RESP_CTX_add_md(B.tsa, EVP_sha256()) == 1 && X509_STORE_add_cert(B.tsa_trust, ca) == 1;
    EVP_PKEY_free(key);
    X509_free(cert);
    X509_free(ca);
    return ok ? 0 : -1;
}

static int run(step_fn f, double seconds, double *rate, double *p50, double *p99)
{
    size_t cap = 1 << 12, n = 0;
    double *lat = malloc(cap * sizeof *lat);
    double start = now_ms();
    while (now_ms() - start < seconds * 1e3 || n < 5) {
        double t0 = now_ms();
        if (f() != 0) return -1;
        if (n == cap) lat = realloc(lat, (cap *= 2) * sizeof *lat);
        lat[n++] = now_ms() - t0;
    }
    double total = now_ms() - start;
    qsort(lat, n, sizeof *lat, cmp);
    *rate = n / (total / 1e3);
    *p50 = lat[n / 2];
    *p99 = lat[(size_t)(n * 0.99)];
    free(lat);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: pades_bench SECONDS P12 PASSPHRASE CN EMAIL\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    FILE *f = fopen(argv[2], "rb");
    static unsigned char p12[256 * 1024];
    size_t n = f ? fread(p12, 1, sizeof p12, f) : 0;
    if (f) fclose(f);
    const unsigned char *p = p12;
    PKCS12 *pk = d2i_PKCS12(NULL, &p, (long)n);
    if (!pk || PKCS12_parse(pk, argv[3], &B.key, &B.cert, &B.chain) != 1) {
        fprintf(stderr, "pades_bench: cannot open %s\n", argv[2]);
        return 1;
    }
    PKCS12_free(pk);
    char sealed[] = "/tmp/loket-pades-bench-XXXXXX";
    int fd = mkstemp(sealed);
    if (fd < 0) return 1;
    close(fd);
    unlink(sealed);
    B.sealed = sealed;
    B.passphrase = argv[3];
    if (izin_tte_seal_file(sealed, p12, n, argv[3]) != LK_OK || izin_pdf_placed(&DOC, &B.pdf, &B.place) != LK_OK) {
        fprintf(stderr, "pades_bench: set-up failed\n");
        return 1;
    }
    B.rq = (izin_tte_request){.nama = argv[4], .email = argv[5], .pdf = (const unsigned char *)B.pdf.data,
                              .len = B.pdf.len, .place = B.place, .reason = "Penerbitan izin", .location = "Pangkalpinang",
                              .now = time(NULL)};
    if (argc > 6 && tsa_setup(argv[6]) != 0) {
        fprintf(stderr, "pades_bench: cannot set up the TSA of %s\n", argv[6]);
        return 1;
    }
    double r[4], a[4], b[4];
    int rc = run(render, seconds, &r[0], &a[0], &b[0]) || run(pades_only, seconds, &r[1], &a[1], &b[1]) ||
             run(local_signer, seconds, &r[2], &a[2], &b[2]) || (B.tsa && run(pades_bt, seconds, &r[3], &a[3], &b[3]));
    unlink(sealed);
    if (rc) {
        fprintf(stderr, "pades_bench: a run failed\n");
        return 1;
    }
    printf("permit PDF render (reference): %.0f/s, p50 %.2f ms, p99 %.2f ms\n", r[0], a[0], b[0]);
    printf("PAdES signature, key in memory: %.0f/s, p50 %.2f ms, p99 %.2f ms (%.2fx the render time)\n", r[1], a[1], b[1],
           a[1] / a[0]);
    printf("local signer (Argon2id unseal + PKCS#12 + sign + check): %.1f/s, p50 %.2f ms, p99 %.2f ms (%.2fx the render time)\n",
           r[2], a[2], b[2], a[2] / a[0]);
    if (B.tsa)
        printf("PAdES B-T, key in memory (sign + RFC 3161 query, in-process TSA, check, add): %.0f/s, p50 %.2f ms,"
               " p99 %.2f ms (%.2fx the B signature)\n", r[3], a[3], b[3], a[3] / a[1]);
    TS_RESP_CTX_free(B.tsa);
    X509_STORE_free(B.tsa_trust);
    return 0;
}
