/* domain/akun/app_secret.h — the installation's own keys (table app_secret), one per
 * purpose, shared by every `loket serve` process: made by the first process that asks,
 * then read by all.  A key never leaves the server; it signs or derives values the
 * server can check again without storing them (anonymous forms' CSRF tokens, the
 * applications' tracking codes). */
#ifndef LOKET_APP_SECRET_H
#define LOKET_APP_SECRET_H
#include "store/store.h"
#include "util/err.h"

/* The 32-byte key named `name` (at most 40 characters), created at random when absent.
 * Concurrent first callers agree: the insert that loses the race keeps the winner's. */
lk_err app_secret_key(store_conn *c, const char *name, unsigned char key[32]);

#endif
