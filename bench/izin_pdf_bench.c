/* bench/izin_pdf_bench.c — permit PDF generation speed (`make bench`): renders the permit
 * of domain/izin/izin_pdf.h (one page with its QR code) and, as the reference measured in
 * the same run, the one-page bukti pendaftaran of domain/permohonan/receipt.h, each for
 * SECONDS seconds on one thread; prints PDFs per second, p50 and p99 per PDF and the
 * ratio.  Usage: izin_pdf_bench [SECONDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "domain/izin/izin_pdf.h"
#include "domain/permohonan/receipt.h"
#include "util/datetime.h"

#define URL "https://izin.pangkalpinangkota.go.id/v/AQS9cu9z8F8bRbqN9Fb1ic38PIKym1DzfiVzD_xAc7y-iExW9mzZZ5hHEfxx58HxscAGKme0V8iHlw5bsX573mxo6BMONTAzLzAwMS9TSVAvRFBNUFRTUC1OQUtFUi8yMDI2H1N1cmF0IEl6aW4gUHJha3RpayBEb2t0ZXIfZHIuIFNpdGkgUmFobWF3YXRpHzE5LjcxHzIwMjYxMjAxHzIwMzExMTMw"

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

typedef int (*render_fn)(buf *out);

static int permit(buf *out)
{
    static const izin_pdf_row rows[] = {
        {"Nama", "dr. Siti Rahmawati"}, {"Nama Tempat", "Klinik Pratama Sehat Bersama"},
        {"Alamat Lokasi", "Jl. Merdeka No. 5, Pangkalpinang"}, {"Jenis Dokter", "Dokter"}, {"No. STR", "STR-3171234567890"},
        {"Nama Fasilitas Pelayanan Kesehatan", "Klinik Pratama Sehat Bersama"}, {"Hari dan Jam Praktik", "Senin–Jumat 16.00–20.00"},
        {"Berlaku Sejak", "1 Desember 2026"}, {"Berlaku Sampai", "30 November 2031"},
    };
    izin_pdf_doc d = {
        .instansi_name = "Pemerintah Kota Pangkalpinang", .office_name = "Dinas Penanaman Modal, PTSP dan Naker",
        .office_address = "Jl. Rasakunda No. 1, Kota Pangkalpinang", .judul = "Surat Izin Praktik Dokter",
        .nomor = "503/001/SIP/DPMPTSP-NAKER/2026", .isi = IZIN_TEMPLATE_ISI, .rows = rows,
        .n_rows = sizeof rows / sizeof *rows, .tanggal = "1 Desember 2026", .signer_jabatan = "Kepala Dinas",
        .signer_nama = "Drs. Ahmad Yani", .signer_nip = "197503122000031002", .kode = "K7P2-9QXM",
        .cek_url = "https://izin.pangkalpinangkota.go.id/cek-izin", .verify_url = URL, .kid = "04bd72ef",
    };
    return izin_pdf(&d, out) == LK_OK ? 0 : -1;
}

static int bukti(buf *out)
{
    static const receipt_syarat syarat[] = {{"Fotokopi KTP", 1}, {"Surat Tanda Registrasi (STR)", 1},
                                            {"Rekomendasi organisasi profesi", 1}, {"Pas foto 4x6", 1}};
    receipt r = {.instansi_name = "Pemerintah Kota Pangkalpinang", .office_name = "Dinas Penanaman Modal, PTSP dan Naker",
                 .office_address = "Jl. Rasakunda No. 1", .nomor = "REG/2026/XII/00042", .submitted_at = 1764547200,
                 .jenis_izin = "Surat Izin Praktik Dokter", .jenis_permohonan = "Baru", .tipe_pemohon = "Perorangan",
                 .nama_pemohon = "dr. Siti Rahmawati", .lokasi_nama = "Klinik", .lokasi_alamat = "Jl. Merdeka No. 5",
                 .syarat = syarat, .n_syarat = 4, .due_at = 1765000000, .sla_days = 5,
                 .tracking_url = "https://izin.pangkalpinangkota.go.id/lacak?nomor=REG%2F2026%2FXII%2F00042"};
    return receipt_pdf(&r, out) == LK_OK ? 0 : -1;
}

/* Renders for `seconds`; fills per-second rate and p50/p99 in ms. */
static int run(render_fn f, double seconds, double *rate, double *p50, double *p99, size_t *bytes)
{
    size_t cap = 1 << 16, n = 0;
    double *lat = malloc(cap * sizeof *lat);
    double start = now_ms();
    while (now_ms() - start < seconds * 1e3) {
        buf out = BUF_INIT;
        double t0 = now_ms();
        if (f(&out) != 0) return -1;
        double t = now_ms() - t0;
        *bytes = out.len;
        buf_free(&out);
        if (n == cap) lat = realloc(lat, (cap *= 2) * sizeof *lat);
        lat[n++] = t;
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
    double seconds = argc > 1 ? atof(argv[1]) : 5;
    double r1, a1, b1, r2, a2, b2;
    size_t s1 = 0, s2 = 0;
    buf warm = BUF_INIT;
    permit(&warm);   /* fonts and caches loaded once, as in a running server */
    buf_free(&warm);
    if (run(permit, seconds, &r1, &a1, &b1, &s1) || run(bukti, seconds, &r2, &a2, &b2, &s2)) {
        fprintf(stderr, "izin_pdf_bench: rendering failed\n");
        return 1;
    }
    printf("permit PDF: %.0f/s on one thread, p50 %.2f ms, p99 %.2f ms, %zu bytes\n", r1, a1, b1, s1);
    printf("bukti pendaftaran (reference): %.0f/s, p50 %.2f ms, p99 %.2f ms, %zu bytes\n", r2, a2, b2, s2);
    printf("permit / bukti: %.2fx the rate\n", r1 / r2);
    return 0;
}
