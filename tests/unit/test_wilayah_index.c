/* tests/unit/test_wilayah_index.c — the in-memory region index answers exactly as the
 * database queries do (domain/wilayah/wilayah.c), for children and for name searches of every
 * shape, and refuses what they refuse.  Runs on SQLite with the real idn-area-data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "domain/wilayah/wilayah.h"
#include "domain/wilayah/wilayah_index.h"
#include "store/store.h"

static store *db;
static wilayah_index *wi;
static char dir[] = "/tmp/loket-wi-XXXXXX";

static int setup(void **state)
{
    if (!mkdtemp(dir)) return -1;
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/t.db", dir);
    db = store_open(path, 2, err, sizeof err);
    if (!db || store_migrate(db, NULL, err, sizeof err) != LK_OK) return -1;
    const char *csv = getenv("LOKET_WILAYAH_DIR");
    if (wilayah_import(db, csv ? csv : "node_modules/idn-area-data/data", NULL, err, sizeof err) != LK_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    wi = wilayah_index_load(db, err, sizeof err);
    return wi ? 0 : -1;
}

static int teardown(void **state)
{
    wilayah_index_free(wi);
    store_close(db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Both answers, code by code and with the same parent names. */
static void assert_same(const wilayah *a, size_t na, const wilayah *b, size_t nb, const char *what)
{
    if (na != nb) fail_msg("%s: %zu from the database, %zu from memory", what, na, nb);
    for (size_t i = 0; i < na; i++) {
        if (strcmp(a[i].code, b[i].code) != 0) fail_msg("%s: #%zu %s vs %s", what, i, a[i].code, b[i].code);
        assert_string_equal(a[i].name, b[i].name);
        assert_int_equal(a[i].level, b[i].level);
        if (a[i].parent_name || b[i].parent_name) assert_string_equal(a[i].parent_name, b[i].parent_name);
    }
}

static void children_match_the_database(void **state)
{
    const char *parents[] = {NULL, "19", "19.71", "19.71.01", "16.03", "16.03.01", "11", "99", "19.71.01.1001", "abc"};
    store_conn *c = store_acquire(db);
    for (size_t i = 0; i < sizeof parents / sizeof *parents; i++) {
        arena *a = arena_new();
        wilayah *x, *y;
        size_t nx, ny;
        assert_int_equal(wilayah_children(c, a, parents[i], &x, &nx), LK_OK);
        assert_int_equal(wilayah_index_children(wi, a, parents[i], &y, &ny), LK_OK);
        assert_same(x, nx, y, ny, parents[i] ? parents[i] : "(provinces)");
        arena_free(a);
    }
    store_release(c);
}

static void searches_match_the_database(void **state)
{
    static const struct { const char *q; int level; const char *parent; int limit; } cases[] = {
        {"pangkal", 0, NULL, 20}, {"pangkal", 2, NULL, 10}, {"Muara Enim", 2, NULL, 5}, {"muara", 0, NULL, 50},
        {"ai", 0, NULL, 20}, {"ai", 4, "19.71", 50}, {"air", 4, "19.71.01", 50}, {"sungai", 3, NULL, 50},
        {"  kota  ", 2, NULL, 50}, {"BANGKA", 0, NULL, 50}, {"tanjung", 4, "16.03", 50}, {"xyzq", 0, NULL, 10},
        {"a", 0, NULL, 10}, {"%", 0, NULL, 10}, {"'; DROP TABLE wilayah; --", 0, NULL, 10}, {"19", 0, NULL, 10},
        {"jaya", 0, NULL, 1}, {"jaya", 0, NULL, 500}, {"ii", 0, NULL, 50},
    };
    store_conn *c = store_acquire(db);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        arena *a = arena_new();
        wilayah *x, *y;
        size_t nx, ny;
        assert_int_equal(wilayah_search(c, a, cases[i].q, cases[i].level, cases[i].parent, cases[i].limit, &x, &nx), LK_OK);
        assert_int_equal(wilayah_index_search(wi, a, cases[i].q, cases[i].level, cases[i].parent, cases[i].limit, &y, &ny), LK_OK);
        assert_same(x, nx, y, ny, cases[i].q);
        arena_free(a);
    }
    store_release(c);
}

static void hostile_queries_find_nothing(void **state)
{
    char big[10240];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *qs[] = {big, "\xff\xfe", "a", "", " "};
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        arena *a = arena_new();
        wilayah *y;
        size_t ny = 99;
        assert_int_equal(wilayah_index_search(wi, a, qs[i], 0, NULL, 10, &y, &ny), LK_OK);
        assert_int_equal(ny, 0);
        arena_free(a);
    }
}

static void holds_every_region(void **state)
{
    assert_true(wilayah_index_size(wi) > 90000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(holds_every_region),
        cmocka_unit_test(children_match_the_database),
        cmocka_unit_test(searches_match_the_database),
        cmocka_unit_test(hostile_queries_find_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
