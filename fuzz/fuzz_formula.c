/* fuzz/fuzz_formula.c — libFuzzer target for the tarif formula engine
 * (domain/tarif/formula.h).  Owner: tarif (src/domain/tarif/).
 *
 * Arbitrary bytes are compiled as a formula over a few inputs (numbers and one priced
 * item) and, when they compile, evaluated with two sets of values.  The checks (abort on
 * failure): a refusal always says what and where (a line and column inside the text);
 * a result is within the documented limit; evaluating twice gives the same answer; the
 * memory a compile takes stays bounded whatever the input. */
#include "fuzz/fuzz_common.h"
#include "domain/tarif/formula.h"

static const formula_var VARS[] = {
    {"L", FV_NUMBER}, {"It", FV_NUMBER}, {"HSbg", FV_NUMBER}, {"If", FV_NUMBER}, {"RT", FV_ITEM},
};
#define NVARS (sizeof VARS / sizeof VARS[0])

static void check_error(const formula_error *e, const char *text)
{
    CHECK(e->what && *e->what);
    int lines = 1;
    for (const char *s = text; *s; s++) lines += *s == '\n';
    CHECK(e->line >= 0 && e->line <= lines);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    arena *a = arena_new();
    formula_error err;
    formula *f = formula_compile(a, text, VARS, NVARS, &err);
    CHECK(arena_used(a) < 256 * 1024);
    if (!f) {
        check_error(&err, text);
    } else {
        CHECK(formula_def_count(f) <= FORMULA_MAX_DEFS);
        const formula_value sets[2][NVARS] = {
            {{dec_from_int(100), {0}}, {{69000}, {0}}, {dec_from_int(1500000), {0}}, {{150000}, {0}},
             {dec_from_int(12), dec_from_int(25000)}},
            {{dec_from_int(-3), {0}}, {{0}, {0}}, {dec_from_int(999999999), {0}}, {{1}, {0}},
             {dec_from_int(0), dec_from_int(1)}},
        };
        for (int k = 0; k < 2; k++) {
            dec r1, r2, defs[FORMULA_MAX_DEFS];
            int rc1 = formula_eval(f, sets[k], &r1, defs, &err);
            if (rc1) check_error(&err, text);
            int rc2 = formula_eval(f, sets[k], &r2, NULL, &err);
            CHECK(rc1 == rc2);
            if (rc1 == 0) {
                CHECK(r1.v == r2.v);
                __int128 lim = (__int128)DEC_MAX_UNITS * DEC_SCALE;
                CHECK(r1.v <= lim + DEC_SCALE && r1.v >= -lim - DEC_SCALE);
            }
        }
    }
    arena_free(a);
    free(text);
    return 0;
}
