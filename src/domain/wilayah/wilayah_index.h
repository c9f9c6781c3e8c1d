/* domain/wilayah/wilayah_index.h — all regions in memory, for the address pickers' API.
 *
 * The regions change only when `loket import-wilayah` runs, yet the pickers ask for
 * them on every keystroke.  `loket serve` therefore reads the ~91,600 rows once at start
 * (about 10 MB) and answers children and name searches from memory: a search walks the
 * posting list of the query's rarest trigram (or bigram) and stops after `limit` hits,
 * because entries are kept in answer order (shortest name first).  Same answers as
 * wilayah_children/wilayah_search in domain/wilayah/wilayah.h.  After an import,
 * domain/wilayah/wilayah_cache.c builds a new index and swaps it in.
 *
 * Thread-safe for readers once loaded; nothing changes an index once built. */
#ifndef LOKET_WILAYAH_INDEX_H
#define LOKET_WILAYAH_INDEX_H
#include <stddef.h>
#include "domain/wilayah/wilayah.h"
#include "store/store.h"
#include "util/arena.h"

typedef struct wilayah_index wilayah_index;

/* Reads every region; NULL with a reason in err on failure.  Caller frees. */
wilayah_index *wilayah_index_load(store *s, char *err, size_t errlen);
void wilayah_index_free(wilayah_index *wi);
size_t wilayah_index_size(const wilayah_index *wi);

/* As wilayah_children / wilayah_search; results allocated in a (strings are borrowed
 * from the index and live as long as it). */
lk_err wilayah_index_children(const wilayah_index *wi, arena *a, const char *parent_code,
                              wilayah **out, size_t *count);
lk_err wilayah_index_search(const wilayah_index *wi, arena *a, const char *q, int level,
                            const char *parent_code, int limit, wilayah **out, size_t *count);

#endif
