/* domain/izin/izin_pdf_check.h — checking a permit PDF someone holds (SPEC 5.5, the
 * public *Cek Keaslian Izin* page): does its PAdES signature verify and cover the whole
 * file, who signed it and when, and is it exactly a PDF Loket issued (its SHA-256 is a
 * stored permit's)?
 *
 * A signature that verifies says only that the file is unchanged since someone signed
 * it; anyone can make a certificate in any name.  So a PDF counts as genuine only when
 * it is also one Loket issued; the caller shows the permit's number and state from the
 * record, never a name read from an unknown certificate as if it were vouched for. */
#ifndef LOKET_IZIN_PDF_CHECK_H
#define LOKET_IZIN_PDF_CHECK_H
#include <stddef.h>
#include <time.h>
#include "domain/izin/izin.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/pades.h"

typedef struct {
    pades_state state;         /* of the PDF's last signature */
    const char *signer_cn;     /* the signing certificate's common name; "" when none */
    time_t when;               /* the signature's time; 0 when none */
    time_t ts_at;              /* its RFC 3161 timestamp's time (a token that verifies over it); 0 when none */
    const char *tsa;           /* that timestamp's authority; "" when none */
    int issued;                /* 1: exactly the PDF of a permit Loket issued */
    izin_rec izin;             /* that permit, when issued */
} izin_pdf_check_result;

/* Checks pdf[0..n).  LK_ERR_INVALID when it is no PDF at all; LK_ERR_DB. */
lk_err izin_pdf_check(store_conn *c, arena *a, const unsigned char *pdf, size_t n, izin_pdf_check_result *out);

#endif
