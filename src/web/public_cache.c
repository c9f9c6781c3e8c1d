/* web/public_cache.c — pages kept in memory (see public_cache.h): public pages per
 * language, and the applicant's own pages per session.
 *
 * A table of kept pages keyed by "lang path" (public) or "session-hash lang path query"
 * (an applicant's), each with the versions and the day it was rendered under, its plain
 * and gzip bytes (shared with the responses sending them, http/shared.c) and its ETag.
 * One mutex guards the table; it is held only to find or swap an entry, never while a
 * page renders.  Two requests missing the same page at once both render it; the second
 * answer replaces the first, which is the same. */
#include "web/public_cache.h"
#include "domain/akun/pemohon_version.h"
#include "domain/akun/session.h"
#include "domain/katalog/public_version.h"
#include "domain/tarif/tarif.h"
#include "util/alloc.h"
#include "util/crypto.h"
#include "util/gzip.h"
#include "web/auth.h"
#include "web/page.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BUCKETS = 512 };

/* An applicant's page is kept at most this long, whatever the versions say: the bound of
 * what a clock on the page (working days left, an overdue mark) may lag behind. */
enum { PRIVATE_MAX_AGE_S = 60 };

typedef struct entry {
    char *key;                  /* "id /katalog", or "<session hash> id /pemohon/profil?…" */
    int64_t version;            /* the public data version */
    char day[11];               /* YYYY-MM-DD, the tarifs' calendar */
    http_shared *plain, *gz;    /* gz may be NULL (nothing gained, or not asked for) */
    char etag[24];              /* W/"<16 hex digits>" */
    /* An applicant's page: also their own version (pemohon_version), the database's change
     * token when that was last checked (while it has not moved nothing was committed, so
     * neither the session nor any version changed), and the moment it stops being used
     * (its age bound, the session's end). */
    int priv;
    int64_t account_id;
    int64_t own_version;
    uint64_t token;
    int token_valid;
    time_t valid_until;
    struct entry *next;
} entry;

struct public_cache {
    pthread_mutex_t lock;
    entry *buckets[BUCKETS];
    size_t max_bytes, bytes, pages;
    size_t max_private_bytes, private_bytes;   /* the applicants' pages' share of max_bytes */
    int keep_private;
    int64_t newest_version;     /* entries of older versions are dropped when it moves */
    /* The database's change token (store_change_token) when newest_version was read:
     * while it has not moved, no process committed anything, so the version stands. */
    uint64_t token;
    int token_valid;
    public_cache_stats counts;
};

public_cache *public_cache_new(size_t max_bytes, int keep_applicant_pages)
{
    public_cache *pc = xcalloc(1, sizeof *pc);
    pthread_mutex_init(&pc->lock, NULL);
    pc->max_bytes = max_bytes;
    pc->max_private_bytes = max_bytes / 2;
    pc->keep_private = keep_applicant_pages;
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
    pc->bytes = pc->pages = pc->private_bytes = 0;
}

/* Unlinks *p and frees it; the caller holds the lock. */
static void remove_at(public_cache *pc, entry **p)
{
    entry *e = *p;
    *p = e->next;
    pc->bytes -= entry_bytes(e);
    if (e->priv) pc->private_bytes -= entry_bytes(e);
    pc->pages--;
    entry_free(e);
}

/* Drops the applicants' pages past their time; the caller holds the lock. */
static void drop_expired(public_cache *pc, time_t now)
{
    for (size_t i = 0; i < BUCKETS; i++)
        for (entry **p = &pc->buckets[i]; *p;) {
            if ((*p)->priv && (*p)->valid_until <= now) remove_at(pc, p);
            else p = &(*p)->next;
        }
}

/* A public version read by anyone: entries of older ones are dropped when it moves; the
 * caller holds the lock. */
static void note_version(public_cache *pc, int64_t version)
{
    if (version > pc->newest_version) {
        drop_all(pc);
        pc->newest_version = version;
        pc->token_valid = 0;
    }
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
static void send_entry(req *r, http_shared *plain, http_shared *gz, const char *etag, public_cache *pc, int priv)
{
    resp_header(r, "ETag", etag);
    resp_header(r, "Cache-Control", priv ? "private, no-cache" : "public, no-cache");
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

/* Puts e in the table under key, replacing what was there, unless that would pass a
 * memory bound or e was rendered under an older public version. */
static void keep(public_cache *pc, const char *key, entry *e)
{
    size_t size = entry_bytes(e);
    pthread_mutex_lock(&pc->lock);
    entry **p = slot(pc, key);
    if (*p) remove_at(pc, p);
    if (e->priv && pc->private_bytes + size > pc->max_private_bytes) drop_expired(pc, time(NULL));
    p = slot(pc, key);
    if (e->version >= pc->newest_version && pc->bytes + size <= pc->max_bytes &&
        (!e->priv || pc->private_bytes + size <= pc->max_private_bytes)) {
        e->next = *p;
        *p = e;
        pc->bytes += size;
        if (e->priv) pc->private_bytes += size;
        pc->pages++;
        e = NULL;
    }
    pthread_mutex_unlock(&pc->lock);
    if (e) entry_free(e);   /* not kept: over a memory bound, or already out of date */
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
    send_entry(r, e->plain, e->gz, e->etag, pc, 0);
    keep(pc, key, e);
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
    note_version(pc, *version);
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
        send_entry(r, plain, gz, etag, pc, 0);
        return;
    }
    render_and_keep(r, render, pc, key, version, day);
}

/* ---- the applicant's own pages ----------------------------------------------------- */

/* The key of r's page for the session whose cookie is sid: the session's hash (never the
 * cookie itself, left in hash), the language, the path and every query argument,
 * length-prefixed so no two addresses share a key.  0 when it would be too long to keep. */
static int private_key(req *r, const char *sid, char hash[TOKEN_HASH_CHARS + 1], buf *key)
{
    token_hash(sid, hash);
    buf_printf(key, "%s %s %s?", hash, page_lang(r), r->path);
    req_query_serialize(r, key);
    return key->len <= 2048;
}

/* How a kept page is vouched for: by the change token alone (nothing was committed since
 * it was last vouched for), or by a read of the session's account and the versions now. */
typedef struct {
    int checked;                /* 0: the token only */
    int64_t account_id, pub, own;
} vouch;

/* The account a page is kept for under key, if one is kept that is still in its time and
 * day; 0 if none. */
static int64_t kept_account(public_cache *pc, const char *key, const char *day, time_t now)
{
    pthread_mutex_lock(&pc->lock);
    entry *e = *slot(pc, key);
    int64_t kept_for = e && e->priv && now < e->valid_until && strcmp(e->day, day) == 0 ? e->account_id : 0;
    pthread_mutex_unlock(&pc->lock);
    return kept_for;
}

/* Sends the page kept under key if v vouches for it (and then records the token it was
 * vouched for under); an entry that a checked read finds out of date is dropped.
 * Returns 1 when it answered. */
static int send_private_if_valid(req *r, public_cache *pc, const char *key, const vouch *v, uint64_t token,
                                 int have_token, const char *day, time_t now)
{
    http_shared *plain = NULL, *gz = NULL;
    char etag[sizeof ((entry *)0)->etag];
    pthread_mutex_lock(&pc->lock);
    if (v->checked) note_version(pc, v->pub);
    entry **p = slot(pc, key);
    entry *e = *p;
    if (e && e->priv && now < e->valid_until && strcmp(e->day, day) == 0) {
        int usable = v->checked ? e->account_id == v->account_id && e->version == v->pub && e->own_version == v->own
                                : have_token && e->token_valid && e->token == token;
        if (usable) {
            if (v->checked) {   /* vouched for again: the next request may go by the token */
                e->token = token;
                e->token_valid = have_token;
            }
            plain = e->plain;
            gz = e->gz;
            resp_shared(r, 0, NULL, plain, gz);   /* takes the references under the lock */
            memcpy(etag, e->etag, sizeof etag);
            pc->counts.private_hits++;
        } else if (v->checked) {
            remove_at(pc, p);   /* out of date: rendered again */
        }
    }
    pthread_mutex_unlock(&pc->lock);
    if (!plain) return 0;
    send_entry(r, plain, gz, etag, pc, 1);
    return 1;
}

/* Renders r with its handler (the caller ran the guard) and keeps a 200 answer that sets
 * no cookie, under key, as rendered under v and the token. */
static void render_and_keep_private(req *r, http_handler render, public_cache *pc, const char *key, const vouch *v,
                                    uint64_t token, int have_token, const char *day, time_t now)
{
    pthread_mutex_lock(&pc->lock);
    pc->counts.private_misses++;
    pthread_mutex_unlock(&pc->lock);
    render(r);
    buf body = BUF_INIT;
    if (!resp_take(r, 200, &body)) return;   /* an error page, a redirect, a cookie: sent as it is */
    const session *s = web_session(r);
    entry *e = xcalloc(1, sizeof *e);
    e->key = xstrdup(key);
    e->version = v->pub;
    snprintf(e->day, sizeof e->day, "%s", day);
    e->plain = http_shared_new(body.data ? body.data : "", body.len);
    /* Compressed only for a client that takes it (the level of http/server.c's answers):
     * one browser sends every request of its session alike. */
    buf z = BUF_INIT;
    if (req_accepts_gzip(r) && gzip_bytes(body.data ? body.data : "", body.len, GZIP_LEVEL_DYNAMIC, &z))
        e->gz = http_shared_new(z.data, z.len);
    buf_free(&z);
    snprintf(e->etag, sizeof e->etag, "W/\"%016llx\"", (unsigned long long)fnv1a(body.data ? body.data : "", body.len));
    buf_free(&body);
    e->priv = 1;
    e->account_id = v->account_id;
    e->own_version = v->own;
    e->token = token;
    e->token_valid = have_token;
    e->valid_until = now + PRIVATE_MAX_AGE_S;
    if (s) {
        if (s->expires_at < e->valid_until) e->valid_until = s->expires_at;
        if (s->last_seen_at + SESSION_IDLE_S < e->valid_until) e->valid_until = s->last_seen_at + SESSION_IDLE_S;
    }
    send_entry(r, e->plain, e->gz, e->etag, pc, 1);   /* the answer takes its own references */
    keep(pc, key, e);
}

void public_cache_answer_pemohon(req *r, http_handler render)
{
    public_cache *pc = APP(r)->public_pages;
    const char *sid = web_session_cookie(r);
    char hash[TOKEN_HASH_CHARS + 1];
    buf key = BUF_INIT;
    if (!pc || !pc->keep_private || !sid || strcmp(r->method, "GET") != 0 || !private_key(r, sid, hash, &key)) {
        buf_free(&key);
        if (web_require_pemohon(r)) render(r);
        return;
    }
    time_t now = time(NULL);
    const char *day = tarif_date_of(r->a, now);
    /* The token first: a commit after this moment moves it, so whatever is read below is
     * never vouched for by a token older than the read. */
    uint64_t token = 0;
    int have_token = store_change_token(APP(r)->db, &token) == 0;
    vouch v = {0};
    if (send_private_if_valid(r, pc, key.data, &v, token, have_token, day, now)) goto done;

    /* A page is kept for this session: one query says whether it still stands.  When
     * the versions came back (the kept page was out of date and is dropped), they serve
     * the render below as they are. */
    int have_versions = 0;
    int64_t kept_for = kept_account(pc, key.data, day, now);
    if (kept_for) {
        store_conn *c = store_acquire(APP(r)->db);
        lk_err e = pemohon_version_of_session(c, hash, now, &v.account_id, &v.pub, &v.own);
        store_release(c);
        v.checked = 1;
        if (e == LK_OK && v.account_id == kept_for) {
            if (send_private_if_valid(r, pc, key.data, &v, token, have_token, day, now)) goto done;
            have_versions = 1;
        }
    }

    /* The session read as for any page (a redirect or 403 when it fails) and, unless the
     * query above read them, the versions; a page still valid once the session's last
     * use was refreshed is sent, else the page is rendered. */
    const account *me = web_require_pemohon(r);
    if (!me) goto done;
    if (!have_versions || v.account_id != me->id) {
        store_conn *c = store_acquire(APP(r)->db);
        lk_err ve = pemohon_version_read(c, me->id, &v.pub, &v.own);
        store_release(c);
        if (ve != LK_OK) {
            render(r);   /* the handler meets and tells the trouble */
            goto done;
        }
        v.checked = 1;
        v.account_id = me->id;
        if (send_private_if_valid(r, pc, key.data, &v, token, have_token, day, now)) goto done;
    }
    render_and_keep_private(r, render, pc, key.data, &v, token, have_token, day, now);
done:
    buf_free(&key);
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
