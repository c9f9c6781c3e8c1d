/* domain/akun/serah_terima.c — the counter's handover sheet as an A4 PDF (see
 * serah_terima.h): letterhead, title, the applicant, the credentials in a framed box, the
 * steps of the first log-in, and signature lines for officer and applicant.  Drawing:
 * util/pdfdoc.h, as the bukti pendaftaran and the permit. */
#include "domain/akun/serah_terima.h"
#include "util/arena.h"
#include "util/datetime.h"
#include "util/pdfdoc.h"

#define MARGIN PDF_MARGIN
#define WIDTH (PDF_PAGE_W - 2 * PDF_MARGIN)

/* One numbered step or note at the cursor, `after` points below it. */
static void step(pdfdoc *d, double leading, const char *text, double after)
{
    pdfdoc_paragraph(d, MARGIN, WIDTH, leading, text);
    pdfdoc_set_y(d, pdfdoc_y(d) + after);
}

static void draw(pdfdoc *d, const serah_terima *s, arena *a)
{
    cairo_t *cr = pdfdoc_cr(d);
    double y = pdfdoc_letterhead(d, s->instansi_name, s->office_name, s->office_address);
    pdfdoc_font(d, 14, 1);
    pdfdoc_text_centered(d, y, "LEMBAR SERAH TERIMA AKUN PEMOHON");
    y += 18;
    pdfdoc_font(d, 10, 0);
    pdfdoc_text_centered(d, y, "Pelayanan Loket");
    pdfdoc_set_y(d, y + 30);

    pdfdoc_field(d, 128, "Nama Pemohon", s->nama);
    pdfdoc_field(d, 128, "No. Identitas", s->no_identitas);
    pdfdoc_field(d, 128, "Tanggal", datetime_long(a, s->issued_at));
    pdfdoc_field(d, 128, "Petugas", s->petugas);
    y = pdfdoc_y(d) + 14;

    /* The credentials, large and framed, so they are easy to type from paper. */
    const double box_h = 92;
    pdfdoc_color(d, 0.94, 0.96, 0.99);
    cairo_rectangle(cr, MARGIN, y, WIDTH, box_h);
    cairo_fill(cr);
    pdfdoc_color(d, 0.2, 0.35, 0.6);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, MARGIN, y, WIDTH, box_h);
    cairo_stroke(cr);
    pdfdoc_color(d, 0, 0, 0);
    pdfdoc_font(d, 11, 0);
    pdfdoc_text_at(d, MARGIN + 14, y + 28, "Username");
    pdfdoc_text_at(d, MARGIN + 14, y + 66, "Password sementara");
    /* A monospaced face tells 1, l and I or 0 and O apart on paper. */
    cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 16);
    pdfdoc_text_at(d, MARGIN + 170, y + 30, s->username);
    pdfdoc_text_at(d, MARGIN + 170, y + 68, s->password);
    pdfdoc_set_y(d, y + box_h + 30);

    pdfdoc_font(d, 11, 1);
    pdfdoc_text_at(d, MARGIN, pdfdoc_y(d), "Cara masuk pertama kali");
    pdfdoc_set_y(d, pdfdoc_y(d) + 18);
    pdfdoc_font(d, 10, 0);
    step(d, 14, arena_printf(a, "1. Buka %s lalu pilih Log In.", s->login_url), 2);
    step(d, 14, "2. Masukkan username dan password sementara di atas.", 2);
    step(d, 14, "3. Anda akan diminta mengganti password. Pilih password baru yang hanya Anda ketahui.", 2);
    step(d, 14, "4. Permohonan yang didaftarkan di loket tampil di Layanan Pemohon, Profil dan Permohonan.", 10);
    pdfdoc_font(d, 9.5, 1);
    step(d, 13, "Simpan lembar ini dengan baik dan jangan berikan password kepada siapa pun. Password sementara "
                "tidak berlaku lagi setelah diganti.", 40);

    /* The signature lines stay together. */
    pdfdoc_need(d, 64 + 14);
    y = pdfdoc_y(d);
    pdfdoc_font(d, 10, 0);
    const double right = MARGIN + WIDTH / 2 + 20;
    pdfdoc_text_at(d, MARGIN, y, "Petugas Front Office");
    pdfdoc_text_at(d, right, y, "Pemohon");
    y += 64;
    pdfdoc_text_at(d, MARGIN, y, arena_printf(a, "( %s )", s->petugas ? s->petugas : ""));
    pdfdoc_text_at(d, right, y, arena_printf(a, "( %s )", s->nama ? s->nama : ""));
    pdfdoc_set_y(d, y + 14);
}

lk_err serah_terima_pdf(const serah_terima *s, buf *out)
{
    if (!s->username || !*s->username || !s->password || !*s->password || !s->office_name || !*s->office_name)
        return LK_ERR_INVALID;
    arena *a = arena_new();
    pdfdoc *d = pdfdoc_new(out, "Lembar Serah Terima Akun Pemohon", s->office_name,
                           arena_printf(a, "Diterbitkan oleh %s melalui Loket.", s->office_name));
    draw(d, s, a);
    lk_err rc = pdfdoc_finish(d);
    arena_free(a);
    return rc;
}
