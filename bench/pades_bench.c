/* bench/pades_bench.c — signings per second of a one-page permit with the local signer
 * (`make bench`, issue 14), on one thread, against rendering the same permit as the
 * reference measured in the same run:
 *   render     izin_pdf_placed of the one-page permit (the reference)
 *   pades      the PAdES signature alone, key and certificate in memory (util/pades.h)
 *   local      what Teruskan at tanda tangan does (without the database): open the
 *              sealed PKCS#12 with the passphrase (Argon2id), parse it, check the
 *              certificate, sign (izin_tte_sign_sealed), then check the result
 *              (pades_check)
 * Prints rate, p50 and p99 of each and the ratios.
 * Usage: pades_bench SECONDS P12 PASSPHRASE CN EMAIL (bench/run.sh makes the certificate
 * with tests/lib/test_ca.sh). */
#include <openssl/pkcs12.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "domain/izin/izin_pdf.h"
#include "domain/izin/izin_tte.h"
#include "util/pades.h"

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
    double r[3], a[3], b[3];
    int rc = run(render, seconds, &r[0], &a[0], &b[0]) || run(pades_only, seconds, &r[1], &a[1], &b[1]) ||
             run(local_signer, seconds, &r[2], &a[2], &b[2]);
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
    return 0;
}
