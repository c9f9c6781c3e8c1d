/* tests/unit/test_receipt.c — the bukti pendaftaran PDF, checked the way a person would:
 * the text extracted by pdftotext (poppler-utils) has the number and the office, and the
 * QR code on the page rendered at 150 dpi (pdftoppm) decodes (zbarimg, zbar-tools) to the
 * tracking address.  LOKET_KEEP_RECEIPT=DIR keeps the PDF and the PNG there for a look. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/permohonan/receipt.h"
#include "util/buf.h"
#include "testrun.h"
#include "util/datetime.h"

#define TRACKING_URL "https://loket.pangkalpinangkota.go.id/lacak/REG%2F2026%2FXI%2F00042?k=7f3a9c"

static char dir[256];


static void render(const receipt *r, buf *pdf)
{
    assert_int_equal(receipt_pdf(r, pdf), LK_OK);
    assert_true(pdf->len > 1000);
    assert_memory_equal(pdf->data, "%PDF-", 5);
}

static receipt sample(const receipt_syarat *syarat, size_t n)
{
    time_t submitted, due;
    datetime_parse("2026-11-22T13:18:38Z", &submitted);
    datetime_parse("2026-11-27T16:59:59Z", &due);
    return (receipt){
        .instansi_name = "Pemerintah Kota Pangkalpinang",
        .office_name = "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja",
        .office_address = "Jl. Rasakunda No. 1, Kota Pangkalpinang, Kepulauan Bangka Belitung 33129",
        .nomor = "REG/2026/XI/00042",
        .submitted_at = submitted,
        .jenis_izin = "Surat Izin Praktik Dokter (SIP Dokter) pada fasilitas pelayanan kesehatan milik "
                      "pemerintah, swasta atau praktik mandiri perorangan",
        .jenis_permohonan = "Baru",
        .tipe_pemohon = "Perorangan",
        .nama_pemohon = "dr. Siti Rahmawati Nurjanah",
        .perusahaan = NULL,
        .lokasi_nama = "Klinik Pratama Sehat Bersama",
        .lokasi_alamat = "Jl. Jenderal Sudirman No. 45, Kelurahan Batin Tikal, Kecamatan Taman Sari",
        .syarat = syarat,
        .n_syarat = n,
        .due_at = due,
        .sla_days = 5,
        .tracking_url = TRACKING_URL,
        .kode_lacak = "7KQ4M-2XHPA",
    };
}

static const receipt_syarat SYARAT[] = {
    {"Fotokopi KTP pemohon", 1},
    {"Fotokopi Surat Tanda Registrasi (STR) dokter yang masih berlaku dan dilegalisir oleh pejabat yang berwenang", 1},
    {"Surat rekomendasi dari organisasi profesi (IDI) cabang setempat", 1},
    {"Surat keterangan sehat dari dokter yang memiliki SIP", 1},
    {"Pas foto berwarna ukuran 4x6 sebanyak 3 lembar", 1},
    {"Surat pernyataan memiliki tempat praktik", 0},
};

static void test_receipt_text_and_qr(void **state)
{
    buf pdf = BUF_INIT;
    receipt r = sample(SYARAT, sizeof SYARAT / sizeof SYARAT[0]);
    render(&r, &pdf);
    assert_true(pdf.len < 60 * 1024);
    print_message("receipt: %zu bytes\n", pdf.len);

    char path[300], cmd[1024];
    snprintf(path, sizeof path, "%s/bukti.pdf", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf.data, 1, pdf.len, f), pdf.len);
    assert_int_equal(fclose(f), 0);
    buf_free(&pdf);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep '^Pages:'", path);
    char *info = run(cmd);
    assert_non_null(info);
    assert_non_null(strstr(info, " 1\n"));
    free(info);

    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
    char *text = run(cmd);
    assert_non_null(text);
    static const char *const expected[] = {
        "BUKTI PENDAFTARAN PERMOHONAN IZIN", "REG/2026/XI/00042", "Pemerintah Kota Pangkalpinang",
        "Dinas Penanaman Modal", "22 November 2026 pukul 20.18 WIB", "dr. Siti Rahmawati Nurjanah",
        "Perkiraan selesai: 27 November 2026, 5 hari kerja", "✓ Terpenuhi", "Belum",
        "Pindai kode QR atau buka alamat di atas, lalu masukkan Kode Lacak",
        "Kode Lacak", "7KQ4M-2XHPA",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (!strstr(text, expected[i])) fail_msg("not in the PDF's text: %s\n%s", expected[i], text);
    assert_null(strstr(text, "Perusahaan  "));   /* no company line for a person */
    free(text);

    snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -png -singlefile '%s' '%s/bukti' && "
                              "zbarimg --raw -q '%s/bukti.png'", path, dir, dir);
    char *decoded = run(cmd);
    assert_non_null(decoded);
    decoded[strcspn(decoded, "\n")] = '\0';
    assert_string_equal(decoded, TRACKING_URL);
    free(decoded);
}

/* Forty requirements do not fit one page: the table flows onto a second one (with the
 * number on top and the table's head again), nothing is cut off, and the QR code on the
 * last page still decodes. */
static void test_receipt_many_requirements_flow(void **state)
{
    receipt_syarat many[40];
    char names[40][160];
    for (int i = 0; i < 40; i++) {
        snprintf(names[i], sizeof names[i], "Persyaratan nomor %d yang cukup panjang untuk memenuhi satu baris tabel "
                 "dan sedikit lebih, akhir-%02d", i + 1, i + 1);
        many[i] = (receipt_syarat){names[i], i % 2};
    }
    buf pdf = BUF_INIT;
    receipt r = sample(many, 40);
    render(&r, &pdf);
    char path[300], cmd[1024];
    snprintf(path, sizeof path, "%s/bukti-panjang.pdf", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf.data, 1, pdf.len, f), pdf.len);
    assert_int_equal(fclose(f), 0);
    buf_free(&pdf);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep '^Pages:'", path);
    char *info = run(cmd);
    assert_non_null(info);
    int pages = 0;
    sscanf(info, "Pages: %d", &pages);
    assert_true(pages >= 2);
    free(info);
    snprintf(cmd, sizeof cmd, "pdftotext -f 2 -l 2 -layout '%s' -", path);
    char *second = run(cmd);
    assert_non_null(second);
    if (!strstr(second, "REG/2026/XI/00042 (lanjutan)") || !strstr(second, "Nama Persyaratan"))
        fail_msg("the second page lacks its running head:\n%s", second);
    free(second);
    snprintf(cmd, sizeof cmd, "pdftotext '%s' -", path);
    char *text = run(cmd);
    assert_non_null(text);
    for (int i = 1; i <= 40; i++) {
        char end[16];
        snprintf(end, sizeof end, "akhir-%02d", i);
        if (!strstr(text, end)) fail_msg("requirement %d is cut off", i);
    }
    free(text);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -png -f %d -l %d -singlefile '%s' '%s/lanjut' && "
                              "zbarimg --raw -q '%s/lanjut.png'", pages, pages, path, dir, dir);
    char *decoded = run(cmd);
    assert_non_null(decoded);
    decoded[strcspn(decoded, "\n")] = '\0';
    assert_string_equal(decoded, TRACKING_URL);
    free(decoded);
}

/* A company applicant with no requirement list; missing essentials are refused. */
static void test_receipt_company_and_refusals(void **state)
{
    buf pdf = BUF_INIT;
    receipt r = sample(NULL, 0);
    r.tipe_pemohon = "Perusahaan";
    r.perusahaan = "PT Timah Jaya Abadi";
    render(&r, &pdf);
    buf_free(&pdf);

    r.tracking_url = "";
    assert_int_equal(receipt_pdf(&r, &pdf), LK_ERR_INVALID);
    r.tracking_url = TRACKING_URL;
    r.nomor = NULL;
    assert_int_equal(receipt_pdf(&r, &pdf), LK_ERR_INVALID);
    assert_int_equal(pdf.len, 0);
}

static int setup(void **state)
{
    const char *keep = getenv("LOKET_KEEP_RECEIPT");
    if (keep && *keep) {
        snprintf(dir, sizeof dir, "%s", keep);
        return 0;
    }
    snprintf(dir, sizeof dir, "%s/loket-receipt-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    const char *keep = getenv("LOKET_KEEP_RECEIPT");
    if (keep && *keep) return 0;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt_text_and_qr),
        cmocka_unit_test(test_receipt_company_and_refusals),
        cmocka_unit_test(test_receipt_many_requirements_flow),
    };
    int failed = cmocka_run_group_tests_name("receipt", tests, setup, teardown);
    cairo_debug_reset_static_data();   /* font caches, for LeakSanitizer */
    return failed ? 1 : 0;
}
