/* domain/izin/izin_pdf_check.c — checking a permit PDF (see izin_pdf_check.h). */
#include "domain/izin/izin_pdf_check.h"
#include <sodium.h>
#include <string.h>

lk_err izin_pdf_check(store_conn *c, arena *a, const unsigned char *pdf, size_t n, izin_pdf_check_result *out)
{
    memset(out, 0, sizeof *out);
    out->signer_cn = "";
    out->tsa = "";
    if (n < 8 || memcmp(pdf, "%PDF-", 5) != 0) return LK_ERR_INVALID;
    pades_result r;
    pades_check(pdf, n, NULL, &r);
    out->state = r.state;
    if (r.signer.cert) out->signer_cn = arena_strdup(a, r.signer.cn);
    out->when = r.state == PADES_NONE ? 0 : r.when;
    if (r.signer.timestamp == 1) {
        out->ts_at = r.signer.ts_at;
        out->tsa = arena_strdup(a, r.signer.ts_name);
    }
    cms_signer_free(&r.signer);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(h, pdf, n);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    char *nomor = NULL;
    store_rows *rows = store_query(c, "SELECT nomor FROM izin WHERE pdf_sha256 = $1", STORE_P(SP_T(hex)));
    if (!rows) return LK_ERR_DB;
    int got = store_next(rows);
    if (got == 1) nomor = arena_strdup(a, store_text(rows, 0));
    store_rows_close(rows);
    if (got < 0) return LK_ERR_DB;
    if (!nomor) return LK_OK;
    lk_err e = izin_get_by_nomor(c, a, nomor, &out->izin);
    if (e == LK_OK) out->issued = 1;
    return e == LK_ERR_NOTFOUND ? LK_OK : e;
}
