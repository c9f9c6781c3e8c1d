/* tests/unit/test_survei.c — the satisfaction index (domain/izin/survei.h) for fixed sets
 * of answers, worked out by hand, and the edges of the regulation's interval table; the
 * reminder days as an admin types them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/izin/survei.h"

/* Three respondents:
 *   A 4 4 4 4 4 4 4 4 4   B 3 3 3 3 3 3 3 3 3   C 2 3 4 1 3 3 4 2 3
 * sums 9 10 11 8 10 10 11 9 10 → NRR 3 3.333 3.667 2.667 3.333 3.333 3.667 3 3.333;
 * their mean is 88 / 27 = 3.2593, × 25 = 81.48: mutu B (76.61–88.30), Baik. */
static void test_ikm_by_hand(void **st)
{
    const int64_t sums[SURVEI_UNSUR] = {9, 10, 11, 8, 10, 10, 11, 9, 10};
    ikm_result r;
    ikm_of(sums, 3, &r);
    assert_true(r.nrr[0] > 2.9999 && r.nrr[0] < 3.0001);
    assert_true(r.nrr[3] > 2.6666 && r.nrr[3] < 2.6667);
    assert_true(r.ikm > 81.481 && r.ikm < 81.482);
    assert_int_equal(r.mutu, 'B');
    assert_string_equal(r.kinerja, "Baik");
}

static double ikm_for_mean(double mean, char *mutu)
{
    /* 2500 respondents: sums of 2500 × mean per unsur reach the edges exactly. */
    int64_t sums[SURVEI_UNSUR];
    for (int i = 0; i < SURVEI_UNSUR; i++) sums[i] = (int64_t)(mean * 2500 + 0.5);
    ikm_result r;
    ikm_of(sums, 2500, &r);
    *mutu = r.mutu;
    return r.ikm;
}

static void test_interval_edges(void **st)
{
    char m;
    ikm_for_mean(4.0, &m);
    assert_int_equal(m, 'A');                 /* 100 */
    ikm_for_mean(3.5324, &m);
    assert_int_equal(m, 'A');                 /* 88.31 */
    ikm_for_mean(3.532, &m);
    assert_int_equal(m, 'B');                 /* 88.30 */
    ikm_for_mean(3.0644, &m);
    assert_int_equal(m, 'B');                 /* 76.61 */
    ikm_for_mean(3.064, &m);
    assert_int_equal(m, 'C');                 /* 76.60 */
    ikm_for_mean(2.60, &m);
    assert_int_equal(m, 'C');                 /* 65.00 */
    ikm_for_mean(2.5996, &m);
    assert_int_equal(m, 'D');                 /* 64.99 */
    double v = ikm_for_mean(1.0, &m);
    assert_int_equal(m, 'D');
    assert_true(v > 24.999 && v < 25.001);
}

static void test_reminder_days(void **st)
{
    izin_setting s;
    const char *msg = NULL;
    assert_int_equal(izin_reminder_days_parse("7, 30,14", &s, &msg), 0);
    assert_int_equal(s.n_reminders, 3);
    assert_int_equal(s.reminder_days[0], 30);
    assert_int_equal(s.reminder_days[2], 7);
    assert_int_equal(izin_reminder_days_parse("", &s, &msg), 0);
    assert_int_equal(s.n_reminders, 0);
    assert_int_equal(izin_reminder_days_parse("30, 30", &s, &msg), -1);
    assert_int_equal(izin_reminder_days_parse("0", &s, &msg), -1);
    assert_int_equal(izin_reminder_days_parse("366", &s, &msg), -1);
    assert_int_equal(izin_reminder_days_parse("30;7", &s, &msg), -1);
    assert_int_equal(izin_reminder_days_parse("1,2,3,4,5,6", &s, &msg), -1);
    assert_int_equal(izin_reminder_days_parse("tiga", &s, &msg), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ikm_by_hand),
        cmocka_unit_test(test_interval_edges),
        cmocka_unit_test(test_reminder_days),
    };
    return cmocka_run_group_tests_name("survei", tests, NULL, NULL);
}
