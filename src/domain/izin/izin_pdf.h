/* domain/izin/izin_pdf.h — the permit as an A4 PDF (SPEC 4.12, 5.5): the office's
 * letterhead, the title and number, the text of the jenis izin's template with its
 * placeholders filled, the details table, the signer's block, and the QR code of the
 * verification address with the short code for typing.  Long content flows onto further
 * pages (each with the number on top); the signer's block and the QR stay together.
 *
 * A template (table izin_template, or the built-in one) is a title and paragraphs
 * separated by blank lines.  Placeholders: {pemegang} {nomor} {nomor_permohonan}
 * {jenis_izin} {jenis_permohonan} {lokasi_nama} {lokasi_alamat} {berlaku_dari}
 * {berlaku_sampai} {masa_berlaku} {instansi} {kantor} {tanggal_terbit} and {dt.KEY} for a
 * Data Teknis value; a paragraph that is only {rincian} places the details table there.
 *
 * The caller owns every string (borrowed for the call). */
#ifndef LOKET_IZIN_PDF_H
#define LOKET_IZIN_PDF_H
#include <stddef.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define IZIN_TEMPLATE_JUDUL "{jenis_izin}"
#define IZIN_TEMPLATE_ISI \
    "Berdasarkan permohonan Nomor {nomor_permohonan} dan hasil pemeriksaan persyaratan yang telah dinyatakan " \
    "lengkap dan benar, {kantor} memberikan {jenis_izin} kepada:\n\n{rincian}\n\n{masa_berlaku}\n\n" \
    "Izin ini wajib dipergunakan sesuai dengan ketentuan peraturan perundang-undangan yang berlaku. Apabila di " \
    "kemudian hari terdapat kekeliruan dalam penetapan ini, akan dilakukan perbaikan sebagaimana mestinya."

typedef struct {
    const char *key, *value;   /* a placeholder's name and its text */
} izin_var;

typedef struct {
    const char *label, *value;
} izin_pdf_row;

typedef struct {
    const char *instansi_name, *office_name, *office_address;   /* address may be NULL */
    const char *judul;          /* the template's title, filled; printed in capitals */
    const char *nomor;
    const char *isi;            /* the template's paragraphs, filled (but {rincian}) */
    const izin_pdf_row *rows;   /* the details table */
    size_t n_rows;
    const char *tanggal;        /* "1 Desember 2026" */
    const char *signer_jabatan, *signer_nama, *signer_nip;
    const unsigned char *signer_image;   /* the signer's PNG (checked), drawn in the block; NULL: none */
    size_t signer_image_len;
    int signer_left;                     /* 1: the signer's block on the left and the QR on the right */
    const char *kode;           /* "K7P2-9QXM" */
    const char *cek_url;        /* where the number and code can be typed: BASE/cek-izin */
    const char *verify_url;     /* BASE/v/<code>: the QR's content */
    const char *kid;
} izin_pdf_doc;

/* Replaces {name} placeholders in text with vars (NULL-key-terminated); {rincian} is kept.
 * LK_ERR_INVALID with *unknown set for a placeholder that has no value. */
lk_err izin_template_fill(arena *a, const char *text, const izin_var *vars, const char **out, const char **unknown);
/* Appends the PDF to out.  LK_ERR_INVALID without a number or verify_url; LK_ERR_INTERNAL
 * when cairo or libqrencode fail (discard out). */
lk_err izin_pdf(const izin_pdf_doc *d, buf *out);

/* Where the signer's block was drawn: the place of the visible PAdES signature
 * (util/pdf_sign.h), in PDF points with the origin at the page's lower left. */
typedef struct {
    int page;                  /* 0-based */
    double x0, y0, x1, y1;
} izin_pdf_place;
/* izin_pdf that also says where the signer's block is. */
lk_err izin_pdf_placed(const izin_pdf_doc *d, buf *out, izin_pdf_place *where);

#endif
