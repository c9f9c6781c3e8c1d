/* domain/permohonan/receipt.c — the bukti pendaftaran as a one-page A4 PDF (see receipt.h).
 *
 * Layout, top to bottom: the office as letterhead over a double rule, the title and the
 * number, labelled fields, the requirement table (✓ for each fulfilled one), the SLA due
 * date in a shaded box, then the QR code with the tracking address and how to use it.
 * cairo's toy text API with DejaVu Sans keeps the file small (only the glyphs used are
 * embedded); long texts are wrapped by measuring words, and a word wider than the column
 * (an address) is broken between characters. */
#include "domain/permohonan/receipt.h"
#include "util/arena.h"
#include "util/datetime.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.28   /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.0
#define FONT "DejaVu Sans"
#define QR_SIDE_PT 119.0   /* 42 mm including the quiet zone */
#define QR_QUIET_MODULES 4
#define WIB_OFFSET_S (7 * 3600)

static void set_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

static void text_centered(cairo_t *cr, double y, const char *s)
{
    text_at(cr, (PAGE_W - text_width(cr, s)) / 2, y, s);
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
        if (best && text_width(cr, buf_str(scratch)) > width) break;
        best = i;
    }
    return best;
}

/* Draws s word-wrapped in [x, x + width) from baseline y (centered on the page when
 * `centered`); returns the baseline after the last line. */
static double wrap(cairo_t *cr, double x, double y, double width, double leading, int centered,
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
        if (text_width(cr, buf_str(&trial)) <= width) {
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
        if (centered) text_centered(cr, y, buf_str(&line));
        else text_at(cr, x, y, buf_str(&line));
        y += leading;
        buf_reset(&line);
    }
    if (line.len) {
        if (centered) text_centered(cr, y, buf_str(&line));
        else text_at(cr, x, y, buf_str(&line));
        y += leading;
    }
    buf_free(&line);
    buf_free(&trial);
    buf_free(&scratch);
    return y;
}

static void rule(cairo_t *cr, double y, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_stroke(cr);
}

/* "label : value", the value wrapped in its column; returns the next baseline. */
static double field(cairo_t *cr, double y, const char *label, const char *value)
{
    const double colon_x = MARGIN + 128, value_x = colon_x + 10;
    set_font(cr, 10, 0);
    text_at(cr, MARGIN, y, label);
    text_at(cr, colon_x, y, ":");
    return wrap(cr, value_x, y, PAGE_W - MARGIN - value_x, 14, 0, value && *value ? value : "-") + 4;
}

/* A fixed phrase in the receipt's language. */
static const char *T(const receipt *r, const char *phrase)
{
    return r->lang && r->lang->translate ? r->lang->translate(r->lang->ctx, phrase) : phrase;
}

/* The requirement table; returns the baseline after it. */
static double requirements(cairo_t *cr, double y, const receipt *r)
{
    const double no_x = MARGIN + 6, name_x = MARGIN + 34, status_x = PAGE_W - MARGIN - 86;
    set_font(cr, 11, 1);
    text_at(cr, MARGIN, y, T(r, "Persyaratan"));
    y += 8;
    cairo_set_source_rgb(cr, 0.9, 0.92, 0.95);
    cairo_rectangle(cr, MARGIN, y, PAGE_W - 2 * MARGIN, 18);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 9.5, 1);
    text_at(cr, no_x, y + 13, T(r, "No"));
    text_at(cr, name_x, y + 13, T(r, "Nama Persyaratan"));
    text_at(cr, status_x, y + 13, T(r, "Status"));
    y += 18;
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    for (size_t i = 0; i < r->n_syarat; i++) {
        const receipt_syarat *s = &r->syarat[i];
        char no[24];
        snprintf(no, sizeof no, "%zu.", i + 1);
        cairo_set_source_rgb(cr, 0, 0, 0);
        set_font(cr, 9.5, 0);
        double baseline = y + 13;
        text_at(cr, no_x, baseline, no);
        double next = wrap(cr, name_x, baseline, status_x - name_x - 12, 12.5, 0, s->name);
        if (s->terpenuhi) {
            set_font(cr, 9.5, 1);
            cairo_set_source_rgb(cr, 0.05, 0.45, 0.2);
            text_at(cr, status_x, baseline, T(r, "✓ Terpenuhi"));
        } else {
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            text_at(cr, status_x, baseline, T(r, "Belum"));
        }
        y = next - 12.5 + 6;   /* the row ends below its last line */
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        rule(cr, y, 0.5);
    }
    if (!r->n_syarat) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        set_font(cr, 9.5, 0);
        text_at(cr, name_x, y + 13, T(r, "Tidak ada persyaratan."));
        y += 19;
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    return y;
}

/* The QR code of url as filled squares with a quiet zone, its top-left corner at (x, y). */
static lk_err qr_code(cairo_t *cr, double x, double y, const char *url)
{
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return LK_ERR_INTERNAL;
    const double module = QR_SIDE_PT / (qr->width + 2 * QR_QUIET_MODULES);
    const double x0 = x + QR_QUIET_MODULES * module, y0 = y + QR_QUIET_MODULES * module;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, QR_SIDE_PT, QR_SIDE_PT);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    /* One rectangle per horizontal run of dark modules keeps the PDF small. */
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
    QRcode_free(qr);
    return LK_OK;
}

/* "2 Maret 2026": the WIB calendar day of t. */
static const char *wib_date_long(arena *a, time_t t, int english)
{
    time_t local = t + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&local, &tm);
    return date_long_in(a, arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), english);
}

static lk_err draw(cairo_t *cr, const receipt *r, arena *a)
{
    const double width = PAGE_W - 2 * MARGIN;
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = MARGIN;
    set_font(cr, 11, 1);
    y = wrap(cr, MARGIN, y, width, 15, 1, r->instansi_name);
    set_font(cr, 13, 1);
    y = wrap(cr, MARGIN, y, width, 17, 1, r->office_name);
    if (r->office_address && *r->office_address) {
        set_font(cr, 9, 0);
        y = wrap(cr, MARGIN, y, width, 12, 1, r->office_address);
    }
    y -= 4;
    rule(cr, y, 2.0);
    rule(cr, y + 3, 0.6);
    y += 34;

    set_font(cr, 14, 1);
    int en = r->lang && r->lang->english;
    text_centered(cr, y, T(r, "BUKTI PENDAFTARAN PERMOHONAN IZIN"));
    y += 22;
    const char *nomor_line = arena_printf(a, "%s: %s", T(r, "No. Permohonan"), r->nomor);
    set_font(cr, 11, 1);
    y = wrap(cr, MARGIN, y, width, 15, 1, nomor_line) + 16;

    y = field(cr, y, T(r, "Tanggal Pendaftaran"), datetime_long_in(a, r->submitted_at, en));
    y = field(cr, y, T(r, "Jenis Izin"), r->jenis_izin);
    y = field(cr, y, T(r, "Jenis Permohonan"), T(r, r->jenis_permohonan));
    y = field(cr, y, T(r, "Tipe Pemohon"), T(r, r->tipe_pemohon));
    y = field(cr, y, T(r, "Nama Pemohon"), r->nama_pemohon);
    if (r->perusahaan && *r->perusahaan) y = field(cr, y, T(r, "Perusahaan"), r->perusahaan);
    const char *lokasi = r->lokasi_nama && *r->lokasi_nama && r->lokasi_alamat && *r->lokasi_alamat
        ? arena_printf(a, "%s, %s", r->lokasi_nama, r->lokasi_alamat)
        : (r->lokasi_nama && *r->lokasi_nama ? r->lokasi_nama : r->lokasi_alamat);
    y = field(cr, y, T(r, "Lokasi Izin"), lokasi);
    y += 14;

    y = requirements(cr, y, r) + 18;

    cairo_set_source_rgb(cr, 0.94, 0.96, 0.99);
    cairo_rectangle(cr, MARGIN, y, width, 38);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.35, 0.6);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, MARGIN, y, width, 38);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 10.5, 1);
    const char *days = r->sla_days == 1 ? T(r, "1 hari kerja")   /* English: "1 working day" */
                                        : arena_printf(a, "%d %s", r->sla_days, T(r, "hari kerja"));
    text_at(cr, MARGIN + 10, y + 16, arena_printf(a, "%s: %s, %s", T(r, "Perkiraan selesai"),
                                                   wib_date_long(a, r->due_at, en), days));
    set_font(cr, 8.5, 0);
    text_at(cr, MARGIN + 10, y + 30, T(r, "Hari kerja: di luar Sabtu, Minggu dan hari libur; waktu "
                                          "perbaikan berkas oleh pemohon tidak dihitung."));
    y += 38 + 22;

    lk_err rc = qr_code(cr, MARGIN - 8, y, r->tracking_url);   /* the quiet zone may reach into the margin */
    if (rc) return rc;
    const double notes_x = MARGIN + QR_SIDE_PT + 8;
    set_font(cr, 10.5, 1);
    double ny = wrap(cr, notes_x, y + 24, PAGE_W - MARGIN - notes_x, 14, 0, T(r, "Lacak permohonan")) + 2;
    set_font(cr, 9, 0);
    ny = wrap(cr, notes_x, ny, PAGE_W - MARGIN - notes_x, 12.5, 0,
              T(r, "Simpan bukti pendaftaran ini. Sebutkan No. Permohonan setiap kali menghubungi "
                   "petugas atau mengambil izin.")) + 4;
    wrap(cr, notes_x, ny, PAGE_W - MARGIN - notes_x, 12.5, 0,
         T(r, "Bukti ini dibuat secara elektronik dan sah tanpa tanda tangan."));
    y += QR_SIDE_PT + 6;
    set_font(cr, 9, 0);
    y = wrap(cr, MARGIN, y, width, 12.5, 0, r->tracking_url);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    wrap(cr, MARGIN, y, width, 12.5, 0, T(r, "Pindai kode QR atau buka alamat di atas untuk melacak permohonan"));

    set_font(cr, 7.5, 0);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    text_at(cr, MARGIN, PAGE_H - 32,
            arena_printf(a, "%s %s %s", T(r, "Diterbitkan oleh"), r->office_name, T(r, "melalui Loket.")));
    return LK_OK;
}

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_put(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

lk_err receipt_pdf(const receipt *r, buf *out)
{
    if (!r->nomor || !*r->nomor || !r->office_name || !*r->office_name || !r->tracking_url ||
        !*r->tracking_url)
        return LK_ERR_INVALID;
    arena *a = arena_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append_to_buf, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   arena_printf(a, "%s %s", T(r, "Bukti Pendaftaran"), r->nomor));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, r->office_name);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
    cairo_t *cr = cairo_create(surface);
    lk_err rc = draw(cr, r, a);
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
