/* demo/demo_tte.c — electronic signatures for the demo (issue 14): a throwaway demo CA
 * and, for each demo office's Penandatangan (kadis.…), a certificate it issued, stored
 * as their local signer's certificate (domain/izin/izin_tte.h) with the passphrase
 * DEMO_TTE_PASSPHRASE, so that a newcomer can sign permits and check them with pdfsig at
 * once.  Everything is marked as demo: the CA is "Loket DEMO CA (TIDAK SAH)" and every
 * certificate's organisation says it is not an official certificate; no reader trusts
 * them.  The CA's key stays in DATA/tte/demo-ca.key (0600) so that running the demo
 * again issues from the same CA; a signer that has a certificate keeps it. */
#include "demo/demo.h"
#include "domain/izin/izin_tte.h"
#include <errno.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEMO_ORG "Loket DEMO - bukan sertifikat resmi"
#define DEMO_CA_CN "Loket DEMO CA (TIDAK SAH)"
#define YEAR_S (365L * 86400)

static const char *const SIGNERS[] = {"kadis.pangkalpinang", "kadis.muaraenim"};

static int add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    int ok = e && X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
    return ok;
}

/* A certificate for key with subject (O = demo, CN, optional email), issued by
 * issuer/issuer_key (NULL: self-signed CA), valid from ten years ago for fifteen years
 * (so the demo's older permits can be signed at their dates). */
static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *email, X509 *issuer, EVP_PKEY *issuer_key)
{
    X509 *x = X509_new();
    unsigned char serial[8];
    if (!x || RAND_bytes(serial, sizeof serial) != 1) {
        X509_free(x);
        return NULL;
    }
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, NULL);
    X509_NAME *name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char *)DEMO_ORG, -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
    if (email) X509_NAME_add_entry_by_txt(name, "emailAddress", MBSTRING_ASC, (const unsigned char *)email, -1, -1, 0);
    int ok = X509_set_version(x, 2) && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) &&
             X509_gmtime_adj(X509_getm_notBefore(x), -10 * YEAR_S) && X509_gmtime_adj(X509_getm_notAfter(x), 5 * YEAR_S) &&
             X509_set_pubkey(x, key) && X509_set_subject_name(x, name) &&
             X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
    if (ok && !issuer)
        ok = add_ext(x, NULL, NID_basic_constraints, "critical,CA:TRUE") &&
             add_ext(x, NULL, NID_key_usage, "critical,keyCertSign,cRLSign");
    if (ok && issuer) {
        char alt[300];
        snprintf(alt, sizeof alt, "email:%s", email);
        ok = add_ext(x, issuer, NID_basic_constraints, "CA:FALSE") &&
             add_ext(x, issuer, NID_key_usage, "critical,digitalSignature,nonRepudiation") &&
             add_ext(x, issuer, NID_subject_alt_name, alt);
    }
    if (ok) ok = X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256()) > 0;
    X509_NAME_free(name);
    BN_free(bn);
    if (!ok) {
        X509_free(x);
        return NULL;
    }
    return x;
}

/* The demo CA from DATA/tte/demo-ca.{key,pem}, made when missing. */
static int demo_ca(const char *data_dir, EVP_PKEY **key, X509 **cert)
{
    char dir[1100], kpath[1200], cpath[1200];
    snprintf(dir, sizeof dir, "%s/tte", data_dir);
    snprintf(kpath, sizeof kpath, "%s/demo-ca.key", dir);
    snprintf(cpath, sizeof cpath, "%s/demo-ca.pem", dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    FILE *kf = fopen(kpath, "re"), *cf = fopen(cpath, "re");
    *key = kf ? PEM_read_PrivateKey(kf, NULL, NULL, NULL) : NULL;
    *cert = cf ? PEM_read_X509(cf, NULL, NULL, NULL) : NULL;
    if (kf) fclose(kf);
    if (cf) fclose(cf);
    if (*key && *cert) return 0;
    EVP_PKEY_free(*key);
    X509_free(*cert);
    *key = EVP_RSA_gen(2048);
    *cert = *key ? make_cert(*key, DEMO_CA_CN, NULL, NULL, NULL) : NULL;
    if (!*cert) return -1;
    umask(077);
    kf = fopen(kpath, "we");
    cf = fopen(cpath, "we");
    int ok = kf && cf && PEM_write_PrivateKey(kf, *key, NULL, NULL, 0, NULL, NULL) && PEM_write_X509(cf, *cert);
    if (kf) ok = fclose(kf) == 0 && ok;
    if (cf) ok = fclose(cf) == 0 && ok;
    if (kf) chmod(kpath, 0600);
    return ok ? 0 : -1;
}

/* A PKCS#12 file (DER) of a new demo certificate for the officer. */
static int demo_p12(EVP_PKEY *ca_key, X509 *ca, const char *nama, const char *email, unsigned char **der, int *n)
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    X509 *cert = key ? make_cert(key, nama, email, ca, ca_key) : NULL;
    STACK_OF(X509) *chain = sk_X509_new_null();
    if (chain) sk_X509_push(chain, ca);
    PKCS12 *p12 = cert ? PKCS12_create(DEMO_TTE_PASSPHRASE, nama, key, cert, chain, 0, 0, 0, 0, 0) : NULL;
    *der = NULL;
    *n = p12 ? i2d_PKCS12(p12, der) : -1;
    PKCS12_free(p12);
    sk_X509_free(chain);
    X509_free(cert);
    EVP_PKEY_free(key);
    return *n > 0 ? 0 : -1;
}

lk_err demo_tte_load(store *s, const char *data_dir, char *err, size_t errlen)
{
    EVP_PKEY *ca_key = NULL;
    X509 *ca = NULL;
    if (demo_ca(data_dir, &ca_key, &ca) != 0) {
        snprintf(err, errlen, "cannot create the demo certificate authority in %s/tte", data_dir);
        EVP_PKEY_free(ca_key);
        X509_free(ca);
        return LK_ERR_IO;
    }
    store_conn *c = store_acquire(s);
    arena *a = arena_new();
    lk_err e = LK_OK;
    for (size_t i = 0; i < sizeof SIGNERS / sizeof *SIGNERS && e == LK_OK; i++) {
        store_rows *r = store_query(c, "SELECT id, nama, email FROM account WHERE username_lower = $1",
                                    STORE_P(SP_T(SIGNERS[i])));
        if (!r) {
            e = LK_ERR_DB;
            break;
        }
        int64_t id = 0;
        const char *nama = NULL, *email = NULL;
        if (store_next(r) == 1) {
            id = store_int(r, 0);
            nama = arena_strdup(a, store_text(r, 1));
            email = arena_strdup(a, store_text(r, 2));
        }
        store_rows_close(r);
        izin_tte_cert have;
        if (!id || izin_tte_cert_get(c, a, id, &have) == LK_OK) continue;
        unsigned char *der = NULL;
        int n = 0;
        const char *msg = NULL;
        if (demo_p12(ca_key, ca, nama, email, &der, &n) != 0) e = LK_ERR_INTERNAL;
        else e = izin_tte_upload(c, a, data_dir, id, der, (size_t)n, DEMO_TTE_PASSPHRASE, time(NULL), &msg);
        OPENSSL_free(der);
        if (e) snprintf(err, errlen, "cannot give %s a demo certificate: %s", SIGNERS[i], msg ? msg : lk_err_name(e));
        else printf("demo certificate (TIDAK SAH) for %-22s passphrase: %s\n", SIGNERS[i], DEMO_TTE_PASSPHRASE);
    }
    arena_free(a);
    store_release(c);
    EVP_PKEY_free(ca_key);
    X509_free(ca);
    return e;
}
