/* domain/akun/serah_terima.c — the counter's handover sheet as an A4 PDF (see
 * serah_terima.h): letterhead, title, the applicant, the credentials in a framed box, the
 * steps of the first log-in, and signature lines for officer and applicant. */
#include "domain/akun/serah_terima.h"
#include "domain/surat/a4.h"
#include "util/arena.h"
#include "util/datetime.h"

static lk_err draw(cairo_t *cr, const void *ctx, arena *a)
{
    const serah_terima *s = ctx;
    const double width = A4_W - 2 * A4_MARGIN;
    double y = a4_letterhead(cr, s->instansi_name, s->office_name, s->office_address);
    a4_font(cr, 14, 1);
    a4_text_centered(cr, y, "LEMBAR SERAH TERIMA AKUN PEMOHON");
    y += 18;
    a4_font(cr, 10, 0);
    a4_text_centered(cr, y, "Pelayanan Loket");
    y += 30;

    y = a4_field(cr, y, "Nama Pemohon", s->nama);
    y = a4_field(cr, y, "No. Identitas", s->no_identitas);
    y = a4_field(cr, y, "Tanggal", datetime_long(a, s->issued_at));
    y = a4_field(cr, y, "Petugas", s->petugas);
    y += 14;

    /* The credentials, large and framed, so they are easy to type from paper. */
    const double box_h = 92;
    cairo_set_source_rgb(cr, 0.94, 0.96, 0.99);
    cairo_rectangle(cr, A4_MARGIN, y, width, box_h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.35, 0.6);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, A4_MARGIN, y, width, box_h);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    a4_font(cr, 11, 0);
    a4_text_at(cr, A4_MARGIN + 14, y + 28, "Username");
    a4_text_at(cr, A4_MARGIN + 14, y + 66, "Password sementara");
    /* A monospaced face tells 1, l and I or 0 and O apart on paper. */
    cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 16);
    a4_text_at(cr, A4_MARGIN + 170, y + 30, s->username);
    a4_text_at(cr, A4_MARGIN + 170, y + 68, s->password);
    y += box_h + 30;

    a4_font(cr, 11, 1);
    a4_text_at(cr, A4_MARGIN, y, "Cara masuk pertama kali");
    y += 18;
    a4_font(cr, 10, 0);
    y = a4_wrap(cr, A4_MARGIN, y, width, 14, 0, arena_printf(a, "1. Buka %s lalu pilih Log In.", s->login_url)) + 2;
    y = a4_wrap(cr, A4_MARGIN, y, width, 14, 0, "2. Masukkan username dan password sementara di atas.") + 2;
    y = a4_wrap(cr, A4_MARGIN, y, width, 14, 0,
                "3. Anda akan diminta mengganti password. Pilih password baru yang hanya Anda ketahui.") + 2;
    y = a4_wrap(cr, A4_MARGIN, y, width, 14, 0,
                "4. Permohonan yang didaftarkan di loket tampil di Layanan Pemohon, Profil dan Permohonan.") + 10;
    a4_font(cr, 9.5, 1);
    y = a4_wrap(cr, A4_MARGIN, y, width, 13, 0,
                "Simpan lembar ini dengan baik dan jangan berikan password kepada siapa pun. Password sementara "
                "tidak berlaku lagi setelah diganti.") + 40;

    a4_font(cr, 10, 0);
    const double right = A4_MARGIN + width / 2 + 20;
    a4_text_at(cr, A4_MARGIN, y, "Petugas Front Office");
    a4_text_at(cr, right, y, "Pemohon");
    y += 64;
    a4_text_at(cr, A4_MARGIN, y, arena_printf(a, "( %s )", s->petugas ? s->petugas : ""));
    a4_text_at(cr, right, y, arena_printf(a, "( %s )", s->nama ? s->nama : ""));

    a4_font(cr, 7.5, 0);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    a4_text_at(cr, A4_MARGIN, A4_H - 32, arena_printf(a, "Diterbitkan oleh %s melalui Loket.", s->office_name));
    return LK_OK;
}

lk_err serah_terima_pdf(const serah_terima *s, buf *out)
{
    if (!s->username || !*s->username || !s->password || !*s->password || !s->office_name || !*s->office_name)
        return LK_ERR_INVALID;
    return a4_render(draw, s, "Lembar Serah Terima Akun Pemohon", s->office_name, out);
}
