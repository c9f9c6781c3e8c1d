/* tests/unit/test_izin_pdf.c — the permit PDF (domain/izin/izin_pdf.h) checked as a person
 * would: placeholders filled (an unknown one refused), the text on the page (pdftotext),
 * a long permit flowing onto further pages with its number on top, and the QR code on the
 * last page decoding (pdftoppm + zbarimg) to the verification address. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/izin/izin_pdf.h"
#include "util/arena.h"
#include "testrun.h"

#define URL "https://izin.pangkalpinangkota.go.id/v/AQS9cu9z8F8bRbqN9Fb1ic38PIKym1DzfiVzD_xAc7y-iExW9mzZZ5hHEfxx58HxscAGKme0V8iHlw5bsX573mxo6BMONTAzLzAwMS9TSVAvRFBNUFRTUC1OQUtFUi8yMDI2H1N1cmF0IEl6aW4gUHJha3RpayBEb2t0ZXIfZHIuIFNpdGkgUmFobWF3YXRpHzE5LjcxHzIwMjYxMjAxHzIwMzExMTMw"

static char dir[256];


static void test_template_fill(void **st)
{
    arena *a = arena_new();
    const izin_var vars[] = {{"pemegang", "dr. Siti"}, {"nomor", "503/001/SIP/2026"}, {NULL, NULL}};
    const char *out = NULL, *unknown = NULL;
    assert_int_equal(izin_template_fill(a, "Kepada {pemegang} nomor {nomor}.\n\n{rincian}", vars, &out, &unknown), LK_OK);
    assert_string_equal(out, "Kepada dr. Siti nomor 503/001/SIP/2026.\n\n{rincian}");
    assert_int_equal(izin_template_fill(a, "Kepada {nik}", vars, &out, &unknown), LK_ERR_INVALID);
    assert_string_equal(unknown, "{nik}");
    assert_int_equal(izin_template_fill(a, "Kepada {pemegang", vars, &out, &unknown), LK_ERR_INVALID);
    arena_free(a);
}

static void test_long_permit_flows_and_qr_decodes(void **st)
{
    izin_pdf_row rows[60];
    char labels[60][40], values[60][120];
    for (int i = 0; i < 60; i++) {
        snprintf(labels[i], sizeof labels[i], "Rincian %d", i + 1);
        snprintf(values[i], sizeof values[i], "Nilai rincian nomor %d yang cukup panjang, akhir-%02d", i + 1, i + 1);
        rows[i] = (izin_pdf_row){labels[i], values[i]};
    }
    izin_pdf_doc d = {
        .instansi_name = "Pemerintah Kota Pangkalpinang", .office_name = "Dinas Penanaman Modal, PTSP dan Naker",
        .office_address = "Jl. Rasakunda No. 1, Kota Pangkalpinang", .judul = "Surat Izin Praktik Dokter",
        .nomor = "503/001/SIP/DPMPTSP-NAKER/2026", .isi = "Memberikan izin kepada:\n\n{rincian}\n\nPenutup izin.",
        .rows = rows, .n_rows = 60, .tanggal = "1 Desember 2026", .signer_jabatan = "Kepala Dinas",
        .signer_nama = "Drs. Ahmad Yani", .signer_nip = "197503122000031002", .kode = "K7P2-9QXM",
        .cek_url = "https://izin.pangkalpinangkota.go.id/cek-izin", .verify_url = URL, .kid = "04bd72ef",
    };
    buf pdf = BUF_INIT;
    assert_int_equal(izin_pdf(&d, &pdf), LK_OK);
    char path[300], cmd[1200];
    snprintf(path, sizeof path, "%s/izin.pdf", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf.data, 1, pdf.len, f), pdf.len);
    fclose(f);
    buf_free(&pdf);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    char *info = run(cmd);
    assert_non_null(info);
    int pages = 0;
    sscanf(strstr(info, "Pages:"), "Pages: %d", &pages);
    free(info);
    assert_true(pages >= 2);
    snprintf(cmd, sizeof cmd, "pdftotext '%s' -", path);
    char *text = run(cmd);
    assert_non_null(text);
    for (int i = 1; i <= 60; i++) {
        char end[16];
        snprintf(end, sizeof end, "akhir-%02d", i);
        if (!strstr(text, end)) fail_msg("row %d is cut off", i);
    }
    static const char *const expected[] = {"SURAT IZIN PRAKTIK DOKTER", "Nomor: 503/001/SIP/DPMPTSP-NAKER/2026",
                                           "NIP. 197503122000031002", "K7P2-9QXM", "(lanjutan)", "Penutup izin.",
                                           "Ditandatangani secara elektronik"};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        if (!strstr(text, expected[i])) fail_msg("not in the PDF: %s", expected[i]);
    free(text);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -png -f %d -l %d -singlefile '%s' '%s/last' && zbarimg --raw -q '%s/last.png'",
             pages, pages, path, dir, dir);
    char *qr = run(cmd);
    assert_non_null(qr);
    qr[strcspn(qr, "\n")] = '\0';
    assert_string_equal(qr, URL);
    free(qr);
}

static int setup(void **st)
{
    snprintf(dir, sizeof dir, "%s/loket-izinpdf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_fill),
        cmocka_unit_test(test_long_permit_flows_and_qr_decodes),
    };
    return cmocka_run_group_tests_name("izin_pdf", tests, setup, teardown);
}
