/* domain/permohonan/receipt.c — the bukti pendaftaran as an A4 PDF (see receipt.h).
 *
 * Layout, top to bottom: the office as letterhead over a double rule, the title and the
 * number, labelled fields, the requirement table (✓ for each fulfilled one), the SLA due
 * date in a shaded box, then the QR code with the tracking address, the tracking code and
 * how to use them.
 * A long requirement list flows onto a second page (the table's head repeated, the
 * number on top); the due date and QR block stay together.  Drawing: util/pdfdoc.h. */
#include "domain/permohonan/receipt.h"
#include "util/arena.h"
#include "util/datetime.h"
#include "util/pdfdoc.h"
#include <stdio.h>
#include <string.h>

#define MARGIN PDF_MARGIN
#define PAGE_W PDF_PAGE_W
#define QR_SIDE_PT 119.0   /* 42 mm including the quiet zone */
#define WIB_OFFSET_S (7 * 3600)
#define ROW_LEADING 12.5

/* A fixed phrase in the receipt's language. */
static const char *T(const receipt *r, const char *phrase)
{
    return r->lang && r->lang->translate ? r->lang->translate(r->lang->ctx, phrase) : phrase;
}

static const double NO_X = MARGIN + 6, NAME_X = MARGIN + 34, STATUS_X = PAGE_W - MARGIN - 86;

/* The shaded head of the requirement table at the cursor. */
static void table_head(pdfdoc *d, const receipt *r)
{
    double y = pdfdoc_y(d);
    pdfdoc_color(d, 0.9, 0.92, 0.95);
    cairo_rectangle(pdfdoc_cr(d), MARGIN, y, PAGE_W - 2 * MARGIN, 18);
    cairo_fill(pdfdoc_cr(d));
    pdfdoc_color(d, 0, 0, 0);
    pdfdoc_font(d, 9.5, 1);
    pdfdoc_text_at(d, NO_X, y + 13, T(r, "No"));
    pdfdoc_text_at(d, NAME_X, y + 13, T(r, "Nama Persyaratan"));
    pdfdoc_text_at(d, STATUS_X, y + 13, T(r, "Status"));
    pdfdoc_set_y(d, y + 18);
}

/* A continuation page: the number, so a loose page still says whose it is. */
static double continued(pdfdoc *d, void *ctx)
{
    const receipt *r = ctx;
    pdfdoc_font(d, 9, 0);
    pdfdoc_color(d, 0.3, 0.3, 0.3);
    char line[300];
    snprintf(line, sizeof line, "%s %s %s %s", T(r, "Bukti Pendaftaran"), T(r, "No. Permohonan"), r->nomor, T(r, "(lanjutan)"));
    double y = pdfdoc_wrap(d, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 12, 0, line);
    pdfdoc_color(d, 0, 0, 0);
    return y + 10;
}

/* The requirement table; a row that does not fit goes to the next page, under the
 * table's head drawn again. */
static void requirements(pdfdoc *d, const receipt *r)
{
    pdfdoc_need(d, 8 + 18 + 19);
    pdfdoc_font(d, 11, 1);
    pdfdoc_text_at(d, MARGIN, pdfdoc_y(d), T(r, "Persyaratan"));
    pdfdoc_set_y(d, pdfdoc_y(d) + 8);
    table_head(d, r);
    for (size_t i = 0; i < r->n_syarat; i++) {
        const receipt_syarat *s = &r->syarat[i];
        char no[24];
        snprintf(no, sizeof no, "%zu.", i + 1);
        pdfdoc_font(d, 9.5, 0);
        int lines = pdfdoc_lines(d, STATUS_X - NAME_X - 12, s->name);
        if (pdfdoc_need(d, 13 + ROW_LEADING * (lines - 1) + 6)) table_head(d, r);
        double y = pdfdoc_y(d);
        double baseline = y + 13;
        pdfdoc_color(d, 0, 0, 0);
        pdfdoc_font(d, 9.5, 0);
        pdfdoc_text_at(d, NO_X, baseline, no);
        double next = pdfdoc_wrap(d, NAME_X, baseline, STATUS_X - NAME_X - 12, ROW_LEADING, 0, s->name);
        if (s->terpenuhi) {
            pdfdoc_font(d, 9.5, 1);
            pdfdoc_color(d, 0.05, 0.45, 0.2);
            pdfdoc_text_at(d, STATUS_X, baseline, T(r, "✓ Terpenuhi"));
        } else {
            pdfdoc_color(d, 0.45, 0.45, 0.45);
            pdfdoc_text_at(d, STATUS_X, baseline, T(r, "Belum"));
        }
        y = next - ROW_LEADING + 6;   /* the row ends below its last line */
        pdfdoc_color(d, 0.75, 0.75, 0.75);
        pdfdoc_rule(d, y, 0.5);
        pdfdoc_set_y(d, y);
    }
    if (!r->n_syarat) {
        pdfdoc_color(d, 0, 0, 0);
        pdfdoc_font(d, 9.5, 0);
        pdfdoc_text_at(d, NAME_X, pdfdoc_y(d) + 13, T(r, "Tidak ada persyaratan."));
        pdfdoc_set_y(d, pdfdoc_y(d) + 19);
    }
    pdfdoc_color(d, 0, 0, 0);
}

/* "2 Maret 2026": the WIB calendar day of t. */
static const char *wib_date_long(arena *a, time_t t, int english)
{
    time_t local = t + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&local, &tm);
    return date_long_in(a, arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), english);
}

static lk_err draw(pdfdoc *d, const receipt *r, arena *a)
{
    const double width = PAGE_W - 2 * MARGIN;
    cairo_t *cr = pdfdoc_cr(d);
    int en = r->lang && r->lang->english;
    double y = pdfdoc_letterhead(d, r->instansi_name, r->office_name, r->office_address);

    pdfdoc_font(d, 14, 1);
    pdfdoc_text_centered(d, y, T(r, "BUKTI PENDAFTARAN PERMOHONAN IZIN"));
    y += 22;
    const char *nomor_line = arena_printf(a, "%s: %s", T(r, "No. Permohonan"), r->nomor);
    pdfdoc_font(d, 11, 1);
    y = pdfdoc_wrap(d, MARGIN, y, width, 15, 1, nomor_line) + 16;
    pdfdoc_set_y(d, y);

    pdfdoc_field(d, 128, T(r, "Tanggal Pendaftaran"), datetime_long_in(a, r->submitted_at, en));
    pdfdoc_field(d, 128, T(r, "Jenis Izin"), r->jenis_izin);
    pdfdoc_field(d, 128, T(r, "Jenis Permohonan"), T(r, r->jenis_permohonan));
    pdfdoc_field(d, 128, T(r, "Tipe Pemohon"), T(r, r->tipe_pemohon));
    pdfdoc_field(d, 128, T(r, "Nama Pemohon"), r->nama_pemohon);
    if (r->perusahaan && *r->perusahaan) pdfdoc_field(d, 128, T(r, "Perusahaan"), r->perusahaan);
    const char *lokasi = r->lokasi_nama && *r->lokasi_nama && r->lokasi_alamat && *r->lokasi_alamat
        ? arena_printf(a, "%s, %s", r->lokasi_nama, r->lokasi_alamat)
        : (r->lokasi_nama && *r->lokasi_nama ? r->lokasi_nama : r->lokasi_alamat);
    pdfdoc_field(d, 128, T(r, "Lokasi Izin"), lokasi);
    pdfdoc_set_y(d, pdfdoc_y(d) + 14);

    requirements(d, r);
    pdfdoc_set_y(d, pdfdoc_y(d) + 18);

    /* The due date box, then the QR block: kept together on one page. */
    pdfdoc_need(d, 38 + 22 + QR_SIDE_PT + 6 + 2 * 12.5);
    y = pdfdoc_y(d);
    pdfdoc_color(d, 0.94, 0.96, 0.99);
    cairo_rectangle(cr, MARGIN, y, width, 38);
    cairo_fill(cr);
    pdfdoc_color(d, 0.2, 0.35, 0.6);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, MARGIN, y, width, 38);
    cairo_stroke(cr);
    pdfdoc_color(d, 0, 0, 0);
    pdfdoc_font(d, 10.5, 1);
    const char *days = r->sla_days == 1 ? T(r, "1 hari kerja")   /* English: "1 working day" */
                                        : arena_printf(a, "%d %s", r->sla_days, T(r, "hari kerja"));
    pdfdoc_text_at(d, MARGIN + 10, y + 16, arena_printf(a, "%s: %s, %s", T(r, "Perkiraan selesai"),
                                                         wib_date_long(a, r->due_at, en), days));
    pdfdoc_font(d, 8.5, 0);
    pdfdoc_text_at(d, MARGIN + 10, y + 30, T(r, "Hari kerja: di luar Sabtu, Minggu dan hari libur; waktu "
                                             "perbaikan berkas oleh pemohon tidak dihitung."));
    y += 38 + 22;

    lk_err rc = pdfdoc_qr(d, MARGIN - 8, y, QR_SIDE_PT, r->tracking_url);   /* the quiet zone may reach into the margin */
    if (rc) return rc;
    const double notes_x = MARGIN + QR_SIDE_PT + 8;
    pdfdoc_font(d, 10.5, 1);
    double ny = pdfdoc_wrap(d, notes_x, y + 24, PAGE_W - MARGIN - notes_x, 14, 0, T(r, "Lacak permohonan")) + 2;
    if (r->kode_lacak && *r->kode_lacak) {
        /* The second factor of public tracking: big enough to copy without mistakes. */
        pdfdoc_font(d, 10, 0);
        pdfdoc_text_at(d, notes_x, ny + 2, T(r, "Kode Lacak"));
        pdfdoc_font(d, 15, 1);
        pdfdoc_text_at(d, notes_x + 72, ny + 3, r->kode_lacak);
        ny += 22;
    }
    pdfdoc_font(d, 9, 0);
    ny = pdfdoc_wrap(d, notes_x, ny, PAGE_W - MARGIN - notes_x, 12.5, 0,
                     T(r, "Simpan bukti pendaftaran ini. Sebutkan No. Permohonan setiap kali menghubungi "
                          "petugas atau mengambil izin.")) + 4;
    pdfdoc_wrap(d, notes_x, ny, PAGE_W - MARGIN - notes_x, 12.5, 0,
                T(r, "Bukti ini dibuat secara elektronik dan sah tanpa tanda tangan."));
    y += QR_SIDE_PT + 6;
    pdfdoc_font(d, 9, 0);
    y = pdfdoc_wrap(d, MARGIN, y, width, 12.5, 0, r->tracking_url);
    pdfdoc_color(d, 0.3, 0.3, 0.3);
    y = pdfdoc_wrap(d, MARGIN, y, width, 12.5, 0, r->kode_lacak && *r->kode_lacak
                           ? T(r, "Pindai kode QR atau buka alamat di atas, lalu masukkan Kode Lacak untuk melacak permohonan")
                           : T(r, "Pindai kode QR atau buka alamat di atas untuk melacak permohonan"));
    pdfdoc_set_y(d, y);
    pdfdoc_color(d, 0, 0, 0);
    return LK_OK;
}

lk_err receipt_pdf(const receipt *r, buf *out)
{
    if (!r->nomor || !*r->nomor || !r->office_name || !*r->office_name || !r->tracking_url ||
        !*r->tracking_url)
        return LK_ERR_INVALID;
    arena *a = arena_new();
    pdfdoc *d = pdfdoc_new(out, arena_printf(a, "%s %s", T(r, "Bukti Pendaftaran"), r->nomor), r->office_name,
                           arena_printf(a, "%s %s %s", T(r, "Diterbitkan oleh"), r->office_name, T(r, "melalui Loket.")));
    pdfdoc_set_page_word(d, T(r, "Halaman"));
    pdfdoc_on_new_page(d, continued, (void *)r);
    lk_err rc = draw(d, r, a);
    lk_err done = pdfdoc_finish(d);
    if (!rc) rc = done;
    arena_free(a);
    return rc;
}
