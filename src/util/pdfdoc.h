/* util/pdfdoc.h — an A4 PDF written top to bottom that flows onto further pages: the
 * drawing both the bukti pendaftaran (domain/permohonan/receipt.c) and the permit
 * (domain/izin/izin_pdf.c) are made of.
 *
 * cairo's toy text API with DejaVu Sans (fonts-dejavu-core) keeps files small (only the
 * glyphs used are embedded); long texts are wrapped by measuring words, and a word wider
 * than the column (an address, a URL) is broken between characters.  The QR code comes
 * from libqrencode, drawn as one rectangle per run of dark modules.
 *
 * A document keeps a cursor `y` (the next baseline).  pdfdoc_need(d, h) starts a new page
 * when h points no longer fit above the bottom margin; the page hook (if any) then draws
 * the new page's running header and returns where content starts.  Every page gets the
 * footer line and "Halaman n".
 *
 * Ownership: the document appends to the caller's buf; pdfdoc_finish frees the document
 * (not the buf) and says whether cairo succeeded. */
#ifndef LOKET_PDFDOC_H
#define LOKET_PDFDOC_H
#include <cairo.h>
#include "util/buf.h"
#include "util/err.h"

#define PDF_PAGE_W 595.28   /* A4 in points */
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 56.0
#define PDF_BOTTOM 44.0     /* content stops this far above the page's lower edge (the footer is below) */

typedef struct pdfdoc pdfdoc;
/* Draws the running header of a continuation page; returns the first baseline. */
typedef double (*pdfdoc_page_hook)(pdfdoc *d, void *ctx);

/* A document whose bytes go to out.  title/author go into the PDF's metadata; footer
 * (may be NULL) is printed small at the bottom of every page. */
pdfdoc *pdfdoc_new(buf *out, const char *title, const char *author, const char *footer);
void pdfdoc_on_new_page(pdfdoc *d, pdfdoc_page_hook hook, void *ctx);
/* The word before the page number in the footer (default "Halaman"; an English document
 * passes "Page"). */
void pdfdoc_set_page_word(pdfdoc *d, const char *word);
/* Ends the last page and the file; LK_ERR_INTERNAL when cairo failed.  Frees d. */
lk_err pdfdoc_finish(pdfdoc *d);

cairo_t *pdfdoc_cr(pdfdoc *d);
int pdfdoc_page(const pdfdoc *d);           /* 1-based number of the current page */
double pdfdoc_y(const pdfdoc *d);
void pdfdoc_set_y(pdfdoc *d, double y);
/* Starts a new page when `height` points do not fit below y; returns 1 if it did. */
int pdfdoc_need(pdfdoc *d, double height);
void pdfdoc_new_page(pdfdoc *d);

void pdfdoc_font(pdfdoc *d, double size, int bold);
void pdfdoc_color(pdfdoc *d, double r, double g, double b);
double pdfdoc_text_width(pdfdoc *d, const char *s);
void pdfdoc_text_at(pdfdoc *d, double x, double y, const char *s);
void pdfdoc_text_centered(pdfdoc *d, double y, const char *s);
void pdfdoc_rule(pdfdoc *d, double y, double width);

/* Draws s word-wrapped in [x, x + width) from baseline y (centred on the page when
 * `centered`), without page breaks; returns the baseline after the last line. */
double pdfdoc_wrap(pdfdoc *d, double x, double y, double width, double leading, int centered,
                   const char *s);
/* How many lines pdfdoc_wrap would draw. */
int pdfdoc_lines(pdfdoc *d, double width, const char *s);
/* Draws s wrapped at the cursor, breaking onto new pages between lines; moves y. */
void pdfdoc_paragraph(pdfdoc *d, double x, double width, double leading, const char *s);
/* "label : value" at the cursor, the value wrapped in its column (label column
 * `label_w` wide), kept on one page; moves y. */
void pdfdoc_field(pdfdoc *d, double label_w, const char *label, const char *value);

/* The letterhead at the top of the page: the instansi and the office centred in bold, the
 * office's address (may be NULL) small, over a double rule.  Moves y to the first
 * baseline under it and returns it. */
double pdfdoc_letterhead(pdfdoc *d, const char *instansi_name, const char *office_name,
                         const char *office_address);

/* The QR code of text, `side` points square including a 4-module quiet zone, its
 * top-left corner at (x, y).  LK_ERR_INTERNAL when libqrencode refuses. */
lk_err pdfdoc_qr(pdfdoc *d, double x, double y, double side, const char *text);

/* A PNG image (checked beforehand, util/png_image.h) scaled into the box of max_w ×
 * max_h points with its top-left corner at (x, y), its aspect kept; returns the height
 * drawn, 0 when it does not decode (nothing drawn). */
double pdfdoc_png(pdfdoc *d, double x, double y, double max_w, double max_h, const unsigned char *png, size_t n);

#endif
