/* domain/izin/izin_tte_tsa.c — baseline B-T (see izin_tte.h): an RFC 3161 timestamp for
 * the permit's PAdES signature, from the timestamp authority configured by
 * LOKET_TTE_TSA_URL (docs/tte.md), over HTTP:
 *
 *   POST TSA_URL   Content-Type: application/timestamp-query   body: the DER TimeStampReq
 *   → 200          a DER TimeStampResp (application/timestamp-reply), read up to 64 KiB
 *
 * The token is checked (util/tsa.h) before it is added to the signature as the unsigned
 * attribute id-aa-signatureTimeStampToken (util/cms.h), and the CMS is written again into
 * the /Contents placeholder — outside the byte range, so the document's signature stays
 * valid; the caller checks the whole PDF again afterwards. */
#include "domain/izin/izin_tte.h"
#include "domain/izin/izin_tte_http.h"
#include "util/cms.h"
#include "util/log.h"
#include "util/pdf_sign.h"
#include "util/tsa.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#define TSA_ANSWER_MAX (64u * 1024)
#define TSA_TIMEOUT_DEFAULT 10

int izin_tte_tsa_load(izin_tte_config *cfg, const char *ca_file, char *err, size_t cap)
{
    cfg->tsa_trust = NULL;
    if (!ca_file || !*ca_file) {
        snprintf(err, cap, "LOKET_TTE_TSA_URL needs LOKET_TTE_TSA_CA, the PEM file of the TSA's trusted certificates");
        return -1;
    }
    X509_STORE *s = X509_STORE_new();
    X509_LOOKUP *l = s ? X509_STORE_add_lookup(s, X509_LOOKUP_file()) : NULL;
    if (!l || X509_LOOKUP_load_file(l, ca_file, X509_FILETYPE_PEM) <= 0) {
        snprintf(err, cap, "LOKET_TTE_TSA_CA: cannot read certificates from %s", ca_file);
        X509_STORE_free(s);
        ERR_clear_error();
        return -1;
    }
    cfg->tsa_trust = s;
    return 0;
}

void izin_tte_tsa_unload(izin_tte_config *cfg)
{
    X509_STORE_free(cfg->tsa_trust);
    cfg->tsa_trust = NULL;
}

/* The officer's message for a token that is not acceptable. */
static const char *refusal(arena *a, tsa_outcome o, const tsa_stamp *st)
{
    switch (o) {
    case TSA_GARBAGE: return "Layanan stempel waktu (TSA) memberi jawaban yang tidak dapat dibaca; izin tidak ditandatangani.";
    case TSA_REJECTED:
        return arena_printf(a, "Layanan stempel waktu (TSA) menolak permintaan (status %d%s%.120s); izin tidak ditandatangani.",
                            st->status, *st->status_text ? ": " : "", st->status_text);
    case TSA_WRONG_IMPRINT:
        return "Stempel waktu dari TSA bukan untuk tanda tangan ini; izin tidak ditandatangani.";
    case TSA_BAD_SIGNATURE: return "Tanda tangan pada stempel waktu dari TSA tidak sah; izin tidak ditandatangani.";
    case TSA_UNTRUSTED:
        return "Sertifikat TSA tidak dipercaya atau tidak untuk stempel waktu; izin tidak ditandatangani.";
    case TSA_BAD_TIME: return "Waktu pada stempel waktu dari TSA tidak wajar; izin tidak ditandatangani.";
    case TSA_OK: break;
    }
    return NULL;
}

/* The TSA's answer for the signature value sig, checked; its token into token. */
static lk_err fetch(arena *a, const izin_tte_config *cfg, const buf *sig, time_t now, buf *token, tsa_stamp *st,
                    const char **msg)
{
    tsa_query *q = tsa_query_new((const unsigned char *)sig->data, sig->len);
    buf query = BUF_INIT, answer = BUF_INIT;
    if (!q || tsa_query_der(q, &query) != LK_OK) {
        tsa_query_free(q);
        buf_free(&query);
        return LK_ERR_INTERNAL;
    }
    tte_http_req rq = {.url = cfg->tsa_url, .user = cfg->tsa_user, .password = cfg->tsa_password,
                       .content_type = "application/timestamp-query", .accept = "application/timestamp-reply",
                       .timeout_s = cfg->tsa_timeout_s ? cfg->tsa_timeout_s : TSA_TIMEOUT_DEFAULT,
                       .answer_max = TSA_ANSWER_MAX};
    long status = 0;
    tte_http_outcome o = tte_http_post(&rq, query.data, query.len, &status, &answer);
    lk_err e = LK_ERR_INVALID;
    if (o == TTE_HTTP_TIMEOUT) {
        *msg = "Layanan stempel waktu (TSA) tidak menjawab tepat waktu; izin tidak ditandatangani, coba lagi nanti.";
    } else if (o != TTE_HTTP_OK) {
        *msg = "Layanan stempel waktu (TSA) tidak dapat dihubungi; izin tidak ditandatangani, coba lagi nanti.";
    } else if (status != 200) {
        log_warn("tte: the TSA answered %ld", status);
        *msg = arena_printf(a, "Layanan stempel waktu (TSA) menolak permintaan (HTTP %ld); izin tidak ditandatangani.", status);
    } else {
        tsa_outcome t = tsa_reply_check(q, (const unsigned char *)answer.data, answer.len, cfg->tsa_trust, now, token, st);
        if (t == TSA_OK) e = LK_OK;
        else {
            log_warn("tte: refused the TSA's answer (outcome %d, %zu bytes)", (int)t, answer.len);
            *msg = refusal(a, t, st);
        }
    }
    tsa_query_free(q);
    buf_free(&query);
    buf_free(&answer);
    return e;
}

lk_err izin_tte_timestamp(arena *a, const izin_tte_config *cfg, buf *pdf, time_t now, izin_tte_result *res,
                          const char **msg)
{
    *msg = NULL;
    pdf_sig_found f;
    if (pdf_sig_find((const unsigned char *)pdf->data, pdf->len, &f) != LK_OK) {
        *msg = "Tanda tangan pada hasil penandatanganan tidak sah; izin tidak ditandatangani.";
        return LK_ERR_INVALID;
    }
    buf sig = BUF_INIT, token = BUF_INIT, stamped = BUF_INIT;
    tsa_stamp st;
    lk_err e = cms_timestamp_parts(f.der, f.der_len, &sig, &token);
    if (e) *msg = "Tanda tangan pada hasil penandatanganan tidak sah; izin tidak ditandatangani.";
    else if (token.len) {
        /* The service stamped it already: that token must pass the same checks. */
        tsa_outcome t = tsa_token_check((const unsigned char *)token.data, token.len, (const unsigned char *)sig.data,
                                        sig.len, cfg->tsa_trust, &st);
        if (t == TSA_OK && (st.at < now - TSA_SKEW_S || st.at > now + TSA_SKEW_S)) t = TSA_BAD_TIME;
        if (t != TSA_OK) {
            *msg = refusal(a, t, &st);
            e = LK_ERR_INVALID;
        }
    } else {
        e = fetch(a, cfg, &sig, now, &token, &st, msg);
        if (e == LK_OK) e = cms_add_timestamp(f.der, f.der_len, (const unsigned char *)token.data, token.len, &stamped);
        pdf_sig_slot slot = {{f.range[0], f.range[1], f.range[2], f.range[3]}, (f.range[2] - f.range[1] - 2) / 2};
        if (e == LK_OK && pdf_sig_insert(pdf, &slot, (const unsigned char *)stamped.data, stamped.len) != LK_OK) {
            log_warn("tte: the timestamped signature (%zu bytes) does not fit the %zu reserved", stamped.len,
                     slot.contents_max);
            *msg = "Tanda tangan dengan stempel waktu melebihi ruang yang disediakan pada dokumen; izin tidak ditandatangani.";
            e = LK_ERR_INVALID;
        } else if (e && !*msg) {
            *msg = "Stempel waktu tidak dapat ditambahkan pada tanda tangan; izin tidak ditandatangani.";
        }
    }
    if (e == LK_OK) {
        res->ts_at = st.at;
        res->tsa = arena_strdup(a, *st.tsa ? st.tsa : "TSA");
    }
    buf_free(&sig);
    buf_free(&token);
    buf_free(&stamped);
    pdf_sig_found_free(&f);
    return e;
}
