/* domain/wilayah/wilayah_cache.c — the refreshed, reference-counted region index (see
 * wilayah_cache.h). */
#include "domain/wilayah/wilayah_cache.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* One built index and the readers still holding it. */
typedef struct generation {
    wilayah_index *wi;
    int64_t version;
    int refs;                    /* readers + 1 while it is the current one */
    struct generation *next;     /* retired generations still read */
} generation;

struct wilayah_cache {
    store *db;
    pthread_mutex_t lock;        /* guards everything below */
    generation *current;
    generation *retired;
    uint64_t reloads;
};

static lk_err read_version(store *s, int64_t *version)
{
    store_conn *c = store_acquire(s);
    lk_err e = store_query_int(c, "SELECT version FROM data_version WHERE name = 'wilayah'", STORE_NOP, version);
    store_release(c);
    return e;
}

/* The version is read before the rows: a change committed in between makes the next
 * refresh build again rather than miss it. */
static generation *build(store *s, char *err, size_t errlen)
{
    int64_t version = 0;
    if (read_version(s, &version) != LK_OK) {
        snprintf(err, errlen, "cannot read the version of the regions");
        return NULL;
    }
    wilayah_index *wi = wilayah_index_load(s, err, errlen);
    if (!wi) return NULL;
    generation *g = xcalloc(1, sizeof *g);
    g->wi = wi;
    g->version = version;
    g->refs = 1;
    return g;
}

wilayah_cache *wilayah_cache_open(store *s, char *err, size_t errlen)
{
    generation *g = build(s, err, errlen);
    if (!g) return NULL;
    wilayah_cache *wc = xcalloc(1, sizeof *wc);
    wc->db = s;
    pthread_mutex_init(&wc->lock, NULL);
    wc->current = g;
    return wc;
}

static void free_generation(generation *g)
{
    wilayah_index_free(g->wi);
    free(g);
}

void wilayah_cache_close(wilayah_cache *wc)
{
    if (!wc) return;
    for (generation *g = wc->retired, *next; g; g = next) {
        next = g->next;
        log_warn("wilayah: an index was still referenced at close");
        free_generation(g);
    }
    free_generation(wc->current);
    pthread_mutex_destroy(&wc->lock);
    free(wc);
}

const wilayah_index *wilayah_cache_get(wilayah_cache *wc)
{
    pthread_mutex_lock(&wc->lock);
    wc->current->refs++;
    const wilayah_index *wi = wc->current->wi;
    pthread_mutex_unlock(&wc->lock);
    return wi;
}

/* Drops one reference of g; the caller holds the lock.  Returns g if it is now unused
 * and retired (the caller frees it outside the lock). */
static generation *unref(wilayah_cache *wc, generation *g)
{
    if (--g->refs > 0) return NULL;
    for (generation **p = &wc->retired; *p; p = &(*p)->next) {
        if (*p == g) {
            *p = g->next;
            return g;
        }
    }
    return NULL;
}

void wilayah_cache_put(wilayah_cache *wc, const wilayah_index *wi)
{
    generation *done = NULL;
    pthread_mutex_lock(&wc->lock);
    if (wc->current->wi == wi) {
        done = unref(wc, wc->current);   /* never frees the current one: it keeps 1 */
    } else {
        for (generation *g = wc->retired; g; g = g->next)
            if (g->wi == wi) {
                done = unref(wc, g);
                break;
            }
    }
    pthread_mutex_unlock(&wc->lock);
    if (done) free_generation(done);
}

int wilayah_cache_refresh(wilayah_cache *wc, char *err, size_t errlen)
{
    int64_t version = 0;
    if (read_version(wc->db, &version) != LK_OK) {
        snprintf(err, errlen, "cannot read the version of the regions");
        return -1;
    }
    pthread_mutex_lock(&wc->lock);
    int64_t have = wc->current->version;
    pthread_mutex_unlock(&wc->lock);
    if (version == have) return 0;
    /* Built outside the lock (about a second): requests keep reading the old index. */
    generation *g = build(wc->db, err, errlen);
    if (!g) return -1;
    pthread_mutex_lock(&wc->lock);
    generation *old = wc->current;
    wc->current = g;
    old->next = wc->retired;
    wc->retired = old;
    generation *done = unref(wc, old);
    wc->reloads++;
    pthread_mutex_unlock(&wc->lock);
    if (done) free_generation(done);
    log_info("wilayah: the regions changed (version %lld): index rebuilt with %zu regions",
             (long long)g->version, wilayah_index_size(g->wi));
    return 1;
}

void wilayah_cache_state(wilayah_cache *wc, int64_t *version, uint64_t *reloads)
{
    pthread_mutex_lock(&wc->lock);
    *version = wc->current->version;
    *reloads = wc->reloads;
    pthread_mutex_unlock(&wc->lock);
}
