/* store/pg.c — the PostgreSQL driver behind store.h (the one file that includes libpq-fe.h).
 *
 * Each SQL text is prepared once per connection (PQprepare, statements named s1, s2, ...)
 * and run with PQexecPrepared and text-format values.  Integer values are declared int8
 * so the server need not guess; text and NULL are left for the server to infer from the
 * SQL.  A result set is fetched whole; store_text returns pointers into the PGresult,
 * valid until the rows are closed.  A connection found broken at acquire is reset, and
 * since the server forgets prepared statements with the session, so does the cache.
 * Messages name the database by its URL with any password removed. */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/driver.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/log.h"

enum { PG_OID_INT8 = 20, PG_INT_TEXT_MAX = 24 };

typedef struct {
    store_conn base;        /* first: store.c sees only this */
    PGconn *pg;
    char *where;            /* the URL without password, for messages; owned */
    stmt_cache stmts;       /* SQL text -> statement name ("s7"); names are owned strings */
    unsigned long last_stmt_number;
    PGresult *rows;         /* the open result set */
    int row;                /* current row of `rows`; -1 before the first store_next */
} pg_conn;

static pg_conn *as_pg(store_conn *c)
{
    return (pg_conn *)c;
}

/* `url` with the password dropped from the user part and from a password= parameter. */
static char *url_without_password(const char *url)
{
    buf out = BUF_INIT;
    const char *rest = url;
    const char *authority = strstr(url, "://");
    if (authority) {
        authority += 3;
        size_t authority_len = strcspn(authority, "/?");
        const char *at = memrchr(authority, '@', authority_len);
        const char *colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
        if (colon) {
            buf_put(&out, url, (size_t)(colon - url));
            rest = at;
        }
    }
    const char *query = strchr(rest, '?');
    if (!query) {
        buf_puts(&out, rest);
        return buf_steal(&out);
    }
    buf_put(&out, rest, (size_t)(query - rest));
    char separator = '?';
    for (const char *param = query + 1; *param;) {
        size_t len = strcspn(param, "&");
        if (strncmp(param, "password=", 9) != 0) {
            buf_putc(&out, separator);
            buf_put(&out, param, len);
            separator = '&';
        }
        param += len + (param[len] == '&');
    }
    return buf_steal(&out);
}

static lk_err code_of(const char *sqlstate)
{
    if (!sqlstate) return LK_ERR_DB;
    if (strncmp(sqlstate, "23", 2) == 0) return LK_ERR_CONFLICT;   /* integrity violation */
    if (strcmp(sqlstate, "40001") == 0 || strcmp(sqlstate, "40P01") == 0) return LK_ERR_BUSY;
    return LK_ERR_DB;
}

/* Records the failure carried by `res` (or by the connection when res has none). */
static lk_err fail_pg(pg_conn *pc, const PGresult *res)
{
    const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg) msg = PQerrorMessage(pc->pg);
    if (!sqlstate) return store_fail(&pc->base, LK_ERR_DB, "%s", msg);
    return store_fail(&pc->base, code_of(sqlstate), "%s (SQLSTATE %s)", msg, sqlstate);
}

static void free_name(void *name)
{
    free(name);
}

/* Server notices ("relation already exists, skipping") go to the log, not to stderr. */
static void log_notice(void *arg, const PGresult *res)
{
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    if (severity && strcmp(severity, "WARNING") == 0)
        log_warn("store: %s: %s", severity, msg ? msg : "");
    else
        log_debug("store: %s: %s", severity ? severity : "NOTICE", msg ? msg : "");
}

static void pg_disconnect(store_conn *c)
{
    pg_conn *pc = as_pg(c);
    PQclear(pc->rows);
    stmt_cache_clear(&pc->stmts, free_name);
    PQfinish(pc->pg);
    free(pc->where);
    free(pc);
}

static store_conn *pg_connect(const char *url, char *err, size_t errlen)
{
    pg_conn *pc = xcalloc(1, sizeof *pc);
    pc->where = url_without_password(url);
    /* Later keywords override earlier ones: the URL may set its own connect_timeout, but
     * the encoding is always UTF-8 because every string in Loket is. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                                "client_encoding", NULL};
    const char *const values[] = {"10", "loket", url, "UTF8", NULL};
    pc->pg = PQconnectdbParams(keys, values, 1);
    if (!pc->pg) lk_oom(sizeof(PGconn *));
    if (PQstatus(pc->pg) != CONNECTION_OK) {
        store_format_line(err, errlen, "cannot connect to database %s: %s", pc->where,
                          PQerrorMessage(pc->pg));
        pg_disconnect(&pc->base);
        return NULL;
    }
    PQsetNoticeReceiver(pc->pg, log_notice, NULL);   /* kept across PQreset */
    return &pc->base;
}

static void pg_revive(store_conn *c)
{
    pg_conn *pc = as_pg(c);
    if (PQstatus(pc->pg) == CONNECTION_OK) return;
    log_warn("store: connection to %s was lost; reconnecting", pc->where);
    stmt_cache_clear(&pc->stmts, free_name);   /* the new session has no statements */
    PQreset(pc->pg);
    if (PQstatus(pc->pg) != CONNECTION_OK)
        log_error("store: cannot reconnect to %s: %s", pc->where, PQerrorMessage(pc->pg));
}

static bool pg_in_transaction(store_conn *c)
{
    PGTransactionStatusType ts = PQtransactionStatus(as_pg(c)->pg);
    return ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR || ts == PQTRANS_ACTIVE;
}

/* The name of the prepared statement for `sql`, preparing it on first use with the
 * parameter types of this call; NULL after store_fail. */
static const char *prepared(pg_conn *pc, const char *sql, const store_param *p, int n)
{
    const char *name = stmt_cache_get(&pc->stmts, sql);
    if (name) return name;
    Oid *types = xcalloc((size_t)n, sizeof *types);   /* 0: let the server infer */
    for (int i = 0; i < n; i++)
        if (p[i].type == SP_INT) types[i] = PG_OID_INT8;
    char new_name[32];
    snprintf(new_name, sizeof new_name, "s%lu", ++pc->last_stmt_number);
    PGresult *res = PQprepare(pc->pg, new_name, sql, n, types);
    free(types);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fail_pg(pc, res);
        PQclear(res);
        return NULL;
    }
    PQclear(res);
    char *kept = xstrdup(new_name);
    stmt_cache_put(&pc->stmts, sql, kept);
    return kept;
}

/* Runs `sql` with p[0..n); the result on success, NULL after store_fail. */
static PGresult *run(pg_conn *pc, const char *sql, const store_param *p, int n)
{
    const char *name = prepared(pc, sql, p, n);
    if (!name) return NULL;
    /* One block: the value pointers, then room for each integer's decimal text. */
    const char **values = xmalloc((size_t)n * (sizeof *values + PG_INT_TEXT_MAX));
    char *int_text = (char *)(values + n);
    for (int i = 0; i < n; i++) {
        if (p[i].type == SP_INT) {
            values[i] = int_text + (size_t)i * PG_INT_TEXT_MAX;
            snprintf(int_text + (size_t)i * PG_INT_TEXT_MAX, PG_INT_TEXT_MAX, "%" PRId64, p[i].i);
        } else {
            values[i] = p[i].type == SP_TEXT ? p[i].text : NULL;
        }
    }
    PGresult *res = PQexecPrepared(pc->pg, name, n, values, NULL, NULL, 0);
    free(values);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail_pg(pc, res);
        PQclear(res);
        return NULL;
    }
    return res;
}

static lk_err pg_exec(store_conn *c, const char *sql, const store_param *p, int n,
                      int64_t *changes)
{
    pg_conn *pc = as_pg(c);
    PGresult *res = run(pc, sql, p, n);
    if (!res) return c->last_err;
    if (changes) *changes = strtoll(PQcmdTuples(res), NULL, 10);   /* "" when not DML */
    PQclear(res);
    return LK_OK;
}

static lk_err pg_query(store_conn *c, const char *sql, const store_param *p, int n)
{
    pg_conn *pc = as_pg(c);
    PGresult *res = run(pc, sql, p, n);
    if (!res) return c->last_err;
    pc->rows = res;
    pc->row = -1;
    return LK_OK;
}

static lk_err pg_exec_script(store_conn *c, const char *script)
{
    pg_conn *pc = as_pg(c);
    PGresult *res = PQexec(pc->pg, script);   /* stops at the first failing statement */
    ExecStatusType status = PQresultStatus(res);
    lk_err e = LK_OK;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) e = fail_pg(pc, res);
    PQclear(res);
    return e;
}

static int pg_next(store_conn *c)
{
    pg_conn *pc = as_pg(c);
    if (pc->row + 1 >= PQntuples(pc->rows)) return 0;
    pc->row++;
    return 1;
}

static const char *pg_text(store_conn *c, int col)
{
    pg_conn *pc = as_pg(c);
    /* libpq would print a notice to stderr for an out-of-range cell; check first. */
    if (pc->row < 0 || pc->row >= PQntuples(pc->rows) || col < 0 || col >= PQnfields(pc->rows))
        return NULL;
    if (PQgetisnull(pc->rows, pc->row, col)) return NULL;
    return PQgetvalue(pc->rows, pc->row, col);
}

static int64_t pg_integer(store_conn *c, int col)
{
    const char *text = pg_text(c, col);
    if (!text) return 0;
    /* Comparisons and EXISTS are boolean in PostgreSQL but integer in SQLite. */
    if (strcmp(text, "t") == 0) return 1;
    if (strcmp(text, "f") == 0) return 0;
    return strtoll(text, NULL, 10);
}

static bool pg_is_null(store_conn *c, int col)
{
    return pg_text(c, col) == NULL;
}

static void pg_rows_close(store_conn *c)
{
    pg_conn *pc = as_pg(c);
    PQclear(pc->rows);
    pc->rows = NULL;
}

const store_driver store_pg_driver = {
    .kind = STORE_PG,
    .name = "pg",
    .begin_sql = "BEGIN",
    /* Held until the transaction ends, so two processes migrating at once take turns. */
    .migration_lock_sql = "SELECT pg_advisory_xact_lock($1)",
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .revive = pg_revive,
    .in_transaction = pg_in_transaction,
    .exec = pg_exec,
    .query = pg_query,
    .exec_script = pg_exec_script,
    .next = pg_next,
    .text = pg_text,
    .integer = pg_integer,
    .is_null = pg_is_null,
    .rows_close = pg_rows_close,
    .snapshot = pg_tools_dump,
    .load_snapshot = pg_tools_restore,
};
