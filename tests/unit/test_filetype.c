/* tests/unit/test_filetype.c — upload type checks (util/filetype.h) on real files.
 *
 * The fixtures are real documents: a JPEG made by libjpeg (bytes below), a PNG and a PDF
 * drawn with cairo, a copy of /bin/true, written into a temporary folder that the group
 * teardown removes.  Besides accepting the three types, the checks must refuse a
 * program however it is named, scripts and web pages that contain "%PDF-", text, empty
 * files, files that are not regular, and types not allowed for the field. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/filetype.h"

/* An 8×8 greyscale baseline JPEG written by libjpeg (quality 50, optimised Huffman
 * tables); `file` calls it "JPEG image data, JFIF standard 1.01 ... 8x8, components 1". */
static const unsigned char tiny_jpeg[] = {
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01,
    0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43,
    0x00, 0x10, 0x0B, 0x0C, 0x0E, 0x0C, 0x0A, 0x10, 0x0E, 0x0D, 0x0E, 0x12,
    0x11, 0x10, 0x13, 0x18, 0x28, 0x1A, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23,
    0x25, 0x1D, 0x28, 0x3A, 0x33, 0x3D, 0x3C, 0x39, 0x33, 0x38, 0x37, 0x40,
    0x48, 0x5C, 0x4E, 0x40, 0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6D, 0x51,
    0x57, 0x5F, 0x62, 0x67, 0x68, 0x67, 0x3E, 0x4D, 0x71, 0x79, 0x70, 0x64,
    0x78, 0x5C, 0x65, 0x67, 0x63, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08,
    0x00, 0x08, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x04, 0xFF, 0xC4, 0x00, 0x16, 0x10, 0x00, 0x03, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x06, 0x43, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00,
    0x3F, 0x00, 0x3A, 0x54, 0xCF, 0xFF, 0xD9,
};

static const char NOT_VALID[] = "Berkas bukan JPEG, PNG atau PDF yang sah.";

static char dir[] = "/tmp/loket-test-filetype-XXXXXX";

/* Writes the path of fixture `name` in the temporary folder into out; returns out. */
static const char *path_of(const char *name, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", dir, name);
    return out;
}

static void write_fixture(const char *name, const void *data, size_t len)
{
    char p[512];
    FILE *f = fopen(path_of(name, p, sizeof p), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void copy_fixture(const char *from, const char *name)
{
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    static unsigned char data[1 << 20];
    size_t n = fread(data, 1, sizeof data, in);
    fclose(in);
    assert_true(n > 0);
    write_fixture(name, data, n);
}

static void draw_something(cairo_surface_t *s)
{
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.1, 0.4, 0.8);
    cairo_rectangle(cr, 2, 2, 12, 8);
    cairo_fill(cr);
    cairo_destroy(cr);
}

static int group_setup(void **state)
{
    if (!mkdtemp(dir)) return -1;
    char p[512];

    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 16, 12);
    draw_something(img);
    cairo_status_t st = cairo_surface_write_to_png(img, path_of("scan.png", p, sizeof p));
    cairo_surface_destroy(img);
    if (st != CAIRO_STATUS_SUCCESS) return -1;

    cairo_surface_t *pdf = cairo_pdf_surface_create(path_of("surat.pdf", p, sizeof p), 200, 100);
    draw_something(pdf);
    cairo_surface_finish(pdf);
    st = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    cairo_debug_reset_static_data();   /* so valgrind sees cairo's caches freed */
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static int group_teardown(void **state)
{
    filetype_cleanup();
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            remove(path_of(e->d_name, p, sizeof p));
    closedir(d);
    return rmdir(dir);
}

/* Runs filetype_check_file on fixture `name`; returns its code, with mime and msg. */
static lk_err check(const char *name, const char *allowed, const char **mime, const char **msg)
{
    char p[512];
    *mime = NULL;
    *msg = NULL;
    return filetype_check_file(path_of(name, p, sizeof p), allowed, mime, msg);
}

static void assert_accepted(const char *name, const char *allowed, const char *expected)
{
    const char *mime, *msg;
    lk_err e = check(name, allowed, &mime, &msg);
    if (e != LK_OK) fail_msg("%s refused (%s): %s", name, lk_err_name(e), msg);
    assert_string_equal(mime, expected);
}

static void assert_refused(const char *name, const char *allowed, lk_err code,
                           const char *expected_msg)
{
    const char *mime, *msg;
    lk_err e = check(name, allowed, &mime, &msg);
    if (e != code) fail_msg("%s: %s, expected %s", name, lk_err_name(e), lk_err_name(code));
    assert_null(mime);
    assert_non_null(msg);
    if (expected_msg) assert_string_equal(msg, expected_msg);
}

/* ---- sniffing bytes ---- */

static void test_sniff_signatures(void **state)
{
    assert_string_equal(filetype_sniff(tiny_jpeg, sizeof tiny_jpeg), "image/jpeg");
    static const unsigned char png[] = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x10";
    assert_string_equal(filetype_sniff(png, sizeof png - 1), "image/png");
    /* The signature alone, or followed by another chunk first, is not a PNG. */
    assert_null(filetype_sniff(png, 8));
    static const unsigned char png_no_ihdr[] = "\x89PNG\r\n\x1A\n\0\0\0\x0DIDAT";
    assert_null(filetype_sniff(png_no_ihdr, sizeof png_no_ihdr - 1));
    assert_string_equal(filetype_sniff((const unsigned char *)"%PDF-1.7\n", 9),
                        "application/pdf");
    assert_null(filetype_sniff((const unsigned char *)"%PDF-x", 6));
    assert_null(filetype_sniff((const unsigned char *)"%PDF-", 5));
    assert_null(filetype_sniff(tiny_jpeg, 2));
    assert_null(filetype_sniff((const unsigned char *)"", 0));
    assert_null(filetype_sniff((const unsigned char *)"GIF89a\x01\x00", 8));
    assert_null(filetype_sniff((const unsigned char *)"hello, world\n", 13));
}

static void test_sniff_pdf_header_within_1024_bytes(void **state)
{
    unsigned char head[2048];
    memset(head, 'x', sizeof head);
    memcpy(head + 1023, "%PDF-1.4", 8);   /* starts at the last allowed offset */
    assert_string_equal(filetype_sniff(head, sizeof head), "application/pdf");
    assert_null(filetype_sniff(head, 1023 + 5));   /* cut before the version digit */
    memset(head, 'x', sizeof head);
    memcpy(head + 1024, "%PDF-1.4", 8);   /* one byte too far */
    assert_null(filetype_sniff(head, sizeof head));
}

static void test_sniff_refuses_programs_and_markup_with_pdf_inside(void **state)
{
    static const char *const heads[] = {
        "\x7F" "ELF\x02\x01\x01 %PDF-1.4",
        "MZ\x90\x00 %PDF-1.4",
        "#!/bin/sh\n# %PDF-1.4\n",
        "<html><body>%PDF-1.4</body></html>",
        "\n  <svg xmlns=\"http://www.w3.org/2000/svg\"><!-- %PDF-1.4 --></svg>",
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        assert_null(filetype_sniff((const unsigned char *)heads[i], strlen(heads[i])));
}

static void test_extension(void **state)
{
    assert_string_equal(filetype_extension("image/jpeg"), "jpg");
    assert_string_equal(filetype_extension("image/png"), "png");
    assert_string_equal(filetype_extension("application/pdf"), "pdf");
    assert_null(filetype_extension("text/html"));
    assert_null(filetype_extension(NULL));
}

/* ---- checking files ---- */

static void test_real_files_are_accepted(void **state)
{
    write_fixture("ktp.jpg", tiny_jpeg, sizeof tiny_jpeg);
    assert_accepted("ktp.jpg", "pdf,jpg,png", "image/jpeg");
    assert_accepted("scan.png", "pdf,jpg,png", "image/png");
    assert_accepted("surat.pdf", "pdf,jpg,png", "application/pdf");
    /* The name does not matter, the content does. */
    write_fixture("ktp.pdf", tiny_jpeg, sizeof tiny_jpeg);
    assert_accepted("ktp.pdf", NULL, "image/jpeg");
}

static void test_allow_list(void **state)
{
    static const char not_here[] = "Jenis berkas ini tidak diterima untuk isian ini.";
    write_fixture("foto.jpg", tiny_jpeg, sizeof tiny_jpeg);
    assert_refused("surat.pdf", "jpg,png", LK_ERR_INVALID, not_here);
    assert_refused("foto.jpg", "pdf", LK_ERR_INVALID, not_here);
    assert_refused("scan.png", "pdfx,jpgpng,", LK_ERR_INVALID, not_here);
    assert_refused("scan.png", "", LK_ERR_INVALID, not_here);
    assert_accepted("foto.jpg", " JPEG , png", "image/jpeg");
    assert_accepted("foto.jpg", "jpg", "image/jpeg");
    assert_accepted("surat.pdf", "PDF", "application/pdf");
    assert_accepted("scan.png", "pdf,png", "image/png");
}

static void test_programs_are_refused(void **state)
{
    copy_fixture("/bin/true", "true");
    copy_fixture("/bin/true", "foto.jpg");
    copy_fixture("/bin/true", "surat.pdf.png");
    assert_refused("true", NULL, LK_ERR_INVALID, NOT_VALID);
    assert_refused("foto.jpg", "pdf,jpg,png", LK_ERR_INVALID, NOT_VALID);
    assert_refused("surat.pdf.png", "pdf,jpg,png", LK_ERR_INVALID, NOT_VALID);

    static const char script[] = "#!/bin/sh\n# %PDF-1.4\nrm -rf /\n";
    write_fixture("script.pdf", script, sizeof script - 1);
    assert_refused("script.pdf", "pdf", LK_ERR_INVALID, NOT_VALID);
    static const char page[] = "<html><script>alert(1)</script>%PDF-1.4</html>\n";
    write_fixture("page.pdf", page, sizeof page - 1);
    assert_refused("page.pdf", "pdf", LK_ERR_INVALID, NOT_VALID);
    static const char windows[] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0";
    write_fixture("setup.jpg", windows, sizeof windows - 1);
    assert_refused("setup.jpg", NULL, LK_ERR_INVALID, NOT_VALID);
}

static void test_other_content_is_refused(void **state)
{
    static const char text[] = "Surat keterangan domisili\nNama: Budi\n";
    write_fixture("surat.txt.pdf", text, sizeof text - 1);
    assert_refused("surat.txt.pdf", NULL, LK_ERR_INVALID, NOT_VALID);
    write_fixture("kosong.pdf", "", 0);
    assert_refused("kosong.pdf", NULL, LK_ERR_INVALID, "Berkas kosong.");
    static const unsigned char gif[] = "GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xFF\xFF\xFF!\xF9\x04"
                                       "\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0;";
    write_fixture("foto.gif.jpg", gif, sizeof gif - 1);
    assert_refused("foto.gif.jpg", NULL, LK_ERR_INVALID, NOT_VALID);

    /* Our sniffer sees "%PDF-" within 1024 bytes, libmagic sees text: the two opinions
     * disagree, so the file is refused. */
    char text_then_pdf[700];
    memset(text_then_pdf, 'a', sizeof text_then_pdf);
    memcpy(text_then_pdf + 600, "\n%PDF-1.4\n", 10);
    write_fixture("disagree.pdf", text_then_pdf, sizeof text_then_pdf);
    unsigned char head[sizeof text_then_pdf];
    memcpy(head, text_then_pdf, sizeof head);
    assert_string_equal(filetype_sniff(head, sizeof head), "application/pdf");
    assert_refused("disagree.pdf", NULL, LK_ERR_INVALID, NOT_VALID);
}

static void test_unreadable_paths(void **state)
{
    assert_refused("no-such-file.pdf", NULL, LK_ERR_IO, NULL);
    char p[512];
    assert_int_equal(mkdir(path_of("folder.pdf", p, sizeof p), 0700), 0);
    assert_refused("folder.pdf", NULL, LK_ERR_IO, NULL);
    /* A FIFO with no writer would block a plain open(); the check must return. */
    assert_int_equal(mkfifo(path_of("fifo.pdf", p, sizeof p), 0600), 0);
    assert_refused("fifo.pdf", NULL, LK_ERR_IO, NULL);
}

/* Threads share the one libmagic handle; they record results, the main thread asserts
 * (cmocka's asserts are not for other threads). */
enum { THREADS = 4, ROUNDS = 40 };

static void *check_many(void *arg)
{
    int *failures = arg;
    static const char *const names[] = {"ktp.jpg", "scan.png", "surat.pdf"};
    for (int i = 0; i < ROUNDS; i++) {
        const char *mime, *msg;
        if (check(names[i % 3], NULL, &mime, &msg) != LK_OK) (*failures)++;
    }
    return NULL;
}

static void test_threads_share_libmagic(void **state)
{
    write_fixture("ktp.jpg", tiny_jpeg, sizeof tiny_jpeg);
    filetype_cleanup();   /* the threads race to open the handle */
    pthread_t t[THREADS];
    int failures[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, check_many, &failures[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(failures[i], 0);
    }
    filetype_cleanup();
    assert_accepted("ktp.jpg", NULL, "image/jpeg");   /* reopened after cleanup */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff_signatures),
        cmocka_unit_test(test_sniff_pdf_header_within_1024_bytes),
        cmocka_unit_test(test_sniff_refuses_programs_and_markup_with_pdf_inside),
        cmocka_unit_test(test_extension),
        cmocka_unit_test(test_real_files_are_accepted),
        cmocka_unit_test(test_allow_list),
        cmocka_unit_test(test_programs_are_refused),
        cmocka_unit_test(test_other_content_is_refused),
        cmocka_unit_test(test_unreadable_paths),
        cmocka_unit_test(test_threads_share_libmagic),
    };
    return cmocka_run_group_tests_name("filetype", tests, group_setup, group_teardown);
}
