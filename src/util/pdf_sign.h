/* util/pdf_sign.h — the PDF side of a PAdES signature (ETSI EN 319 142, ISO 32000-1
 * §12.8): an incremental update that adds a signature field and its signature
 * dictionary to an existing PDF, and reading that signature back.
 *
 * Signing is three steps, so that the cryptography (util/cms.h, or a remote service)
 * stays out of here:
 *   1. pdf_sig_prepare appends to a copy of the PDF: the signature dictionary with
 *      /SubFilter /ETSI.CAdES.detached, a /ByteRange and a /Contents placeholder of zeros;
 *      the widget annotation on the page (its /Rect over the visible signature block the
 *      page already draws); the page with the widget in /Annots; the catalogue with an
 *      /AcroForm; a classic xref section and a trailer with /Prev.
 *   2. The caller signs the two byte ranges (everything but the /Contents hex string).
 *   3. pdf_sig_insert writes the DER signature into the placeholder as hex.
 * Nothing before the original %%EOF changes, so the first signature (the Ed25519 QR)
 * and every byte cairo wrote stay as they were.
 *
 * The reader supports what Loket's own and common writers produce: classic xref tables
 * (also chained with /Prev), page trees with the pages as direct kids of the root
 * /Pages, page and catalogue objects that are plain dictionaries.  Anything else is
 * refused with LK_ERR_INVALID, never guessed at. */
#ifndef LOKET_PDF_SIGN_H
#define LOKET_PDF_SIGN_H
#include <stddef.h>
#include <time.h>
#include "util/buf.h"
#include "util/err.h"

/* Bytes reserved for the DER signature: a CMS with a chain of three certificates and a
 * timestamp token fits comfortably. */
#define PDF_SIG_CONTENTS_DEFAULT 16384

typedef struct {
    int page;                  /* 0-based page that carries the visible signature block */
    double x0, y0, x1, y1;     /* the block in PDF points, origin bottom-left */
    const char *field_name;    /* the field's /T, e.g. "Tanda Tangan Elektronik" */
    const char *signer_name;   /* /Name; may be NULL */
    const char *reason;        /* /Reason; may be NULL */
    const char *location;      /* /Location; may be NULL */
    time_t when;               /* /M, the claimed signing time */
    size_t contents_max;       /* bytes reserved for the signature; 0: the default */
} pdf_sig_field;

/* Where the signature goes: ByteRange [0 range[1] range[2] range[3]]. */
typedef struct {
    size_t range[4];
    size_t contents_max;
} pdf_sig_slot;

/* Appends pdf[0..len) and its incremental update to out (out is reset first).
 * LK_ERR_INVALID with *why (an English sentence for the log) for a PDF this reader does
 * not support or a page that does not exist. */
lk_err pdf_sig_prepare(const unsigned char *pdf, size_t len, const pdf_sig_field *f, buf *out, pdf_sig_slot *slot,
                       const char **why);
/* Writes the DER signature into the placeholder.  LK_ERR_INVALID when it is larger than
 * the space reserved. */
lk_err pdf_sig_insert(buf *out, const pdf_sig_slot *slot, const unsigned char *der, size_t n);

/* The last signature of a PDF, as read back. */
typedef struct {
    size_t range[4];           /* its /ByteRange */
    int covers_all;            /* 1: the ranges are everything but /Contents, to the end of the file */
    unsigned char *der;        /* /Contents decoded (trailing zero padding removed); free with pdf_sig_found_free */
    size_t der_len;
    char subfilter[48];        /* "ETSI.CAdES.detached", "adbe.pkcs7.detached" */
    char m[40];                /* /M as written ("D:20261201093000Z"), "" when absent */
    time_t when;               /* /M parsed, 0 when absent or unreadable */
} pdf_sig_found;

/* LK_ERR_NOTFOUND when the PDF has no signature; LK_ERR_INVALID when its /ByteRange or
 * /Contents is malformed (a damaged or forged file). */
lk_err pdf_sig_find(const unsigned char *pdf, size_t len, pdf_sig_found *out);
void pdf_sig_found_free(pdf_sig_found *f);

#endif
