/* tests/unit/test_calendar.c — working days for SLA clocks, against real databases.
 *
 * Runs on SQLite (a temporary file) and, when LOKET_TEST_PG_URL is set, on PostgreSQL (a
 * fresh schema).  The holidays are the demo's national 2026 calendar (loaded twice, as
 * `loket demo` may be) plus one day that only Kota Pangkalpinang observes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/proses/calendar.h"
#include "demo/demo.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/datetime.h"
#include "util/log.h"

static struct {
    store_kind kind;
    const char *pg_url;
    char dir[256];
    char schema[64];
    store *s;
    int64_t pangkalpinang;   /* observes 12 January 2026 as its own holiday */
    int64_t muara_enim;
} g;

static time_t at(const char *iso)
{
    time_t t;
    assert_int_equal(datetime_parse(iso, &t), 0);
    return t;
}

/* Asserts that `days` working days from `start` end at `expected` (ISO UTC). */
static void assert_due(int64_t instansi_id, const char *start, int days, const char *expected)
{
    store_conn *c = store_acquire(g.s);
    time_t due = 0;
    lk_err e = calendar_due(c, instansi_id, at(start), days, &due);
    store_release(c);
    assert_int_equal(e, LK_OK);
    arena *a = arena_new();
    const char *got = datetime_iso(a, due);
    if (strcmp(got, expected)) fail_msg("%s + %d working days: %s, expected %s", start, days, got, expected);
    arena_free(a);
}

static int between(int64_t instansi_id, const char *from, const char *to)
{
    store_conn *c = store_acquire(g.s);
    int days = -1;
    lk_err e = calendar_working_days_between(c, instansi_id, at(from), at(to), &days);
    store_release(c);
    assert_int_equal(e, LK_OK);
    return days;
}

/* ---- set-up ---- */

static int exec_sql(store_conn *c, const char *sql)
{
    lk_err e = store_exec(c, sql, STORE_NOP, NULL);
    if (e) print_error("%s: %s\n", sql, store_errmsg(c));
    return e ? -1 : 0;
}

static int admin_exec(const char *sql)
{
    char err[256];
    store *admin = store_open(g.pg_url, 1, err, sizeof err);
    if (!admin) return -1;
    store_conn *c = store_acquire(admin);
    int rc = exec_sql(c, sql);
    store_release(c);
    store_close(admin);
    return rc;
}

static int group_setup(void **state)
{
    char url[1024], err[512];
    if (g.kind == STORE_SQLITE) {
        snprintf(g.dir, sizeof g.dir, "%s/loket-calendar-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(g.dir)) return -1;
        snprintf(url, sizeof url, "%s/calendar.db", g.dir);
    } else {
        snprintf(g.schema, sizeof g.schema, "loket_cal_%d", (int)getpid());
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", g.schema);
        if (admin_exec(sql)) return -1;
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s,public", g.pg_url,
                 strchr(g.pg_url, '?') ? "&" : "?", g.schema);
    }
    g.s = store_open(url, 2, err, sizeof err);
    if (!g.s || store_migrate(g.s, NULL, err, sizeof err)) {
        print_error("%s\n", err);
        return -1;
    }
    store_conn *c = store_acquire(g.s);
    int rc = exec_sql(c, "INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES "
                         "('19', NULL, 1, 'KEPULAUAN BANGKA BELITUNG', 'kepulauan bangka belitung'), "
                         "('19.71', '19', 2, 'KOTA PANGKAL PINANG', 'kota pangkal pinang'), "
                         "('16', NULL, 1, 'SUMATERA SELATAN', 'sumatera selatan'), "
                         "('16.03', '16', 2, 'KABUPATEN MUARA ENIM', 'kabupaten muara enim')");
    if (!rc) rc = exec_sql(c, "INSERT INTO instansi (slug, name, wilayah_code, office_name) VALUES "
                              "('pangkalpinang', 'Pemerintah Kota Pangkalpinang', '19.71', 'DPMPTSP'), "
                              "('muaraenim', 'Pemerintah Kabupaten Muara Enim', '16.03', 'DPMPTSP')");
    if (!rc && store_query_int(c, "SELECT id FROM instansi WHERE slug = 'pangkalpinang'", STORE_NOP, &g.pangkalpinang)) rc = -1;
    if (!rc && store_query_int(c, "SELECT id FROM instansi WHERE slug = 'muaraenim'", STORE_NOP, &g.muara_enim)) rc = -1;
    if (!rc) rc = exec_sql(c, "INSERT INTO hari_libur (instansi_id, tanggal, nama) "
                              "SELECT id, '2026-01-12', 'Hari Jadi Kota (contoh)' FROM instansi WHERE slug = 'pangkalpinang'");
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

/* ---- tests ---- */

static void test_holidays_load_twice(void **state)
{
    char err[256];
    int64_t first = 0, second = 0;
    assert_int_equal(demo_holidays_load(g.s, err, sizeof err), LK_OK);
    store_conn *c = store_acquire(g.s);
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM hari_libur WHERE instansi_id IS NULL", STORE_NOP, &first), LK_OK);
    store_release(c);
    assert_int_equal(demo_holidays_load(g.s, err, sizeof err), LK_OK);
    c = store_acquire(g.s);
    assert_int_equal(store_query_int(c, "SELECT COUNT(*) FROM hari_libur WHERE instansi_id IS NULL", STORE_NOP, &second), LK_OK);
    store_release(c);
    assert_true(first >= 25);
    assert_int_equal(first, second);
}

static void test_due_across_weekend(void **state)
{
    /* Friday 6 February 2026, 10.00 WIB: Monday 9 ends at 23.59.59 WIB. */
    assert_due(g.muara_enim, "2026-02-06T03:00:00Z", 1, "2026-02-09T16:59:59Z");
    assert_due(g.muara_enim, "2026-02-06T03:00:00Z", 5, "2026-02-13T16:59:59Z");
    /* Thursday 23.30 WIB (16.30 UTC) is still Thursday; 00.30 WIB is Friday. */
    assert_due(g.muara_enim, "2026-02-05T16:30:00Z", 1, "2026-02-06T16:59:59Z");
    assert_due(g.muara_enim, "2026-02-05T17:30:00Z", 1, "2026-02-09T16:59:59Z");
    /* Saturday counts from the Monday after it, like Friday. */
    assert_due(g.muara_enim, "2026-02-07T03:00:00Z", 1, "2026-02-09T16:59:59Z");
}

static void test_due_across_holidays(void **state)
{
    /* Wednesday 14 January: Thursday 15, (Isra Mikraj Friday 16), Monday 19. */
    assert_due(g.muara_enim, "2026-01-14T03:00:00Z", 2, "2026-01-19T16:59:59Z");
    /* Tuesday 17 March: cuti bersama, Nyepi and Idul Fitri until Tuesday 24. */
    assert_due(g.muara_enim, "2026-03-17T03:00:00Z", 3, "2026-03-27T16:59:59Z");
    /* Across the year: 24 December 2026 → Monday 28, Tuesday 29, ..., Friday 1 January 2027 is a holiday. */
    assert_due(g.muara_enim, "2026-12-23T03:00:00Z", 5, "2027-01-04T16:59:59Z");
    /* A long SLA needs more than the first span of holidays. */
    assert_due(g.muara_enim, "2026-01-01T03:00:00Z", 200, "2026-11-03T16:59:59Z");
}

static void test_instansi_holiday_is_its_own(void **state)
{
    /* Monday 12 January is a holiday in Pangkalpinang only. */
    assert_due(g.pangkalpinang, "2026-01-09T03:00:00Z", 1, "2026-01-13T16:59:59Z");
    assert_due(g.muara_enim, "2026-01-09T03:00:00Z", 1, "2026-01-12T16:59:59Z");
}

static void test_days_zero(void **state)
{
    /* Saturday 10 January: the end of Monday 12 (Tuesday 13 in Pangkalpinang). */
    assert_due(g.muara_enim, "2026-01-10T03:00:00Z", 0, "2026-01-12T16:59:59Z");
    assert_due(g.pangkalpinang, "2026-01-10T03:00:00Z", 0, "2026-01-13T16:59:59Z");
    /* A working day: its own end. */
    assert_due(g.muara_enim, "2026-01-13T01:00:00Z", 0, "2026-01-13T16:59:59Z");
    store_conn *c = store_acquire(g.s);
    time_t due;
    assert_int_equal(calendar_due(c, g.muara_enim, at("2026-01-13T01:00:00Z"), -1, &due), LK_ERR_INVALID);
    store_release(c);
}

static void test_between(void **state)
{
    /* Friday 9 → Monday 19 January: 12, 13, 14, 15 (16 Isra Mikraj), 19. */
    assert_int_equal(between(g.muara_enim, "2026-01-09T03:00:00Z", "2026-01-19T03:00:00Z"), 5);
    assert_int_equal(between(g.pangkalpinang, "2026-01-09T03:00:00Z", "2026-01-19T03:00:00Z"), 4);
    assert_int_equal(between(g.muara_enim, "2026-01-19T03:00:00Z", "2026-01-09T03:00:00Z"), 0);
    assert_int_equal(between(g.muara_enim, "2026-01-13T01:00:00Z", "2026-01-13T15:00:00Z"), 0);
    /* The inverse of calendar_due. */
    static const int spans[] = {1, 2, 3, 7, 20, 60};
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        store_conn *c = store_acquire(g.s);
        time_t start = at("2026-03-13T09:00:00Z"), due;
        int days = -1;
        assert_int_equal(calendar_due(c, g.pangkalpinang, start, spans[i], &due), LK_OK);
        assert_int_equal(calendar_working_days_between(c, g.pangkalpinang, start, due, &days), LK_OK);
        store_release(c);
        assert_int_equal(days, spans[i]);
    }
}

/* One calendar asked many dates in any order (as the inbox asks one per row) answers
 * as a fresh read per date does: across its first span, before it, far after it (read
 * again, widened) and so far apart that only the days asked are read. */
static void test_one_calendar_many_dates(void **state)
{
    static const char *const dates[] = {
        "2026-03-13T09:00:00Z", "2026-01-09T03:00:00Z", "2026-12-24T03:00:00Z", "2025-12-31T10:00:00Z",
        "2026-05-29T03:00:00Z", "2029-06-01T03:00:00Z", "2026-01-10T03:00:00Z", "2070-01-02T03:00:00Z",
        "2026-03-16T01:00:00Z", "2125-03-03T03:00:00Z", "2026-02-02T03:00:00Z",
    };
    const size_t n = sizeof dates / sizeof dates[0];
    store_conn *c = store_acquire(g.s);
    calendar cal;
    calendar_open(&cal, c, g.pangkalpinang);
    for (size_t i = 0; i < n; i++) {
        for (int days = 0; days <= 25; days += 5) {
            time_t kept = 0, fresh = 0;
            assert_int_equal(calendar_due_on(&cal, at(dates[i]), days, &kept), LK_OK);
            assert_int_equal(calendar_due(c, g.pangkalpinang, at(dates[i]), days, &fresh), LK_OK);
            if (kept != fresh) fail_msg("%s + %d working days: %lld, expected %lld", dates[i], days, (long long)kept, (long long)fresh);
        }
        int kept = -1, fresh = -2;
        const char *to = dates[(i + 1) % n];
        assert_int_equal(calendar_days_between_on(&cal, at(dates[i]), at(to), &kept), LK_OK);
        assert_int_equal(calendar_working_days_between(c, g.pangkalpinang, at(dates[i]), at(to), &fresh), LK_OK);
        if (kept != fresh) fail_msg("%s to %s: %d working days, expected %d", dates[i], to, kept, fresh);
    }
    /* The Pangkalpinang holiday (Monday 12 January) is still known after the re-reads. */
    time_t due = 0;
    assert_int_equal(calendar_due_on(&cal, at("2026-01-09T03:00:00Z"), 1, &due), LK_OK);
    arena *a = arena_new();
    assert_string_equal(datetime_iso(a, due), "2026-01-13T16:59:59Z");
    arena_free(a);
    calendar_close(&cal);
    store_release(c);
}

int main(void)
{
    log_set_level(LOG_WARN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holidays_load_twice),
        cmocka_unit_test(test_due_across_weekend),
        cmocka_unit_test(test_due_across_holidays),
        cmocka_unit_test(test_instansi_holiday_is_its_own),
        cmocka_unit_test(test_days_zero),
        cmocka_unit_test(test_between),
        cmocka_unit_test(test_one_calendar_many_dates),
    };
    int failed = 0;
    g.kind = STORE_SQLITE;
    failed += cmocka_run_group_tests_name("calendar on SQLite", tests, group_setup, group_teardown);
    g.pg_url = getenv("LOKET_TEST_PG_URL");
    if (g.pg_url && *g.pg_url) {
        g.kind = STORE_PG;
        failed += cmocka_run_group_tests_name("calendar on PostgreSQL", tests, group_setup, group_teardown);
    } else {
        fflush(stdout);
        fprintf(stderr, "[  SKIPPED ] calendar on PostgreSQL: LOKET_TEST_PG_URL is not set\n");
    }
    return failed ? 1 : 0;
}
