/* domain/surat/a4.c — drawing A4 documents with cairo (see a4.h).
 *
 * cairo's toy text API with DejaVu Sans keeps the files small (only the glyphs used are
 * embedded); long texts are wrapped by measuring words, and a word wider than the column
 * (an address) is broken between characters. */
#include "domain/surat/a4.h"
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#define A4_FONT "DejaVu Sans"

void a4_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, A4_FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double a4_text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void a4_text_at(cairo_t *cr, double x, double y, const char *s)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

void a4_text_centered(cairo_t *cr, double y, const char *s)
{
    a4_text_at(cr, (A4_W - a4_text_width(cr, s)) / 2, y, s);
}

/* Length of the longest prefix of s[0..n) (ending on a UTF-8 character boundary, at least
 * one character) that fits in width. */
static size_t fitting_prefix(cairo_t *cr, const char *s, size_t n, double width, buf *scratch)
{
    size_t best = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) continue;   /* inside a character */
        buf_reset(scratch);
        buf_put(scratch, s, i);
        if (best && a4_text_width(cr, buf_str(scratch)) > width) break;
        best = i;
    }
    return best;
}

/* Draws s word-wrapped in [x, x + width) from baseline y (centered on the page when
 * `centered`); returns the baseline after the last line. */
double a4_wrap(cairo_t *cr, double x, double y, double width, double leading, int centered,
                   const char *s)
{
    buf line = BUF_INIT, trial = BUF_INIT, scratch = BUF_INIT;
    const char *p = s ? s : "";
    for (;;) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (!n && !*p) break;
        buf_reset(&trial);
        buf_printf(&trial, "%s%s%.*s", buf_str(&line), line.len ? " " : "", (int)n, p);
        if (a4_text_width(cr, buf_str(&trial)) <= width) {
            buf_reset(&line);
            buf_puts(&line, buf_str(&trial));
            p += n;
            continue;
        }
        if (!line.len) {   /* one word wider than the column: break it */
            size_t fit = fitting_prefix(cr, p, n, width, &scratch);
            buf_put(&line, p, fit);
            p += fit;
        }
        if (centered) a4_text_centered(cr, y, buf_str(&line));
        else a4_text_at(cr, x, y, buf_str(&line));
        y += leading;
        buf_reset(&line);
    }
    if (line.len) {
        if (centered) a4_text_centered(cr, y, buf_str(&line));
        else a4_text_at(cr, x, y, buf_str(&line));
        y += leading;
    }
    buf_free(&line);
    buf_free(&trial);
    buf_free(&scratch);
    return y;
}

void a4_rule(cairo_t *cr, double y, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, A4_MARGIN, y);
    cairo_line_to(cr, A4_W - A4_MARGIN, y);
    cairo_stroke(cr);
}

/* "label : value", the value wrapped in its column; returns the next baseline. */
double a4_field(cairo_t *cr, double y, const char *label, const char *value)
{
    const double colon_x = A4_MARGIN + 128, value_x = colon_x + 10;
    a4_font(cr, 10, 0);
    a4_text_at(cr, A4_MARGIN, y, label);
    a4_text_at(cr, colon_x, y, ":");
    return a4_wrap(cr, value_x, y, A4_W - A4_MARGIN - value_x, 14, 0, value && *value ? value : "-") + 4;
}

double a4_letterhead(cairo_t *cr, const char *instansi_name, const char *office_name, const char *office_address)
{
    const double width = A4_W - 2 * A4_MARGIN;
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = A4_MARGIN;
    a4_font(cr, 11, 1);
    y = a4_wrap(cr, A4_MARGIN, y, width, 15, 1, instansi_name);
    a4_font(cr, 13, 1);
    y = a4_wrap(cr, A4_MARGIN, y, width, 17, 1, office_name);
    if (office_address && *office_address) {
        a4_font(cr, 9, 0);
        y = a4_wrap(cr, A4_MARGIN, y, width, 12, 1, office_address);
    }
    y -= 4;
    a4_rule(cr, y, 2.0);
    a4_rule(cr, y + 3, 0.6);
    return y + 34;
}

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_put(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

lk_err a4_render(a4_draw_fn draw, const void *ctx, const char *title, const char *author, buf *out)
{
    arena *a = arena_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append_to_buf, out, A4_W, A4_H);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
    cairo_t *cr = cairo_create(surface);
    lk_err rc = draw(cr, ctx, a);
    cairo_show_page(cr);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (!rc && status != CAIRO_STATUS_SUCCESS) rc = LK_ERR_INTERNAL;
    arena_free(a);
    return rc;
}
