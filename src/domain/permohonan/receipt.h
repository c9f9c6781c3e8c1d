/* domain/permohonan/receipt.h — the bukti pendaftaran (SPEC 4.8): an A4 PDF an applicant
 * gets when an application is created, with its number, what was applied for, the
 * requirements and their state, the SLA due date and a QR code of the tracking address.
 *
 * The caller fills a `receipt` with plain strings it owns (borrowed for the call); the
 * PDF is drawn with cairo and DejaVu Sans (fonts-dejavu-core), the QR code with
 * libqrencode.  Dates are shown in WIB, with Indonesian month names unless the receipt's
 * language (receipt_lang) says English. */
#ifndef LOKET_RECEIPT_H
#define LOKET_RECEIPT_H
#include <stddef.h>
#include <time.h>
#include "util/buf.h"
#include "util/err.h"

typedef struct {
    const char *name;     /* "Surat Tanda Registrasi (STR)" */
    int terpenuhi;        /* 1 = fulfilled: shown with ✓ */
} receipt_syarat;

/* The language of a receipt: each fixed phrase is drawn as translate(ctx, phrase) (the
 * web layer passes its i18n lookup); `english` writes dates in English.  NULL: Indonesian. */
typedef struct {
    const char *(*translate)(void *ctx, const char *phrase);
    void *ctx;
    int english;
} receipt_lang;

typedef struct {
    const char *instansi_name;     /* "Pemerintah Kota Pangkalpinang" */
    const char *office_name;       /* "Dinas Penanaman Modal, PTSP dan Naker" */
    const char *office_address;    /* may be NULL */
    const char *nomor;             /* No. Permohonan */
    time_t submitted_at;           /* Tanggal Pendaftaran */
    const char *jenis_izin;
    const char *jenis_permohonan;  /* "Baru", "Perpanjangan", "Perubahan" */
    const char *tipe_pemohon;      /* "Perorangan", "Perusahaan" */
    const char *nama_pemohon;
    const char *perusahaan;        /* NULL or "" for an individual */
    const char *lokasi_nama;       /* Lokasi Izin: name of the place */
    const char *lokasi_alamat;     /* and its address; either may be NULL */
    const receipt_syarat *syarat;
    size_t n_syarat;
    time_t due_at;                 /* Perkiraan selesai (from calendar_due) */
    int sla_days;                  /* in working days */
    const char *tracking_url;      /* encoded in the QR code and printed under it */
    const char *kode_lacak;        /* "7KQ4M-2XHPA", printed beside the QR code; NULL: none */
    const receipt_lang *lang;      /* NULL: Indonesian */
} receipt;

/* Appends the PDF to out (which the caller owns and frees).  LK_ERR_INVALID when a
 * required field (nomor, office_name, tracking_url) is missing, LK_ERR_INTERNAL when cairo
 * or libqrencode fail (out may then hold part of a file: discard it). */
lk_err receipt_pdf(const receipt *r, buf *out);

#endif
