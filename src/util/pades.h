/* util/pades.h — a PAdES baseline B signature on a PDF, and checking one: the PDF part
 * (util/pdf_sign.h) and the CMS part (util/cms.h) put together.
 *
 * pades_sign makes the incremental update, signs its byte range with the key and
 * certificate, and writes the signature in.  pades_check reads the last signature of a
 * PDF and says whether it verifies, whether it covers the whole file (nothing was
 * appended after signing), who signed and when.  Both are what the local signer, the
 * verification page and the benchmark share. */
#ifndef LOKET_PADES_H
#define LOKET_PADES_H
#include <stddef.h>
#include "util/cms.h"
#include "util/pdf_sign.h"

/* Signs pdf[0..len) into out.  LK_ERR_INVALID: a PDF the writer does not support (*why
 * for the log) or a key that is not the certificate's; LK_ERR_INTERNAL: OpenSSL failed. */
lk_err pades_sign(const unsigned char *pdf, size_t len, const pdf_sig_field *f, EVP_PKEY *key, X509 *cert,
                  STACK_OF(X509) *chain, buf *out, const char **why);

typedef enum {
    PADES_NONE,        /* the PDF carries no signature */
    PADES_VALID,       /* verifies and covers the whole file */
    PADES_UNTRUSTED,   /* verifies, covers the file, but does not chain to the trust store */
    PADES_ALTERED,     /* signed, but changed since: a byte in the range, or content appended */
    PADES_BROKEN,      /* a signature dictionary that cannot be read */
} pades_state;

typedef struct {
    pades_state state;
    cms_signer signer;         /* filled for VALID, UNTRUSTED and (when readable) ALTERED */
    time_t when;               /* the dictionary's /M, else the CMS signing-time */
    char subfilter[48];
} pades_result;

/* Checks the last signature of pdf; `trust` may be NULL (integrity only).  Release
 * r->signer with cms_signer_free. */
void pades_check(const unsigned char *pdf, size_t len, X509_STORE *trust, pades_result *r);
/* The state in words, Indonesian: "Tanda tangan elektronik sah", … */
const char *pades_state_label(pades_state s);

#endif
