/* domain/wilayah/wilayah_cache.h — the region index of a serve process, kept in step
 * with the database.
 *
 * `loket import-wilayah` (from any machine) bumps the 'wilayah' row of data_version in
 * its transaction.  wilayah_cache_refresh, called every few seconds by `loket serve`,
 * compares that number with the one its index was built from and, when it moved, builds
 * a new index and swaps it in.  Requests hold a reference (wilayah_cache_get/put), so an
 * index being read is freed only after its last reader let go.  Thread-safe. */
#ifndef LOKET_WILAYAH_CACHE_H
#define LOKET_WILAYAH_CACHE_H
#include <stddef.h>
#include <stdint.h>
#include "domain/wilayah/wilayah_index.h"
#include "store/store.h"

typedef struct wilayah_cache wilayah_cache;

/* Loads the index; NULL with a reason in err.  `s` is borrowed.  Caller closes. */
wilayah_cache *wilayah_cache_open(store *s, char *err, size_t errlen);
void wilayah_cache_close(wilayah_cache *wc);   /* every reference must be put back */

/* The current index, referenced until wilayah_cache_put; strings of answers taken from
 * it stay valid until then. */
const wilayah_index *wilayah_cache_get(wilayah_cache *wc);
void wilayah_cache_put(wilayah_cache *wc, const wilayah_index *wi);

/* Rebuilds the index if the regions changed: 1 rebuilt, 0 unchanged, -1 failed (the old
 * index stays in use; reason in err). */
int wilayah_cache_refresh(wilayah_cache *wc, char *err, size_t errlen);
/* The data_version the current index was built from, and how often it was rebuilt. */
void wilayah_cache_state(wilayah_cache *wc, int64_t *version, uint64_t *reloads);

#endif
