/* util/cms.h — detached CMS signatures for PAdES (RFC 5652, ETSI EN 319 122 CAdES
 * baseline B) with OpenSSL's CMS API, and the checks Loket makes of a signing
 * certificate.
 *
 * cms_sign_detached signs the concatenation of byte ranges with SHA-256: signed
 * attributes content-type, message-digest, signing-time (OpenSSL always adds it; PAdES
 * readers accept it beside the dictionary's /M) and signing-certificate-v2 (ESS, RFC
 * 5035), which binds the signature to the signer's certificate.  The certificate (and
 * its chain when given) is embedded.
 *
 * cms_verify_detached checks the signature against the same ranges: the digest, the
 * signature value and, when a trust store is given, the certificate's chain.  It reports
 * who signed (subject fields) and when (signing-time), and reads the signature's
 * timestamp token when it has one.
 *
 * cms_timestamp_parts and cms_add_timestamp are baseline B-T: the SignerInfo's signature
 * value (what a timestamp authority stamps) and the same CMS with the token added as the
 * unsigned attribute id-aa-signatureTimeStampToken.  Unsigned attributes are outside what
 * the signer signed, so adding one keeps the signature valid.
 *
 * Memory: cms_signer holds copies; cms_signer_free releases its certificate. */
#ifndef LOKET_CMS_H
#define LOKET_CMS_H
#include <stddef.h>
#include <time.h>
#include <openssl/x509.h>
#include "util/buf.h"
#include "util/err.h"

typedef struct {
    const unsigned char *p;
    size_t n;
} cms_part;

/* What a certificate says about its holder. */
typedef struct {
    char cn[256];              /* subject commonName */
    char email[256];           /* subject emailAddress or the first rfc822 SubjectAltName */
    char serial_number[128];   /* subject serialNumber (BSrE puts the NIK there) */
    char organization[256];
    char issuer_cn[256];
    char serial_hex[80];       /* the certificate's serial */
    time_t not_before, not_after;
    time_t signing_time;       /* from the signature's signing-time; 0 when absent */
    /* The signature's RFC 3161 timestamp (B-T, util/tsa.h): 0 none; 1 a token over this
     * signature value that verifies (integrity only: the TSA's chain is the caller's
     * question); -1 a token that does not. */
    int timestamp;
    time_t ts_at;              /* its genTime */
    char ts_name[256];         /* the TSA's name */
    X509 *cert;                /* owned */
} cms_signer;

void cms_signer_free(cms_signer *s);
/* Fills s from a certificate (the certificate is up-referenced). */
void cms_signer_of(X509 *cert, cms_signer *s);

/* Why a certificate cannot sign at `now`: NULL when it can, else an Indonesian
 * sentence.  It must be within its validity and have digitalSignature or
 * nonRepudiation in its key usage (a certificate without the extension may sign). */
const char *cms_cert_unusable(X509 *cert, time_t now);

/* The DER CMS signature of the parts into der (reset first).  LK_ERR_INVALID when the
 * key does not belong to the certificate; LK_ERR_INTERNAL when OpenSSL fails. */
lk_err cms_sign_detached(EVP_PKEY *key, X509 *cert, STACK_OF(X509) *chain, const cms_part *parts, size_t nparts,
                         buf *der);

/* LK_OK with *out filled when the signature verifies (and chains to `trust` when given);
 * LK_ERR_INVALID when it does not (the content was changed, or the signature is
 * broken); LK_ERR_DENIED when it verifies but the chain is not trusted (out filled). */
lk_err cms_verify_detached(const unsigned char *der, size_t n, const cms_part *parts, size_t nparts, X509_STORE *trust,
                           cms_signer *out);

/* The first SignerInfo's signature value into sig, and its timestamp token (if any)
 * into token (both reset first).  LK_ERR_INVALID when der is no SignedData. */
lk_err cms_timestamp_parts(const unsigned char *der, size_t n, buf *sig, buf *token);
/* der with the timestamp token tok added to its first SignerInfo's unsigned attributes,
 * into out (reset first).  LK_ERR_INVALID when der is no SignedData or already carries a
 * timestamp. */
lk_err cms_add_timestamp(const unsigned char *der, size_t n, const unsigned char *tok, size_t tn, buf *out);

#endif
