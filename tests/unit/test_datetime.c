/* tests/unit/test_datetime.c — parsing stored ISO dates and showing them in WIB, in
 * Indonesian and English (util/datetime.c parses and formats by hand, without the
 * printf/scanf family, so every shape it refuses or writes is pinned here). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "util/arena.h"
#include "util/datetime.h"

static void parses_both_shapes(void **state)
{
    (void)state;
    time_t t;
    assert_int_equal(datetime_parse("2026-11-22T13:18:38Z", &t), 0);
    assert_int_equal((long long)t, 1795353518LL);
    assert_int_equal(datetime_parse("2026-11-22", &t), 0);
    assert_int_equal((long long)t, 1795305600LL);
    assert_int_equal(datetime_parse("1970-01-01T00:00:00Z", &t), 0);
    assert_int_equal((long long)t, 0);
}

static void refuses_what_is_not_a_date(void **state)
{
    (void)state;
    time_t t = 42;
    const char *bad[] = {NULL, "", "2026-11-2", "2026-11-222", "2026/11/22", "2026-13-01", "2026-00-10",
                         "2026-11-00", "2026-11-32", " 026-11-22", "+026-11-22", "2026-1a-22",
                         "2026-11-22T13:18:38", "2026-11-22T13:18:38+", "2026-11-22 13:18:38Z",
                         "2026-11-22T13-18:38Z", "2026-11-22T1x:18:38Z", "2026-11-22T13:18:3 Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(datetime_parse(bad[i], &t), -1);
        assert_int_equal((long long)t, 42);   /* untouched */
    }
}

static void shows_wib_in_both_languages(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_string_equal(datetime_long_iso_in(a, "2026-11-22T13:18:38Z", 0), "22 November 2026 pukul 20.18 WIB");
    assert_string_equal(datetime_long_iso_in(a, "2026-11-22T13:18:38Z", 1), "22 November 2026 at 20:18 WIB");
    /* past midnight in WIB: the next day, single-digit day and zero-padded time */
    assert_string_equal(datetime_long_iso_in(a, "2026-02-28T17:05:00Z", 0), "1 Maret 2026 pukul 00.05 WIB");
    assert_string_equal(datetime_long_iso_in(a, "2026-02-28T17:05:00Z", 1), "1 March 2026 at 00:05 WIB");
    assert_string_equal(datetime_long_iso_in(a, "2026-12-31T16:59:59Z", 0), "31 Desember 2026 pukul 23.59 WIB");
    /* a text that is no date is shown as it is */
    assert_string_equal(datetime_long_iso_in(a, "kemarin", 0), "kemarin");
    assert_string_equal(date_long_in(a, "1995-03-22", 0), "22 Maret 1995");
    assert_string_equal(date_long_in(a, "1995-03-22", 1), "22 March 1995");
    assert_string_equal(datetime_iso(a, 1795353518), "2026-11-22T13:18:38Z");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_both_shapes),
        cmocka_unit_test(refuses_what_is_not_a_date),
        cmocka_unit_test(shows_wib_in_both_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
