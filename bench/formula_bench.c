/* bench/formula_bench.c — `make bench`: tarif formula evaluations per second for the
 * building-permit formula (demo/demo_tarif.c), compiled once and evaluated many times, and
 * compiled + evaluated each time (what one Simulasi Tarif page does), each beside the same
 * product computed directly in C with the same 128-bit decimals, in the same run.
 * Prints one line per figure. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "domain/tarif/formula.h"

static const char PBG[] = "HSbg = 1500000\n"
                          "It = If × (0,3 × Ik + 0,2 × Ip + 0,5 × Ih) × Fm\n"
                          "L × It × 1,00 × HSbg\n";
static const formula_var VARS[] = {{"L", FV_NUMBER}, {"If", FV_NUMBER}, {"Ik", FV_NUMBER},
                                   {"Ip", FV_NUMBER}, {"Ih", FV_NUMBER}, {"Fm", FV_NUMBER}};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    formula_value v[6] = {{dec_from_int(100), {0}}, {{150000}, {0}}, {{400000}, {0}}, {{700000}, {0}}, {{400000}, {0}},
                          {dec_from_int(1), {0}}};
    arena *a = arena_new();
    formula_error err;
    formula *f = formula_compile(a, PBG, VARS, 6, &err);
    if (!f) {
        fprintf(stderr, "formula_bench: %s\n", err.what);
        return 1;
    }
    dec r = {0};
    long n = 0;
    double t0 = now(), t;
    do {
        for (int i = 0; i < 10000; i++, n++) formula_eval(f, v, &r, NULL, &err);
    } while ((t = now() - t0) < seconds);
    double eval_rate = n / t;
    if (r.v != (__int128)10350000 * DEC_SCALE) {
        fprintf(stderr, "formula_bench: wrong total\n");
        return 1;
    }
    /* Compile and evaluate each time, in a fresh arena. */
    n = 0;
    t0 = now();
    do {
        for (int i = 0; i < 1000; i++, n++) {
            arena *x = arena_new();
            formula *g = formula_compile(x, PBG, VARS, 6, &err);
            formula_eval(g, v, &r, NULL, &err);
            arena_free(x);
        }
    } while ((t = now() - t0) < seconds);
    double page_rate = n / t;
    /* The reference: the same operations written out in C on the same decimals. */
    n = 0;
    volatile __int128 sink = 0;
    t0 = now();
    do {
        for (int i = 0; i < 10000; i++, n++) {
            dec a1, a2, a3, s, it, x, hs = dec_from_int(1500000);
            dec_mul((dec){300000}, v[2].value, &a1);
            dec_mul((dec){200000}, v[3].value, &a2);
            dec_mul((dec){500000}, v[4].value, &a3);
            dec_add(a1, a2, &s);
            dec_add(s, a3, &s);
            dec_mul(v[1].value, s, &it);
            dec_mul(it, v[5].value, &it);
            dec_mul(v[0].value, it, &x);
            dec_mul(x, dec_from_int(1), &x);
            dec_mul(x, hs, &x);
            sink += x.v;
        }
    } while ((t = now() - t0) < seconds);
    double native_rate = n / t;
    printf("PBG formula, compiled once:      %12.0f evaluations/s (%.2fx of the same arithmetic written in C: %.0f/s)\n",
           eval_rate, eval_rate / native_rate, native_rate);
    printf("PBG formula, compiled each time: %12.0f compile+evaluate/s (%.2fx)\n", page_rate, page_rate / native_rate);
    arena_free(a);
    return 0;
}
