/* domain/permohonan/kode_lacak.h — the tracking code of a submitted application (SPEC 4.9;
 * issue 9 item 5): the second factor that public tracking asks together with the number.
 *
 * Ten characters from an alphabet without look-alikes (no 0/O, 1/I), 50 bits: with the
 * per-number limit of public tracking (a few wrong codes a day) it cannot be guessed.
 * The code is not stored anywhere: it is the HMAC-SHA-256, under the installation's key
 * "lacak_kode" (domain/akun/app_secret.h), of the application's id and number, so it is
 * the same every time the receipt is printed or the owner's page is shown, it exists for
 * every application submitted before codes were introduced, and a copy of the
 * application tables alone (an export, a report) does not reveal it.
 *
 * Shown as two groups of five ("7KQ4M-2XHPA"); typed in any case, with or without the
 * hyphen and spaces. */
#ifndef LOKET_KODE_LACAK_H
#define LOKET_KODE_LACAK_H
#include <stdint.h>
#include "store/store.h"
#include "util/err.h"

#define KODE_LACAK_LEN 10
#define KODE_LACAK_SHOWN (KODE_LACAK_LEN + 1)   /* with the hyphen */

/* The code of application `id` numbered `nomor`, without the hyphen, from a given key
 * (pure; for tests and for kode_lacak_of). */
void kode_lacak_derive(const unsigned char key[32], int64_t id, const char *nomor, char out[KODE_LACAK_LEN + 1]);
/* The same with the installation's key. */
lk_err kode_lacak_of(store_conn *c, int64_t id, const char *nomor, char out[KODE_LACAK_LEN + 1]);
/* What someone typed, as a bare code: 0 and out filled when it is 10 characters of the
 * alphabet once spaces and hyphens are dropped and letters upper-cased; -1 otherwise. */
int kode_lacak_normalize(const char *typed, char out[KODE_LACAK_LEN + 1]);
/* "7KQ4M2XHPA" → "7KQ4M-2XHPA". */
void kode_lacak_format(const char *code, char out[KODE_LACAK_SHOWN + 1]);

#endif
