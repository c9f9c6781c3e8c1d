/* tests/unit/test_formula.c — the tarif formula engine (domain/tarif/formula.h) and its
 * exact decimals (domain/tarif/decimal.h): precedence, decimals without binary floating
 * point error, rounding rules, the typed × ÷ − operators and the decimal comma,
 * definitions, harga(), and every refusal with the place it names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include "domain/tarif/formula.h"

static arena *A;
static int setup(void **st) { A = arena_new(); return 0; }
static int teardown(void **st) { arena_free(A); return 0; }

/* The inputs every test may use: L, It, HSbg, x, y (numbers) and RT (an item). */
static const formula_var VARS[] = {
    {"L", FV_NUMBER}, {"It", FV_NUMBER}, {"HSbg", FV_NUMBER}, {"x", FV_NUMBER}, {"y", FV_NUMBER}, {"RT", FV_ITEM},
};
#define NVARS (sizeof VARS / sizeof VARS[0])

static dec D(const char *s)
{
    dec d;
    if (dec_parse(s, &d)) fail_msg("bad test number %s", s);
    return d;
}

/* Evaluates `text` with L=100, It=0.069, HSbg=1500000, x=7, y=2, RT=12 at Rp 25000. */
static const char *eval_str(const char *text, formula_error *err)
{
    formula_value v[NVARS] = {{D("100"), {0}}, {D("0.069"), {0}}, {D("1500000"), {0}}, {D("7"), {0}},
                              {D("2"), {0}}, {D("12"), D("25000")}};
    formula *f = formula_compile(A, text, VARS, NVARS, err);
    if (!f) return NULL;
    dec r;
    if (formula_eval(f, v, &r, NULL, err)) return NULL;
    return dec_str(A, r);
}

#define EXPECT(text, want)                                                                  \
    do {                                                                                    \
        formula_error e_;                                                                   \
        const char *got_ = eval_str(text, &e_);                                             \
        if (!got_) fail_msg("%s: refused at %d:%d: %s (%s)", text, e_.line, e_.col, e_.what, \
                            e_.detail ? e_.detail : "");                                    \
        assert_string_equal(got_, want);                                                    \
    } while (0)

/* Refused with a message containing `part` at line:col. */
#define REFUSED(text, part, l, c)                                                           \
    do {                                                                                    \
        formula_error e_;                                                                   \
        const char *got_ = eval_str(text, &e_);                                             \
        if (got_) fail_msg("%s: accepted as %s", text, got_);                               \
        if (!strstr(e_.what, part)) fail_msg("%s: message \"%s\" lacks \"%s\"", text, e_.what, part); \
        if (e_.line != (l) || e_.col != (c))                                                \
            fail_msg("%s: at %d:%d, expected %d:%d (%s)", text, e_.line, e_.col, l, c, e_.what); \
    } while (0)

static void test_precedence(void **st)
{
    EXPECT("1 + 2 * 3", "7");
    EXPECT("(1 + 2) * 3", "9");
    EXPECT("10 - 4 - 3", "3");
    EXPECT("100 / 10 / 2", "5");
    EXPECT("2 * -3", "-6");
    EXPECT("-(2 + 3) * 2", "-10");
    EXPECT("1 + 2 < 4", "1");
    EXPECT("x * y + 1 == 15", "1");
    EXPECT("x > y", "1");
    EXPECT("x <= y", "0");
    EXPECT("x <> y", "1");
    EXPECT("x != 7", "0");
    EXPECT("8 : 2", "4");
}

static void test_decimals(void **st)
{
    EXPECT("0.1 + 0.2", "0.3");
    EXPECT("0,1 + 0,2", "0.3");
    EXPECT("1,00 * 3", "3");
    EXPECT("1 / 3", "0.333333");
    EXPECT("2 / 3", "0.666667");
    EXPECT("-2 / 3", "-0.666667");
    EXPECT("1234567.89 * 3", "3703703.67");
    EXPECT("0.000001 * 0.5", "0.000001");   /* half away from zero */
    EXPECT("999999999999999999 + 1", "1000000000000000000");
    /* The building permit, by hand: 100 × 0,069 × 1,00 × 1.500.000 = 10.350.000. */
    EXPECT("L \xC3\x97 It \xC3\x97 1,00 \xC3\x97 HSbg", "10350000");
    EXPECT("L * It * 1.00 * HSbg", "10350000");
    EXPECT("x \xC3\xB7 y", "3.5");
    EXPECT("x \xE2\x88\x92 y", "5");
    EXPECT("x \xC2\xB7 y", "14");
}

static void test_functions(void **st)
{
    EXPECT("round(2.5)", "3");
    EXPECT("round(-2.5)", "-3");
    EXPECT("round(2.449, 1)", "2.4");
    EXPECT("round(2.45, 1)", "2.5");
    EXPECT("round(1234567, -3)", "1235000");
    EXPECT("round(1234449; -2)", "1234400");
    EXPECT("ceil(2.1)", "3");
    EXPECT("ceil(-2.1)", "-2");
    EXPECT("floor(2.9)", "2");
    EXPECT("floor(-2.1)", "-3");
    EXPECT("abs(-4.5)", "4.5");
    EXPECT("min(3, 1, 2)", "1");
    EXPECT("max(3, 1, 2)", "3");
    EXPECT("MAX(1.5, 2)", "2");
    EXPECT("if(x > 5, 100, 200)", "100");
    EXPECT("if(x > 50, 100, 200)", "200");
    EXPECT("if(0, 1 / 0, 5)", "5");          /* the branch not taken is not evaluated */
    EXPECT("and(x > 1, y > 1)", "1");
    EXPECT("or(x > 10, y > 10)", "0");
    EXPECT("not(x > 10)", "1");
    EXPECT("RT * harga(RT)", "300000");
    EXPECT("max(RT * harga(RT), 500000)", "500000");
}

static void test_definitions(void **st)
{
    const char *pbg = "# Retribusi PBG (PP 16/2021)\n"
                      "If = 0,15\n"
                      "It2 = If * (0,3 * 0,4 + 0,2 * 0,7 + 0,5 * 0,4) * 1\n"
                      "L \xC3\x97 It2 \xC3\x97 1,00 \xC3\x97\n   HSbg\n";
    EXPECT(pbg, "10350000");
    formula_error e;
    formula *f = formula_compile(A, pbg, VARS, NVARS, &e);
    assert_non_null(f);
    assert_int_equal(formula_def_count(f), 2);
    assert_string_equal(formula_def_name(f, 1), "It2");
    assert_true(formula_uses(f, 0));    /* L */
    assert_false(formula_uses(f, 1));   /* It is not read */
    formula_value v[NVARS] = {{D("100"), {0}}, {{0}, {0}}, {D("1500000"), {0}}};
    dec r, defs[2];
    assert_int_equal(formula_eval(f, v, &r, defs, &e), 0);
    assert_string_equal(dec_str(A, defs[1]), "0.069");
    EXPECT("a = (1 +\n 2)\nb = a * 2\nb + a", "9");
    /* A name is never a function: If (indeks fungsi) and if() live side by side. */
    EXPECT("If = 2\nIf * if(1, 2, 3)", "4");
}

static void test_refusals(void **st)
{
    REFUSED("", "kosong", 0, 0);
    REFUSED("   \n  ", "kosong", 2, 3);
    REFUSED("L * Lx", "Nama tidak dikenal", 1, 5);
    REFUSED("L * (It + 2", "tidak ditutup", 1, 5);
    REFUSED("L * It) + 2", "tidak punya pasangan", 1, 7);
    REFUSED("L * * It", "Diharapkan angka", 1, 5);
    REFUSED("L *", "berakhir terlalu cepat", 1, 4);
    REFUSED("L It", "Diharapkan operator", 1, 3);
    REFUSED("2L", "Setelah angka", 1, 2);
    REFUSED("1.500.000 * L", "pemisah ribuan", 1, 1);
    REFUSED("0.1234567", "6 angka", 1, 1);
    REFUSED("1234567890123456789", "18 angka", 1, 1);
    REFUSED("max(1,5)", "koma dan spasi", 1, 6);
    REFUSED("round(1.5,2)", "koma dan spasi", 1, 10);
    REFUSED("sqrt(4)", "Fungsi tidak dikenal", 1, 1);
    REFUSED("if(1, 2)", "Jumlah argumen", 1, 1);
    REFUSED("round()", "memerlukan argumen", 1, 7);
    REFUSED("harga(L)", "harga()", 1, 7);
    REFUSED("x / (y - 2)", "Pembagian dengan nol", 1, 3);
    REFUSED("999999999999999999 * 10", "melebihi batas", 1, 20);
    REFUSED("999999999999999999 + 999999999999999999", "melebihi batas", 1, 20);
    REFUSED("round(x, 0.5)", "round(x, n)", 1, 1);
    REFUSED("round(x, 7)", "round(x, n)", 1, 1);
    REFUSED("1 < 2 < 3", "berantai", 1, 7);
    REFUSED("z = 3", "Baris terakhir", 1, 6);   /* a definition with no total after it */
    REFUSED("L\n2", "Hanya baris terakhir", 2, 1);
    REFUSED("L = 2\nL", "sudah dipakai", 1, 1);
    REFUSED("x == 2 = 3", "'=' hanya", 1, 8);
    REFUSED("L \xE2\x82\xAC 2", "Karakter tidak dikenal", 1, 3);
    REFUSED("L *\n  $", "Karakter tidak dikenal", 2, 3);
    REFUSED(".5", "diawali angka", 1, 1);
    /* Found by fuzz/fuzz_formula.c: a too-long name after a line break looped forever. */
    REFUSED("a = 1\nLGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGgJ", "terlalu panjang", 2, 1);
}

static void test_limits(void **st)
{
    /* 1 MB of text is refused at once, before any parsing. */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    for (size_t i = 0; i < big; i += 2) { s[i] = '1'; s[i + 1] = '+'; }
    s[big - 1] = '1';
    s[big] = '\0';
    formula_error e;
    assert_null(formula_compile(A, s, VARS, NVARS, &e));
    assert_non_null(strstr(e.what, "terlalu panjang"));
    /* Deep nesting. */
    char deep[200];
    memset(deep, '(', 100);
    deep[100] = '1';
    memset(deep + 101, ')', 98);
    deep[199] = '\0';
    assert_null(formula_compile(A, deep, VARS, NVARS, &e));
    assert_non_null(strstr(e.what, "bersarang"));
    /* Too many operations within the byte limit. */
    size_t n = 0;
    for (int i = 0; i < 700; i++) { s[n++] = '1'; s[n++] = '+'; }
    s[n++] = '1';
    s[n] = '\0';
    assert_null(formula_compile(A, s, VARS, NVARS, &e));
    assert_non_null(strstr(e.what, "terlalu banyak operasi"));
    /* Invalid UTF-8. */
    assert_null(formula_compile(A, "L * \xC3", VARS, NVARS, &e));
    assert_non_null(strstr(e.what, "tidak sah"));
    free(s);
}

static void test_decimal_format(void **st)
{
    assert_string_equal(dec_id(A, D("1234567")), "1.234.567");
    assert_string_equal(dec_id(A, D("-1234.5")), "-1.234,5");
    assert_string_equal(dec_id(A, D("999")), "999");
    assert_string_equal(dec_rupiah(A, D("1234567.5")), "1.234.568");
    assert_string_equal(dec_str(A, D("0,75")), "0.75");
    dec d;
    assert_int_equal(dec_parse("abc", &d), -1);
    assert_int_equal(dec_parse("1.", &d), -1);
    assert_int_equal(dec_parse("", &d), -1);
    assert_int_equal(dec_parse("1e5", &d), -1);
    assert_int_equal(dec_parse(" 12 ", &d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence), cmocka_unit_test(test_decimals), cmocka_unit_test(test_functions),
        cmocka_unit_test(test_definitions), cmocka_unit_test(test_refusals), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_decimal_format),
    };
    return cmocka_run_group_tests_name("formula", tests, setup, teardown);
}
