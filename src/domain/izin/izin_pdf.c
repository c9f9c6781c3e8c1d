/* domain/izin/izin_pdf.c — the permit PDF (see izin_pdf.h); drawing with util/pdfdoc.h. */
#include "domain/izin/izin_pdf.h"
#include "util/pdfdoc.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MARGIN PDF_MARGIN
#define PAGE_W PDF_PAGE_W
#define TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)
#define QR_SIDE 136.0      /* 48 mm with the quiet zone: the code is long */
#define LEADING 14.5
#define IMAGE_H 56.0       /* the signer's image at most 2 cm high */

lk_err izin_template_fill(arena *a, const char *text, const izin_var *vars, const char **out, const char **unknown)
{
    buf b = BUF_INIT;
    *unknown = NULL;
    for (const char *p = text; *p;) {
        const char *open = strchr(p, '{');
        if (!open) {
            buf_puts(&b, p);
            break;
        }
        buf_put(&b, p, (size_t)(open - p));
        const char *close = strchr(open, '}');
        size_t n = close ? (size_t)(close - open - 1) : 0;
        if (!close || n == 0 || n > 60) {
            *unknown = arena_strndup(a, open, close ? (size_t)(close - open + 1) : strlen(open));
            buf_free(&b);
            return LK_ERR_INVALID;
        }
        const char *value = NULL;
        if (n == 7 && memcmp(open + 1, "rincian", 7) == 0) value = "{rincian}";
        for (size_t i = 0; !value && vars[i].key; i++)
            if (strlen(vars[i].key) == n && memcmp(vars[i].key, open + 1, n) == 0) value = vars[i].value;
        if (!value) {
            *unknown = arena_strndup(a, open, n + 2);
            buf_free(&b);
            return LK_ERR_INVALID;
        }
        buf_puts(&b, value);
        p = close + 1;
    }
    *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return LK_OK;
}

static double continued(pdfdoc *d, void *ctx)
{
    const izin_pdf_doc *z = ctx;
    pdfdoc_font(d, 9, 0);
    pdfdoc_color(d, 0.3, 0.3, 0.3);
    char line[300];
    snprintf(line, sizeof line, "%s Nomor %s (lanjutan)", z->judul, z->nomor);
    double y = pdfdoc_wrap(d, MARGIN, MARGIN, TEXT_W, 12, 0, line);
    pdfdoc_color(d, 0, 0, 0);
    return y + 12;
}

/* Capitals of ASCII letters; other characters as they are. */
static char *upper(arena *a, const char *s)
{
    char *u = arena_strdup(a, s);
    for (char *p = u; *p; p++) *p = (char)toupper((unsigned char)*p);
    return u;
}

static void details(pdfdoc *d, const izin_pdf_doc *z)
{
    for (size_t i = 0; i < z->n_rows; i++) {
        pdfdoc_color(d, 0, 0, 0);
        pdfdoc_field(d, 150, z->rows[i].label, z->rows[i].value);
    }
    pdfdoc_set_y(d, pdfdoc_y(d) + 6);
}

/* Paragraphs separated by blank lines; "{rincian}" alone is the details table. */
static void body(pdfdoc *d, arena *a, const izin_pdf_doc *z)
{
    int table_done = 0;
    const char *p = z->isi ? z->isi : "";
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *para = arena_strndup(a, p, n);
        for (char *q = para; *q; q++)
            if (*q == '\n' || *q == '\r') *q = ' ';
        if (strcmp(para, "{rincian}") == 0) {
            details(d, z);
            table_done = 1;
        } else if (*para) {
            pdfdoc_font(d, 10.5, 0);
            pdfdoc_paragraph(d, MARGIN, TEXT_W, LEADING, para);
            pdfdoc_set_y(d, pdfdoc_y(d) + 8);
        }
        p = end ? end + 2 : p + n;
    }
    if (!table_done) details(d, z);
}

/* The signer's block on the right and the QR with how to verify on the left, or mirrored
 * (z->signer_left, the template's Letak Tanda Tangan). */
static lk_err closing(pdfdoc *d, arena *a, const izin_pdf_doc *z, izin_pdf_place *where)
{
    const double block_h = QR_SIDE + 70;
    pdfdoc_need(d, block_h);
    double y = pdfdoc_y(d) + 10;
    const double half = PAGE_W / 2 + 20;   /* where the right column starts */
    const double sx = z->signer_left ? MARGIN : half, sw = z->signer_left ? half - 36 - MARGIN : PAGE_W - MARGIN - sx;
    pdfdoc_font(d, 10.5, 0);
    double sy = pdfdoc_wrap(d, sx, y + 10, sw, LEADING, 0, arena_printf(a, "Ditetapkan pada tanggal %s", z->tanggal));
    pdfdoc_font(d, 10.5, 1);
    sy = pdfdoc_wrap(d, sx, sy, sw, LEADING, 0, z->signer_jabatan && *z->signer_jabatan ? z->signer_jabatan : "Penandatangan");
    pdfdoc_font(d, 8.5, 0);
    pdfdoc_color(d, 0.1, 0.35, 0.2);
    sy = pdfdoc_wrap(d, sx, sy + 10, sw, 11, 0, "Ditandatangani secara elektronik");
    pdfdoc_color(d, 0, 0, 0);
    /* The signer's image between the words and the name; the block is as tall without. */
    double drawn = z->signer_image ? pdfdoc_png(d, sx, sy, sw, IMAGE_H, z->signer_image, z->signer_image_len) : 0;
    sy += drawn > 0 ? drawn + 16 : 22;
    pdfdoc_font(d, 10.5, 1);
    sy = pdfdoc_wrap(d, sx, sy, sw, LEADING, 0, z->signer_nama);
    pdfdoc_font(d, 10, 0);
    if (z->signer_nip && *z->signer_nip) sy = pdfdoc_wrap(d, sx, sy, sw, LEADING, 0, arena_printf(a, "NIP. %s", z->signer_nip));
    if (where)
        *where = (izin_pdf_place){pdfdoc_page(d) - 1, sx - 4, PDF_PAGE_H - (sy - LEADING + 6), sx + sw + 4,
                                  PDF_PAGE_H - y};

    const double qx = z->signer_left ? half : MARGIN, qw = z->signer_left ? PAGE_W - MARGIN - qx : sx - 16 - qx;
    lk_err rc = pdfdoc_qr(d, qx - 8, y, QR_SIDE, z->verify_url);
    if (rc) return rc;
    double qy = y + QR_SIDE + 8;
    pdfdoc_font(d, 8.5, 1);
    qy = pdfdoc_wrap(d, qx, qy, qw, 11, 0, "Pindai kode QR untuk memeriksa keaslian izin ini,");
    pdfdoc_font(d, 8.5, 0);
    qy = pdfdoc_wrap(d, qx, qy, qw, 11, 0, arena_printf(a, "atau buka %s dan masukkan nomor izin dengan kode %s.",
                                                        z->cek_url, z->kode));
    pdfdoc_set_y(d, (qy > sy ? qy : sy) + 6);
    return LK_OK;
}

static lk_err draw(pdfdoc *d, arena *a, const izin_pdf_doc *z, izin_pdf_place *where)
{
    double y = pdfdoc_letterhead(d, upper(a, z->instansi_name), upper(a, z->office_name), z->office_address);
    pdfdoc_font(d, 14, 1);
    y = pdfdoc_wrap(d, MARGIN, y, TEXT_W, 18, 1, upper(a, z->judul));
    pdfdoc_font(d, 11, 0);
    y = pdfdoc_wrap(d, MARGIN, y + 2, TEXT_W, 15, 1, arena_printf(a, "Nomor: %s", z->nomor)) + 18;
    pdfdoc_set_y(d, y);
    body(d, a, z);
    return closing(d, a, z, where);
}

lk_err izin_pdf(const izin_pdf_doc *z, buf *out)
{
    return izin_pdf_placed(z, out, NULL);
}

lk_err izin_pdf_placed(const izin_pdf_doc *z, buf *out, izin_pdf_place *where)
{
    if (!z->nomor || !*z->nomor || !z->verify_url || !*z->verify_url || !z->judul || !z->office_name)
        return LK_ERR_INVALID;
    arena *a = arena_new();
    pdfdoc *d = pdfdoc_new(out, arena_printf(a, "%s %s", z->judul, z->nomor), z->office_name,
                           arena_printf(a, "Nomor %s · kunci penandatangan %s · Loket", z->nomor, z->kid ? z->kid : "-"));
    pdfdoc_on_new_page(d, continued, (void *)z);
    lk_err rc = draw(d, a, z, where);
    lk_err done = pdfdoc_finish(d);
    arena_free(a);
    return rc ? rc : done;
}
