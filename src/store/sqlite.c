/* store/sqlite.c — the SQLite driver behind store.h (the one file that includes sqlite3.h).
 *
 * Each connection is opened in multi-thread mode (SQLITE_OPEN_NOMUTEX): the pool hands a
 * connection to one thread at a time, so SQLite's own per-connection mutex would only
 * cost.  Settings: WAL, synchronous=NORMAL, foreign keys on, 5 s busy timeout.
 * Statements are prepared once per connection and SQL text (SQLITE_PREPARE_PERSISTENT)
 * and kept in the connection's stmt_cache until it closes; after a call they are reset
 * and their bindings cleared.  Parameters are bound by name ("$1"), so SQL written for
 * PostgreSQL runs unchanged, whatever order the placeholders appear in. */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/driver.h"
#include "util/alloc.h"

enum { SQLITE_BUSY_TIMEOUT_MS = 5000 };

typedef struct {
    store_conn base;          /* first: store.c sees only this */
    sqlite3 *db;
    stmt_cache stmts;         /* SQL text -> sqlite3_stmt* */
    sqlite3_stmt *rows_stmt;  /* statement of the open result set */
} sqlite_conn;

static sqlite_conn *as_sqlite(store_conn *c)
{
    return (sqlite_conn *)c;
}

static lk_err code_of(int rc)
{
    switch (rc & 0xff) {   /* the primary code of an extended result code */
    case SQLITE_CONSTRAINT: return LK_ERR_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return LK_ERR_BUSY;
    default: return LK_ERR_DB;
    }
}

static lk_err fail_sqlite(sqlite_conn *sc, int rc)
{
    return store_fail(&sc->base, code_of(rc), "%s", sqlite3_errmsg(sc->db));
}

/* Memory statistics make every SQLite allocation take one process-wide mutex; with a
 * connection per request thread that mutex was the hottest lock under load.  Must be set
 * before SQLite initialises, hence once, before the first connection. */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static store_conn *sqlite_connect(const char *path, char *err, size_t errlen)
{
    pthread_once(&sqlite_configured, configure_sqlite);
    sqlite_conn *sc = xcalloc(1, sizeof *sc);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                SQLITE_OPEN_EXRESCODE;
    int rc = sqlite3_open_v2(path, &sc->db, flags, NULL);
    if (!sc->db) lk_oom(sizeof(sqlite3 *));   /* SQLite returns no handle only on OOM */
    if (rc != SQLITE_OK) goto out;
    /* The timeout first: switching to WAL needs a lock another process may hold. */
    sqlite3_busy_timeout(sc->db, SQLITE_BUSY_TIMEOUT_MS);
    /* These also read the file, so a file that is not a database fails here. */
    rc = sqlite3_exec(sc->db,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                      "PRAGMA foreign_keys=ON;",
                      NULL, NULL, NULL);
out:
    if (rc != SQLITE_OK) {
        store_format_line(err, errlen, "cannot open database %s: %s", path,
                          sqlite3_errmsg(sc->db));
        sqlite3_close_v2(sc->db);
        free(sc);
        return NULL;
    }
    return &sc->base;
}

static void finalize_stmt(void *stmt)
{
    sqlite3_finalize(stmt);
}

static void sqlite_disconnect(store_conn *c)
{
    sqlite_conn *sc = as_sqlite(c);
    stmt_cache_clear(&sc->stmts, finalize_stmt);
    sqlite3_close_v2(sc->db);
    free(sc);
}

static bool sqlite_in_transaction(store_conn *c)
{
    return !sqlite3_get_autocommit(as_sqlite(c)->db);
}

/* The cached statement for `sql`, prepared on first use; NULL after store_fail. */
static sqlite3_stmt *prepared(sqlite_conn *sc, const char *sql)
{
    sqlite3_stmt *stmt = stmt_cache_get(&sc->stmts, sql);
    if (stmt) return stmt;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v3(sc->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) {
        fail_sqlite(sc, rc);
        return NULL;
    }
    /* PostgreSQL refuses several statements in one prepared text; so do we. */
    if (!stmt || tail[strspn(tail, " \t\r\n;")] != '\0') {
        store_fail(&sc->base, LK_ERR_DB, "expected exactly one SQL statement in: %s", sql);
        sqlite3_finalize(stmt);
        return NULL;
    }
    stmt_cache_put(&sc->stmts, sql, stmt);
    return stmt;
}

/* Binds p[0..n) to $1..$n.  Every $i must appear in the SQL and nothing else may, as on
 * PostgreSQL.  `text_lifetime` is SQLITE_STATIC when the statement runs to completion
 * inside this call and SQLITE_TRANSIENT when rows are read after it returns, since the
 * caller's strings are only borrowed for the call. */
static lk_err bind_params(sqlite_conn *sc, sqlite3_stmt *stmt, const store_param *p, int n,
                          sqlite3_destructor_type text_lifetime)
{
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        int idx = sqlite3_bind_parameter_index(stmt, name);
        if (idx == 0)
            return store_fail(&sc->base, LK_ERR_DB, "%s is not used in: %s", name,
                              sqlite3_sql(stmt));
        int rc;
        if (p[i].type == SP_INT)
            rc = sqlite3_bind_int64(stmt, idx, p[i].i);
        else if (p[i].type == SP_TEXT && p[i].text)
            rc = sqlite3_bind_text(stmt, idx, p[i].text, -1, text_lifetime);
        else
            rc = sqlite3_bind_null(stmt, idx);
        if (rc != SQLITE_OK) return fail_sqlite(sc, rc);
    }
    if (sqlite3_bind_parameter_count(stmt) != n)
        return store_fail(&sc->base, LK_ERR_DB, "%d values given but the SQL wants %d: %s",
                          n, sqlite3_bind_parameter_count(stmt), sqlite3_sql(stmt));
    return LK_OK;
}

static void reset_stmt(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

static lk_err sqlite_exec(store_conn *c, const char *sql, const store_param *p, int n,
                          int64_t *changes)
{
    sqlite_conn *sc = as_sqlite(c);
    sqlite3_stmt *stmt = prepared(sc, sql);
    if (!stmt) return c->last_err;
    if (stmt == sc->rows_stmt)   /* resetting it would pull the rows from under the caller */
        return store_fail(c, LK_ERR_INTERNAL, "statement is in use by open rows: %s", sql);
    lk_err e = bind_params(sc, stmt, p, n, SQLITE_STATIC);
    if (e != LK_OK) goto out;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) continue;
    if (rc != SQLITE_DONE) {
        e = fail_sqlite(sc, rc);
        goto out;
    }
    if (changes) *changes = sqlite3_changes64(sc->db);
out:
    reset_stmt(stmt);
    return e;
}

static lk_err sqlite_query(store_conn *c, const char *sql, const store_param *p, int n)
{
    sqlite_conn *sc = as_sqlite(c);
    sqlite3_stmt *stmt = prepared(sc, sql);
    if (!stmt) return c->last_err;
    lk_err e = bind_params(sc, stmt, p, n, SQLITE_TRANSIENT);
    if (e != LK_OK) {
        reset_stmt(stmt);
        return e;
    }
    sc->rows_stmt = stmt;
    return LK_OK;
}

static lk_err sqlite_exec_script(store_conn *c, const char *script)
{
    sqlite_conn *sc = as_sqlite(c);
    char *msg = NULL;
    int rc = sqlite3_exec(sc->db, script, NULL, NULL, &msg);
    lk_err e = LK_OK;
    if (rc != SQLITE_OK)
        e = store_fail(c, code_of(rc), "%s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return e;
}

static int sqlite_next(store_conn *c)
{
    sqlite_conn *sc = as_sqlite(c);
    int rc = sqlite3_step(sc->rows_stmt);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    fail_sqlite(sc, rc);
    return -1;
}

static bool valid_column(sqlite_conn *sc, int col)
{
    return col >= 0 && col < sqlite3_data_count(sc->rows_stmt);
}

static const char *sqlite_text(store_conn *c, int col)
{
    sqlite_conn *sc = as_sqlite(c);
    if (!valid_column(sc, col)) return NULL;
    return (const char *)sqlite3_column_text(sc->rows_stmt, col);
}

static int64_t sqlite_integer(store_conn *c, int col)
{
    sqlite_conn *sc = as_sqlite(c);
    if (!valid_column(sc, col)) return 0;
    return sqlite3_column_int64(sc->rows_stmt, col);
}

static bool sqlite_is_null(store_conn *c, int col)
{
    sqlite_conn *sc = as_sqlite(c);
    return !valid_column(sc, col) || sqlite3_column_type(sc->rows_stmt, col) == SQLITE_NULL;
}

static void sqlite_rows_close(store_conn *c)
{
    sqlite_conn *sc = as_sqlite(c);
    reset_stmt(sc->rows_stmt);   /* also ends the read transaction the rows held open */
    sc->rows_stmt = NULL;
}

/* The online backup API copies every page under one read transaction: with WAL, writers
 * go on meanwhile and the copy is the database as of its start. */
static lk_err sqlite_snapshot(store_conn *c, const char *url, const char *path, char *err, size_t errlen)
{
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", as_sqlite(c)->db, "main");
        if (!b) {
            rc = sqlite3_errcode(dest);
        } else {
            for (int tries = 0; (rc = sqlite3_backup_step(b, -1)) != SQLITE_DONE; tries++) {
                if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries > 100) break;
                sqlite3_sleep(50);
            }
            int fin = sqlite3_backup_finish(b);
            if (rc == SQLITE_DONE) rc = fin;
        }
    }
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        store_format_line(err, errlen, "cannot copy the database %s to %s: %s", url, path,
                          dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
        sqlite3_close_v2(dest);
        return LK_ERR_DB;
    }
    sqlite3_close_v2(dest);
    return LK_OK;
}

/* The snapshot is a complete database file: copy it beside the target, then rename it
 * into place, so the target either does not exist or is whole. */
static lk_err sqlite_load_snapshot(const char *url, const char *path, char *err, size_t errlen)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.restoring", url);
    sqlite3 *src = NULL, *dest = NULL;
    int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(src, "PRAGMA quick_check", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
        rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dest);
        if (b) {
            int fin = sqlite3_backup_finish(b);
            if (rc == SQLITE_DONE) rc = fin;
        }
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(dest, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    const char *why = rc == SQLITE_OK ? NULL : dest ? sqlite3_errmsg(dest) : src ? sqlite3_errmsg(src) : sqlite3_errstr(rc);
    if (why) store_format_line(err, errlen, "cannot load the database copy into %s: %s", url, why);
    sqlite3_close_v2(src);
    sqlite3_close_v2(dest);
    if (!why && rename(tmp, url) != 0) {
        store_format_line(err, errlen, "cannot move the restored database to %s: %s", url, strerror(errno));
        why = "rename";
    }
    if (why) {
        remove(tmp);
        return LK_ERR_DB;
    }
    return LK_OK;
}

/* The WAL-index header (https://www.sqlite.org/walformat.html, "The WAL-Index Header"):
 * the first 96 bytes of the -shm file hold two copies of a 48-byte header that every
 * commit, by any process, rewrites (its iChange counts transactions).  The writer
 * writes the second copy, then the first; readers accept the header when both agree.
 * The region is SQLite's own mapping, shared by the process's connections and kept while
 * any of them is open. */
static const volatile unsigned char *sqlite_commit_marker(store_conn *c, size_t *len)
{
    sqlite_conn *sc = as_sqlite(c);
    sqlite3_file *f = NULL;
    if (sqlite3_file_control(sc->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f || !f->pMethods ||
        f->pMethods->iVersion < 2 || !f->pMethods->xShmMap)
        return NULL;
    volatile void *region = NULL;
    if (f->pMethods->xShmMap(f, 0, 32768, 0, &region) != SQLITE_OK || !region) return NULL;
    *len = 48;
    return region;
}

const store_driver store_sqlite_driver = {
    .kind = STORE_SQLITE,
    .name = "sqlite",
    /* IMMEDIATE takes the write lock up front, so a transaction never fails half-way
     * with SQLITE_BUSY when it first writes; the busy timeout covers the wait. */
    .begin_sql = "BEGIN IMMEDIATE",
    .migration_lock_sql = NULL,   /* BEGIN IMMEDIATE already serializes writers */
    /* Deferred: takes the read locks once for all the page's statements instead of a
     * lock and an unlock (fcntl) per statement, a tenth of a draft page's time. */
    .read_snapshot_sql = "BEGIN",
    .connect = sqlite_connect,
    .disconnect = sqlite_disconnect,
    .revive = NULL,
    .in_transaction = sqlite_in_transaction,
    .exec = sqlite_exec,
    .query = sqlite_query,
    .exec_script = sqlite_exec_script,
    .next = sqlite_next,
    .text = sqlite_text,
    .integer = sqlite_integer,
    .is_null = sqlite_is_null,
    .rows_close = sqlite_rows_close,
    .snapshot = sqlite_snapshot,
    .load_snapshot = sqlite_load_snapshot,
    .commit_marker = sqlite_commit_marker,
};
