/* tests/unit/test_fmt.c — the printf subset of util/fmt.c gives exactly what snprintf
 * gives, for every conversion it accepts, in every buffer size; formats it does not
 * accept are left to vsnprintf (arena_printf, buf_printf) with the same result. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/fmt.h"

/* fmt_simple into every buffer size from 0 to past the end, against snprintf. */
static void check(const char *fmt, ...)
{
    assert_true(fmt_is_simple(fmt));
    char want[512], got[512];
    va_list ap;
    va_start(ap, fmt);
    int wn = vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    for (size_t cap = 0; cap <= (size_t)wn + 2; cap++) {
        memset(got, 'X', sizeof got);
        va_start(ap, fmt);
        int gn = fmt_simple(got, cap, fmt, ap);
        va_end(ap);
        assert_int_equal(gn, wn);
        if (cap) {
            char expect[512];
            snprintf(expect, cap, "%s", want);
            assert_string_equal(got, expect);
        }
        assert_int_equal(got[cap], 'X');   /* nothing written past cap */
    }
}

static void same_as_snprintf(void **state)
{
    (void)state;
    check("");
    check("plain text, no conversion");
    check("/pemohon/permohonan/%lld/lacak", 42LL);
    check("%s/%lld/syarat/%lld", "/pemohon/permohonan", 7LL, 123456789012LL);
    check("%s — %s", "KTP", "ktp budi.pdf");
    check("%d|%i|%u|%ld|%lu|%lli|%llu|%zu", INT_MIN, -1, UINT_MAX, LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX, (size_t)SIZE_MAX);
    check("%d%d%d", 0, 10, -10);
    check("100%% of %s%c", "tarif", '!');
    check("%s", "");
    check("a%sb", "");
}

static void refuses_what_it_cannot_format(void **state)
{
    (void)state;
    const char *other[] = {"%02d", "%5s", "%-5s", "%.*s", "%.2f", "%x", "%p", "%lld%", "%ls", "%zd", "%lc",
                           "%", "x%", "%l", "%ll", "%+d", "% d", "%#x", "%hhd", "%l%"};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) assert_false(fmt_is_simple(other[i]));
    assert_true(fmt_is_simple("%%"));
}

static void arena_and_buf_printf_agree(void **state)
{
    (void)state;
    arena *a = arena_new();
    char longer[600];
    memset(longer, 'k', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_string_equal(arena_printf(a, "%s-%lld", "id", -5LL), "id--5");
    assert_string_equal(arena_printf(a, "%02d:%s", 7, "x"), "07:x");   /* vsnprintf's */
    char *big = arena_printf(a, "<%s>", longer);                      /* past the stack buffer */
    assert_int_equal(strlen(big), 601);
    assert_int_equal(big[0], '<');
    assert_int_equal(big[600], '>');
    buf b = BUF_INIT;
    buf_printf(&b, "%d", 1);
    buf_printf(&b, "[%s]", longer);
    buf_printf(&b, "%.1f", 2.5);
    assert_int_equal(b.len, 1 + 601 + 3);
    assert_int_equal(b.data[0], '1');
    assert_string_equal(b.data + 602, "2.5");
    buf_free(&b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_as_snprintf),
        cmocka_unit_test(refuses_what_it_cannot_format),
        cmocka_unit_test(arena_and_buf_printf_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
