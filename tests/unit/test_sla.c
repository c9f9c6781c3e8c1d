/* tests/unit/test_sla.c — SLA clocks in working days with fixed dates (domain/proses/sla.c
 * on calendar.c), on SQLite and PostgreSQL: due dates across weekends, a national
 * holiday, cuti bersama and one instansi's own holiday, and the perbaikan pause moving a
 * step's and the overall due date by exactly the working days it waited.
 *
 * March 2026 as the test sets it up (WIB):
 *   Mo 16  Tu 17  We 18  Th 19 cuti  Fr 20 Idul Fitri  Sa 21  Su 22
 *   Mo 23 cuti  Tu 24 cuti  We 25  Th 26 (instansi A only)  Fr 27  Sa 28  Su 29  Mo 30 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/proses/calendar.h"
#include "domain/proses/sla.h"
#include "util/arena.h"
#include "util/datetime.h"
#include "testdb.h"

static testdb db = {.name = "sla", .pool = 1};
static const int64_t A = 1, B = 2;   /* A keeps 26 March as its own holiday, B does not */

static void exec(const char *sql)
{
    store_conn *c = store_acquire(db.s);
    lk_err e = store_exec(c, sql, STORE_NOP, NULL);
    if (e) fail_msg("%s: %s", sql, store_errmsg(c));
    store_release(c);
}

static int setup(void **st)
{
    (void)st;
    if (testdb_setup(&db)) return -1;
    exec("INSERT INTO wilayah (code, level, name, name_lower) VALUES ('19', 1, 'Prov', 'prov')");
    exec("INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES ('19.71', '19', 2, 'A', 'a'), ('19.72', '19', 2, 'B', 'b')");
    exec("INSERT INTO instansi (id, slug, name, wilayah_code, office_name) VALUES (1, 'a', 'A', '19.71', 'DPMPTSP A'),"
         " (2, 'b', 'B', '19.72', 'DPMPTSP B')");
    exec("INSERT INTO hari_libur (instansi_id, tanggal, nama) VALUES (NULL, '2026-03-19', 'Cuti bersama Idul Fitri'),"
         " (NULL, '2026-03-20', 'Idul Fitri'), (NULL, '2026-03-21', 'Idul Fitri'),"
         " (NULL, '2026-03-23', 'Cuti bersama Idul Fitri'), (NULL, '2026-03-24', 'Cuti bersama Idul Fitri'),"
         " (1, '2026-03-26', 'Hari jadi Kota A')");
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    return testdb_teardown(&db);
}

static time_t at(const char *iso)
{
    time_t t;
    assert_int_equal(datetime_parse(iso, &t), 0);
    return t;
}

static void assert_time(time_t got, const char *expected, const char *what)
{
    arena *a = arena_new();
    const char *s = datetime_iso(a, got);
    if (strcmp(s, expected)) fail_msg("%s: %s, expected %s", what, s, expected);
    arena_free(a);
}

static void due_across_holidays(void **st)
{
    (void)st;
    store_conn *c = store_acquire(db.s);
    time_t due;
    /* Wednesday 18 March, 3 working days: 25, 27, 30 for A (26 is its own); 25, 26, 27 for B. */
    assert_int_equal(calendar_due(c, A, at("2026-03-18T03:00:00Z"), 3, &due), LK_OK);
    assert_time(due, "2026-03-30T16:59:59Z", "A, 3 days from 18 March");
    assert_int_equal(calendar_due(c, B, at("2026-03-18T03:00:00Z"), 3, &due), LK_OK);
    assert_time(due, "2026-03-27T16:59:59Z", "B, 3 days from 18 March");
    /* Submitted on a cuti bersama day with 0 days: the end of the next working day. */
    assert_int_equal(calendar_due(c, B, at("2026-03-19T03:00:00Z"), 0, &due), LK_OK);
    assert_time(due, "2026-03-25T16:59:59Z", "0 days from a cuti bersama");
    /* A Friday evening in WIB is still Friday even when UTC says otherwise. */
    assert_int_equal(calendar_due(c, B, at("2026-03-13T16:30:00Z"), 1, &due), LK_OK);
    assert_time(due, "2026-03-16T16:59:59Z", "Friday 23:30 WIB + 1 = Monday");
    store_release(c);
}

static void pause_moves_the_step(void **st)
{
    (void)st;
    store_conn *c = store_acquire(db.s);
    time_t due;
    int days = -1;
    /* Due Friday 13 March; returned Wednesday 11 at 09:00 WIB, resubmitted Tuesday 17:
     * paused 12, 13, 16, 17 = 4 working days; 4 working days after the 13th: 16, 17, 18, 25. */
    assert_int_equal(sla_resume(c, A, at("2026-03-13T16:59:59Z"), at("2026-03-11T02:00:00Z"), at("2026-03-17T04:00:00Z"),
                                &due, &days), LK_OK);
    assert_int_equal(days, 4);
    assert_time(due, "2026-03-25T16:59:59Z", "moved by the pause");
    /* Resubmitted the same day: nothing moves. */
    assert_int_equal(sla_resume(c, A, at("2026-03-13T16:59:59Z"), at("2026-03-11T02:00:00Z"), at("2026-03-11T09:00:00Z"),
                                &due, &days), LK_OK);
    assert_int_equal(days, 0);
    assert_time(due, "2026-03-13T16:59:59Z", "a same-day pause");
    /* A pause over a cuti bersama, the holiday, the weekend and another cuti: 0 working days. */
    assert_int_equal(sla_resume(c, A, at("2026-03-25T16:59:59Z"), at("2026-03-19T03:00:00Z"), at("2026-03-24T03:00:00Z"),
                                &due, &days), LK_OK);
    assert_int_equal(days, 0);
    assert_time(due, "2026-03-25T16:59:59Z", "a pause over holidays only");
    /* Overdue when returned stays as late after the pause, plus the pause. */
    assert_int_equal(sla_resume(c, B, at("2026-03-16T16:59:59Z"), at("2026-03-18T02:00:00Z"), at("2026-03-25T02:00:00Z"),
                                &due, &days), LK_OK);
    assert_int_equal(days, 1);
    assert_time(due, "2026-03-17T16:59:59Z", "an overdue step moves by the pause too");
    store_release(c);
}

static void overall_due_with_pause(void **st)
{
    (void)st;
    store_conn *c = store_acquire(db.s);
    time_t due;
    /* Submitted Monday 16 March, 5 working days: 17, 18, 25, 27, 30 for A. */
    assert_int_equal(sla_overall_due(c, A, at("2026-03-16T01:00:00Z"), 5, 0, &due), LK_OK);
    assert_time(due, "2026-03-30T16:59:59Z", "overall, no pause");
    /* With 4 working days paused: 31, 1, 2, 3 April. */
    assert_int_equal(sla_overall_due(c, A, at("2026-03-16T01:00:00Z"), 5, 4, &due), LK_OK);
    assert_time(due, "2026-04-03T16:59:59Z", "overall, 4 days paused");
    assert_int_equal(sla_overall_due(c, A, at("2026-03-16T01:00:00Z"), -1, 0, &due), LK_ERR_INVALID);
    store_release(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(due_across_holidays),
        cmocka_unit_test(pause_moves_the_step),
        cmocka_unit_test(overall_due_with_pause),
    };
    return testdb_run_both("sla", tests, &db, setup, teardown);
}
