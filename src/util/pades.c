/* util/pades.c — signing and checking a PAdES signature (see pades.h). */
#include "util/pades.h"
#include <stdio.h>
#include <string.h>

lk_err pades_sign(const unsigned char *pdf, size_t len, const pdf_sig_field *f, EVP_PKEY *key, X509 *cert,
                  STACK_OF(X509) *chain, buf *out, const char **why)
{
    pdf_sig_slot slot;
    lk_err e = pdf_sig_prepare(pdf, len, f, out, &slot, why);
    if (e) return e;
    cms_part parts[2] = {{(const unsigned char *)out->data, slot.range[1]},
                         {(const unsigned char *)out->data + slot.range[2], slot.range[3]}};
    buf der = BUF_INIT;
    e = cms_sign_detached(key, cert, chain, parts, 2, &der);
    if (e == LK_ERR_INVALID) *why = "the private key does not belong to the certificate";
    if (e == LK_OK) {
        e = pdf_sig_insert(out, &slot, (const unsigned char *)der.data, der.len);
        if (e) *why = "the signature is larger than the space reserved for it";
    }
    buf_free(&der);
    if (e) buf_reset(out);
    return e;
}

void pades_check(const unsigned char *pdf, size_t len, X509_STORE *trust, pades_result *r)
{
    memset(r, 0, sizeof *r);
    pdf_sig_found f;
    lk_err e = pdf_sig_find(pdf, len, &f);
    if (e == LK_ERR_NOTFOUND) {
        r->state = PADES_NONE;
        return;
    }
    if (e) {
        r->state = PADES_BROKEN;
        return;
    }
    snprintf(r->subfilter, sizeof r->subfilter, "%s", f.subfilter);
    cms_part parts[2] = {{pdf, f.range[1]}, {pdf + f.range[2], f.range[3]}};
    e = cms_verify_detached(f.der, f.der_len, parts, 2, trust, &r->signer);
    r->when = f.when ? f.when : r->signer.signing_time;
    if (e == LK_ERR_INVALID) r->state = PADES_ALTERED;
    else if (!f.covers_all) r->state = PADES_ALTERED;
    else r->state = e == LK_ERR_DENIED ? PADES_UNTRUSTED : PADES_VALID;
    pdf_sig_found_free(&f);
}

const char *pades_state_label(pades_state s)
{
    switch (s) {
    case PADES_VALID: return "Tanda tangan elektronik sah";
    case PADES_UNTRUSTED: return "Tanda tangan elektronik utuh, tetapi penerbit sertifikatnya tidak dikenal";
    case PADES_ALTERED: return "Dokumen telah diubah setelah ditandatangani";
    case PADES_BROKEN: return "Tanda tangan elektronik rusak";
    case PADES_NONE: break;
    }
    return "Dokumen tidak memuat tanda tangan elektronik";
}
