/* tests/unit/test_kode_lacak.c — the tracking code (domain/permohonan/kode_lacak.h): the same
 * code every time for one application and key, a different one for another application,
 * number or key, only the unambiguous alphabet, and what people type read back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "domain/permohonan/kode_lacak.h"

static unsigned char key[32], other_key[32];

static void test_stable_and_distinct(void **st)
{
    (void)st;
    char a[KODE_LACAK_LEN + 1], b[KODE_LACAK_LEN + 1];
    kode_lacak_derive(key, 42, "503/001/SIP/DPMPTSP/2026", a);
    kode_lacak_derive(key, 42, "503/001/SIP/DPMPTSP/2026", b);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), KODE_LACAK_LEN);
    kode_lacak_derive(key, 43, "503/001/SIP/DPMPTSP/2026", b);
    assert_string_not_equal(a, b);
    kode_lacak_derive(key, 42, "503/002/SIP/DPMPTSP/2026", b);
    assert_string_not_equal(a, b);
    kode_lacak_derive(other_key, 42, "503/001/SIP/DPMPTSP/2026", b);
    assert_string_not_equal(a, b);
}

static void test_alphabet_and_spread(void **st)
{
    (void)st;
    int seen[128] = {0};
    char k[KODE_LACAK_LEN + 1], nomor[40];
    for (int i = 0; i < 2000; i++) {
        snprintf(nomor, sizeof nomor, "REG/2026/%05d", i);
        kode_lacak_derive(key, i, nomor, k);
        for (int j = 0; j < KODE_LACAK_LEN; j++) seen[(unsigned char)k[j]]++;
    }
    for (const char *no = "01IO"; *no; no++) assert_int_equal(seen[(unsigned char)*no], 0);
    int used = 0;
    for (int ch = 0; ch < 128; ch++) {
        if (!seen[ch]) continue;
        used++;
        /* 20,000 symbols over 32: each about 625 times, never far off. */
        assert_in_range(seen[ch], 450, 800);
    }
    assert_int_equal(used, 32);
}

static void test_typed_forms(void **st)
{
    (void)st;
    char out[KODE_LACAK_LEN + 1], shown[KODE_LACAK_SHOWN + 1];
    assert_int_equal(kode_lacak_normalize("7KQ4M-2XHPA", out), 0);
    assert_string_equal(out, "7KQ4M2XHPA");
    assert_int_equal(kode_lacak_normalize(" 7kq4m 2xhpa ", out), 0);
    assert_string_equal(out, "7KQ4M2XHPA");
    kode_lacak_format(out, shown);
    assert_string_equal(shown, "7KQ4M-2XHPA");
    static const char *const bad[] = {"", "7KQ4M", "7KQ4M-2XHPA2", "7KQ4M-2XHP0", "7KQ4M-2XHPO", "7KQ4M-2XHP1",
                                      "7KQ4M-2XHPI", "7KQ4M_2XHPA", "7KQ4M-2XHP\xc3\x81", "7KQ4M-2XH<A", NULL};
    for (int i = 0; bad[i]; i++) assert_int_equal(kode_lacak_normalize(bad[i], out), -1);
    assert_int_equal(kode_lacak_normalize(NULL, out), -1);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    randombytes_buf(key, sizeof key);
    randombytes_buf(other_key, sizeof other_key);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stable_and_distinct),
        cmocka_unit_test(test_alphabet_and_spread),
        cmocka_unit_test(test_typed_forms),
    };
    return cmocka_run_group_tests_name("kode_lacak", tests, NULL, NULL);
}
