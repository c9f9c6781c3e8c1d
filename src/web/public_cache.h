/* web/public_cache.h — public pages rendered once per change of their data (SPEC 8).
 *
 * Home, Katalog Layanan, the office and jenis izin pages, the public tracking form,
 * Simulasi Tarif without input and Cek Keaslian Izin are the same for every anonymous
 * visitor of a language.  Their routes carry the rule PUBLIC_CACHED (web/access.h): the
 * guard hands the request here, which answers from memory — plain and gzip bytes kept
 * side by side, with an ETag (a matching If-None-Match gets 304) and "Cache-Control:
 * public, no-cache", so nginx or a browser may keep a copy and revalidate it — or renders
 * the page with its handler and keeps the answer.
 *
 * A kept page is valid while the data version (domain/katalog/public_version.h, read per
 * request, so every serve process sees a change at once) and the day (tarifs take effect
 * by date) are those it was rendered under.  Only what is the same for every visitor is
 * kept: requests with a query string or a session cookie, and answers that are not 200,
 * set a cookie or carry a form token, go the normal way each time. */
#ifndef LOKET_WEB_PUBLIC_CACHE_H
#define LOKET_WEB_PUBLIC_CACHE_H
#include <stddef.h>
#include <stdint.h>
#include "http/http.h"
#include "web/app.h"

typedef struct public_cache public_cache;

/* A cache that holds at most max_bytes of pages (plain + gzip); free with public_cache_free. */
public_cache *public_cache_new(size_t max_bytes);
void public_cache_free(public_cache *pc);

/* Answers r from the cache, or with render(r) (kept when it may be). */
void public_cache_answer(req *r, http_handler render);

/* Counters for /metrics. */
typedef struct {
    uint64_t hits, misses, not_modified, bypassed;
    size_t pages, bytes;
} public_cache_stats;
void public_cache_stats_get(public_cache *pc, public_cache_stats *out);

#endif
