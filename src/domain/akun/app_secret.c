/* domain/akun/app_secret.c — the installation's keys in table app_secret (see app_secret.h). */
#include "domain/akun/app_secret.h"
#include <sodium.h>
#include <string.h>

/* The stored key into key: LK_OK, LK_ERR_NOTFOUND when there is none yet. */
static lk_err read_key(store_conn *c, const char *name, unsigned char key[32])
{
    store_rows *r = store_query(c, "SELECT value FROM app_secret WHERE name = $1", STORE_P(SP_T(name)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    size_t bin_len = 0;
    lk_err e = got < 0 ? LK_ERR_DB : got == 0 ? LK_ERR_NOTFOUND
             : store_text(r, 0) && sodium_hex2bin(key, 32, store_text(r, 0), strlen(store_text(r, 0)), NULL,
                                                  &bin_len, NULL) == 0 && bin_len == 32 ? LK_OK : LK_ERR_DB;
    store_rows_close(r);
    return e;
}

lk_err app_secret_key(store_conn *c, const char *name, unsigned char key[32])
{
    if (!name || !*name || strlen(name) > 40) return LK_ERR_INVALID;
    /* Read first: once the key exists (always, after the first use) this writes nothing. */
    lk_err e = read_key(c, name, key);
    if (e != LK_ERR_NOTFOUND) return e;
    unsigned char fresh[32];
    char hex[65];
    randombytes_buf(fresh, sizeof fresh);
    sodium_bin2hex(hex, sizeof hex, fresh, sizeof fresh);
    sodium_memzero(fresh, sizeof fresh);
    e = store_exec(c, "INSERT INTO app_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                   STORE_P(SP_T(name), SP_T(hex)), NULL);
    sodium_memzero(hex, sizeof hex);
    if (e != LK_OK) return e;
    return read_key(c, name, key);
}
