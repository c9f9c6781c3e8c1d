/* util/cms.c — detached CMS (CAdES baseline B) signing and verifying with OpenSSL (see
 * cms.h). */
#include "util/cms.h"
#include "util/tsa.h"
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdint.h>
#include <string.h>

static time_t asn1_time(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return timegm(&tm);
}

static void name_text(X509_NAME *name, int nid, char *out, size_t cap)
{
    out[0] = 0;
    int i = name ? X509_NAME_get_index_by_NID(name, nid, -1) : -1;
    if (i < 0) return;
    ASN1_STRING *v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
    unsigned char *utf8 = NULL;
    int n = ASN1_STRING_to_UTF8(&utf8, v);
    if (n < 0) return;
    size_t k = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
    memcpy(out, utf8, k);
    out[k] = 0;
    OPENSSL_free(utf8);
}

void cms_signer_of(X509 *cert, cms_signer *s)
{
    memset(s, 0, sizeof *s);
    X509_up_ref(cert);
    s->cert = cert;
    X509_NAME *subj = X509_get_subject_name(cert);
    name_text(subj, NID_commonName, s->cn, sizeof s->cn);
    name_text(subj, NID_serialNumber, s->serial_number, sizeof s->serial_number);
    name_text(subj, NID_organizationName, s->organization, sizeof s->organization);
    name_text(subj, NID_pkcs9_emailAddress, s->email, sizeof s->email);
    name_text(X509_get_issuer_name(cert), NID_commonName, s->issuer_cn, sizeof s->issuer_cn);
    if (!*s->email) {
        GENERAL_NAMES *alt = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
        for (int i = 0; alt && i < sk_GENERAL_NAME_num(alt) && !*s->email; i++) {
            GENERAL_NAME *g = sk_GENERAL_NAME_value(alt, i);
            if (g->type != GEN_EMAIL) continue;
            const unsigned char *d = ASN1_STRING_get0_data(g->d.rfc822Name);
            int n = ASN1_STRING_length(g->d.rfc822Name);
            if (n > 0 && (size_t)n < sizeof s->email) {
                memcpy(s->email, d, (size_t)n);
                s->email[n] = 0;
            }
        }
        GENERAL_NAMES_free(alt);
    }
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    if (hex) snprintf(s->serial_hex, sizeof s->serial_hex, "%s", hex);
    OPENSSL_free(hex);
    BN_free(bn);
    s->not_before = asn1_time(X509_get0_notBefore(cert));
    s->not_after = asn1_time(X509_get0_notAfter(cert));
}

void cms_signer_free(cms_signer *s)
{
    X509_free(s->cert);
    s->cert = NULL;
}

const char *cms_cert_unusable(X509 *cert, time_t now)
{
    time_t nb = asn1_time(X509_get0_notBefore(cert)), na = asn1_time(X509_get0_notAfter(cert));
    if (!nb || now < nb) return "Sertifikat belum berlaku.";
    if (!na || now > na) return "Sertifikat sudah kedaluwarsa.";
    uint32_t ku = X509_get_key_usage(cert);
    if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
        return "Sertifikat tidak untuk tanda tangan (key usage tanpa digitalSignature atau nonRepudiation).";
    return NULL;
}

static BIO *parts_bio(const cms_part *parts, size_t nparts)
{
    BIO *b = BIO_new(BIO_s_mem());
    for (size_t i = 0; b && i < nparts; i++)
        if (parts[i].n && BIO_write(b, parts[i].p, (int)parts[i].n) != (int)parts[i].n) {
            BIO_free(b);
            return NULL;
        }
    return b;
}

/* signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate with its
 * issuer and serial, so the certificate cannot be swapped for another with the same key. */
static int add_signing_cert_v2(CMS_SignerInfo *si, X509 *cert)
{
    ESS_SIGNING_CERT_V2 *sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), cert, NULL, 1);
    if (!sc) return 0;
    unsigned char *der = NULL;
    int n = i2d_ESS_SIGNING_CERT_V2(sc, &der);
    ESS_SIGNING_CERT_V2_free(sc);
    int ok = n > 0 && CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, der, n);
    OPENSSL_free(der);
    return ok;
}

/* The DER of cms appended to out: LK_OK, or LK_ERR_INTERNAL. */
static lk_err encode(CMS_ContentInfo *cms, buf *out)
{
    unsigned char *der = NULL;
    int n = i2d_CMS_ContentInfo(cms, &der);
    if (n > 0) buf_put(out, der, (size_t)n);
    OPENSSL_free(der);
    return n > 0 ? LK_OK : LK_ERR_INTERNAL;
}

lk_err cms_sign_detached(EVP_PKEY *key, X509 *cert, STACK_OF(X509) *chain, const cms_part *parts, size_t nparts,
                         buf *der)
{
    buf_reset(der);
    if (X509_check_private_key(cert, key) != 1) return LK_ERR_INVALID;
    const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    lk_err rc = LK_ERR_INTERNAL;
    BIO *in = parts_bio(parts, nparts);
    CMS_ContentInfo *cms = in ? CMS_sign(NULL, NULL, chain, NULL, flags) : NULL;
    CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, cert, key, EVP_sha256(), flags) : NULL;
    if (si && add_signing_cert_v2(si, cert) && CMS_final(cms, in, NULL, CMS_DETACHED | CMS_BINARY) == 1)
        rc = encode(cms, der);
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    return rc;
}

static time_t signing_time(CMS_ContentInfo *cms)
{
    STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
    if (!sis || sk_CMS_SignerInfo_num(sis) < 1) return 0;
    CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
    int i = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (i < 0) return 0;
    ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, i), 0);
    if (!t || (t->type != V_ASN1_UTCTIME && t->type != V_ASN1_GENERALIZEDTIME)) return 0;
    return asn1_time((const ASN1_TIME *)t->value.asn1_string);
}

static CMS_ContentInfo *signed_data(const unsigned char *der, size_t n)
{
    const unsigned char *p = der;
    CMS_ContentInfo *cms = n ? d2i_CMS_ContentInfo(NULL, &p, (long)n) : NULL;
    if (cms && OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed) return cms;
    CMS_ContentInfo_free(cms);
    return NULL;
}

static CMS_SignerInfo *first_signer(CMS_ContentInfo *cms)
{
    STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
    return sis && sk_CMS_SignerInfo_num(sis) > 0 ? sk_CMS_SignerInfo_value(sis, 0) : NULL;
}

/* The signer's signature value and timestamp token into the buffers; 0 when unreadable. */
static int stamp_parts(CMS_ContentInfo *cms, buf *sig, buf *token)
{
    CMS_SignerInfo *si = first_signer(cms);
    ASN1_OCTET_STRING *v = si ? CMS_SignerInfo_get0_signature(si) : NULL;
    if (!v) return 0;
    buf_put(sig, ASN1_STRING_get0_data(v), (size_t)ASN1_STRING_length(v));
    int i = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    ASN1_TYPE *t = i >= 0 ? X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, i), 0) : NULL;
    if (t && t->type == V_ASN1_SEQUENCE)
        buf_put(token, ASN1_STRING_get0_data(t->value.sequence), (size_t)ASN1_STRING_length(t->value.sequence));
    return 1;
}

lk_err cms_timestamp_parts(const unsigned char *der, size_t n, buf *sig, buf *token)
{
    buf_reset(sig);
    buf_reset(token);
    CMS_ContentInfo *cms = signed_data(der, n);
    int ok = cms && stamp_parts(cms, sig, token);
    CMS_ContentInfo_free(cms);
    return ok ? LK_OK : LK_ERR_INVALID;
}

lk_err cms_add_timestamp(const unsigned char *der, size_t n, const unsigned char *tok, size_t tn, buf *out)
{
    buf_reset(out);
    CMS_ContentInfo *cms = signed_data(der, n);
    CMS_SignerInfo *si = cms ? first_signer(cms) : NULL;
    lk_err rc = LK_ERR_INVALID;
    if (si && CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1) < 0 &&
        CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, tok, (int)tn) == 1)
        rc = encode(cms, out) == LK_OK ? LK_OK : LK_ERR_INVALID;
    CMS_ContentInfo_free(cms);
    return rc;
}

/* The timestamp of the signature, checked for integrity (see cms_signer). */
static void read_timestamp(CMS_ContentInfo *cms, cms_signer *out)
{
    buf sig = BUF_INIT, token = BUF_INIT;
    if (stamp_parts(cms, &sig, &token) && token.len) {
        tsa_stamp st;
        tsa_outcome o = tsa_token_check((const unsigned char *)token.data, token.len, (const unsigned char *)sig.data,
                                        sig.len, NULL, &st);
        out->timestamp = o == TSA_OK ? 1 : -1;
        out->ts_at = st.at;
        snprintf(out->ts_name, sizeof out->ts_name, "%s", st.tsa);
    }
    buf_free(&sig);
    buf_free(&token);
}

/* One verification; 1 verified, 0 not. */
static int verify_once(CMS_ContentInfo *cms, const cms_part *parts, size_t nparts, X509_STORE *store, unsigned flags)
{
    BIO *data = parts_bio(parts, nparts);
    int ok = data && CMS_verify(cms, NULL, store, data, NULL, flags) == 1;
    BIO_free(data);
    return ok;
}

lk_err cms_verify_detached(const unsigned char *der, size_t n, const cms_part *parts, size_t nparts, X509_STORE *trust,
                           cms_signer *out)
{
    memset(out, 0, sizeof *out);
    CMS_ContentInfo *cms = signed_data(der, n);
    if (!cms) return LK_ERR_INVALID;
    const unsigned base = CMS_BINARY | CMS_DETACHED;
    lk_err rc = LK_ERR_INVALID;
    if (verify_once(cms, parts, nparts, NULL, base | CMS_NO_SIGNER_CERT_VERIFY)) {
        rc = LK_OK;
        if (trust && !verify_once(cms, parts, nparts, trust, base)) rc = LK_ERR_DENIED;
        STACK_OF(X509) *signers = CMS_get0_signers(cms);
        if (signers && sk_X509_num(signers) > 0) cms_signer_of(sk_X509_value(signers, 0), out);
        else rc = LK_ERR_INVALID;
        sk_X509_free(signers);
        out->signing_time = signing_time(cms);
        read_timestamp(cms, out);
    }
    CMS_ContentInfo_free(cms);
    return rc;
}
