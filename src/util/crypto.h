/* util/crypto.h — tokens, hashes and passwords, all from libsodium.
 *
 * Tokens sent to people (session cookies, email links) are 32 random bytes in base64url;
 * only their SHA-256 (hex) is stored, so a copy of the database opens nothing.
 * Passwords are hashed with argon2id (7 MiB, 5 passes: tens of milliseconds) — call
 * password_hash/password_verify off the request threads (req_defer). */
#ifndef LOKET_CRYPTO_H
#define LOKET_CRYPTO_H
#include <stddef.h>

#define TOKEN_CHARS 43          /* base64url of 32 bytes, no padding */
#define TOKEN_HASH_CHARS 64     /* SHA-256 in hex */
#define PASSWORD_HASH_MAX 128   /* crypto_pwhash_STRBYTES */

/* Must be called once at start; returns 0 or -1. */
int crypto_init(void);
/* A new random token; out must hold TOKEN_CHARS + 1. */
void token_new(char *out);
/* SHA-256 of s in lowercase hex; out must hold TOKEN_HASH_CHARS + 1. */
void token_hash(const char *s, char *out);
/* HMAC-SHA-256 of msg under a 32-byte key, in lowercase hex; out must hold
 * TOKEN_HASH_CHARS + 1. */
void token_mac(const unsigned char key[32], const char *msg, char *out);
/* Constant-time string equality (lengths compared first; length is not secret). */
int secure_equal(const char *a, const char *b);
/* argon2id; out must hold PASSWORD_HASH_MAX.  0 or -1 (out of memory). */
int password_hash(const char *password, char *out);
/* 1 if password matches the stored hash, 0 if not (or the hash is malformed). */
int password_verify(const char *password, const char *stored_hash);
/* 1 if stored_hash was made with other parameters than password_hash uses now. */
int password_needs_rehash(const char *stored_hash);
/* A readable one-time password of `len` characters without look-alikes (0/O, 1/l/I);
 * out must hold len + 1.  len >= 10 gives more than 55 bits. */
void password_generate(char *out, size_t len);

/* Wipes a password buffer (the compiler may not drop it as a dead store). */
void password_wipe(char *s);

#endif
