/* domain/izin/izin_tte_remote.c — the remote signer (see izin_tte.h): an HTTP adapter
 * for a signing service with the shape of the BSrE Esign client API.  The exact
 * requests and answers it relies on are in docs/tte.md; in short:
 *
 *   POST URL/api/v2/sign/get/totp   {"nik": N} | {"email": E}        → 200 {"message": …}
 *   POST URL/api/v2/sign/pdf        {"nik": N | "email": E, "passphrase": P | "totp": T,
 *                                    "signatureProperties": [{…}], "file": [base64]}
 *                                                                      → 200 {"file": [base64]}
 *   any other status: {"error": "…"} (or anything: the status is reported)
 *
 * with HTTP basic credentials when configured, a timeout per request, and answers read up
 * to 32 MiB.  A timeout, a refused connection, a non-JSON or incomplete answer: each a
 * clear Indonesian message; the caller (izin_tte_sign) then checks the PDF it got. */
#include "domain/izin/izin_tte.h"
#include "domain/izin/izin_tte_http.h"
#include "util/log.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define ANSWER_MAX (32u * 1024 * 1024)
#define TIMEOUT_DEFAULT 20

/* A short, printable copy of what the service said, for the officer's message. */
static const char *said(arena *a, const char *s)
{
    char *t = arena_strndup(a, s ? s : "", 200);
    for (char *p = t; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    return t;
}

/* POSTs the JSON body to URL + path; the answer's JSON in *answer (caller decrefs) and
 * its HTTP status.  LK_ERR_INVALID with *msg when the service cannot be reached or
 * answers no JSON. */
static lk_err post(arena *a, const izin_tte_config *cfg, const char *path, json_t *body, long *status, json_t **answer,
                   const char **msg)
{
    *answer = NULL;
    char *text = json_dumps(body, JSON_COMPACT);
    if (!text) return LK_ERR_INTERNAL;
    buf got = BUF_INIT;
    const char *url = arena_printf(a, "%s%s", cfg->remote_url, path);
    tte_http_req rq = {.url = url, .user = cfg->remote_user, .password = cfg->remote_password,
                       .content_type = "application/json", .accept = "application/json",
                       .timeout_s = cfg->timeout_s ? cfg->timeout_s : TIMEOUT_DEFAULT, .answer_max = ANSWER_MAX};
    tte_http_outcome o = tte_http_post(&rq, text, strlen(text), status, &got);
    sodium_memzero(text, strlen(text));   /* it holds the passphrase */
    free(text);
    lk_err e = LK_OK;
    if (o == TTE_HTTP_TIMEOUT) {
        *msg = "Layanan tanda tangan elektronik tidak menjawab tepat waktu; coba lagi nanti.";
        e = LK_ERR_INVALID;
    } else if (o != TTE_HTTP_OK) {
        *msg = "Layanan tanda tangan elektronik tidak dapat dihubungi; coba lagi nanti.";
        e = LK_ERR_INVALID;
    } else {
        json_error_t je;
        *answer = got.len ? json_loadb(got.data, got.len, 0, &je) : NULL;
        if (!json_is_object(*answer) && *status == 200) {
            log_warn("tte: %s answered %ld with no JSON object (%zu bytes)", url, *status, got.len);
            *msg = "Layanan tanda tangan elektronik memberi jawaban yang tidak dapat dibaca.";
            e = LK_ERR_INVALID;
        }
    }
    buf_free(&got);
    if (e) {
        json_decref(*answer);
        *answer = NULL;
    }
    return e;
}

/* Who signs, as the service knows them (the BSrE Esign shape): {"nik": …} when the
 * officer has a NIK, else {"email": …}.  NULL on a database error. */
static json_t *signer_id(store_conn *c, arena *a, int64_t account_id, const char *email)
{
    const char *nik = NULL;
    store_rows *r = store_query(c, "SELECT COALESCE(nik, '') FROM account WHERE id = $1", STORE_P(SP_I(account_id)));
    if (!r) return NULL;
    if (store_next(r) == 1) nik = arena_strdup(a, store_text(r, 0));
    store_rows_close(r);
    if (nik && *nik) return json_pack("{s:s}", "nik", nik);
    return json_pack("{s:s}", "email", email ? email : "");
}

/* The refusal of a non-200 answer, with what the service said. */
static lk_err refused(arena *a, long status, json_t *answer, const char **msg)
{
    const char *what = json_string_value(json_object_get(answer, "error"));
    if (!what) what = json_string_value(json_object_get(answer, "message"));
    log_warn("tte: the signing service answered %ld: %s", status, what ? what : "-");
    *msg = what ? arena_printf(a, "Layanan tanda tangan elektronik menolak: %s", said(a, what))
                : arena_printf(a, "Layanan tanda tangan elektronik menolak permintaan (status %ld).", status);
    return status == 401 || status == 403 ? LK_ERR_DENIED : LK_ERR_INVALID;
}

static lk_err sign_remote(store_conn *c, arena *a, const char *data_dir, const izin_tte_input *in,
                          const izin_tte_request *rq, buf *out, const char **msg)
{
    const izin_tte_config *cfg = in->cfg;
    int has_pass = in->passphrase && *in->passphrase, has_totp = in->totp && *in->totp;
    if (!has_pass && !has_totp) {
        *msg = "Masukkan passphrase atau kode TOTP Anda untuk menandatangani izin.";
        return LK_ERR_INVALID;
    }
    size_t b64_len = sodium_base64_ENCODED_LEN(rq->len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64_len);
    if (!b64) return LK_ERR_INTERNAL;
    sodium_bin2base64(b64, b64_len, rq->pdf, rq->len, sodium_base64_VARIANT_ORIGINAL);
    json_t *prop = json_pack("{s:s, s:i, s:f, s:f, s:f, s:f, s:s, s:s}", "tampilan", "VISIBLE", "page",
                             rq->place.page + 1, "originX", rq->place.x0, "originY", rq->place.y0, "width",
                             rq->place.x1 - rq->place.x0, "height", rq->place.y1 - rq->place.y0, "location",
                             rq->location ? rq->location : "", "reason", rq->reason ? rq->reason : "");
    json_t *body = signer_id(c, a, rq->account_id, rq->email);
    if (body) {
        json_object_set_new(body, "signatureProperties", json_pack("[o]", prop));
        json_object_set_new(body, "file", json_pack("[s]", b64));
    } else {
        json_decref(prop);
    }
    free(b64);
    if (!body) return LK_ERR_DB;
    if (has_totp) json_object_set_new(body, "totp", json_string(in->totp));
    else json_object_set_new(body, "passphrase", json_string(in->passphrase));
    long status = 0;
    json_t *answer = NULL;
    lk_err e = post(a, cfg, "/api/v2/sign/pdf", body, &status, &answer, msg);
    json_decref(body);
    if (e) return e;
    if (status != 200) {
        e = refused(a, status, answer, msg);
        json_decref(answer);
        return e;
    }
    const char *signed_b64 = json_string_value(json_array_get(json_object_get(answer, "file"), 0));
    size_t n = signed_b64 ? strlen(signed_b64) : 0;
    unsigned char *pdf = n ? malloc(n) : NULL;
    size_t pdf_len = 0;
    if (!pdf || sodium_base642bin(pdf, n, signed_b64, n, "\r\n", &pdf_len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        pdf_len == 0) {
        log_warn("tte: the signing service's answer has no readable \"file\"");
        *msg = "Layanan tanda tangan elektronik memberi jawaban yang tidak dapat dibaca.";
        free(pdf);
        json_decref(answer);
        return LK_ERR_INVALID;
    }
    buf_put(out, pdf, pdf_len);
    free(pdf);
    json_decref(answer);
    return LK_OK;
}

lk_err izin_tte_request_totp(store_conn *c, arena *a, const izin_tte_config *cfg, int64_t account_id, const char *email,
                             const char **msg)
{
    *msg = NULL;
    if (!cfg || !cfg->remote_url || !*cfg->remote_url) {
        *msg = "Kode TOTP hanya dipakai dengan layanan tanda tangan elektronik.";
        return LK_ERR_INVALID;
    }
    json_t *body = signer_id(c, a, account_id, email);
    if (!body) return LK_ERR_DB;
    long status = 0;
    json_t *answer = NULL;
    lk_err e = post(a, cfg, "/api/v2/sign/get/totp", body, &status, &answer, msg);
    json_decref(body);
    if (e == LK_OK && status != 200) e = refused(a, status, answer, msg);
    json_decref(answer);
    return e;
}

const izin_tte_signer IZIN_TTE_REMOTE = {"remote", sign_remote};
