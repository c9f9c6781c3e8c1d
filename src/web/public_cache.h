/* web/public_cache.h — public pages rendered once per change of their data (SPEC 8).
 *
 * (The applicants' own pages, kept per session, are below.)
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

/* A cache that holds at most max_bytes of pages (plain + gzip), half of it at most for the
 * applicants' pages, which it keeps only when keep_applicant_pages is set. */
public_cache *public_cache_new(size_t max_bytes, int keep_applicant_pages);
void public_cache_free(public_cache *pc);

/* Answers r from the cache, or with render(r) (kept when it may be). */
void public_cache_answer(req *r, http_handler render);

/* The applicant's own pages (routes with the rule PEMOHON_CACHED, web/access.h): a GET
 * is answered with the page kept for this session, address and language while the
 * applicant's version and the public version (domain/akun/pemohon_version.h) and the day
 * are those it was rendered under, for at most a minute and never past the session's
 * end ("Cache-Control: private, no-cache", an ETag).  While the database's change token
 * has not moved since that was last checked (SQLite: nothing was committed by anyone),
 * the page is sent without a query; otherwise one query reads the session's account and
 * both versions.  A miss reads the session as always (the log-in redirect or 403 when it
 * fails), renders with render(r) and keeps a 200 answer that sets no cookie. */
void public_cache_answer_pemohon(req *r, http_handler render);

/* Counters for /metrics. */
typedef struct {
    uint64_t hits, misses, not_modified, bypassed;
    uint64_t private_hits, private_misses;   /* the applicants' pages */
    size_t pages, bytes;
} public_cache_stats;
void public_cache_stats_get(public_cache *pc, public_cache_stats *out);

#endif
