/* tests/unit/test_pades.c — the PAdES signature of a permit PDF (util/pades.h,
 * util/pdf_sign.h, util/cms.h) checked with independent tools: the byte range covers
 * everything but the /Contents hex string, the CMS verifies with OpenSSL (`openssl cms
 * -verify` against the throwaway CA of tests/lib/test_ca.sh), a changed or appended byte
 * makes it altered, and poppler's `pdfsig` says the signature is valid and names the
 * signer.  Certificates that must not sign (expired, not yet valid, no signing key usage)
 * are refused by cms_cert_unusable.
 *
 * Baseline B-T (util/tsa.h): a timestamp query for the signature value is answered by
 * `openssl ts -reply` with a throwaway TSA certificate; the token's imprint is the hash of
 * the signature value (a changed byte fails), a rejection, garbage, a token over other
 * data, an untrusted TSA or one without the timeStamping key usage, and a time far from
 * now are each refused; the token added as an unsigned attribute keeps the PDF valid
 * for Loket and for pdfsig. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/izin/izin_pdf.h"
#include "util/pades.h"
#include "util/tsa.h"
#include "testrun.h"

static char dir[256];

static void sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char *out = run(cmd);
    if (!out) fail_msg("command failed: %s", cmd);
    free(out);
}

static X509 *load_cert(const char *name)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s.pem", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    X509 *c = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(c);
    return c;
}

static EVP_PKEY *load_key(const char *name)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s.key", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(k);
    return k;
}

static void permit(buf *pdf, izin_pdf_place *where)
{
    izin_pdf_row rows[] = {{"Nama", "dr. Siti Rahmawati"}, {"Berlaku Sampai", "30 November 2031"}};
    izin_pdf_doc d = {
        .instansi_name = "Pemerintah Kota Pangkalpinang", .office_name = "DPMPTSP", .judul = "Surat Izin Praktik Dokter",
        .nomor = "503/001/SIP/2026", .isi = "Memberikan izin kepada:\n\n{rincian}", .rows = rows, .n_rows = 2,
        .tanggal = "1 Desember 2026", .signer_jabatan = "Kepala Dinas", .signer_nama = "Drs. Ahmad Yani",
        .signer_nip = "197503122000031002", .kode = "K7P2-9QXM", .cek_url = "https://izin.example/cek-izin",
        .verify_url = "https://izin.example/v/AQ", .kid = "04bd72ef",
    };
    assert_int_equal(izin_pdf_placed(&d, pdf, where), LK_OK);
}

static void write_file(const char *name, const void *p, size_t n)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* pdfsig's report of pdf (written as DIR/name), which must say the signature is valid
 * and covers the whole document; the caller frees it. */
static char *pdfsig_valid(const char *name, const buf *pdf)
{
    write_file(name, pdf->data, pdf->len);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "pdfsig '%s/%s' 2>&1", dir, name);
    char *out = run(cmd);
    assert_non_null(out);
    if (!strstr(out, "Signature Validation: Signature is Valid.")) fail_msg("pdfsig: %s", out);
    assert_non_null(strstr(out, "Total document signed"));
    return out;
}

/* A signed permit in out, signed by kadis at a fixed time. */
static void sign_permit(buf *out, buf *original)
{
    izin_pdf_place at;
    permit(original, &at);
    assert_true(at.x1 > at.x0 && at.y1 > at.y0);
    pdf_sig_field f = {.page = at.page, .x0 = at.x0, .y0 = at.y0, .x1 = at.x1, .y1 = at.y1,
                       .field_name = "Tanda Tangan Elektronik", .signer_name = "Drs. Ahmad Yani",
                       .reason = "Penerbitan izin 503/001/SIP/2026", .location = "Kota Pangkalpinang",
                       .when = 1796113800};
    EVP_PKEY *key = load_key("kadis");
    X509 *cert = load_cert("kadis");
    const char *why = NULL;
    assert_int_equal(pades_sign((const unsigned char *)original->data, original->len, &f, key, cert, NULL, out, &why),
                     LK_OK);
    EVP_PKEY_free(key);
    X509_free(cert);
}

static void test_byte_range_covers_all_but_contents(void **st)
{
    buf original = BUF_INIT, signed_pdf = BUF_INIT;
    sign_permit(&signed_pdf, &original);
    const unsigned char *s = (const unsigned char *)signed_pdf.data;
    /* The original file is untouched: an incremental update only appends. */
    assert_true(signed_pdf.len > original.len);
    assert_memory_equal(s, original.data, original.len);
    pdf_sig_found f;
    assert_int_equal(pdf_sig_find(s, signed_pdf.len, &f), LK_OK);
    assert_int_equal(f.range[0], 0);
    assert_true(f.covers_all);
    assert_int_equal(f.range[2] + f.range[3], signed_pdf.len);
    /* The gap is exactly the hex string <…> of /Contents, nothing more or less. */
    assert_int_equal(s[f.range[1]], '<');
    assert_int_equal(s[f.range[2] - 1], '>');
    assert_memory_equal(s + f.range[1] - 10, "/Contents ", 10);
    for (size_t i = f.range[1] + 1; i < f.range[2] - 1; i++)
        if (!isxdigit(s[i])) fail_msg("byte %zu in the gap is not hex", i);
    assert_string_equal(f.subfilter, "ETSI.CAdES.detached");
    assert_int_equal(f.when, 1796113800);
    assert_true(f.der_len > 500 && f.der_len < PDF_SIG_CONTENTS_DEFAULT);

    /* The CMS verifies with the openssl command over the two ranges, against the CA. */
    write_file("sig.der", f.der, f.der_len);
    buf content = BUF_INIT;
    buf_put(&content, s, f.range[1]);
    buf_put(&content, s + f.range[2], f.range[3]);
    write_file("content.bin", content.data, content.len);
    buf_free(&content);
    sh("openssl cms -verify -binary -inform DER -in '%s/sig.der' -content '%s/content.bin' -CAfile '%s/ca.pem'"
       " -purpose any -out /dev/null 2>&1",
       dir, dir, dir);
    /* signing-certificate-v2 is a signed attribute (CAdES). */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "openssl cms -cmsout -print -inform DER -in '%s/sig.der'", dir);
    char *dump = run(cmd);
    assert_non_null(dump);
    assert_non_null(strstr(dump, "id-smime-aa-signingCertificateV2"));
    free(dump);
    pdf_sig_found_free(&f);
    buf_free(&original);
    buf_free(&signed_pdf);
}

/* The signature read is the last /ByteRange in the file, wherever a partial or earlier
 * one stands (regression test for the scan that finds it from the end). */
static void test_last_byte_range_is_read(void **st)
{
    buf original = BUF_INIT, pdf = BUF_INIT;
    sign_permit(&pdf, &original);
    pdf_sig_found f;
    /* A partial needle at the very end is not a match: the real signature is found. */
    buf_puts(&pdf, "\n%/ByteRang");
    assert_int_equal(pdf_sig_find((const unsigned char *)pdf.data, pdf.len, &f), LK_OK);
    assert_true(!f.covers_all);
    pdf_sig_found_free(&f);
    /* A later /ByteRange, even a broken one, is the one read. */
    buf_puts(&pdf, "\n/ByteRange [0 1 2 3]\n");
    assert_int_equal(pdf_sig_find((const unsigned char *)pdf.data, pdf.len, &f), LK_ERR_INVALID);
    /* One at offset 0 of a file that holds nothing else is found too. */
    const unsigned char alone[] = "/ByteRange";
    assert_int_equal(pdf_sig_find(alone, sizeof alone - 1, &f), LK_ERR_INVALID);
    const unsigned char none[] = "/ByteRangX /Byte";
    assert_int_equal(pdf_sig_find(none, sizeof none - 1, &f), LK_ERR_NOTFOUND);
    buf_free(&original);
    buf_free(&pdf);
}

static void test_check_and_pdfsig(void **st)
{
    buf original = BUF_INIT, signed_pdf = BUF_INIT;
    sign_permit(&signed_pdf, &original);
    X509_STORE *trust = X509_STORE_new();
    X509 *ca = load_cert("ca");
    X509_STORE_add_cert(trust, ca);
    pades_result r;
    pades_check((const unsigned char *)signed_pdf.data, signed_pdf.len, trust, &r);
    assert_int_equal(r.state, PADES_VALID);
    assert_string_equal(r.signer.cn, "Drs. Ahmad Yani");
    assert_string_equal(r.signer.email, "kadis@example.go.id");
    assert_int_equal(r.when, 1796113800);
    cms_signer_free(&r.signer);
    /* Without the CA in the store it still verifies, but is not trusted. */
    X509_STORE *empty = X509_STORE_new();
    pades_check((const unsigned char *)signed_pdf.data, signed_pdf.len, empty, &r);
    assert_int_equal(r.state, PADES_UNTRUSTED);
    cms_signer_free(&r.signer);
    X509_STORE_free(empty);

    char *out = pdfsig_valid("signed.pdf", &signed_pdf);
    assert_non_null(strstr(out, "Signer Certificate Common Name: Drs. Ahmad Yani"));
    assert_non_null(strstr(out, "Signature Type: ETSI.CAdES.detached"));
    free(out);
    char cmd[600];
    /* The text of the permit is still there for a reader. */
    snprintf(cmd, sizeof cmd, "pdftotext '%s/signed.pdf' -", dir);
    out = run(cmd);
    assert_non_null(out);
    assert_non_null(strstr(out, "Drs. Ahmad Yani"));
    free(out);

    /* One changed byte inside the signed range: altered, for Loket and for pdfsig. */
    size_t at = 200;
    signed_pdf.data[at] ^= 0x01;
    pades_check((const unsigned char *)signed_pdf.data, signed_pdf.len, trust, &r);
    assert_int_equal(r.state, PADES_ALTERED);
    cms_signer_free(&r.signer);
    write_file("changed.pdf", signed_pdf.data, signed_pdf.len);
    snprintf(cmd, sizeof cmd, "pdfsig '%s/changed.pdf' 2>&1; true", dir);
    out = run(cmd);
    assert_non_null(out);
    if (strstr(out, "Signature is Valid")) fail_msg("pdfsig accepts a changed byte: %s", out);
    free(out);
    signed_pdf.data[at] ^= 0x01;
    /* A byte of the signature itself. */
    pdf_sig_found f;
    assert_int_equal(pdf_sig_find((const unsigned char *)signed_pdf.data, signed_pdf.len, &f), LK_OK);
    size_t sig_at = f.range[1] + 200;
    pdf_sig_found_free(&f);
    char saved = signed_pdf.data[sig_at];
    signed_pdf.data[sig_at] = saved == 'a' ? 'b' : 'a';
    pades_check((const unsigned char *)signed_pdf.data, signed_pdf.len, trust, &r);
    assert_true(r.state == PADES_ALTERED || r.state == PADES_BROKEN);
    cms_signer_free(&r.signer);
    signed_pdf.data[sig_at] = saved;
    /* Content appended after signing (another incremental update): altered. */
    buf_puts(&signed_pdf, "\n99 0 obj\n(added later)\nendobj\n");
    pades_check((const unsigned char *)signed_pdf.data, signed_pdf.len, trust, &r);
    assert_int_equal(r.state, PADES_ALTERED);
    cms_signer_free(&r.signer);
    /* An unsigned permit says so. */
    pades_check((const unsigned char *)original.data, original.len, trust, &r);
    assert_int_equal(r.state, PADES_NONE);

    X509_free(ca);
    X509_STORE_free(trust);
    buf_free(&original);
    buf_free(&signed_pdf);
}

static void test_refusals(void **st)
{
    buf original = BUF_INIT, out = BUF_INIT;
    izin_pdf_place at;
    permit(&original, &at);
    pdf_sig_field f = {.page = at.page, .x0 = at.x0, .y0 = at.y0, .x1 = at.x1, .y1 = at.y1, .when = 1796113800};
    EVP_PKEY *other_key = load_key("ku");
    X509 *cert = load_cert("kadis");
    const char *why = NULL;
    /* Another key than the certificate's. */
    assert_int_equal(pades_sign((const unsigned char *)original.data, original.len, &f, other_key, cert, NULL, &out, &why),
                     LK_ERR_INVALID);
    assert_int_equal(out.len, 0);
    /* Not a PDF; a page that does not exist. */
    EVP_PKEY *key = load_key("kadis");
    assert_int_equal(pades_sign((const unsigned char *)"%PDF-1.5 nothing", 16, &f, key, cert, NULL, &out, &why),
                     LK_ERR_INVALID);
    f.page = 7;
    assert_int_equal(pades_sign((const unsigned char *)original.data, original.len, &f, key, cert, NULL, &out, &why),
                     LK_ERR_INVALID);
    /* Validity and key usage. */
    assert_null(cms_cert_unusable(cert, time(NULL)));
    assert_non_null(strstr(cms_cert_unusable(cert, time(NULL) + 20 * 86400), "kedaluwarsa"));
    assert_non_null(strstr(cms_cert_unusable(cert, time(NULL) - 3 * 86400), "belum berlaku"));
    X509 *ku = load_cert("ku");
    assert_non_null(strstr(cms_cert_unusable(ku, time(NULL)), "key usage"));
    X509_free(ku);
    EVP_PKEY_free(key);
    EVP_PKEY_free(other_key);
    X509_free(cert);
    buf_free(&original);
    buf_free(&out);
}

static void read_file(const char *name, buf *out)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char chunk[4096];
    size_t n;
    buf_reset(out);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(out, chunk, n);
    fclose(f);
}

/* The TSA's answer to q, made by `openssl ts -reply` with the configuration `cnf`. */
static void ts_reply(const tsa_query *q, const char *cnf, buf *reply)
{
    buf der = BUF_INIT;
    assert_int_equal(tsa_query_der(q, &der), LK_OK);
    write_file("q.tsq", der.data, der.len);
    buf_free(&der);
    sh("cd '%s' && openssl ts -reply -config '%s.cnf' -queryfile q.tsq -out r.tsr 2>&1", dir, cnf);
    read_file("r.tsr", reply);
}

/* The answer to q as a TSA with the certificate `who` would give it: the TSTInfo of a
 * genuine answer signed again by `who` with `openssl cms -sign -cades` (openssl ts
 * -reply itself refuses a certificate without the timeStamping key usage), in a granted
 * TimeStampResp. */
static void ts_reply_signed_by(const tsa_query *q, const char *who, buf *reply)
{
    ts_reply(q, "tsa", reply);
    sh("cd '%s' && openssl ts -reply -in r.tsr -token_out -out tok.der 2>&1 && openssl cms -verify -noverify -binary"
       " -inform DER -in tok.der -out tst.der 2>&1 && openssl cms -sign -binary -nodetach -cades -nosmimecap -md sha256"
       " -econtent_type 1.2.840.113549.1.9.16.1.4 -signer %s.pem -inkey %s.key -outform DER -in tst.der -out tok2.der",
       dir, who, who);
    buf tok = BUF_INIT;
    read_file("tok2.der", &tok);
    size_t n = 5 + tok.len;
    const unsigned char head[] = {0x30, 0x82, (unsigned char)(n >> 8), (unsigned char)n, 0x30, 0x03, 0x02, 0x01, 0x00};
    buf_reset(reply);
    buf_put(reply, head, sizeof head);
    buf_put(reply, tok.data, tok.len);
    buf_free(&tok);
}

static X509_STORE *ca_store(void)
{
    X509_STORE *s = X509_STORE_new();
    X509 *ca = load_cert("ca");
    X509_STORE_add_cert(s, ca);
    X509_free(ca);
    return s;
}

static void test_timestamp(void **st)
{
    buf original = BUF_INIT, pdf = BUF_INIT, sig = BUF_INIT, token = BUF_INIT, reply = BUF_INIT, stamped = BUF_INIT;
    sign_permit(&pdf, &original);
    pdf_sig_found f;
    assert_int_equal(pdf_sig_find((const unsigned char *)pdf.data, pdf.len, &f), LK_OK);
    assert_int_equal(cms_timestamp_parts(f.der, f.der_len, &sig, &token), LK_OK);
    assert_true(sig.len >= 256);
    assert_int_equal(token.len, 0);
    X509_STORE *trust = ca_store();
    time_t now = time(NULL);
    tsa_stamp ts;

    /* Granted, over the signature value: accepted, with the TSA's name and time. */
    tsa_query *q = tsa_query_new((const unsigned char *)sig.data, sig.len);
    assert_non_null(q);
    ts_reply(q, "tsa", &reply);
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, trust, now, &token, &ts), TSA_OK);
    assert_string_equal(ts.tsa, "Loket Test TSA");
    assert_true(ts.at >= now - 5 && ts.at <= now + 5);
    /* Far from now: refused. */
    buf other = BUF_INIT;
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, trust, now + 3600, &other, &ts),
                     TSA_BAD_TIME);
    /* Without the test CA in the trust store: refused. */
    X509_STORE *empty = X509_STORE_new();
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, empty, now, &other, &ts),
                     TSA_UNTRUSTED);
    X509_STORE_free(empty);
    /* The token's imprint is the hash of the signature value: a changed byte fails. */
    assert_int_equal(tsa_token_check((const unsigned char *)token.data, token.len, (const unsigned char *)sig.data,
                                     sig.len, trust, &ts), TSA_OK);
    sig.data[17] ^= 0x01;
    assert_int_equal(tsa_token_check((const unsigned char *)token.data, token.len, (const unsigned char *)sig.data,
                                     sig.len, trust, &ts), TSA_WRONG_IMPRINT);
    sig.data[17] ^= 0x01;
    /* The same reply read for another query (other data, another nonce): refused. */
    tsa_query *q2 = tsa_query_new((const unsigned char *)"lain", 4);
    assert_int_equal(tsa_reply_check(q2, (const unsigned char *)reply.data, reply.len, trust, now, &other, &ts),
                     TSA_WRONG_IMPRINT);
    tsa_query_free(q2);
    /* A changed byte of the token's signed content: its signature no longer verifies. */
    buf bad = BUF_INIT;
    buf_put(&bad, token.data, token.len);
    char *serial_at = memmem(bad.data, bad.len, "Loket Test TSA", 14);
    assert_non_null(serial_at);
    serial_at[0] = 'l';
    assert_true(tsa_token_check((const unsigned char *)bad.data, bad.len, (const unsigned char *)sig.data, sig.len,
                                NULL, &ts) != TSA_OK);
    buf_free(&bad);
    /* A TSA certificate without the timeStamping key usage: refused (the same token
     * signed again by the TSA's own certificate passes: it is the key usage). */
    ts_reply_signed_by(q, "tsa", &reply);
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, trust, now, &other, &ts), TSA_OK);
    buf_reset(&other);
    ts_reply_signed_by(q, "tsa-tanpa-eku", &reply);
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)reply.data, reply.len, trust, now, &other, &ts),
                     TSA_UNTRUSTED);
    /* A rejection (status 2, "ditolak", failInfo badAlg) and garbage. */
    static const unsigned char rejected[] = {0x30, 0x14, 0x30, 0x12, 0x02, 0x01, 0x02, 0x30, 0x09, 0x0c, 0x07,
                                             'd', 'i', 't', 'o', 'l', 'a', 'k', 0x03, 0x02, 0x07, 0x80};
    assert_int_equal(tsa_reply_check(q, rejected, sizeof rejected, trust, now, &other, &ts), TSA_REJECTED);
    assert_int_equal(ts.status, 2);
    assert_string_equal(ts.status_text, "ditolak");
    assert_int_equal(tsa_reply_check(q, (const unsigned char *)"<html>", 6, trust, now, &other, &ts), TSA_GARBAGE);
    assert_int_equal(other.len, 0);
    buf_free(&other);
    tsa_query_free(q);

    /* Added to the signature: the PDF stays valid, for Loket and for pdfsig. */
    assert_int_equal(cms_add_timestamp(f.der, f.der_len, (const unsigned char *)token.data, token.len, &stamped), LK_OK);
    buf again = BUF_INIT;
    assert_int_equal(cms_add_timestamp((const unsigned char *)stamped.data, stamped.len, (const unsigned char *)token.data,
                                       token.len, &again), LK_ERR_INVALID);
    buf_free(&again);
    pdf_sig_slot slot = {{f.range[0], f.range[1], f.range[2], f.range[3]}, (f.range[2] - f.range[1] - 2) / 2};
    assert_int_equal(pdf_sig_insert(&pdf, &slot, (const unsigned char *)stamped.data, stamped.len), LK_OK);
    pades_result r;
    pades_check((const unsigned char *)pdf.data, pdf.len, trust, &r);
    assert_int_equal(r.state, PADES_VALID);
    assert_int_equal(r.signer.timestamp, 1);
    assert_string_equal(r.signer.ts_name, "Loket Test TSA");
    assert_true(r.signer.ts_at >= now - 5 && r.signer.ts_at <= now + 5);
    cms_signer_free(&r.signer);
    free(pdfsig_valid("stamped.pdf", &pdf));
    pdf_sig_found_free(&f);
    X509_STORE_free(trust);
    buf_free(&original);
    buf_free(&pdf);
    buf_free(&sig);
    buf_free(&token);
    buf_free(&reply);
    buf_free(&stamped);
}

static int setup(void **st)
{
    snprintf(dir, sizeof dir, "%s/loket-pades-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) return -1;
    char cmd[2000];
    snprintf(cmd, sizeof cmd,
             "tests/lib/test_ca.sh ca '%s' && tests/lib/test_ca.sh signer '%s' kadis 'Drs. Ahmad Yani' kadis@example.go.id"
             " rahasia && tests/lib/test_ca.sh signer '%s' ku 'Tanpa Tanda Tangan' ku@example.go.id rahasia"
             " keyEncipherment && tests/lib/test_ca.sh tsa '%s' tsa 'Loket Test TSA'"
             " && tests/lib/test_ca.sh tsa '%s' tsa-tanpa-eku 'TSA Tanpa EKU' clientAuth",
             dir, dir, dir, dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **st)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byte_range_covers_all_but_contents),
        cmocka_unit_test(test_last_byte_range_is_read),
        cmocka_unit_test(test_check_and_pdfsig),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_timestamp),
    };
    return cmocka_run_group_tests_name("pades", tests, setup, teardown);
}
