/* domain/izin/izin_code.h — what a permit's signature covers, and the compact code in its
 * QR (SPEC 5.5; the format is documented in docs/izin-signature.md).
 *
 * The signed fields are the permit's public ones: number, jenis izin, holder's name, the
 * issuing instansi's wilayah code and the validity.  Their canonical serialisation is a
 * fixed sequence of "name:value\n" lines; the Ed25519 signature (libsodium) of the
 * instansi's key covers exactly those bytes.  The code carries the same fields with the
 * key id and the signature, base64url-encoded, so the verification page and an offline
 * verifier need nothing but the public key.
 *
 * Pure functions: no database, no files.  Strings in izin_signed are borrowed (encode) or
 * allocated in the caller's arena (decode). */
#ifndef LOKET_IZIN_CODE_H
#define LOKET_IZIN_CODE_H
#include <stddef.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define IZIN_KID_CHARS 8          /* hex of the key id's 4 bytes */
#define IZIN_SIG_BYTES 64
#define IZIN_PK_BYTES 32
#define IZIN_SK_BYTES 64
#define IZIN_CODE_MAX 1000        /* characters of a code we even try to decode */
/* Field limits, in bytes. */
#define IZIN_NOMOR_MAX 100
#define IZIN_TEXT_MAX 200
#define IZIN_WILAYAH_MAX 20

typedef struct {
    char kid[IZIN_KID_CHARS + 1];   /* lowercase hex */
    const char *nomor;              /* "503/001/SIP/DPMPTSP/2026" */
    const char *jenis_izin;         /* "Surat Izin Praktik Dokter (SIP Dokter)" */
    const char *pemegang;           /* the holder: a person's or a company's name */
    const char *wilayah;            /* the instansi's wilayah code, "19.71" */
    const char *berlaku_dari;       /* "YYYY-MM-DD" */
    const char *berlaku_sampai;     /* "YYYY-MM-DD", or "" for no expiry */
} izin_signed;

/* 1 if every field fits the rules (valid UTF-8 without control characters, within the
 * limits; a wilayah of digits and dots; real dates; sampai not before dari). */
int izin_signed_valid(const izin_signed *f);
/* Appends the canonical serialisation; LK_ERR_INVALID when !izin_signed_valid. */
lk_err izin_canonical(const izin_signed *f, buf *out);

/* The key id of a public key: the first 4 bytes of its SHA-256, in hex. */
void izin_kid_of(const unsigned char pk[IZIN_PK_BYTES], char kid[IZIN_KID_CHARS + 1]);
lk_err izin_sign(const izin_signed *f, const unsigned char sk[IZIN_SK_BYTES], unsigned char sig[IZIN_SIG_BYTES]);
/* 1 if sig is pk's signature of f's canonical form (and f is valid), else 0. */
int izin_signature_ok(const izin_signed *f, const unsigned char sig[IZIN_SIG_BYTES],
                      const unsigned char pk[IZIN_PK_BYTES]);

/* The compact code: base64url (no padding) of version 1, the key id, the signature and
 * the fields.  *code allocated in a. */
lk_err izin_code_encode(arena *a, const izin_signed *f, const unsigned char sig[IZIN_SIG_BYTES], const char **code);
/* Reads a code (or a whole verification address ending in /v/<code>).  LK_ERR_INVALID
 * for anything that is not a well-formed code of version 1 — it says nothing yet about
 * the signature. */
lk_err izin_code_decode(arena *a, const char *code, izin_signed *f, unsigned char sig[IZIN_SIG_BYTES]);

/* Hex helpers for keys and signatures in files and rows: 0 or -1. */
int izin_hex_decode(const char *hex, unsigned char *out, size_t n);
void izin_hex_encode(const unsigned char *in, size_t n, char *out);   /* out: 2n + 1 */

#endif
