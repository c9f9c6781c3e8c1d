/* domain/permohonan/receipt.c — the bukti pendaftaran as a one-page A4 PDF (see receipt.h).
 *
 * Layout, top to bottom: the office as letterhead over a double rule, the title and the
 * number, labelled fields, the requirement table (✓ for each fulfilled one), the SLA due
 * date in a shaded box, then the QR code with the tracking address and how to use it.
 * The text helpers (letterhead, wrapping, fields) are domain/surat/a4.h's. */
#include "domain/permohonan/receipt.h"
#include "domain/surat/a4.h"
#include "util/arena.h"
#include "util/datetime.h"
#include <cairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#define QR_SIDE_PT 119.0   /* 42 mm including the quiet zone */
#define QR_QUIET_MODULES 4
#define WIB_OFFSET_S (7 * 3600)

/* A fixed phrase in the receipt's language. */
static const char *T(const receipt *r, const char *phrase)
{
    return r->lang && r->lang->translate ? r->lang->translate(r->lang->ctx, phrase) : phrase;
}

/* The requirement table; returns the baseline after it. */
static double requirements(cairo_t *cr, double y, const receipt *r)
{
    const double no_x = A4_MARGIN + 6, name_x = A4_MARGIN + 34, status_x = A4_W - A4_MARGIN - 86;
    a4_font(cr, 11, 1);
    a4_text_at(cr, A4_MARGIN, y, T(r, "Persyaratan"));
    y += 8;
    cairo_set_source_rgb(cr, 0.9, 0.92, 0.95);
    cairo_rectangle(cr, A4_MARGIN, y, A4_W - 2 * A4_MARGIN, 18);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    a4_font(cr, 9.5, 1);
    a4_text_at(cr, no_x, y + 13, T(r, "No"));
    a4_text_at(cr, name_x, y + 13, T(r, "Nama Persyaratan"));
    a4_text_at(cr, status_x, y + 13, T(r, "Status"));
    y += 18;
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    for (size_t i = 0; i < r->n_syarat; i++) {
        const receipt_syarat *s = &r->syarat[i];
        char no[24];
        snprintf(no, sizeof no, "%zu.", i + 1);
        cairo_set_source_rgb(cr, 0, 0, 0);
        a4_font(cr, 9.5, 0);
        double baseline = y + 13;
        a4_text_at(cr, no_x, baseline, no);
        double next = a4_wrap(cr, name_x, baseline, status_x - name_x - 12, 12.5, 0, s->name);
        if (s->terpenuhi) {
            a4_font(cr, 9.5, 1);
            cairo_set_source_rgb(cr, 0.05, 0.45, 0.2);
            a4_text_at(cr, status_x, baseline, T(r, "✓ Terpenuhi"));
        } else {
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            a4_text_at(cr, status_x, baseline, T(r, "Belum"));
        }
        y = next - 12.5 + 6;   /* the row ends below its last line */
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        a4_rule(cr, y, 0.5);
    }
    if (!r->n_syarat) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        a4_font(cr, 9.5, 0);
        a4_text_at(cr, name_x, y + 13, T(r, "Tidak ada persyaratan."));
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
    const double width = A4_W - 2 * A4_MARGIN;
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = a4_letterhead(cr, r->instansi_name, r->office_name, r->office_address);
    y += 34;

    a4_font(cr, 14, 1);
    int en = r->lang && r->lang->english;
    a4_text_centered(cr, y, T(r, "BUKTI PENDAFTARAN PERMOHONAN IZIN"));
    y += 22;
    const char *nomor_line = arena_printf(a, "%s: %s", T(r, "No. Permohonan"), r->nomor);
    a4_font(cr, 11, 1);
    y = a4_wrap(cr, A4_MARGIN, y, width, 15, 1, nomor_line) + 16;

    y = a4_field(cr, y, T(r, "Tanggal Pendaftaran"), datetime_long_in(a, r->submitted_at, en));
    y = a4_field(cr, y, T(r, "Jenis Izin"), r->jenis_izin);
    y = a4_field(cr, y, T(r, "Jenis Permohonan"), T(r, r->jenis_permohonan));
    y = a4_field(cr, y, T(r, "Tipe Pemohon"), T(r, r->tipe_pemohon));
    y = a4_field(cr, y, T(r, "Nama Pemohon"), r->nama_pemohon);
    if (r->perusahaan && *r->perusahaan) y = a4_field(cr, y, T(r, "Perusahaan"), r->perusahaan);
    const char *lokasi = r->lokasi_nama && *r->lokasi_nama && r->lokasi_alamat && *r->lokasi_alamat
        ? arena_printf(a, "%s, %s", r->lokasi_nama, r->lokasi_alamat)
        : (r->lokasi_nama && *r->lokasi_nama ? r->lokasi_nama : r->lokasi_alamat);
    y = a4_field(cr, y, T(r, "Lokasi Izin"), lokasi);
    y += 14;

    y = requirements(cr, y, r) + 18;

    cairo_set_source_rgb(cr, 0.94, 0.96, 0.99);
    cairo_rectangle(cr, A4_MARGIN, y, width, 38);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.35, 0.6);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, A4_MARGIN, y, width, 38);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    a4_font(cr, 10.5, 1);
    const char *days = r->sla_days == 1 ? T(r, "1 hari kerja")   /* English: "1 working day" */
                                        : arena_printf(a, "%d %s", r->sla_days, T(r, "hari kerja"));
    a4_text_at(cr, A4_MARGIN + 10, y + 16, arena_printf(a, "%s: %s, %s", T(r, "Perkiraan selesai"),
                                                        wib_date_long(a, r->due_at, en), days));
    a4_font(cr, 8.5, 0);
    a4_text_at(cr, A4_MARGIN + 10, y + 30, T(r, "Hari kerja: di luar Sabtu, Minggu dan hari libur; waktu "
                                                "perbaikan berkas oleh pemohon tidak dihitung."));
    y += 38 + 22;

    lk_err rc = qr_code(cr, A4_MARGIN - 8, y, r->tracking_url);   /* the quiet zone may reach into the margin */
    if (rc) return rc;
    const double notes_x = A4_MARGIN + QR_SIDE_PT + 8;
    a4_font(cr, 10.5, 1);
    double ny = a4_wrap(cr, notes_x, y + 24, A4_W - A4_MARGIN - notes_x, 14, 0, T(r, "Lacak permohonan")) + 2;
    a4_font(cr, 9, 0);
    ny = a4_wrap(cr, notes_x, ny, A4_W - A4_MARGIN - notes_x, 12.5, 0,
              T(r, "Simpan bukti pendaftaran ini. Sebutkan No. Permohonan setiap kali menghubungi "
                   "petugas atau mengambil izin.")) + 4;
    a4_wrap(cr, notes_x, ny, A4_W - A4_MARGIN - notes_x, 12.5, 0,
         T(r, "Bukti ini dibuat secara elektronik dan sah tanpa tanda tangan."));
    y += QR_SIDE_PT + 6;
    a4_font(cr, 9, 0);
    y = a4_wrap(cr, A4_MARGIN, y, width, 12.5, 0, r->tracking_url);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    a4_wrap(cr, A4_MARGIN, y, width, 12.5, 0, T(r, "Pindai kode QR atau buka alamat di atas untuk melacak permohonan"));

    a4_font(cr, 7.5, 0);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    a4_text_at(cr, A4_MARGIN, A4_H - 32,
            arena_printf(a, "%s %s %s", T(r, "Diterbitkan oleh"), r->office_name, T(r, "melalui Loket.")));
    return LK_OK;
}

/* a4_render's drawing callback. */
static lk_err draw_page(cairo_t *cr, const void *ctx, arena *a)
{
    return draw(cr, ctx, a);
}

lk_err receipt_pdf(const receipt *r, buf *out)
{
    if (!r->nomor || !*r->nomor || !r->office_name || !*r->office_name || !r->tracking_url ||
        !*r->tracking_url)
        return LK_ERR_INVALID;
    arena *a = arena_new();
    lk_err rc = a4_render(draw_page, r, arena_printf(a, "%s %s", T(r, "Bukti Pendaftaran"), r->nomor), r->office_name, out);
    arena_free(a);
    return rc;
}
