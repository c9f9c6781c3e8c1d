/* domain/permohonan/kode_lacak.c — tracking codes derived from the installation's key (see
 * kode_lacak.h). */
#include "domain/permohonan/kode_lacak.h"
#include "domain/akun/app_secret.h"
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* 32 symbols, 5 bits each: digits and capitals without 0, 1, I and O (with 1 and I gone,
 * L has no twin). */
static const char ALPHABET[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
_Static_assert(sizeof ALPHABET == 33, "32 symbols and the NUL");

void kode_lacak_derive(const unsigned char key[32], int64_t id, const char *nomor, char out[KODE_LACAK_LEN + 1])
{
    char msg[200];
    int n = snprintf(msg, sizeof msg, "loket-lacak-v1\n%" PRId64 "\n%s", id, nomor ? nomor : "");
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof msg) n = (int)sizeof msg - 1;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, 32);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, (unsigned long long)n);
    crypto_auth_hmacsha256_final(&st, mac);
    /* The first 50 bits, 5 at a time. */
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++) bits = bits << 8 | mac[i];
    for (int i = 0; i < KODE_LACAK_LEN; i++) out[i] = ALPHABET[(bits >> (59 - 5 * i)) & 31];
    out[KODE_LACAK_LEN] = '\0';
    sodium_memzero(mac, sizeof mac);
}

lk_err kode_lacak_of(store_conn *c, int64_t id, const char *nomor, char out[KODE_LACAK_LEN + 1])
{
    unsigned char key[32];
    lk_err e = app_secret_key(c, "lacak_kode", key);
    if (e == LK_OK) kode_lacak_derive(key, id, nomor, out);
    sodium_memzero(key, sizeof key);
    return e;
}

int kode_lacak_normalize(const char *typed, char out[KODE_LACAK_LEN + 1])
{
    size_t n = 0;
    for (const char *s = typed ? typed : ""; *s; s++) {
        char ch = *s;
        if (ch == ' ' || ch == '-' || ch == '\t') continue;
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (n == KODE_LACAK_LEN || !memchr(ALPHABET, ch, sizeof ALPHABET - 1)) return -1;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n == KODE_LACAK_LEN ? 0 : -1;
}

void kode_lacak_format(const char *code, char out[KODE_LACAK_SHOWN + 1])
{
    snprintf(out, KODE_LACAK_SHOWN + 1, "%.5s-%.5s", code, code + 5);
}
