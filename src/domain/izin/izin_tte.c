/* domain/izin/izin_tte.c — choosing the signer and checking what it returns (see
 * izin_tte.h). */
#include "domain/izin/izin_tte.h"
#include "util/log.h"
#include "util/pades.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

lk_err izin_tte_choose(store_conn *c, const izin_tte_config *cfg, int64_t account_id, const izin_tte_signer **out)
{
    *out = NULL;
    if (cfg && cfg->remote_url && *cfg->remote_url) {
        *out = &IZIN_TTE_REMOTE;
        return LK_OK;
    }
    int64_t n = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM tte_sertifikat WHERE account_id = $1 AND status = 'aktif'",
                               STORE_P(SP_I(account_id)), &n);
    if (e == LK_OK && n) *out = &IZIN_TTE_LOKAL;
    return e;
}

/* s with letters in lower case and runs of white space as one space, trimmed. */
static void fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (; s && *s && n + 1 < cap; s++) {
        if (isspace((unsigned char)*s)) {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < cap) out[n++] = ' ';
        space = 0;
        out[n++] = (char)tolower((unsigned char)*s);
    }
    out[n] = 0;
}

int izin_tte_is_holder(const char *cert_cn, const char *cert_email, const char *nama, const char *email)
{
    if (cert_email && *cert_email && email && *email && strcasecmp(cert_email, email) == 0) return 1;
    char a[256], b[256];
    fold(cert_cn, a, sizeof a);
    fold(nama, b, sizeof b);
    return *a && strcmp(a, b) == 0;
}

lk_err izin_tte_sign(store_conn *c, arena *a, const char *data_dir, const izin_tte_signer *signer,
                     const izin_tte_input *in, const izin_tte_request *rq, buf *out, izin_tte_result *res,
                     const char **msg)
{
    memset(res, 0, sizeof *res);
    buf_reset(out);
    lk_err e = signer->sign(c, a, data_dir, in, rq, out, msg);
    if (e) {
        buf_reset(out);
        return e;
    }
    /* What comes back must be the document sent, signed once more over all of it. */
    if (out->len <= rq->len || memcmp(out->data, rq->pdf, rq->len) != 0) {
        log_warn("tte: the %s signer returned a PDF that does not start with the permit sent", signer->mode);
        *msg = "Hasil penandatanganan bukan dokumen izin yang dikirim; izin tidak ditandatangani.";
        buf_reset(out);
        return LK_ERR_INVALID;
    }
    /* Baseline B-T: the timestamp goes on the signature before the whole is checked. */
    const izin_tte_config *cfg = in ? in->cfg : NULL;
    int stamped = cfg && cfg->tsa_url && *cfg->tsa_url;
    if (stamped && (e = izin_tte_timestamp(a, cfg, out, rq->now, res, msg)) != LK_OK) {
        buf_reset(out);
        return e;
    }
    pades_result r;
    pades_check((const unsigned char *)out->data, out->len, NULL, &r);
    const char *why = NULL;
    if (r.state != PADES_VALID) why = "Tanda tangan pada hasil penandatanganan tidak sah; izin tidak ditandatangani.";
    else if (stamped && r.signer.timestamp != 1) why = "Stempel waktu pada tanda tangan tidak sah; izin tidak ditandatangani.";
    else if (!r.signer.cert) why = "Hasil penandatanganan tidak memuat sertifikat penandatangan.";
    else if ((why = cms_cert_unusable(r.signer.cert, rq->now)) != NULL) {
    } else if (!izin_tte_is_holder(r.signer.cn, r.signer.email, rq->nama, rq->email))
        why = "Sertifikat pada tanda tangan bukan milik penandatangan yang masuk; izin tidak ditandatangani.";
    if (why) {
        log_warn("tte: refused the %s signer's result (state %d, signer \"%s\")", signer->mode, (int)r.state, r.signer.cn);
        cms_signer_free(&r.signer);
        *msg = why;
        buf_reset(out);
        return LK_ERR_INVALID;
    }
    res->mode = signer->mode;
    res->signer_cn = arena_strdup(a, r.signer.cn);
    res->at = r.when ? r.when : rq->now;
    cms_signer_free(&r.signer);
    return LK_OK;
}
