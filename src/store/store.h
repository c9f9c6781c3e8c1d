/* store/store.h — the one interface to the database, with two drivers.
 *
 * Only store/sqlite.c and store/pg.c include sqlite3.h / libpq-fe.h.  Every query is a
 * prepared statement with $1..$n placeholders; the same SQL text runs on both databases
 * (SQLite binds "$n" by name).  Values are never spliced into SQL text.
 *
 * Threads: a `store` is a pool of connections and is thread-safe.  A `store_conn` is
 * used by one thread at a time: acquire it, use it, release it.  A `store_rows` belongs
 * to its connection and must be closed before the next query on that connection.
 *
 * Ownership: strings returned by store_text() are borrowed until the next
 * store_next()/store_rows_close() on those rows.  Copy them (arena_strdup) to keep them. */
#ifndef LOKET_STORE_H
#define LOKET_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/embed.h"
#include "util/err.h"

typedef enum { STORE_SQLITE, STORE_PG } store_kind;

typedef struct store store;
typedef struct store_conn store_conn;
typedef struct store_rows store_rows;

typedef enum { SP_NULL, SP_TEXT, SP_INT } store_param_type;
typedef struct {
    store_param_type type;
    const char *text;   /* SP_TEXT: borrowed for the call; must be valid UTF-8 */
    int64_t i;          /* SP_INT; PostgreSQL sees int8: write CAST($1 AS INTEGER) where
                         * only an int4 fits, e.g. a function taking integer */
} store_param;

/* A function, not a conditional in the macro: `SP_T(array)` would trip -Waddress. */
static inline store_param store_param_text(const char *s)
{
    return (store_param){s ? SP_TEXT : SP_NULL, s, 0};
}
#define SP_T(s) store_param_text(s)
#define SP_I(n) ((store_param){SP_INT, NULL, (int64_t)(n)})
#define SP_N ((store_param){SP_NULL, NULL, 0})
/* STORE_P(SP_T(a), SP_I(b)) expands to "array, count" for the calls below. */
#define STORE_P(...) (const store_param[]){__VA_ARGS__}, \
    (int)(sizeof((const store_param[]){__VA_ARGS__}) / sizeof(store_param))
#define STORE_NOP NULL, 0

/* Opens a pool.  `url` is "postgresql://..." / "postgres://..." for PostgreSQL, otherwise
 * a SQLite file path (created if missing; WAL, busy timeout, foreign keys on).
 * On failure returns NULL and writes a one-line reason naming the database to err. */
store *store_open(const char *url, int pool_size, char *err, size_t errlen);
void store_close(store *s);                 /* all connections must be released */
store_kind store_kind_of(const store *s);

/* A number that changes whenever any process commits to the database, read from shared
 * memory without a query where the driver allows it (SQLite: the WAL index header).
 * Returns 0 with *out set, or -1 when it cannot be read that way now (PostgreSQL, or a
 * header being rewritten): ask the database instead.  For caches of shared data that
 * must see every change at once but read it far more often than it changes. */
int store_change_token(store *s, uint64_t *out);

store_conn *store_acquire(store *s);        /* blocks until a connection is free */
void store_release(store_conn *c);          /* rolls back an open transaction */
/* The pool's size and how many connections are taken now (for /metrics). */
void store_pool_use(store *s, int *size, int *busy);

/* Runs a statement that returns no rows.  Returns LK_OK, LK_ERR_CONFLICT for a unique or
 * foreign-key violation, LK_ERR_BUSY, or LK_ERR_DB (store_errmsg says why).
 * If `changes` is not NULL it receives the number of rows changed. */
lk_err store_exec(store_conn *c, const char *sql, const store_param *p, int n, int64_t *changes);

/* Runs a query.  Returns NULL on error (store_errmsg says why). */
store_rows *store_query(store_conn *c, const char *sql, const store_param *p, int n);
/* 1 = a row is ready, 0 = no more rows, -1 = error. */
int store_next(store_rows *r);
const char *store_text(store_rows *r, int col);   /* NULL for SQL NULL */
int64_t store_int(store_rows *r, int col);        /* 0 for SQL NULL */
int store_is_null(store_rows *r, int col);
void store_rows_close(store_rows *r);             /* NULL is fine */

/* Shortcuts for one-value queries.  Return LK_ERR_NOTFOUND when no row came back. */
lk_err store_query_int(store_conn *c, const char *sql, const store_param *p, int n, int64_t *out);

/* Transactions.  store_begin starts a write transaction (SQLite: BEGIN IMMEDIATE).
 * If any statement fails inside a transaction, store_commit rolls back and fails with
 * LK_ERR_DB on both databases (PostgreSQL would abort it anyway); use INSERT ... ON
 * CONFLICT rather than catching LK_ERR_CONFLICT in the middle of a transaction.
 *
 * Transactions nest: a store_begin inside an open transaction joins it, so a domain
 * function that keeps its changes in one transaction can also be part of a caller's
 * (e.g. a change made by an officer together with its audit record).  Only the
 * outermost store_commit commits; an inner store_commit returns what the outer one
 * would (LK_ERR_DB once a statement failed); an inner store_rollback dooms the whole
 * transaction, which the outermost store_commit then rolls back.  store_release rolls
 * back whatever is still open. */
lk_err store_begin(store_conn *c);
lk_err store_commit(store_conn *c);
/* The statements that follow read one snapshot, until store_release: for a page that only
 * reads.  On SQLite a deferred read transaction (its locks are taken once instead of once
 * per statement); on PostgreSQL nothing (each statement already costs a round trip, and
 * BEGIN/COMMIT would add two).  A write does no harm: store_exec and store_begin end the
 * snapshot first, so the write runs as it would have without it.  Call it outside a
 * transaction; inside one it does nothing. */
void store_read_snapshot(store_conn *c);
void store_rollback(store_conn *c);

const char *store_errmsg(store_conn *c);          /* last error on this connection */

/* "%text%" for `lower(col) LIKE $n ESCAPE '\'`: lower-cased (ASCII), with LIKE's own
 * characters escaped by '\'; allocated in a.  (lower() on both sides: PostgreSQL's LIKE
 * is case-sensitive.) */
const char *store_like_pattern(arena *a, const char *text);

/* Applies the embedded migrations for this database kind that are not yet recorded in
 * schema_version, each in its own transaction.  Idempotent.  `applied` (may be NULL)
 * receives how many ran. */
lk_err store_migrate(store *s, int *applied, char *err, size_t errlen);
/* The same from another table of files (tests): store_migrate passes embedded_files. */
lk_err store_migrate_files(store *s, const embedded_file *files, size_t count, int *applied,
                           char *err, size_t errlen);
/* The highest applied migration number, or 0 if none. */
int store_schema_version(store *s);
/* The highest migration number this binary carries for that kind of database. */
int store_newest_migration(store_kind kind);

/* ---- backups (cli/cmd_backup.c) ---- */
/* Writes a consistent copy of the whole database to the file `path` while other
 * connections keep writing: SQLite through the online backup API (a database file),
 * PostgreSQL through pg_dump --format=custom (one snapshot).  Takes one connection. */
lk_err store_snapshot(store *s, const char *path, char *err, size_t errlen);
/* Whether the database at `url` holds no tables: 1 empty (or a SQLite file that does not
 * exist yet), 0 not empty, -1 cannot tell (reason in err).  Creates nothing. */
int store_url_empty(const char *url, char *err, size_t errlen);
/* The kind of database `url` names, as store_open would open it. */
store_kind store_url_kind(const char *url);
/* Loads a copy made by store_snapshot into the empty database `url`, all or nothing
 * (SQLite: a file renamed into place; PostgreSQL: pg_restore --single-transaction). */
lk_err store_load_snapshot(const char *url, const char *path, char *err, size_t errlen);

#endif
