/* tests/unit/testdb.h — a fresh, migrated database for a unit-test group, on SQLite (a
 * temporary folder) or on PostgreSQL (a schema of its own in LOKET_TEST_PG_URL's
 * database), and its removal.  Header-only: each test program includes it once.
 *
 *     static testdb db;
 *     static int setup(void **st) { return testdb_open(&db, STORE_SQLITE, "audit", 4); }
 *     static int teardown(void **st) { return testdb_close(&db); }
 *     ... testdb_run_both("audit", tests, &db) runs a group on SQLite, then on
 *     PostgreSQL when LOKET_TEST_PG_URL is set (else says SKIPPED).
 * Tests written before this header keep their own set-up. */
#ifndef LOKET_TESTDB_H
#define LOKET_TESTDB_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/store.h"

typedef struct {
    store_kind kind;
    char name[48];
    char dir[256];      /* SQLite: the temporary folder */
    char schema[64];    /* PostgreSQL: the schema */
    int pool;
    store *s;
} testdb;

static int testdb_admin_exec(const char *sql)
{
    char err[256];
    store *admin = store_open(getenv("LOKET_TEST_PG_URL"), 1, err, sizeof err);
    if (!admin) {
        fprintf(stderr, "testdb: %s\n", err);
        return -1;
    }
    store_conn *c = store_acquire(admin);
    lk_err e = store_exec(c, sql, STORE_NOP, NULL);
    if (e) fprintf(stderr, "testdb: %s: %s\n", sql, store_errmsg(c));
    store_release(c);
    store_close(admin);
    return e ? -1 : 0;
}

/* Opens db->kind's fresh database with the embedded migrations applied; 0 or -1. */
static int testdb_setup(testdb *db)
{
    char url[1024], err[512];
    if (db->kind == STORE_SQLITE) {
        snprintf(db->dir, sizeof db->dir, "%s/loket-%s-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                 db->name);
        if (!mkdtemp(db->dir)) return -1;
        snprintf(url, sizeof url, "%s/test.db", db->dir);
    } else {
        const char *pg = getenv("LOKET_TEST_PG_URL");
        snprintf(db->schema, sizeof db->schema, "loket_%s_%d", db->name, (int)getpid());
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", db->schema);
        if (testdb_admin_exec(sql)) return -1;
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s,public", pg, strchr(pg, '?') ? "&" : "?",
                 db->schema);
    }
    db->s = store_open(url, db->pool > 0 ? db->pool : 1, err, sizeof err);
    if (!db->s || store_migrate(db->s, NULL, err, sizeof err)) {
        fprintf(stderr, "testdb: %s\n", err);
        return -1;
    }
    return 0;
}

/* Closes and removes what testdb_setup made; 0 or -1. */
static int testdb_teardown(testdb *db)
{
    if (db->s) store_close(db->s);
    db->s = NULL;
    if (db->kind == STORE_SQLITE) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", db->dir);
        return system(cmd) == 0 ? 0 : -1;
    }
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", db->schema);
    return testdb_admin_exec(sql);
}

/* Runs `tests` on SQLite and then on PostgreSQL (when configured); setup/teardown are the
 * group's, normally wrappers of testdb_setup/testdb_teardown on `db`.  Returns failures. */
#define testdb_run_both(title, tests, db, setup, teardown)                                              \
    ({                                                                                                  \
        int failed_ = 0;                                                                                \
        (db)->kind = STORE_SQLITE;                                                                      \
        failed_ += cmocka_run_group_tests_name(title " on SQLite", tests, setup, teardown);             \
        const char *pg_ = getenv("LOKET_TEST_PG_URL");                                                  \
        if (pg_ && *pg_) {                                                                              \
            (db)->kind = STORE_PG;                                                                      \
            failed_ += cmocka_run_group_tests_name(title " on PostgreSQL", tests, setup, teardown);     \
        } else {                                                                                        \
            fflush(stdout);                                                                             \
            fprintf(stderr, "[  SKIPPED ] " title " on PostgreSQL: LOKET_TEST_PG_URL is not set\n");    \
        }                                                                                               \
        failed_;                                                                                        \
    })

#endif
