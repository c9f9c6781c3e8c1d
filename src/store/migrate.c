/* store/migrate.c — applies the embedded SQL migrations and reports the schema version.
 *
 * Migrations are files "migrations/<driver>/NNN_name.sql" (<driver> is "sqlite" or "pg")
 * in a table of embedded files, applied in number order.  Each runs in one transaction
 * together with its row in schema_version, so a failed migration leaves no trace and a
 * recorded one is never run again.  Every transaction first takes the driver's migration
 * lock (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE is enough) and re-checks
 * schema_version under it, so processes starting at once apply each migration once.
 * Migration text is the only multi-statement SQL the store runs; it never holds values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/driver.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/log.h"

/* "LoketMig": any constant works as long as nothing else takes this advisory lock. */
static const int64_t MIGRATION_LOCK_KEY = 0x4c6f6b65744d6967;

typedef struct {
    int number;
    const char *file_name;        /* "001_core.sql", inside the embedded path */
    const embedded_file *file;
} migration;

static int by_number(const void *a, const void *b)
{
    const migration *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

/* The migrations for `driver_name` from files[0..count), sorted; caller frees *out.
 * A misnamed or duplicate file is a broken build, reported as LK_ERR_INTERNAL. */
static lk_err list_migrations(const char *driver_name, const embedded_file *files, size_t count,
                              migration **out, int *out_count, char *err, size_t errlen)
{
    char prefix[64];
    int prefix_len = snprintf(prefix, sizeof prefix, "migrations/%s/", driver_name);
    migration *list = xcalloc(count, sizeof *list);
    int n = 0;
    lk_err e = LK_OK;
    for (size_t i = 0; i < count; i++) {
        const char *name = files[i].name;
        size_t len = strlen(name);
        if (strncmp(name, prefix, (size_t)prefix_len) != 0 || len < 4 ||
            strcmp(name + len - 4, ".sql") != 0)
            continue;
        const char *base = name + prefix_len;
        size_t digits = strspn(base, "0123456789");
        if (digits == 0 || digits > 6 || base[digits] != '_' || strchr(base, '/')) {
            store_format_line(err, errlen, "migration %s: name must be NNN_name.sql", name);
            e = LK_ERR_INTERNAL;
            goto out;
        }
        list[n++] = (migration){atoi(base), base, &files[i]};
    }
    qsort(list, (size_t)n, sizeof *list, by_number);
    for (int i = 1; i < n; i++) {
        if (list[i].number == list[i - 1].number) {
            store_format_line(err, errlen, "migrations %s and %s have the same number",
                              list[i - 1].file->name, list[i].file->name);
            e = LK_ERR_INTERNAL;
            goto out;
        }
    }
out:
    if (e != LK_OK) {
        free(list);
        list = NULL;
        n = 0;
    }
    *out = list;
    *out_count = n;
    return e;
}

static lk_err begin_locked(store_conn *c)
{
    lk_err e = store_begin(c);
    if (e == LK_OK && c->driver->migration_lock_sql)
        e = store_exec(c, c->driver->migration_lock_sql, STORE_P(SP_I(MIGRATION_LOCK_KEY)), NULL);
    return e;
}

static lk_err create_schema_version(store_conn *c)
{
    lk_err e = begin_locked(c);
    if (e == LK_OK)
        e = store_exec(c,
                       "CREATE TABLE IF NOT EXISTS schema_version ("
                       "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                       STORE_NOP, NULL);
    if (e == LK_OK) e = store_commit(c);
    store_rollback(c);   /* no-op after a commit */
    return e;
}

/* Applies `m` unless it is recorded already; *ran says whether it did. */
static lk_err apply_migration(store_conn *c, const migration *m, bool *ran)
{
    *ran = false;
    int64_t recorded = 0;
    lk_err e = begin_locked(c);
    if (e == LK_OK)
        e = store_query_int(c, "SELECT count(*) FROM schema_version WHERE version = $1",
                            STORE_P(SP_I(m->number)), &recorded);
    if (e != LK_OK || recorded) goto out;

    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);

    e = c->driver->exec_script(c, (const char *)m->file->data);
    if (e == LK_OK)
        e = store_exec(c,
                       "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                       STORE_P(SP_I(m->number), SP_T(m->file_name), SP_T(now)), NULL);
    if (e == LK_OK) e = store_commit(c);
    *ran = e == LK_OK;
out:
    store_rollback(c);   /* no-op after a commit */
    return e;
}

lk_err store_migrate_files(store *s, const embedded_file *files, size_t count, int *applied,
                           char *err, size_t errlen)
{
    int done = 0;
    migration *list = NULL;
    int n = 0;
    store_conn *c = store_acquire(s);
    lk_err e = list_migrations(c->driver->name, files, count, &list, &n, err, errlen);
    if (e != LK_OK) goto out;

    e = create_schema_version(c);
    if (e != LK_OK) {
        store_format_line(err, errlen, "cannot create schema_version: %s", store_errmsg(c));
        goto out;
    }
    for (int i = 0; i < n; i++) {
        bool ran;
        e = apply_migration(c, &list[i], &ran);
        if (e != LK_OK) {
            store_format_line(err, errlen, "migration %s failed: %s", list[i].file->name,
                              store_errmsg(c));
            goto out;
        }
        if (ran) {
            done++;
            log_info("store: applied migration %s", list[i].file->name);
        }
    }
    int64_t newest = 0;
    if (n > 0 &&
        store_query_int(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", STORE_NOP,
                        &newest) == LK_OK &&
        newest > list[n - 1].number)
        log_warn("store: the database is at schema version %lld, newer than this program's %d",
                 (long long)newest, list[n - 1].number);
out:
    if (applied) *applied = done;
    store_release(c);
    free(list);
    return e;
}

lk_err store_migrate(store *s, int *applied, char *err, size_t errlen)
{
    return store_migrate_files(s, embedded_files, embedded_count, applied, err, errlen);
}

int store_schema_version(store *s)
{
    store_conn *c = store_acquire(s);
    int64_t version = 0;
    /* A database never migrated has no schema_version table: that is version 0. */
    if (store_query_int(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", STORE_NOP,
                        &version) != LK_OK)
        version = 0;
    store_release(c);
    return (int)version;
}

int store_newest_migration(store_kind kind)
{
    migration *list = NULL;
    int n = 0, newest = 0;
    char err[256];
    if (list_migrations(kind == STORE_PG ? "pg" : "sqlite", embedded_files, embedded_count, &list, &n,
                        err, sizeof err) == LK_OK && n > 0)
        newest = list[n - 1].number;
    free(list);
    return newest;
}
