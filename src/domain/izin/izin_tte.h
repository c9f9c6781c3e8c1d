/* domain/izin/izin_tte.h — the electronic signature (TTE) of a permit's PDF (SPEC 5.5):
 * one interface, two signers.
 *
 *   lokal   the signer officer's own PKCS#12 certificate, uploaded once on their page
 *           (izin_tte_lokal.c) and kept encrypted at rest with a key derived from the
 *           passphrase they type at each signing; Loket makes the PAdES signature itself
 *           (util/pades.h).
 *   remote  a signing service with the shape of the BSrE Esign client API
 *           (izin_tte_remote.c, docs/tte.md): Loket sends the PDF with the signer's
 *           NIK (when the officer has one) or email and passphrase or TOTP, and
 *           receives the signed PDF.
 *
 * Whichever signs, izin_tte_sign checks the result before the caller stores it: the
 * PDF starts with the bytes that were sent, carries a PAdES signature that verifies
 * and covers the whole file, by a certificate that is valid now, may sign, and is the
 * signer officer's (their email or their name).  Anything else is a refusal with a
 * clear message and nothing signed.
 *
 * The secrets in izin_tte_input are borrowed for the call and never stored or logged. */
#ifndef LOKET_IZIN_TTE_H
#define LOKET_IZIN_TTE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/izin/izin_pdf.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* How this installation signs (from the configuration, cli/config.h). */
typedef struct izin_tte_config {
    const char *remote_url;        /* LOKET_TTE_URL: the signing service; NULL or "": local */
    const char *remote_user;       /* LOKET_TTE_USER / LOKET_TTE_PASSWORD: its HTTP basic credentials */
    const char *remote_password;
    unsigned timeout_s;            /* LOKET_TTE_TIMEOUT: seconds per request (default 20) */
    int required;                  /* LOKET_TTE_REQUIRED: no permit without a PAdES signature */
    /* Baseline B-T (izin_tte_tsa.c): the timestamp authority; NULL or "": no timestamp. */
    const char *tsa_url;           /* LOKET_TTE_TSA_URL */
    const char *tsa_user;          /* LOKET_TTE_TSA_USER / LOKET_TTE_TSA_PASSWORD: HTTP basic */
    const char *tsa_password;
    unsigned tsa_timeout_s;        /* LOKET_TTE_TSA_TIMEOUT (default 10) */
    struct x509_store_st *tsa_trust;   /* LOKET_TTE_TSA_CA, loaded by izin_tte_tsa_load */
} izin_tte_config;

/* What the signer typed at the tanda tangan step. */
typedef struct izin_tte_input {
    const izin_tte_config *cfg;    /* NULL: the defaults (local signer, not required) */
    const char *passphrase;
    const char *totp;              /* remote only: a one-time code instead of the passphrase */
} izin_tte_input;

/* The signer officer and the PDF to sign. */
typedef struct {
    int64_t account_id, instansi_id;
    const char *nama, *email, *nip;
    const unsigned char *pdf;
    size_t len;
    izin_pdf_place place;          /* the visible block drawn on the page */
    const char *reason, *location;
    time_t now;
} izin_tte_request;

typedef struct {
    const char *mode;              /* "lokal", "remote" */
    const char *signer_cn;         /* the certificate's common name */
    time_t at;                     /* the signature's time */
    time_t ts_at;                  /* B-T: the timestamp's time, 0 without one */
    const char *tsa;               /* B-T: the timestamp authority's name, NULL without one */
} izin_tte_result;

typedef struct {
    const char *mode;
    /* Appends the signed PDF to out.  LK_ERR_INVALID / LK_ERR_DENIED with *msg in
     * Indonesian (wrong passphrase, no certificate, refused by the service, timeout);
     * LK_ERR_DB / LK_ERR_INTERNAL otherwise. */
    lk_err (*sign)(store_conn *c, arena *a, const char *data_dir, const izin_tte_input *in, const izin_tte_request *rq,
                   buf *out, const char **msg);
} izin_tte_signer;

extern const izin_tte_signer IZIN_TTE_LOKAL;
extern const izin_tte_signer IZIN_TTE_REMOTE;

/* Asks the remote signing service to send the signer (account_id: by their NIK when they
 * have one, else by email) a TOTP code.  LK_OK, or a refusal with *msg as
 * izin_tte_signer.sign. */
lk_err izin_tte_request_totp(store_conn *c, arena *a, const izin_tte_config *cfg, int64_t account_id, const char *email,
                             const char **msg);

/* The signer for an officer: remote when a service is configured, else local when the
 * officer has an active certificate, else NULL (the PDF carries only the QR signature,
 * or — when required — the step refuses). */
lk_err izin_tte_choose(store_conn *c, const izin_tte_config *cfg, int64_t account_id, const izin_tte_signer **out);

/* Signs rq's PDF with `signer` into out and checks the result (see above).  LK_OK with
 * *res filled; refusals as izin_tte_signer.sign, and LK_ERR_INVALID when the result does
 * not verify or is another person's. */
lk_err izin_tte_sign(store_conn *c, arena *a, const char *data_dir, const izin_tte_signer *signer,
                     const izin_tte_input *in, const izin_tte_request *rq, buf *out, izin_tte_result *res,
                     const char **msg);

/* ---- baseline B-T: the signature's timestamp (izin_tte_tsa.c) ---- */

/* Loads the TSA trust bundle (PEM certificates: the TSA's root and intermediates) into
 * cfg->tsa_trust.  0, or -1 with the reason in err. */
int izin_tte_tsa_load(izin_tte_config *cfg, const char *ca_file, char *err, size_t cap);
void izin_tte_tsa_unload(izin_tte_config *cfg);

/* With a TSA configured: gives the last signature of pdf (in place) an RFC 3161
 * timestamp over its signature value from the TSA, checked before it is added (imprint,
 * nonce, the TSA's chain to cfg->tsa_trust with the timeStamping key usage, its time near
 * `now`); a signature that already carries a timestamp (a remote service's) has that one
 * checked the same way instead.  LK_OK with res->ts_at and res->tsa set; LK_ERR_INVALID
 * with *msg in Indonesian when the TSA is down, slow, answers garbage or refuses, or its
 * token is over other data or not trusted. */
lk_err izin_tte_timestamp(arena *a, const izin_tte_config *cfg, buf *pdf, time_t now, izin_tte_result *res,
                          const char **msg);

/* Whether a certificate (as read by util/cms.h: cn, email) is the officer's: the email
 * matches, ignoring case, or the common name equals their name, ignoring case and
 * repeated spaces. */
int izin_tte_is_holder(const char *cert_cn, const char *cert_email, const char *nama, const char *email);

/* ---- the local signer's certificates (izin_tte_lokal.c) ---- */

typedef struct {
    int64_t id;
    const char *subject_cn, *email, *issuer_cn, *serial_hex, *not_before, *not_after, *uploaded_at;
} izin_tte_cert;

/* Stores a signer's PKCS#12 file (p12[0..n)) after opening it with the passphrase and
 * checking its certificate (valid now, may sign, is theirs); replaces their previous
 * one.  LK_ERR_INVALID with *msg for a wrong passphrase, a file that is no PKCS#12, or a
 * certificate that cannot be used.  Recorded in the audit trail. */
lk_err izin_tte_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, const unsigned char *p12,
                       size_t n, const char *passphrase, time_t now, const char **msg);
/* The sealed form at rest: p12 sealed with the passphrase into a new file at path (mode
 * 0600); and signing rq's PDF with such a file, as the local signer does (the refusals
 * of izin_tte_signer.sign).  For the local signer, `loket demo` and the benchmark. */
lk_err izin_tte_seal_file(const char *path, const unsigned char *p12, size_t n, const char *passphrase);
lk_err izin_tte_sign_sealed(const char *path, const char *passphrase, const izin_tte_request *rq, buf *out,
                           const char **msg);
/* The officer's active certificate: LK_OK, or LK_ERR_NOTFOUND. */
lk_err izin_tte_cert_get(store_conn *c, arena *a, int64_t account_id, izin_tte_cert *out);

#endif
