/* store/store.c — the connection pool and the public store API (see store.h).
 *
 * A store owns `size` connections opened up front by one driver (sqlite.c or pg.c) and a
 * stack of the idle ones, guarded by a mutex; store_acquire waits on a condition variable
 * until one is idle.  A connection belongs to the thread that acquired it until
 * store_release, so nothing below the pool locks.  Everything else here is thin dispatch
 * to the driver plus the rules both drivers share: one open result set per connection,
 * and a transaction in which any statement failed cannot be committed. */
#include "store/driver.h"
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "util/alloc.h"
#include "util/log.h"

struct store {
    const store_driver *driver;
    char *url;
    pthread_mutex_t lock;
    pthread_cond_t released;
    store_conn **conns;    /* all `size` connections */
    store_conn **idle;     /* stack of idle connections; idle_count of them */
    int size;
    int idle_count;
    const volatile unsigned char *commit_marker;   /* store_change_token; set once (atomic) */
    size_t marker_len;
};

static void fold_to_one_line(char *s)
{
    char *out = s;
    for (const char *in = s; *in; in++) {
        bool blank = *in == '\n' || *in == '\r' || *in == '\t' || *in == ' ';
        if (!blank) *out++ = *in;
        else if (out > s && out[-1] != ' ') *out++ = ' ';
    }
    while (out > s && out[-1] == ' ') out--;
    *out = '\0';
}

void store_format_line(char *dst, size_t dstlen, const char *fmt, ...)
{
    if (!dst || dstlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, dstlen, fmt, ap);
    va_end(ap);
    fold_to_one_line(dst);
}

lk_err store_fail(store_conn *c, lk_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
    va_end(ap);
    fold_to_one_line(c->errmsg);
    c->last_err = code;
    return code;
}

static bool is_pg_url(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

store *store_open(const char *url, int pool_size, char *err, size_t errlen)
{
    if (pool_size < 1) {
        store_format_line(err, errlen, "cannot open database %s: pool size %d is below 1",
                          url, pool_size);
        return NULL;
    }
    store *s = xcalloc(1, sizeof *s);
    s->driver = is_pg_url(url) ? &store_pg_driver : &store_sqlite_driver;
    s->url = xstrdup(url);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->released, NULL);
    s->conns = xcalloc((size_t)pool_size, sizeof *s->conns);
    s->idle = xcalloc((size_t)pool_size, sizeof *s->idle);
    while (s->size < pool_size) {
        store_conn *c = s->driver->connect(url, err, errlen);
        if (!c) {
            store_close(s);
            return NULL;
        }
        c->driver = s->driver;
        c->pool = s;
        s->conns[s->size++] = c;
        s->idle[s->idle_count++] = c;
    }
    return s;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->idle_count != s->size)
        log_error("store_close: %d of %d connections were not released",
                  s->size - s->idle_count, s->size);
    for (int i = 0; i < s->size; i++) s->driver->disconnect(s->conns[i]);
    pthread_cond_destroy(&s->released);
    pthread_mutex_destroy(&s->lock);
    free(s->conns);
    free(s->idle);
    free(s->url);
    free(s);
}

lk_err store_snapshot(store *s, const char *path, char *err, size_t errlen)
{
    store_conn *c = store_acquire(s);
    lk_err e = s->driver->snapshot(c, s->url, path, err, errlen);
    store_release(c);
    return e;
}

store_kind store_url_kind(const char *url)
{
    return is_pg_url(url) ? STORE_PG : STORE_SQLITE;
}

int store_url_empty(const char *url, char *err, size_t errlen)
{
    if (!is_pg_url(url)) {
        struct stat st;
        if (stat(url, &st) != 0) {
            if (errno == ENOENT) return 1;
            store_format_line(err, errlen, "cannot look at %s: %s", url, strerror(errno));
            return -1;
        }
        if (st.st_size == 0) return 1;
    }
    store *s = store_open(url, 1, err, errlen);
    if (!s) return -1;
    store_conn *c = store_acquire(s);
    int64_t tables = 0;
    lk_err e = store_query_int(c, is_pg_url(url)
        ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        : "SELECT count(*) FROM sqlite_master WHERE type = 'table'", STORE_NOP, &tables);
    if (e != LK_OK) store_format_line(err, errlen, "cannot look into %s: %s", url, store_errmsg(c));
    store_release(c);
    store_close(s);
    return e != LK_OK ? -1 : tables == 0;
}

lk_err store_load_snapshot(const char *url, const char *path, char *err, size_t errlen)
{
    return (is_pg_url(url) ? &store_pg_driver : &store_sqlite_driver)->load_snapshot(url, path, err, errlen);
}

store_kind store_kind_of(const store *s)
{
    return s->driver->kind;
}

int store_change_token(store *s, uint64_t *out)
{
    if (!s->driver->commit_marker) return -1;
    const volatile unsigned char *m = __atomic_load_n(&s->commit_marker, __ATOMIC_ACQUIRE);
    if (!m) {   /* found on first use: SQLite maps it with the first read */
        store_conn *c = store_acquire(s);
        size_t len = 0;
        m = s->driver->commit_marker(c, &len);
        store_release(c);
        if (!m || len > 64) return -1;
        s->marker_len = len;   /* the same value whichever thread stores it */
        __atomic_store_n(&s->commit_marker, m, __ATOMIC_RELEASE);
    }
    unsigned char first[64], second[64];
    size_t len = s->marker_len;
    for (size_t i = 0; i < len; i++) first[i] = m[i];
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    for (size_t i = 0; i < len; i++) second[i] = m[len + i];
    if (memcmp(first, second, len) != 0) return -1;   /* a commit is writing it now */
    uint64_t h = 1469598103934665603ull;   /* FNV-1a of the header */
    for (size_t i = 0; i < len; i++) h = (h ^ first[i]) * 1099511628211ull;
    *out = h;
    return 0;
}

store_conn *store_acquire(store *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->idle_count == 0) pthread_cond_wait(&s->released, &s->lock);
    store_conn *c = s->idle[--s->idle_count];
    pthread_mutex_unlock(&s->lock);

    /* Outside the lock: a reconnect may take a while and must not stall other threads. */
    if (s->driver->revive) s->driver->revive(c);
    c->errmsg[0] = '\0';
    c->last_err = LK_OK;
    return c;
}

void store_pool_use(store *s, int *size, int *busy)
{
    pthread_mutex_lock(&s->lock);
    *size = s->size;
    *busy = s->size - s->idle_count;
    pthread_mutex_unlock(&s->lock);
}

void store_release(store_conn *c)
{
    if (!c) return;
    if (c->rows_open) {
        log_error("store_release: a result set was left open; closing it");
        store_rows_close(&c->rows);
    }
    c->tx_depth = c->tx_depth > 0 ? 1 : 0;   /* whatever is open ends here */
    store_rollback(c);

    store *s = c->pool;
    pthread_mutex_lock(&s->lock);
    s->idle[s->idle_count++] = c;
    pthread_cond_signal(&s->released);
    pthread_mutex_unlock(&s->lock);
}

/* A failure inside a transaction dooms it on both databases, so the same code behaves
 * the same: PostgreSQL aborts the transaction itself, SQLite would commit the rest. */
static lk_err note_outcome(store_conn *c, lk_err e)
{
    if (e != LK_OK && c->driver->in_transaction(c)) c->tx_doomed = true;
    return e;
}

/* Ends store_read_snapshot's read transaction before a write or a write transaction. */
static void end_read_snapshot(store_conn *c)
{
    if (!c->read_snapshot) return;
    c->read_snapshot = false;
    if (c->driver->in_transaction(c) && c->driver->exec(c, "COMMIT", STORE_NOP, NULL) != LK_OK)
        log_error("store: ending a read snapshot failed: %s", c->errmsg);
}

/* 1 when the statement starts with SELECT (a query that cannot write). */
static int is_select(const char *sql)
{
    sql += strspn(sql, " \t\r\n(");
    return strncasecmp(sql, "SELECT", 6) == 0;
}

void store_read_snapshot(store_conn *c)
{
    if (c->read_snapshot || c->tx_depth > 0 || !c->driver->read_snapshot_sql || c->driver->in_transaction(c)) return;
    if (c->driver->exec(c, c->driver->read_snapshot_sql, STORE_NOP, NULL) == LK_OK) c->read_snapshot = true;
}

lk_err store_exec(store_conn *c, const char *sql, const store_param *p, int n, int64_t *changes)
{
    if (changes) *changes = 0;
    end_read_snapshot(c);
    return note_outcome(c, c->driver->exec(c, sql, p, n, changes));
}

store_rows *store_query(store_conn *c, const char *sql, const store_param *p, int n)
{
    if (c->rows_open) {
        /* A bug in the caller (store.h: close rows before the next query). */
        store_fail(c, LK_ERR_INTERNAL, "store_query: the previous result set is still open");
        log_error("%s (sql: %s)", c->errmsg, sql);
        return NULL;
    }
    if (c->read_snapshot && !is_select(sql)) end_read_snapshot(c);   /* INSERT … RETURNING */
    if (note_outcome(c, c->driver->query(c, sql, p, n)) != LK_OK) return NULL;
    c->rows.conn = c;
    c->rows_open = true;
    return &c->rows;
}

int store_next(store_rows *r)
{
    if (!r || !r->conn->rows_open) return -1;
    int rc = r->conn->driver->next(r->conn);
    if (rc < 0) note_outcome(r->conn, r->conn->last_err);
    return rc;
}

const char *store_text(store_rows *r, int col)
{
    return r->conn->driver->text(r->conn, col);
}

int64_t store_int(store_rows *r, int col)
{
    return r->conn->driver->integer(r->conn, col);
}

int store_is_null(store_rows *r, int col)
{
    return r->conn->driver->is_null(r->conn, col);
}

void store_rows_close(store_rows *r)
{
    if (!r || !r->conn->rows_open) return;
    r->conn->driver->rows_close(r->conn);
    r->conn->rows_open = false;
}

lk_err store_query_int(store_conn *c, const char *sql, const store_param *p, int n, int64_t *out)
{
    store_rows *r = store_query(c, sql, p, n);
    if (!r) return c->last_err;
    lk_err e;
    switch (store_next(r)) {
    case 1:
        *out = store_int(r, 0);
        e = LK_OK;
        break;
    case 0:
        e = LK_ERR_NOTFOUND;
        break;
    default:
        e = c->last_err;
        break;
    }
    store_rows_close(r);
    return e;
}

lk_err store_begin(store_conn *c)
{
    if (c->tx_depth > 0) {   /* joins the caller's transaction */
        c->tx_depth++;
        return LK_OK;
    }
    end_read_snapshot(c);
    c->tx_doomed = false;
    lk_err e = store_exec(c, c->driver->begin_sql, STORE_NOP, NULL);
    if (e == LK_OK) c->tx_depth = 1;
    return e;
}

lk_err store_commit(store_conn *c)
{
    if (c->tx_depth > 1) {   /* the outermost commit decides */
        c->tx_depth--;
        return c->tx_doomed ? store_fail(c, LK_ERR_DB, "transaction doomed: a statement in it failed") : LK_OK;
    }
    c->tx_depth = 0;
    if (c->tx_doomed) {
        store_rollback(c);
        return store_fail(c, LK_ERR_DB, "transaction rolled back: a statement in it failed");
    }
    return store_exec(c, "COMMIT", STORE_NOP, NULL);
}

void store_rollback(store_conn *c)
{
    if (c->tx_depth > 1) {   /* an inner part failed: the whole transaction must not commit */
        c->tx_depth--;
        c->tx_doomed = true;
        return;
    }
    c->tx_depth = 0;
    c->tx_doomed = false;
    c->read_snapshot = false;
    if (!c->driver->in_transaction(c)) return;
    /* Keep the message of the failure that led here; ROLLBACK itself rarely fails. */
    char reason[sizeof c->errmsg];
    memcpy(reason, c->errmsg, sizeof reason);
    lk_err reason_code = c->last_err;
    if (c->driver->exec(c, "ROLLBACK", STORE_NOP, NULL) != LK_OK)
        log_error("store: ROLLBACK failed: %s", c->errmsg);
    memcpy(c->errmsg, reason, sizeof reason);
    c->last_err = reason_code;
}

const char *store_errmsg(store_conn *c)
{
    return c->errmsg;
}

const char *store_like_pattern(arena *a, const char *text)
{
    size_t n = strlen(text);
    char *out = arena_alloc(a, 2 * n + 3), *w = out;
    *w++ = '%';
    for (const char *s = text; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') *w++ = '\\';
        *w++ = (char)tolower((unsigned char)*s);
    }
    *w++ = '%';
    *w = '\0';
    return out;
}
