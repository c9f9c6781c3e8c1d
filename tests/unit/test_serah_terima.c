/* tests/unit/test_serah_terima.c — the counter's handover sheet, checked the way a person
 * would: the text pdftotext (poppler-utils) extracts carries the title, the applicant, the
 * username and the one-time password beside its label, and the log-in address; a sheet
 * without a password is refused.  LOKET_KEEP_SHEET=DIR keeps the PDF there for a look. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/akun/serah_terima.h"
#include "util/buf.h"

static serah_terima sample(void)
{
    return (serah_terima){"Pemerintah Kota Pangkalpinang", "DPMPTSP & NAKER Kota Pangkalpinang", "Jl. Merdeka No. 4",
                          "Sari Wulandari", "sari.walkin", "1971014506920013", "Xk7pQ2mW9rTa",
                          "https://izin.pangkalpinangkota.go.id/login", "Petugas Front Office", 1764547200};
}

static void test_sheet_text(void **state)
{
    (void)state;
    serah_terima s = sample();
    buf pdf = BUF_INIT;
    assert_int_equal(serah_terima_pdf(&s, &pdf), LK_OK);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    const char *keep = getenv("LOKET_KEEP_SHEET");
    char path[512];
    snprintf(path, sizeof path, "%s/serah-terima-%d.pdf", keep ? keep : "/tmp", (int)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf.data, 1, pdf.len, f), pdf.len);
    fclose(f);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s -", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    buf text = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) buf_put(&text, chunk, n);
    assert_int_equal(pclose(p), 0);
    buf_putc(&text, '\0');
    assert_non_null(strstr(text.data, "LEMBAR SERAH TERIMA AKUN PEMOHON"));
    assert_non_null(strstr(text.data, "Sari Wulandari"));
    assert_non_null(strstr(text.data, "sari.walkin"));
    assert_non_null(strstr(text.data, "Xk7pQ2mW9rTa"));
    assert_non_null(strstr(text.data, "https://izin.pangkalpinangkota.go.id/login"));
    if (!keep) unlink(path);
    buf_free(&text);
    buf_free(&pdf);
}

static void test_sheet_needs_a_password(void **state)
{
    (void)state;
    serah_terima s = sample();
    s.password = "";
    buf pdf = BUF_INIT;
    assert_int_equal(serah_terima_pdf(&s, &pdf), LK_ERR_INVALID);
    assert_int_equal(pdf.len, 0);
    buf_free(&pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_text),
        cmocka_unit_test(test_sheet_needs_a_password),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
