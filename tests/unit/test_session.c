/* tests/unit/test_session.c — database sessions: only the token's hash is stored, the
 * idle and absolute expiry end a session, refreshing is throttled, log-out and
 * "end every other session" work.  On SQLite, and on PostgreSQL when LOKET_TEST_PG_URL
 * is set. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "domain/akun/session.h"
#include "store/store.h"
#include "util/crypto.h"

static store *db;
static store_conn *c;
static char dir[64];
static int use_pg;

static char schema[64];

/* Runs one statement on the shared PostgreSQL test database itself. */
static int pg_admin(const char *sql)
{
    char err[256];
    store *admin = store_open(getenv("LOKET_TEST_PG_URL"), 1, err, sizeof err);
    if (!admin) return -1;
    store_conn *ac = store_acquire(admin);
    lk_err e = store_exec(ac, sql, STORE_NOP, NULL);
    store_release(ac);
    store_close(admin);
    return e == LK_OK ? 0 : -1;
}

/* A migrated database of its own: a SQLite file, or a new schema on the shared
 * PostgreSQL test server (so other tests' tables are neither seen nor touched). */
static int open_db(const char *sqlite_path)
{
    char err[256], url[1024], sql[128];
    const char *target = sqlite_path;
    if (use_pg) {
        const char *base = getenv("LOKET_TEST_PG_URL");
        snprintf(schema, sizeof schema, "loket_session_%d", (int)getpid());
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
        if (pg_admin(sql) != 0) return -1;
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s,public", base, strchr(base, '?') ? "&" : "?", schema);
        target = url;
    }
    db = store_open(target, 1, err, sizeof err);
    if (!db || store_migrate(db, NULL, err, sizeof err) != LK_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    c = store_acquire(db);
    return 0;
}

static int setup(void **state)
{
    strcpy(dir, "/tmp/loket-session-XXXXXX");
    if (crypto_init() != 0 || !mkdtemp(dir)) return -1;
    char path[256];
    snprintf(path, sizeof path, "%s/t.db", dir);
    return open_db(path);
}

static int teardown(void **state)
{
    store_release(c);
    store_close(db);
    if (use_pg) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
        if (pg_admin(sql) != 0) return -1;
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void only_the_hash_is_stored(void **state)
{
    session s, found;
    assert_int_equal(session_create(c, 0, 1000, &s), LK_OK);
    assert_int_equal(strlen(s.token), TOKEN_CHARS);
    int64_t by_token = -1, by_hash = -1;
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM session WHERE id_hash = $1", STORE_P(SP_T(s.token)), &by_token), LK_OK);
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM session WHERE id_hash = $1", STORE_P(SP_T(s.id_hash)), &by_hash), LK_OK);
    assert_int_equal(by_token, 0);
    assert_int_equal(by_hash, 1);
    assert_int_equal(session_find(c, s.token, 1001, &found), LK_OK);
    assert_string_equal(found.csrf, s.csrf);
    assert_int_equal(session_find(c, s.id_hash, 1001, &found), LK_ERR_NOTFOUND);   /* the hash opens nothing */
    assert_int_equal(session_find(c, "short", 1001, &found), LK_ERR_NOTFOUND);
}

static void idle_sessions_end(void **state)
{
    session s, found;
    assert_int_equal(session_create(c, 0, 5000, &s), LK_OK);
    assert_int_equal(session_find(c, s.token, 5000 + SESSION_IDLE_S - 1, &found), LK_OK);
    /* That use refreshed it: the idle clock starts again from there. */
    assert_int_equal(session_find(c, s.token, 5000 + 2 * SESSION_IDLE_S - 2, &found), LK_OK);
    assert_int_equal(session_find(c, s.token, 5000 + 3 * SESSION_IDLE_S, &found), LK_ERR_NOTFOUND);
    /* An expired session is gone for good. */
    assert_int_equal(session_find(c, s.token, 5000 + 2 * SESSION_IDLE_S - 1, &found), LK_ERR_NOTFOUND);
}

static void active_sessions_still_end_at_the_absolute_limit(void **state)
{
    session s, found;
    assert_int_equal(session_create(c, 0, 100000, &s), LK_OK);
    time_t t = 100000;
    for (; t < 100000 + SESSION_MAX_S - 600; t += 1800) assert_int_equal(session_find(c, s.token, t, &found), LK_OK);
    assert_int_equal(session_find(c, s.token, 100000 + SESSION_MAX_S, &found), LK_ERR_NOTFOUND);
}

static void delete_and_purge(void **state)
{
    session a, b, found;
    assert_int_equal(session_create(c, 0, 200000, &a), LK_OK);
    assert_int_equal(session_create(c, 0, 200000, &b), LK_OK);
    assert_int_equal(session_delete(c, a.id_hash), LK_OK);
    assert_int_equal(session_find(c, a.token, 200001, &found), LK_ERR_NOTFOUND);
    assert_int_equal(session_find(c, b.token, 200001, &found), LK_OK);
    int64_t removed = 0;
    assert_int_equal(session_purge(c, 200000 + SESSION_MAX_S + 1, &removed), LK_OK);
    assert_true(removed >= 1);
    assert_int_equal(session_find(c, b.token, 200002, &found), LK_ERR_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_hash_is_stored),
        cmocka_unit_test(idle_sessions_end),
        cmocka_unit_test(active_sessions_still_end_at_the_absolute_limit),
        cmocka_unit_test(delete_and_purge),
    };
    int failed = cmocka_run_group_tests_name("session (SQLite)", tests, setup, teardown);
    if (getenv("LOKET_TEST_PG_URL")) {
        use_pg = 1;
        failed += cmocka_run_group_tests_name("session (PostgreSQL)", tests, setup, teardown);
    }
    return failed;
}
