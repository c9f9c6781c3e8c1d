/* domain/izin/izin_verify.h — is this permit code genuine, and is the permit still valid?
 * (SPEC 5.5, 4.12: *Cek Keaslian Izin*, the page /v/<code> and `loket verify`).
 *
 * A code is checked in this order: it must decode (izin_code.h); its key must be known
 * and not revoked; the signature must fit the fields; then, when the database answers,
 * the permit must be registered with that very signature and not revoked; last, a
 * berlaku sampai before today makes it kedaluwarsa.  When the database does not answer,
 * the keys held in memory (an izin_keyring, filled at start and by every lookup) still
 * decide genuineness and the verdict says the revocation could not be checked.
 *
 * Verdicts carry only the public fields of the code and the office's name: no NIK,
 * phone, address or birth date.  Strings are allocated in the caller's arena; reasons
 * are static Indonesian sentences. */
#ifndef LOKET_IZIN_VERIFY_H
#define LOKET_IZIN_VERIFY_H
#include "domain/izin/izin_code.h"
#include "domain/izin/izin_keys.h"
#include "store/store.h"
#include "util/arena.h"

typedef enum { IZIN_V_BERLAKU, IZIN_V_KEDALUWARSA, IZIN_V_DICABUT, IZIN_V_TIDAK_ASLI } izin_verdict_kind;

typedef struct {
    izin_verdict_kind kind;
    const char *reason;        /* tidak asli: why; NULL otherwise */
    int db_checked;            /* 0: the database did not answer (revocation unknown) */
    izin_signed f;             /* the code's fields (meaningful unless tidak asli) */
    const char *instansi;      /* the issuing instansi's slug (from the key) */
    const char *instansi_name; /* its name, when the database answered; else "" */
    const char *revoked_at;    /* dicabut: ISO time; else "" */
} izin_verdict;

/* Public keys in memory, shared by the request threads (thread-safe). */
typedef struct izin_keyring izin_keyring;
izin_keyring *izin_keyring_new(void);
void izin_keyring_free(izin_keyring *k);
/* Adds or updates keys (copied). */
void izin_keyring_put(izin_keyring *k, const izin_key_info *keys, size_t n);
/* Fills the ring from the database (c may be NULL) and DATA/keys/<kid>.pub files. */
void izin_keyring_load(izin_keyring *k, store_conn *c, const char *data_dir);

/* Checks a code.  `c` may be NULL or a connection whose database is down; `ring` may be
 * NULL when c must answer (then a database failure is LK_ERR_DB).  `today` is the WIB
 * day "YYYY-MM-DD".  Always LK_OK with a verdict, except LK_ERR_DB as said. */
lk_err izin_verify(store_conn *c, izin_keyring *ring, arena *a, const char *code, const char *today, izin_verdict *out);

/* The code of the permit with number `nomor` and short code `kode` (typed on Home:
 * case, spaces and the dash do not matter).  LK_ERR_NOTFOUND when they do not belong
 * together; *code allocated in a. */
lk_err izin_code_for(store_conn *c, arena *a, const char *nomor, const char *kode, const char **code);

#endif
