/* domain/akun/serah_terima.h — the handover sheet of the counter service (SPEC 5.6): a
 * one-page A4 PDF the Front Office prints for a walk-in applicant with their username,
 * the one-time password and how to log in and change it.  The password exists only in
 * this PDF (the database keeps its hash); a reprint issues a new one.
 * Strings are borrowed for the call. */
#ifndef LOKET_SERAH_TERIMA_H
#define LOKET_SERAH_TERIMA_H
#include <time.h>
#include "util/buf.h"
#include "util/err.h"

typedef struct {
    const char *instansi_name, *office_name, *office_address;   /* the letterhead */
    const char *nama, *username, *no_identitas;
    const char *password;          /* the one-time password */
    const char *login_url;         /* base_url + "/login" */
    const char *petugas;           /* the officer's name */
    time_t issued_at;
} serah_terima;

/* Appends the PDF to out.  LK_ERR_INVALID without username, password or office name;
 * LK_ERR_INTERNAL when cairo fails. */
lk_err serah_terima_pdf(const serah_terima *s, buf *out);

#endif
