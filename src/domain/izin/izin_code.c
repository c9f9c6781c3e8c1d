/* domain/izin/izin_code.c — canonical serialisation, Ed25519 signatures and the compact
 * QR code of a permit (see izin_code.h and docs/izin-signature.md). */
#include "domain/izin/izin_code.h"
#include "util/datetime.h"
#include "util/text.h"
#include <sodium.h>
#include <string.h>

#define CODE_VERSION 1
#define FIELD_SEP '\x1f'        /* unit separator: never inside a valid field */
#define CANON_HEAD "loket-izin/1\n"

/* Valid UTF-8, 1..max bytes (0..max when may_be_empty), no control characters. */
static int text_ok(const char *s, size_t max, int may_be_empty)
{
    if (!s) return 0;
    size_t n = strlen(s);
    if ((!n && !may_be_empty) || n > max || !utf8_valid(s, n)) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return 0;
    return 1;
}

static int date_ok(const char *s)
{
    time_t t;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || datetime_parse(s, &t) != 0) return 0;
    /* datetime_parse normalises 2026-02-31; a real date reads back the same. */
    struct tm tm;
    gmtime_r(&t, &tm);
    char back[16];
    strftime(back, sizeof back, "%Y-%m-%d", &tm);
    return strcmp(back, s) == 0;
}

int izin_signed_valid(const izin_signed *f)
{
    if (strlen(f->kid) != IZIN_KID_CHARS || strspn(f->kid, "0123456789abcdef") != IZIN_KID_CHARS) return 0;
    if (!text_ok(f->nomor, IZIN_NOMOR_MAX, 0) || !text_ok(f->jenis_izin, IZIN_TEXT_MAX, 0) ||
        !text_ok(f->pemegang, IZIN_TEXT_MAX, 0) || !text_ok(f->wilayah, IZIN_WILAYAH_MAX, 0))
        return 0;
    if (strspn(f->wilayah, "0123456789.") != strlen(f->wilayah)) return 0;
    if (!date_ok(f->berlaku_dari)) return 0;
    if (!f->berlaku_sampai) return 0;
    if (*f->berlaku_sampai && (!date_ok(f->berlaku_sampai) || strcmp(f->berlaku_sampai, f->berlaku_dari) < 0))
        return 0;
    return 1;
}

lk_err izin_canonical(const izin_signed *f, buf *out)
{
    if (!izin_signed_valid(f)) return LK_ERR_INVALID;
    buf_puts(out, CANON_HEAD);
    buf_printf(out, "kid:%s\n", f->kid);
    buf_printf(out, "nomor:%s\n", f->nomor);
    buf_printf(out, "jenis_izin:%s\n", f->jenis_izin);
    buf_printf(out, "pemegang:%s\n", f->pemegang);
    buf_printf(out, "wilayah:%s\n", f->wilayah);
    buf_printf(out, "berlaku_dari:%s\n", f->berlaku_dari);
    buf_printf(out, "berlaku_sampai:%s\n", *f->berlaku_sampai ? f->berlaku_sampai : "-");
    return LK_OK;
}

void izin_hex_encode(const unsigned char *in, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, in, n);
}

int izin_hex_decode(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;
    const char *end = NULL;
    if (!hex || strlen(hex) != 2 * n) return -1;
    if (sodium_hex2bin(out, n, hex, 2 * n, NULL, &got, &end) != 0 || got != n || *end) return -1;
    return 0;
}

void izin_kid_of(const unsigned char pk[IZIN_PK_BYTES], char kid[IZIN_KID_CHARS + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, IZIN_PK_BYTES);
    izin_hex_encode(h, IZIN_KID_CHARS / 2, kid);
}

lk_err izin_sign(const izin_signed *f, const unsigned char sk[IZIN_SK_BYTES], unsigned char sig[IZIN_SIG_BYTES])
{
    buf msg = BUF_INIT;
    lk_err e = izin_canonical(f, &msg);
    if (e == LK_OK && crypto_sign_detached(sig, NULL, (const unsigned char *)msg.data, msg.len, sk) != 0)
        e = LK_ERR_INTERNAL;
    buf_free(&msg);
    return e;
}

int izin_signature_ok(const izin_signed *f, const unsigned char sig[IZIN_SIG_BYTES],
                      const unsigned char pk[IZIN_PK_BYTES])
{
    buf msg = BUF_INIT;
    int ok = izin_canonical(f, &msg) == LK_OK &&
             crypto_sign_verify_detached(sig, (const unsigned char *)msg.data, msg.len, pk) == 0;
    buf_free(&msg);
    return ok;
}

/* "2026-12-01" → "20261201" and back: dates travel without their dashes. */
static void compact_date(buf *b, const char *ymd)
{
    if (!*ymd) return;
    buf_printf(b, "%.4s%.2s%.2s", ymd, ymd + 5, ymd + 8);
}

static const char *expand_date(arena *a, const char *s, size_t n)
{
    if (n == 0) return "";
    if (n != 8 || strspn(s, "0123456789") < 8) return NULL;
    return arena_printf(a, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
}

lk_err izin_code_encode(arena *a, const izin_signed *f, const unsigned char sig[IZIN_SIG_BYTES], const char **code)
{
    if (!izin_signed_valid(f)) return LK_ERR_INVALID;
    unsigned char kid[IZIN_KID_CHARS / 2];
    if (izin_hex_decode(f->kid, kid, sizeof kid) != 0) return LK_ERR_INVALID;
    buf raw = BUF_INIT;
    buf_putc(&raw, CODE_VERSION);
    buf_put(&raw, kid, sizeof kid);
    buf_put(&raw, sig, IZIN_SIG_BYTES);
    buf_printf(&raw, "%s%c%s%c%s%c%s%c", f->nomor, FIELD_SEP, f->jenis_izin, FIELD_SEP, f->pemegang, FIELD_SEP,
               f->wilayah, FIELD_SEP);
    compact_date(&raw, f->berlaku_dari);
    buf_putc(&raw, FIELD_SEP);
    compact_date(&raw, f->berlaku_sampai);
    size_t len = sodium_base64_encoded_len(raw.len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, len);
    sodium_bin2base64(out, len, (const unsigned char *)raw.data, raw.len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    buf_free(&raw);
    *code = out;
    return LK_OK;
}

lk_err izin_code_decode(arena *a, const char *code, izin_signed *f, unsigned char sig[IZIN_SIG_BYTES])
{
    memset(f, 0, sizeof *f);
    if (!code) return LK_ERR_INVALID;
    const char *v = strstr(code, "/v/");
    if (v) code = v + 3;
    size_t n = strlen(code);
    if (n < 8 || n > IZIN_CODE_MAX) return LK_ERR_INVALID;
    unsigned char *raw = arena_alloc(a, n);
    size_t len = 0;
    const char *end = NULL;
    if (sodium_base642bin(raw, n, code, n, NULL, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || *end)
        return LK_ERR_INVALID;
    const size_t head = 1 + IZIN_KID_CHARS / 2 + IZIN_SIG_BYTES;
    if (len <= head || raw[0] != CODE_VERSION) return LK_ERR_INVALID;
    izin_hex_encode(raw + 1, IZIN_KID_CHARS / 2, f->kid);
    memcpy(sig, raw + 1 + IZIN_KID_CHARS / 2, IZIN_SIG_BYTES);
    const char *p = (const char *)raw + head, *stop = (const char *)raw + len;
    const char *parts[6];
    size_t lens[6];
    for (int i = 0; i < 6; i++) {
        const char *sep = i < 5 ? memchr(p, FIELD_SEP, (size_t)(stop - p)) : stop;
        if (!sep) return LK_ERR_INVALID;
        parts[i] = p;
        lens[i] = (size_t)(sep - p);
        if (memchr(p, '\0', lens[i])) return LK_ERR_INVALID;
        p = sep + (i < 5);
    }
    f->nomor = arena_strndup(a, parts[0], lens[0]);
    f->jenis_izin = arena_strndup(a, parts[1], lens[1]);
    f->pemegang = arena_strndup(a, parts[2], lens[2]);
    f->wilayah = arena_strndup(a, parts[3], lens[3]);
    f->berlaku_dari = expand_date(a, parts[4], lens[4]);
    f->berlaku_sampai = expand_date(a, parts[5], lens[5]);
    if (!f->berlaku_dari || !*f->berlaku_dari || !f->berlaku_sampai || !izin_signed_valid(f)) return LK_ERR_INVALID;
    return LK_OK;
}
