/* web/inbox_cache.h — the officer's inbox page data, kept until it can have changed.
 * Owner: back office (web/inbox.c).
 *
 * An inbox page is its counts per step, one page of applications with their names and
 * the instansi's jenis izin for the filter: at 10,000 open applications those queries
 * were most of a page's time on PostgreSQL.  They are kept per officer (with their
 * roles) and filter, and used again while
 *   - the instansi's inbox version (migration 022, bumped by triggers in the transaction
 *     of every change an inbox shows, read per request) is the one they were read under,
 *     so every serve process on one database sees a change at its next page; and
 *   - the clock has not passed the next due moment among the counted applications (when
 *     an "overdue" count changes without any write), nor a minute since they were read.
 * Overdue flags of the rows are worked out again from the time of each request. */
#ifndef LOKET_WEB_INBOX_CACHE_H
#define LOKET_WEB_INBOX_CACHE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/katalog/catalogue.h"
#include "domain/proses/inbox.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct inbox_cache inbox_cache;

/* What one inbox page shows.  izin holds each jenis izin's id and name only. */
typedef struct {
    inbox_count *counts;
    size_t ncounts;
    inbox_row *rows;
    size_t n;
    int64_t total;
    jenis_izin_summary *izin;
    size_t nizin;
} inbox_page;

/* A cache of at most `slots` pages; free with inbox_cache_free. */
inbox_cache *inbox_cache_new(size_t slots);
void inbox_cache_free(inbox_cache *ic);

/* The page for the officer and filter, in a: kept, or read (and kept).  ic may be NULL
 * (always read). */
lk_err inbox_cache_read(inbox_cache *ic, store_conn *c, arena *a, const account *me, const inbox_filter *f,
                        time_t now, inbox_page *out);

/* Counters for /metrics and tests. */
typedef struct {
    uint64_t hits, misses;
} inbox_cache_stats;
void inbox_cache_stats_get(inbox_cache *ic, inbox_cache_stats *out);

#endif
