/* store/driver.h — private to src/store/: what store.c needs from a database driver.
 *
 * store.c owns the pool and the public API; a driver (sqlite.c, pg.c) owns its
 * connections.  A driver allocates its own connection struct with `store_conn` as the
 * first member and casts back in its functions; store.c only touches the common part.
 * A connection has at most one result set open, so `store_rows` lives inside it and the
 * driver keeps the result's state (statement, PGresult) in its own connection struct. */
#ifndef LOKET_STORE_DRIVER_H
#define LOKET_STORE_DRIVER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

typedef struct store_driver store_driver;

struct store_rows {
    store_conn *conn;
};

struct store_conn {
    const store_driver *driver;   /* set by store.c after connect */
    store *pool;                  /* set by store.c after connect */
    store_rows rows;              /* the one result set; valid while rows_open */
    bool rows_open;
    bool tx_doomed;               /* a statement failed inside the open transaction */
    int tx_depth;                 /* store_begin calls not yet committed or rolled back */
    bool read_snapshot;           /* store_read_snapshot's read transaction is open */
    lk_err last_err;              /* code of the last failure, for store_query_int */
    char errmsg[512];             /* one line; "" when nothing failed yet */
};

struct store_driver {
    store_kind kind;
    const char *name;                 /* "sqlite" / "pg": the migrations folder */
    const char *begin_sql;            /* starts a write transaction */
    const char *migration_lock_sql;   /* run after begin_sql by migrations, $1 = key; or NULL */
    const char *read_snapshot_sql;    /* store_read_snapshot's read transaction, or NULL: none */

    /* Opens one connection; on failure NULL and a one-line reason naming the database. */
    store_conn *(*connect)(const char *url, char *err, size_t errlen);
    void (*disconnect)(store_conn *c);
    void (*revive)(store_conn *c);    /* at acquire: reconnect if broken; NULL if never needed */
    bool (*in_transaction)(store_conn *c);

    /* These report failures through store_fail() and return its code. */
    lk_err (*exec)(store_conn *c, const char *sql, const store_param *p, int n, int64_t *changes);
    lk_err (*query)(store_conn *c, const char *sql, const store_param *p, int n);
    lk_err (*exec_script)(store_conn *c, const char *script);   /* many statements, no values */

    /* On the open result set. */
    int (*next)(store_conn *c);                       /* 1 row, 0 end, -1 error */
    const char *(*text)(store_conn *c, int col);
    int64_t (*integer)(store_conn *c, int col);
    bool (*is_null)(store_conn *c, int col);
    void (*rows_close)(store_conn *c);

    /* Backups (store/backup.c): a consistent copy of the whole database into the file
     * `path` while others write, and loading one into an empty database. */
    lk_err (*snapshot)(store_conn *c, const char *url, const char *path, char *err, size_t errlen);
    lk_err (*load_snapshot)(const char *url, const char *path, char *err, size_t errlen);

    /* store_change_token: bytes in shared memory that every commit rewrites, written
     * twice in a row (two equal copies of `*len` bytes mean a consistent read), valid
     * while the pool's connections are open; NULL when there are none (yet).  NULL
     * member: the driver has no such thing. */
    const volatile unsigned char *(*commit_marker)(store_conn *c, size_t *len);
};

/* store/pg_tools.c: pg_dump and pg_restore for the PostgreSQL driver. */
lk_err pg_tools_dump(store_conn *c, const char *url, const char *path, char *err, size_t errlen);
lk_err pg_tools_restore(const char *url, const char *path, char *err, size_t errlen);

extern const store_driver store_sqlite_driver;
extern const store_driver store_pg_driver;

/* Records why the last call on `c` failed (folded to one line) and returns `code`. */
lk_err store_fail(store_conn *c, lk_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* snprintf into dst, with newlines and runs of blanks folded to single spaces. */
void store_format_line(char *dst, size_t dstlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A map from SQL text to a driver's prepared statement; one per connection.
 * Keys are copied; values belong to the driver and are released by stmt_cache_clear. */
typedef struct {
    struct stmt_cache_entry *slots;
    size_t cap;     /* a power of two, or 0 before the first put */
    size_t count;
} stmt_cache;

void *stmt_cache_get(const stmt_cache *sc, const char *sql);    /* NULL if absent */
void stmt_cache_put(stmt_cache *sc, const char *sql, void *stmt); /* sql must be absent */
void stmt_cache_clear(stmt_cache *sc, void (*drop)(void *stmt)); /* empties; reusable */

#endif
