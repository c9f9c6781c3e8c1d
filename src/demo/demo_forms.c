/* demo/demo_forms.c — the demo's blank forms as PDFs (see demo_forms.h).
 *
 * Layout: the office as letterhead, a rule, the title, the addressee, then one labelled
 * dotted line per field, the closing statement wrapped to the page width and a signature
 * block with room for the meterai.  DejaVu Sans (fonts-dejavu-core) covers "×" and "²". */
#include "demo/demo_forms.h"
#include "util/alloc.h"
#include "util/buf.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_W 595.28   /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 64.0
#define FONT "DejaVu Sans"

static void set_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

static void text_centered(cairo_t *cr, double y, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    text_at(cr, (PAGE_W - e.x_advance) / 2, y, s);
}

/* Draws `s` word-wrapped between the margins from baseline y; returns the next baseline. */
static double paragraph(cairo_t *cr, double y, const char *s, double leading)
{
    buf line = BUF_INIT, word = BUF_INIT;
    const double width = PAGE_W - 2 * MARGIN;
    const char *p = s;
    while (*p) {
        buf_reset(&word);
        while (*p == ' ') p++;
        while (*p && *p != ' ') buf_putc(&word, *p++);
        if (!word.len) break;
        buf trial = BUF_INIT;
        buf_printf(&trial, "%s%s%s", buf_str(&line), line.len ? " " : "", buf_str(&word));
        cairo_text_extents_t e;
        cairo_text_extents(cr, buf_str(&trial), &e);
        if (e.x_advance > width && line.len) {
            text_at(cr, MARGIN, y, buf_str(&line));
            y += leading;
            buf_reset(&line);
            buf_puts(&line, buf_str(&word));
        } else {
            buf_reset(&line);
            buf_puts(&line, buf_str(&trial));
        }
        buf_free(&trial);
    }
    if (line.len) {
        text_at(cr, MARGIN, y, buf_str(&line));
        y += leading;
    }
    buf_free(&line);
    buf_free(&word);
    return y;
}

static void draw_form(cairo_t *cr, const demo_form *form, const demo_instansi *inst)
{
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = MARGIN + 10;
    set_font(cr, 11, 1);
    text_centered(cr, y, inst->name);
    y += 16;
    set_font(cr, 10, 0);
    text_centered(cr, y, inst->office_name);
    y += 10;
    cairo_set_line_width(cr, 1.2);
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_stroke(cr);
    y += 34;

    set_font(cr, 13, 1);
    text_centered(cr, y, form->title);
    y += 36;

    set_font(cr, 10, 0);
    text_at(cr, MARGIN, y, "Kepada Yth.");
    y += 14;
    char *to = NULL;
    if (asprintf(&to, "Kepala %s", inst->office_name) < 0) lk_oom(0);
    y = paragraph(cr, y, to, 14);
    free(to);
    text_at(cr, MARGIN, y, "di");
    text_at(cr, MARGIN + 20, y, inst->city);
    y += 28;

    text_at(cr, MARGIN, y, form->intro);
    y += 24;
    const double colon_x = MARGIN + 210;
    cairo_set_line_width(cr, 0.6);
    const double dash[] = {1.0, 2.0};
    for (const char *const *label = form->lines; *label; label++) {
        text_at(cr, MARGIN, y, *label);
        text_at(cr, colon_x, y, ":");
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, colon_x + 10, y + 2);
        cairo_line_to(cr, PAGE_W - MARGIN, y + 2);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        y += 24;
    }
    y += 8;
    y = paragraph(cr, y, form->closing, 15);

    y += 30;
    const double sign_x = PAGE_W - MARGIN - 190;
    char *place = NULL;
    if (asprintf(&place, "%s, ........................ 20....", inst->city) < 0) lk_oom(0);
    text_at(cr, sign_x, y, place);
    free(place);
    y += 16;
    text_at(cr, sign_x, y, form->signer ? form->signer : "Pemohon,");
    set_font(cr, 8, 0);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    text_at(cr, sign_x, y + 34, "Meterai Rp10.000");
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 10, 0);
    y += 80;
    text_at(cr, sign_x, y, "(......................................)");

    set_font(cr, 7, 0);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    text_at(cr, MARGIN, PAGE_H - 36, "Formulir ini dapat diunduh dari Loket dan diunggah kembali "
                                     "setelah diisi dan ditandatangani.");
}

static lk_err hash_file(const char *path, char sha256_hex[65], int64_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return LK_ERR_IO;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char chunk[16384], digest[crypto_hash_sha256_BYTES];
    size_t got;
    int64_t total = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        crypto_hash_sha256_update(&st, chunk, got);
        total += (int64_t)got;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) return LK_ERR_IO;
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(sha256_hex, 65, digest, sizeof digest);
    *size = total;
    return LK_OK;
}

lk_err demo_form_write(const demo_form *form, const demo_instansi *inst, const char *path,
                       char sha256_hex[65], int64_t *size, char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.tmp", path) < 0) lk_oom(0);

    cairo_surface_t *surface = cairo_pdf_surface_create(tmp, PAGE_W, PAGE_H);
    /* Fixed metadata so a second run writes the same bytes (same sha256). */
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, form->title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, inst->office_name);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
    cairo_t *cr = cairo_create(surface);
    draw_form(cr, form, inst);
    cairo_show_page(cr);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "writing %s: %s", tmp, cairo_status_to_string(status));
        rc = LK_ERR_IO;
        goto out;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, errlen, "renaming %s into place failed", tmp);
        rc = LK_ERR_IO;
        goto out;
    }
    rc = hash_file(path, sha256_hex, size);
    if (rc) snprintf(err, errlen, "reading back %s failed", path);
out:
    if (rc) unlink(tmp);
    free(tmp);
    return rc;
}
