/* domain/surat/a4.h — drawing one-page A4 documents with cairo: the office letterhead,
 * wrapped text, "label : value" fields, rules, and the PDF surface around a drawing
 * function.  Used by the bukti pendaftaran (domain/permohonan/receipt.c) and the
 * counter's handover sheet (domain/akun/serah_terima.c).  Coordinates are points from
 * the top-left corner; y is a text baseline. */
#ifndef LOKET_A4_H
#define LOKET_A4_H
#include <cairo.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define A4_W 595.28   /* A4 in points */
#define A4_H 841.89
#define A4_MARGIN 56.0

void a4_font(cairo_t *cr, double size, int bold);   /* DejaVu Sans */
double a4_text_width(cairo_t *cr, const char *s);
void a4_text_at(cairo_t *cr, double x, double y, const char *s);
void a4_text_centered(cairo_t *cr, double y, const char *s);
/* Draws s word-wrapped in [x, x + width) from baseline y (centered on the page when
 * `centered`); returns the baseline after the last line. */
double a4_wrap(cairo_t *cr, double x, double y, double width, double leading, int centered, const char *s);
/* A horizontal rule across the text column at y, `width` points thick. */
void a4_rule(cairo_t *cr, double y, double width);
/* "label : value" in 10 pt, the value wrapped in its column ("-" when empty); returns
 * the next baseline. */
double a4_field(cairo_t *cr, double y, const char *label, const char *value);
/* The instansi and office names centred over a double rule; returns the baseline where
 * the document's title goes. */
double a4_letterhead(cairo_t *cr, const char *instansi_name, const char *office_name, const char *office_address);

/* Draws one page; `a` is scratch memory freed after the page. */
typedef lk_err (*a4_draw_fn)(cairo_t *cr, const void *ctx, arena *a);
/* Appends a one-page PDF drawn by `draw` to out, with its title and author metadata.
 * LK_ERR_INTERNAL when cairo fails (out may then hold part of a file: discard it);
 * otherwise what `draw` returned. */
lk_err a4_render(a4_draw_fn draw, const void *ctx, const char *title, const char *author, buf *out);

#endif
