/* util/tsa.h — RFC 3161 timestamps of a signature (PAdES baseline B-T): the request to a
 * timestamp authority (TSA), reading and checking its answer, and checking a token found
 * in a signature later.  OpenSSL's TS API; no network here (the HTTP exchange is the
 * caller's, domain/izin/izin_tte_tsa.c).
 *
 * A query asks for a SHA-256 imprint of the data (for B-T: the SignerInfo's signature
 * value), with a random 64-bit nonce and certReq, so the token carries the TSA's
 * certificate and any reader can check it.  tsa_reply_check accepts an answer only when
 * it is a TimeStampResp granted (with or without modifications) whose token is over
 * exactly the query's imprint and nonce, signed by a certificate that chains to `trust`
 * with the timeStamping extended key usage (critical: OpenSSL's timestamp-signing
 * purpose), at a time within TSA_SKEW_S of now. */
#ifndef LOKET_TSA_H
#define LOKET_TSA_H
#include <stddef.h>
#include <time.h>
#include <openssl/x509.h>
#include "util/buf.h"
#include "util/err.h"

/* How far the TSA's clock may differ from ours (seconds). */
#define TSA_SKEW_S 600

typedef enum {
    TSA_OK,
    TSA_GARBAGE,         /* not a TimeStampResp / TimeStampToken */
    TSA_REJECTED,        /* the TSA's status is rejection, waiting, revocation… */
    TSA_WRONG_IMPRINT,   /* the token is over other data (or another nonce) */
    TSA_BAD_SIGNATURE,   /* the token's signature does not verify */
    TSA_UNTRUSTED,       /* its certificate does not chain to the trust store or may not timestamp */
    TSA_BAD_TIME,        /* its time is not within TSA_SKEW_S of now */
} tsa_outcome;

typedef struct {
    time_t at;               /* the token's genTime */
    char tsa[256];           /* the TSA certificate's common name (else the token's TSA name) */
    char status_text[200];   /* TSA_REJECTED: the TSA's status words, "" when none */
    int status;              /* TSA_REJECTED: the PKIStatus */
} tsa_stamp;

typedef struct tsa_query tsa_query;

/* A query for the SHA-256 of data[0..n); NULL when OpenSSL fails. */
tsa_query *tsa_query_new(const unsigned char *data, size_t n);
void tsa_query_free(tsa_query *q);
/* The query in DER (application/timestamp-query), appended to out. */
lk_err tsa_query_der(const tsa_query *q, buf *out);

/* Checks the TSA's answer to q (see above); TSA_OK with the token's DER (a CMS
 * ContentInfo, the value of id-aa-signatureTimeStampToken) appended to token and st
 * filled.  st is filled as far as the answer could be read. */
tsa_outcome tsa_reply_check(const tsa_query *q, const unsigned char *resp, size_t n, X509_STORE *trust, time_t now,
                            buf *token, tsa_stamp *st);

/* Checks a token found in a signature: its imprint is the hash (of the token's own
 * algorithm: SHA-256/384/512) of data[0..n), its signature verifies, and — when trust is
 * given — its certificate chains to trust and may timestamp.  No time bound (a token is
 * read long after it was made). */
tsa_outcome tsa_token_check(const unsigned char *tok, size_t tn, const unsigned char *data, size_t n, X509_STORE *trust,
                            tsa_stamp *st);

#endif
