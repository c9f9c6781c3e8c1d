/* tests/unit/test_numbering.c — number formats and gap-free counters (SPEC 5.4).
 *
 * Formats are checked without a database.  The counters run on SQLite (a temporary file)
 * and, when LOKET_TEST_PG_URL is set, on PostgreSQL (a fresh schema): 8 threads, each on
 * its own pooled connection, submit 25 transactions each for one unit, and roll back some
 * more on purpose; the committed numbers must be exactly 1..200. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/permohonan/numbering.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/datetime.h"
#include "util/log.h"

enum { THREADS = 8, PER_THREAD = 25 };

static struct {
    store_kind kind;
    const char *pg_url;
    char dir[256];
    char schema[64];
    store *s;
    int64_t unit_id;
} g;

static time_t at(const char *iso)
{
    time_t t;
    assert_int_equal(datetime_parse(iso, &t), 0);
    return t;
}

/* ---- formats ---- */

static void test_formats(void **state)
{
    char out[128];
    assert_int_equal(number_format("503/{NNN}/SIP/DPMPTSP/{YYYY}", 7, at("2026-03-02T03:00:00Z"),
                                   out, sizeof out), LK_OK);
    assert_string_equal(out, "503/007/SIP/DPMPTSP/2026");
    assert_int_equal(number_format("REG/{YYYY}/{MM}/{NNNNN}", 42, at("2026-11-22T13:18:38Z"),
                                   out, sizeof out), LK_OK);
    assert_string_equal(out, "REG/2026/XI/00042");
    assert_int_equal(number_format("{NNN}", 123456, at("2026-01-01T00:00:00Z"), out, sizeof out), LK_OK);
    assert_string_equal(out, "123456");
    /* 30 November 17:30 UTC is already 1 December in WIB. */
    assert_int_equal(number_format("{DD}-{mm}-{MM}-{YYYY}/{N}", 1, at("2026-11-30T17:30:00Z"),
                                   out, sizeof out), LK_OK);
    assert_string_equal(out, "01-12-XII-2026/1");
    assert_int_equal(number_format("{NNN}/{YYYY}", 1, at("2026-12-31T17:00:00Z"), out, sizeof out), LK_OK);
    assert_string_equal(out, "001/2027");
    assert_int_equal(number_format("503/{NNN}/SIP", 7, 0, out, 8), LK_ERR_TOOBIG);
    assert_int_equal(number_format("{NNN}{NN}", 7, 0, out, sizeof out), LK_ERR_INVALID);
}

static void test_bad_formats(void **state)
{
    static const char *const bad[] = {
        "503/{NNN}/{NN}/{YYYY}",      /* two counters */
        "503/{NNN}/{X}/{YYYY}",       /* unknown placeholder */
        "503/{NNN}/{YYYY",            /* unterminated */
        "",                           /* empty */
        "503/SIP/{YYYY}",             /* no counter */
        "503/{NNN}}",                 /* stray brace */
        "503/{nnn}",                  /* lower-case n is not a counter */
        "503/{NNNNNNNNNNNNN}",        /* 13 digits */
        "503/{NNN}/\tSIP",            /* control character */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *msg = NULL;
        if (number_format_valid(bad[i], &msg) != -1) fail_msg("accepted: %s", bad[i]);
        assert_non_null(msg);
    }
    char longest[102];   /* 101 bytes: one over the limit */
    memset(longest, 'A', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    memcpy(longest, "{NNN}", 5);
    const char *msg = NULL;
    assert_int_equal(number_format_valid(longest, &msg), -1);
    longest[100] = '\0';
    assert_int_equal(number_format_valid(longest, &msg), 0);
    assert_int_equal(number_format_valid(NULL, &msg), -1);
    assert_int_equal(number_format_valid("503/{NNN}/SIP/DPMPTSP/{DD}.{mm}.{MM}/{YYYY}", &msg), 0);
    assert_int_equal(number_format_valid("{N}", NULL), 0);
}

/* ---- counters on a database ---- */

static int exec_sql(store_conn *c, const char *sql, const store_param *p, int n)
{
    lk_err e = store_exec(c, sql, p, n, NULL);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    return e ? -1 : 0;
}

static int admin_exec(const char *sql)
{
    char err[256];
    store *admin = store_open(g.pg_url, 1, err, sizeof err);
    if (!admin) return -1;
    store_conn *c = store_acquire(admin);
    int rc = exec_sql(c, sql, STORE_NOP);
    store_release(c);
    store_close(admin);
    return rc;
}

static int group_setup(void **state)
{
    char url[1024], err[512];
    if (g.kind == STORE_SQLITE) {
        snprintf(g.dir, sizeof g.dir, "%s/loket-numbering-XXXXXX",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(g.dir)) return -1;
        snprintf(url, sizeof url, "%s/numbering.db", g.dir);
    } else {
        snprintf(g.schema, sizeof g.schema, "loket_num_%d", (int)getpid());
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", g.schema);
        if (admin_exec(sql)) return -1;
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s,public", g.pg_url,
                 strchr(g.pg_url, '?') ? "&" : "?", g.schema);
    }
    g.s = store_open(url, THREADS, err, sizeof err);
    if (!g.s || store_migrate(g.s, NULL, err, sizeof err)) {
        print_error("%s\n", err);
        return -1;
    }
    store_conn *c = store_acquire(g.s);
    int rc = exec_sql(c, "INSERT INTO wilayah (code, parent_code, level, name, name_lower) "
                         "VALUES ('19', NULL, 1, 'KEPULAUAN BANGKA BELITUNG', 'kepulauan bangka belitung'), "
                         "('19.71', '19', 2, 'KOTA PANGKAL PINANG', 'kota pangkal pinang')", STORE_NOP);
    if (!rc) rc = exec_sql(c, "INSERT INTO instansi (slug, name, wilayah_code, office_name) "
                              "VALUES ('pangkalpinang', 'Pemerintah Kota Pangkalpinang', '19.71', 'DPMPTSP')",
                           STORE_NOP);
    if (!rc) rc = exec_sql(c, "INSERT INTO unit_kerja (instansi_id, slug, name) "
                              "SELECT id, 'dpmptsp', 'DPMPTSP' FROM instansi", STORE_NOP);
    if (!rc && store_query_int(c, "SELECT id FROM unit_kerja", STORE_NOP, &g.unit_id)) rc = -1;
    store_release(c);
    return rc;
}

static int group_teardown(void **state)
{
    if (g.s) store_close(g.s);
    g.s = NULL;
    if (g.kind == STORE_SQLITE) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", g.dir);
        if (system(cmd) != 0) return -1;
    } else {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", g.schema);
        admin_exec(sql);
    }
    return 0;
}

typedef struct {
    int committed[PER_THREAD];   /* the counters this thread committed */
    int failures;
} worker;

/* One transaction that takes a number; returns its counter, or -1. */
static int take_number(store_conn *c, arena *a, int commit)
{
    lk_err e;
    while ((e = store_begin(c)) == LK_ERR_BUSY) usleep(1000);
    if (e) return -1;
    const char *number = NULL;
    e = number_next(c, a, g.unit_id, "permohonan", "REG/{YYYY}/{MM}/{NNNNN}", time(NULL), &number);
    if (e) {
        print_error("number_next: %s %s\n", lk_err_name(e), store_errmsg(c));
        store_rollback(c);
        return -1;
    }
    if (!commit) {
        store_rollback(c);
        return 0;
    }
    if (store_commit(c)) return -1;
    return atoi(strrchr(number, '/') + 1);
}

static void *work(void *arg)
{
    worker *w = arg;
    store_conn *c = store_acquire(g.s);
    arena *a = arena_new();
    for (int i = 0; i < PER_THREAD; i++) {
        if (i % 5 == 2 && take_number(c, a, 0) < 0) w->failures++;   /* given back */
        w->committed[i] = take_number(c, a, 1);
        if (w->committed[i] <= 0) w->failures++;
    }
    arena_free(a);
    store_release(c);
    return NULL;
}

static void test_concurrent_gap_free(void **state)
{
    worker workers[THREADS];
    pthread_t threads[THREADS];
    memset(workers, 0, sizeof workers);
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);

    unsigned char seen[THREADS * PER_THREAD + 1] = {0};
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(workers[i].failures, 0);
        for (int j = 0; j < PER_THREAD; j++) {
            int n = workers[i].committed[j];
            assert_in_range(n, 1, THREADS * PER_THREAD);
            if (seen[n]) fail_msg("number %d given twice", n);
            seen[n] = 1;
        }
    }
    /* 200 distinct values in 1..200: no gap; the stored counter agrees. */
    store_conn *c = store_acquire(g.s);
    int64_t value = 0;
    assert_int_equal(store_query_int(c, "SELECT value FROM number_counter WHERE kind = 'permohonan'",
                                     STORE_NOP, &value), LK_OK);
    store_release(c);
    assert_int_equal(value, THREADS * PER_THREAD);
}

/* Kinds and years have their own counters; the year is WIB's. */
static void test_counters_per_kind_and_year(void **state)
{
    store_conn *c = store_acquire(g.s);
    arena *a = arena_new();
    const char *number = NULL;
    assert_int_equal(store_begin(c), LK_OK);
    assert_int_equal(number_next(c, a, g.unit_id, "izin", "503/{NNN}/SIP/DPMPTSP/{YYYY}",
                                 at("2026-12-31T16:59:59Z"), &number), LK_OK);
    assert_string_equal(number, "503/001/SIP/DPMPTSP/2026");
    assert_int_equal(number_next(c, a, g.unit_id, "izin", "503/{NNN}/SIP/DPMPTSP/{YYYY}",
                                 at("2026-12-31T17:00:00Z"), &number), LK_OK);
    assert_string_equal(number, "503/001/SIP/DPMPTSP/2027");
    assert_int_equal(number_next(c, a, g.unit_id, "izin", "503/{NNN}/SIP/DPMPTSP/{YYYY}",
                                 at("2026-06-01T00:00:00Z"), &number), LK_OK);
    assert_string_equal(number, "503/002/SIP/DPMPTSP/2026");
    assert_int_equal(number_next(c, a, g.unit_id, "izin", "{X}", time(NULL), &number), LK_ERR_INVALID);
    assert_int_equal(store_commit(c), LK_OK);
    arena_free(a);
    store_release(c);
}

int main(void)
{
    log_set_level(LOG_WARN);
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_bad_formats),
    };
    const struct CMUnitTest db[] = {
        cmocka_unit_test(test_concurrent_gap_free),
        cmocka_unit_test(test_counters_per_kind_and_year),
    };
    int failed = cmocka_run_group_tests_name("number formats", pure, NULL, NULL);
    g.kind = STORE_SQLITE;
    failed += cmocka_run_group_tests_name("counters on SQLite", db, group_setup, group_teardown);
    g.pg_url = getenv("LOKET_TEST_PG_URL");
    if (g.pg_url && *g.pg_url) {
        g.kind = STORE_PG;
        failed += cmocka_run_group_tests_name("counters on PostgreSQL", db, group_setup, group_teardown);
    } else {
        fflush(stdout);
        fprintf(stderr, "[  SKIPPED ] counters on PostgreSQL: LOKET_TEST_PG_URL is not set\n");
    }
    return failed ? 1 : 0;
}
