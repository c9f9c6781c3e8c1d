/* util/gzip.h — gzip-compressing a buffer in one go (response bodies, kept pages). */
#ifndef LOKET_GZIP_H
#define LOKET_GZIP_H
#include <stddef.h>
#include "util/buf.h"

/* Compresses data[0..len) at zlib level 1..9 into out (replacing its contents).
 * Returns 1 when out holds a gzip stream smaller than the input, else 0. */
int gzip_bytes(const char *data, size_t len, int level, buf *out);

/* The level of dynamic pages compressed per answer (http/server.c) and of pages kept per
 * session (web/public_cache.c): one that costs little CPU. */
enum { GZIP_LEVEL_DYNAMIC = 5 };

#endif
