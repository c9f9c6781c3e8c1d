/* web/public_cache.c — public pages kept in memory per language (see public_cache.h).
 *
 * A table of kept pages keyed by "lang path", each with the data version and the day it
 * was rendered under, its plain and gzip bytes (shared with the responses sending them,
 * http/shared.c) and its ETag.  One mutex guards the table; it is held only to find or
 * swap an entry, never while a page renders.  Two visitors missing the same page at once
 * both render it; the second answer replaces the first, which is the same. */
#include "web/public_cache.h"
#include "domain/katalog/public_version.h"
#include "domain/tarif/tarif.h"
#include "util/alloc.h"
#include "util/gzip.h"
#include "web/auth.h"
#include "web/page.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BUCKETS = 512 };

typedef struct entry {
    char *key;                  /* "id /katalog" */
    int64_t version;
    char day[11];               /* YYYY-MM-DD, the tarifs' calendar */
    http_shared *plain, *gz;    /* gz may be NULL (nothing gained) */
    char etag[24];              /* W/"<16 hex digits>" */
    struct entry *next;
} entry;

struct public_cache {
    pthread_mutex_t lock;
    entry *buckets[BUCKETS];
    size_t max_bytes, bytes, pages;
    int64_t newest_version;     /* entries of older versions are dropped when it moves */
    /* The database's change token (store_change_token) when newest_version was read:
     * while it has not moved, no process committed anything, so the version stands. */
    uint64_t token;
    int token_valid;
    public_cache_stats counts;
};

public_cache *public_cache_new(size_t max_bytes)
{
    public_cache *pc = xcalloc(1, sizeof *pc);
    pthread_mutex_init(&pc->lock, NULL);
    pc->max_bytes = max_bytes;
    return pc;
}

static size_t entry_bytes(const entry *e)
{
    return http_shared_len(e->plain) + (e->gz ? http_shared_len(e->gz) : 0);
}

static void entry_free(entry *e)
{
    http_shared_release(e->plain);
    http_shared_release(e->gz);
    free(e->key);
    free(e);
}

/* Drops every entry; the caller holds the lock.  Answers being sent keep their bytes. */
static void drop_all(public_cache *pc)
{
    for (size_t i = 0; i < BUCKETS; i++) {
        for (entry *e = pc->buckets[i], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
        pc->buckets[i] = NULL;
    }
    pc->bytes = pc->pages = 0;
}

void public_cache_free(public_cache *pc)
{
    if (!pc) return;
    drop_all(pc);
    pthread_mutex_destroy(&pc->lock);
    free(pc);
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static entry **slot(public_cache *pc, const char *key)
{
    entry **p = &pc->buckets[fnv1a(key, strlen(key)) % BUCKETS];
    while (*p && strcmp((*p)->key, key) != 0) p = &(*p)->next;
    return p;
}

/* 1 if If-None-Match names this ETag (or is "*"). */
static int etag_matches(req *r, const char *etag)
{
    const char *inm = req_header(r, "If-None-Match");
    if (!inm) return 0;
    if (strcmp(inm, "*") == 0) return 1;
    const char *tag = etag + 2;   /* compare without W/: a browser may send either form */
    return strstr(inm, tag) != NULL;
}

/* Sends e (its references are held by the caller and handed to the response). */
static void send_entry(req *r, http_shared *plain, http_shared *gz, const char *etag, public_cache *pc)
{
    resp_header(r, "ETag", etag);
    resp_header(r, "Cache-Control", "public, no-cache");
    /* The log-in state (session cookie) and the language (cookie) change the page. */
    resp_header(r, "Vary", "Cookie");
    resp_header(r, "Content-Language", page_lang(r));
    if (etag_matches(r, etag)) {
        resp_bytes(r, 304, NULL, "", 0, 0);
        pthread_mutex_lock(&pc->lock);
        pc->counts.not_modified++;
        pthread_mutex_unlock(&pc->lock);
    } else {
        resp_shared(r, 200, "text/html; charset=utf-8", plain, gz);
    }
}

/* Renders with the handler and, when the answer is the same for every visitor, keeps it. */
static void render_and_keep(req *r, http_handler render, public_cache *pc, const char *key, int64_t version,
                            const char *day)
{
    render(r);
    buf body = BUF_INIT;
    /* A page that carries a form token or answers someone logged in is not kept. */
    if (web_state_of(r)->anon_csrf[0] || web_account(r) || !resp_take(r, 200, &body)) return;
    entry *e = xcalloc(1, sizeof *e);
    e->key = xstrdup(key);
    e->version = version;
    snprintf(e->day, sizeof e->day, "%s", day);
    e->plain = http_shared_new(body.data ? body.data : "", body.len);
    buf z = BUF_INIT;
    if (gzip_bytes(body.data ? body.data : "", body.len, 9, &z)) e->gz = http_shared_new(z.data, z.len);
    buf_free(&z);
    snprintf(e->etag, sizeof e->etag, "W/\"%016llx\"", (unsigned long long)fnv1a(body.data ? body.data : "", body.len));
    buf_free(&body);
    send_entry(r, e->plain, e->gz, e->etag, pc);

    pthread_mutex_lock(&pc->lock);
    entry **p = slot(pc, key);
    size_t freed = *p ? entry_bytes(*p) : 0;
    if (version >= pc->newest_version && pc->bytes - freed + entry_bytes(e) <= pc->max_bytes) {
        if (*p) {
            entry *old = *p;
            e->next = old->next;
            pc->bytes -= freed;
            pc->pages--;
            entry_free(old);
        }
        *p = e;
        pc->bytes += entry_bytes(e);
        pc->pages++;
        e = NULL;
    }
    pthread_mutex_unlock(&pc->lock);
    if (e) entry_free(e);   /* not kept: over the memory bound, or already out of date */
}

/* The data version now: from memory while the database's change token has not moved
 * (a read from shared memory, no query), else read from the database. */
static lk_err current_version(public_cache *pc, store *db, int64_t *version)
{
    uint64_t token = 0;
    int have_token = store_change_token(db, &token) == 0;
    if (have_token) {
        pthread_mutex_lock(&pc->lock);
        int same = pc->token_valid && pc->token == token;
        *version = pc->newest_version;
        pthread_mutex_unlock(&pc->lock);
        if (same) return LK_OK;
    }
    /* The token was taken before the read: a commit in between moves it again. */
    store_conn *c = store_acquire(db);
    lk_err e = public_version_read(c, version);
    store_release(c);
    if (e != LK_OK) return e;
    pthread_mutex_lock(&pc->lock);
    if (*version > pc->newest_version) {
        drop_all(pc);
        pc->newest_version = *version;
    }
    if (*version == pc->newest_version) {
        pc->token = token;
        pc->token_valid = have_token;
    }
    pthread_mutex_unlock(&pc->lock);
    return LK_OK;
}

void public_cache_answer(req *r, http_handler render)
{
    public_cache *pc = APP(r)->public_pages;
    if (!pc || req_has_query(r) || web_has_session_cookie(r)) {
        if (pc) {
            pthread_mutex_lock(&pc->lock);
            pc->counts.bypassed++;
            pthread_mutex_unlock(&pc->lock);
        }
        render(r);
        return;
    }
    int64_t version = 0;
    if (current_version(pc, APP(r)->db, &version) != LK_OK) {   /* the handler tells the trouble */
        render(r);
        return;
    }
    char key[600];
    if ((size_t)snprintf(key, sizeof key, "%s %s", page_lang(r), r->path) >= sizeof key) {
        render(r);
        return;
    }
    const char *day = tarif_date_of(r->a, time(NULL));

    http_shared *plain = NULL, *gz = NULL;
    char etag[sizeof ((entry *)0)->etag];
    pthread_mutex_lock(&pc->lock);
    entry *e = *slot(pc, key);
    if (e && e->version == version && strcmp(e->day, day) == 0) {
        plain = e->plain;
        gz = e->gz;
        resp_shared(r, 0, NULL, plain, gz);   /* takes the references under the lock */
        memcpy(etag, e->etag, sizeof etag);
        pc->counts.hits++;
    } else {
        pc->counts.misses++;
    }
    pthread_mutex_unlock(&pc->lock);
    if (plain) {
        send_entry(r, plain, gz, etag, pc);
        return;
    }
    render_and_keep(r, render, pc, key, version, day);
}

void public_cache_stats_get(public_cache *pc, public_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!pc) return;
    pthread_mutex_lock(&pc->lock);
    *out = pc->counts;
    out->pages = pc->pages;
    out->bytes = pc->bytes;
    pthread_mutex_unlock(&pc->lock);
}
