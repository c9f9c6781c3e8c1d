/* util/pdfdoc.c — an A4 PDF that flows onto further pages (see pdfdoc.h). */
#include "util/pdfdoc.h"
#include "util/alloc.h"
#include "util/png_image.h"
#include <cairo-pdf.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT "DejaVu Sans"
#define QR_QUIET_MODULES 4

struct pdfdoc {
    cairo_surface_t *surface;
    cairo_t *cr;
    double y;
    int page;
    char *footer;
    char page_word[40];   /* "Halaman", or the document's language's word for it */
    pdfdoc_page_hook hook;
    void *hook_ctx;
};

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_put(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

pdfdoc *pdfdoc_new(buf *out, const char *title, const char *author, const char *footer)
{
    pdfdoc *d = xcalloc(1, sizeof *d);
    d->surface = cairo_pdf_surface_create_for_stream(append_to_buf, out, PDF_PAGE_W, PDF_PAGE_H);
    if (title) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
    if (author) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
    d->cr = cairo_create(d->surface);
    d->footer = footer ? xstrdup(footer) : NULL;
    d->page = 1;
    strcpy(d->page_word, "Halaman");
    d->y = PDF_MARGIN;
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    return d;
}

void pdfdoc_set_page_word(pdfdoc *d, const char *word)
{
    snprintf(d->page_word, sizeof d->page_word, "%s", word && *word ? word : "Halaman");
}

void pdfdoc_on_new_page(pdfdoc *d, pdfdoc_page_hook hook, void *ctx)
{
    d->hook = hook;
    d->hook_ctx = ctx;
}

/* The footer line and the page number of the page being ended. */
static void page_footer(pdfdoc *d)
{
    cairo_save(d->cr);
    pdfdoc_font(d, 7.5, 0);
    pdfdoc_color(d, 0.45, 0.45, 0.45);
    if (d->footer) pdfdoc_text_at(d, PDF_MARGIN, PDF_PAGE_H - 32, d->footer);
    char n[64];
    snprintf(n, sizeof n, "%s %d", d->page_word, d->page);
    pdfdoc_text_at(d, PDF_PAGE_W - PDF_MARGIN - pdfdoc_text_width(d, n), PDF_PAGE_H - 32, n);
    cairo_restore(d->cr);
}

void pdfdoc_new_page(pdfdoc *d)
{
    page_footer(d);
    cairo_show_page(d->cr);
    d->page++;
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    d->y = PDF_MARGIN;
    if (d->hook) d->y = d->hook(d, d->hook_ctx);
}

lk_err pdfdoc_finish(pdfdoc *d)
{
    page_footer(d);
    cairo_show_page(d->cr);
    cairo_status_t status = cairo_status(d->cr);
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    free(d->footer);
    free(d);
    return status == CAIRO_STATUS_SUCCESS ? LK_OK : LK_ERR_INTERNAL;
}

cairo_t *pdfdoc_cr(pdfdoc *d) { return d->cr; }
int pdfdoc_page(const pdfdoc *d) { return d->page; }
double pdfdoc_y(const pdfdoc *d) { return d->y; }
void pdfdoc_set_y(pdfdoc *d, double y) { d->y = y; }

int pdfdoc_need(pdfdoc *d, double height)
{
    if (d->y + height <= PDF_PAGE_H - PDF_BOTTOM) return 0;
    pdfdoc_new_page(d);
    return 1;
}

void pdfdoc_font(pdfdoc *d, double size, int bold)
{
    cairo_select_font_face(d->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(d->cr, size);
}

void pdfdoc_color(pdfdoc *d, double r, double g, double b)
{
    cairo_set_source_rgb(d->cr, r, g, b);
}

double pdfdoc_text_width(pdfdoc *d, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(d->cr, s, &e);
    return e.x_advance;
}

void pdfdoc_text_at(pdfdoc *d, double x, double y, const char *s)
{
    cairo_move_to(d->cr, x, y);
    cairo_show_text(d->cr, s);
}

void pdfdoc_text_centered(pdfdoc *d, double y, const char *s)
{
    pdfdoc_text_at(d, (PDF_PAGE_W - pdfdoc_text_width(d, s)) / 2, y, s);
}

void pdfdoc_rule(pdfdoc *d, double y, double width)
{
    cairo_set_line_width(d->cr, width);
    cairo_move_to(d->cr, PDF_MARGIN, y);
    cairo_line_to(d->cr, PDF_PAGE_W - PDF_MARGIN, y);
    cairo_stroke(d->cr);
}

/* Length of the longest prefix of s[0..n) (ending on a UTF-8 character boundary, at least
 * one character) that fits in width. */
static size_t fitting_prefix(pdfdoc *d, const char *s, size_t n, double width, buf *scratch)
{
    size_t best = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) continue;   /* inside a character */
        buf_reset(scratch);
        buf_put(scratch, s, i);
        if (best && pdfdoc_text_width(d, buf_str(scratch)) > width) break;
        best = i;
    }
    return best;
}

/* Calls emit(line) for every line of s wrapped to width; returns the count.  emit may be
 * NULL (measuring only). */
typedef void (*line_fn)(pdfdoc *d, const char *line, void *ctx);
static int each_line(pdfdoc *d, double width, const char *s, line_fn emit, void *ctx)
{
    buf line = BUF_INIT, trial = BUF_INIT, scratch = BUF_INIT;
    const char *p = s ? s : "";
    int lines = 0;
    for (;;) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (!n && !*p) break;
        buf_reset(&trial);
        buf_printf(&trial, "%s%s%.*s", buf_str(&line), line.len ? " " : "", (int)n, p);
        if (pdfdoc_text_width(d, buf_str(&trial)) <= width) {
            buf_reset(&line);
            buf_puts(&line, buf_str(&trial));
            p += n;
            continue;
        }
        if (!line.len) {   /* one word wider than the column: break it */
            size_t fit = fitting_prefix(d, p, n, width, &scratch);
            buf_put(&line, p, fit);
            p += fit;
        }
        if (emit) emit(d, buf_str(&line), ctx);
        lines++;
        buf_reset(&line);
    }
    if (line.len) {
        if (emit) emit(d, buf_str(&line), ctx);
        lines++;
    }
    buf_free(&line);
    buf_free(&trial);
    buf_free(&scratch);
    return lines;
}

typedef struct {
    double x, y, leading;
    int centered, flow;
} line_pos;

static void draw_line(pdfdoc *d, const char *line, void *ctx)
{
    line_pos *lp = ctx;
    if (lp->flow) {
        pdfdoc_need(d, lp->leading);
        lp->y = d->y;
    }
    if (lp->centered) pdfdoc_text_centered(d, lp->y, line);
    else pdfdoc_text_at(d, lp->x, lp->y, line);
    lp->y += lp->leading;
    if (lp->flow) d->y = lp->y;
}

double pdfdoc_wrap(pdfdoc *d, double x, double y, double width, double leading, int centered, const char *s)
{
    line_pos lp = {x, y, leading, centered, 0};
    each_line(d, width, s, draw_line, &lp);
    return lp.y;
}

int pdfdoc_lines(pdfdoc *d, double width, const char *s)
{
    return each_line(d, width, s, NULL, NULL);
}

void pdfdoc_paragraph(pdfdoc *d, double x, double width, double leading, const char *s)
{
    line_pos lp = {x, d->y, leading, 0, 1};
    each_line(d, width, s, draw_line, &lp);
}

void pdfdoc_field(pdfdoc *d, double label_w, const char *label, const char *value)
{
    const double colon_x = PDF_MARGIN + label_w, value_x = colon_x + 10;
    const double width = PDF_PAGE_W - PDF_MARGIN - value_x;
    const char *v = value && *value ? value : "-";
    pdfdoc_font(d, 10, 0);
    int lines = pdfdoc_lines(d, width, v);
    int label_lines = pdfdoc_lines(d, label_w - 4, label);
    pdfdoc_need(d, 14.0 * (lines > label_lines ? lines : label_lines));
    pdfdoc_wrap(d, PDF_MARGIN, d->y, label_w - 4, 14, 0, label);
    pdfdoc_text_at(d, colon_x, d->y, ":");
    double after = pdfdoc_wrap(d, value_x, d->y, width, 14, 0, v);
    double label_after = d->y + 14.0 * label_lines;
    d->y = (after > label_after ? after : label_after) + 4;
}

double pdfdoc_letterhead(pdfdoc *d, const char *instansi_name, const char *office_name,
                         const char *office_address)
{
    const double width = PDF_PAGE_W - 2 * PDF_MARGIN;
    double y = PDF_MARGIN;
    pdfdoc_color(d, 0, 0, 0);
    pdfdoc_font(d, 11, 1);
    y = pdfdoc_wrap(d, PDF_MARGIN, y, width, 15, 1, instansi_name);
    pdfdoc_font(d, 13, 1);
    y = pdfdoc_wrap(d, PDF_MARGIN, y, width, 17, 1, office_name);
    if (office_address && *office_address) {
        pdfdoc_font(d, 9, 0);
        y = pdfdoc_wrap(d, PDF_MARGIN, y, width, 12, 1, office_address);
    }
    y -= 4;
    pdfdoc_rule(d, y, 2.0);
    pdfdoc_rule(d, y + 3, 0.6);
    d->y = y + 34;
    return d->y;
}

lk_err pdfdoc_qr(pdfdoc *d, double x, double y, double side, const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return LK_ERR_INTERNAL;
    cairo_t *cr = d->cr;
    const double module = side / (qr->width + 2 * QR_QUIET_MODULES);
    const double x0 = x + QR_QUIET_MODULES * module, y0 = y + QR_QUIET_MODULES * module;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int row = 0; row < qr->width; row++) {
        for (int col = 0; col < qr->width;) {
            if (!(qr->data[row * qr->width + col] & 1)) {
                col++;
                continue;
            }
            int end = col;
            while (end < qr->width && (qr->data[row * qr->width + end] & 1)) end++;
            cairo_rectangle(cr, x0 + col * module, y0 + row * module, (end - col) * module, module);
            col = end;
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
    QRcode_free(qr);
    return LK_OK;
}

double pdfdoc_png(pdfdoc *d, double x, double y, double max_w, double max_h, const unsigned char *png, size_t n)
{
    cairo_surface_t *img = png_image_surface(png, n);
    if (!img) return 0;
    double w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    double scale = max_w / w < max_h / h ? max_w / w : max_h / h;
    cairo_t *cr = d->cr;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    return h * scale;
}
