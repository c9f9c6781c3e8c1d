/* util/tsa.c — RFC 3161 timestamp queries and tokens with OpenSSL's TS API (see tsa.h). */
#include "util/tsa.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

struct tsa_query {
    TS_REQ *req;
    unsigned char digest[32];
    ASN1_INTEGER *nonce;
};

void tsa_query_free(tsa_query *q)
{
    if (!q) return;
    TS_REQ_free(q->req);
    ASN1_INTEGER_free(q->nonce);
    OPENSSL_free(q);
}

tsa_query *tsa_query_new(const unsigned char *data, size_t n)
{
    tsa_query *q = OPENSSL_zalloc(sizeof *q);
    if (!q) return NULL;
    unsigned char rnd[8];
    unsigned int dlen = 0;
    q->req = TS_REQ_new();
    TS_MSG_IMPRINT *imp = TS_MSG_IMPRINT_new();
    X509_ALGOR *alg = X509_ALGOR_new();
    BIGNUM *bn = NULL;
    int ok = q->req && imp && alg && EVP_Digest(data, n, q->digest, &dlen, EVP_sha256(), NULL) == 1 &&
             X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) == 1 &&
             TS_MSG_IMPRINT_set_algo(imp, alg) == 1 && TS_MSG_IMPRINT_set_msg(imp, q->digest, (int)dlen) == 1 &&
             TS_REQ_set_version(q->req, 1) == 1 && TS_REQ_set_msg_imprint(q->req, imp) == 1 &&
             RAND_bytes(rnd, sizeof rnd) == 1;
    rnd[0] &= 0x7f;   /* a positive INTEGER */
    if (ok) bn = BN_bin2bn(rnd, sizeof rnd, NULL);
    if (bn) q->nonce = BN_to_ASN1_INTEGER(bn, NULL);
    ok = ok && q->nonce && TS_REQ_set_nonce(q->req, q->nonce) == 1 && TS_REQ_set_cert_req(q->req, 1) == 1;
    BN_free(bn);
    X509_ALGOR_free(alg);
    TS_MSG_IMPRINT_free(imp);
    if (!ok) {
        tsa_query_free(q);
        return NULL;
    }
    return q;
}

lk_err tsa_query_der(const tsa_query *q, buf *out)
{
    unsigned char *der = NULL;
    int n = i2d_TS_REQ(q->req, &der);
    if (n <= 0) return LK_ERR_INTERNAL;
    buf_put(out, der, (size_t)n);
    OPENSSL_free(der);
    return LK_OK;
}

static void cn_of(X509_NAME *name, char *out, size_t cap)
{
    int i = name ? X509_NAME_get_index_by_NID(name, NID_commonName, -1) : -1;
    unsigned char *utf8 = NULL;
    int n = i >= 0 ? ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i))) : -1;
    if (n >= 0) snprintf(out, cap, "%.*s", n, (const char *)utf8);
    OPENSSL_free(utf8);
}

/* The TSA's name: its signing certificate's common name, else the token's tsa field. */
static void tsa_name(PKCS7 *token, TS_TST_INFO *tst, tsa_stamp *st)
{
    STACK_OF(X509) *signers = PKCS7_get0_signers(token, NULL, 0);
    if (signers && sk_X509_num(signers) > 0) cn_of(X509_get_subject_name(sk_X509_value(signers, 0)), st->tsa, sizeof st->tsa);
    sk_X509_free(signers);
    const GENERAL_NAME *g = TS_TST_INFO_get_tsa(tst);
    if (!*st->tsa && g && g->type == GEN_DIRNAME) cn_of(g->d.directoryName, st->tsa, sizeof st->tsa);
}

static time_t gen_time(TS_TST_INFO *tst)
{
    struct tm tm;
    const ASN1_GENERALIZEDTIME *t = TS_TST_INFO_get_time(tst);
    return t && ASN1_TIME_to_tm(t, &tm) == 1 ? timegm(&tm) : 0;
}

/* Signature, then certificate: each its own outcome. */
static tsa_outcome check_signature(PKCS7 *token, X509_STORE *trust)
{
    ERR_set_mark();
    tsa_outcome o = TSA_OK;
    if (PKCS7_verify(token, NULL, NULL, NULL, NULL, PKCS7_NOVERIFY) != 1) o = TSA_BAD_SIGNATURE;
    else if (trust && TS_RESP_verify_signature(token, NULL, trust, NULL) != 1) o = TSA_UNTRUSTED;
    ERR_pop_to_mark();
    return o;
}

/* The token's imprint algorithm and hash; 0 when unreadable. */
static int imprint(TS_TST_INFO *tst, int *nid, const ASN1_OCTET_STRING **hash)
{
    TS_MSG_IMPRINT *imp = TS_TST_INFO_get_msg_imprint(tst);
    const ASN1_OBJECT *obj = NULL;
    X509_ALGOR *alg = imp ? TS_MSG_IMPRINT_get_algo(imp) : NULL;
    if (!alg) return 0;
    X509_ALGOR_get0(&obj, NULL, NULL, alg);
    *nid = OBJ_obj2nid(obj);
    *hash = TS_MSG_IMPRINT_get_msg(imp);
    return *hash != NULL;
}

static int same(const ASN1_OCTET_STRING *h, const unsigned char *d, size_t n)
{
    return (size_t)ASN1_STRING_length(h) == n && memcmp(ASN1_STRING_get0_data(h), d, n) == 0;
}

tsa_outcome tsa_reply_check(const tsa_query *q, const unsigned char *resp, size_t n, X509_STORE *trust, time_t now,
                            buf *token, tsa_stamp *st)
{
    memset(st, 0, sizeof *st);
    const unsigned char *p = resp;
    TS_RESP *r = n ? d2i_TS_RESP(NULL, &p, (long)n) : NULL;
    if (!r) {
        ERR_clear_error();
        return TSA_GARBAGE;
    }
    tsa_outcome o = TSA_OK;
    TS_STATUS_INFO *si = TS_RESP_get_status_info(r);
    long status = si ? ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(si)) : -1;
    PKCS7 *tok = TS_RESP_get_token(r);
    TS_TST_INFO *tst = TS_RESP_get_tst_info(r);
    int nid = 0;
    const ASN1_OCTET_STRING *hash = NULL;
    if (status != TS_STATUS_GRANTED && status != TS_STATUS_GRANTED_WITH_MODS) {
        st->status = (int)status;
        const STACK_OF(ASN1_UTF8STRING) *text = si ? TS_STATUS_INFO_get0_text(si) : NULL;
        if (text && sk_ASN1_UTF8STRING_num(text) > 0) {
            const ASN1_UTF8STRING *s = sk_ASN1_UTF8STRING_value(text, 0);
            snprintf(st->status_text, sizeof st->status_text, "%.*s", ASN1_STRING_length(s),
                     (const char *)ASN1_STRING_get0_data(s));
        }
        o = TSA_REJECTED;
    } else if (!tok || !tst || !imprint(tst, &nid, &hash)) {
        o = TSA_GARBAGE;
    } else {
        const ASN1_INTEGER *nonce = TS_TST_INFO_get_nonce(tst);
        tsa_name(tok, tst, st);
        st->at = gen_time(tst);
        if (nid != NID_sha256 || !same(hash, q->digest, sizeof q->digest) || !nonce ||
            ASN1_INTEGER_cmp(nonce, q->nonce) != 0)
            o = TSA_WRONG_IMPRINT;
        else if ((o = check_signature(tok, trust)) != TSA_OK) {
        } else if (!st->at || st->at < now - TSA_SKEW_S || st->at > now + TSA_SKEW_S)
            o = TSA_BAD_TIME;
    }
    if (o == TSA_OK) {
        unsigned char *der = NULL;
        int len = i2d_PKCS7(tok, &der);
        if (len > 0) buf_put(token, der, (size_t)len);
        else o = TSA_GARBAGE;
        OPENSSL_free(der);
    }
    TS_RESP_free(r);
    return o;
}

tsa_outcome tsa_token_check(const unsigned char *tok, size_t tn, const unsigned char *data, size_t n, X509_STORE *trust,
                            tsa_stamp *st)
{
    memset(st, 0, sizeof *st);
    const unsigned char *p = tok;
    PKCS7 *token = tn ? d2i_PKCS7(NULL, &p, (long)tn) : NULL;
    TS_TST_INFO *tst = token ? PKCS7_to_TS_TST_INFO(token) : NULL;
    int nid = 0;
    const ASN1_OCTET_STRING *hash = NULL;
    tsa_outcome o = TSA_OK;
    if (!tst || !imprint(tst, &nid, &hash)) {
        o = TSA_GARBAGE;
    } else {
        tsa_name(token, tst, st);
        st->at = gen_time(tst);
        const EVP_MD *md = nid == NID_sha256 || nid == NID_sha384 || nid == NID_sha512 ? EVP_get_digestbynid(nid) : NULL;
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned int dlen = 0;
        if (!md || EVP_Digest(data, n, d, &dlen, md, NULL) != 1 || !same(hash, d, dlen)) o = TSA_WRONG_IMPRINT;
        else o = check_signature(token, trust);
    }
    ERR_clear_error();
    TS_TST_INFO_free(tst);
    PKCS7_free(token);
    return o;
}
