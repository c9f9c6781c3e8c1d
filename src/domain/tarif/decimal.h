/* domain/tarif/decimal.h — exact decimal numbers for money and tarif formulas.
 *
 * A `dec` is a signed integer count of millionths (value × 10^6) held in 128 bits, so
 * 0,1 + 0,2 is exactly 0,3 and Rp 1.234.567,89 × 3 is exact: no binary floating point
 * anywhere.  Magnitudes are limited to DEC_MAX_UNITS (10^18) whole units; an operation
 * whose result would exceed it reports overflow instead of wrapping.  Multiplication and
 * division keep 6 decimals, rounding the 7th half away from zero (the usual
 * "pembulatan" of Indonesian regulations).  Pure functions, no allocation except the
 * formatters, which write into the caller's arena. */
#ifndef LOKET_DECIMAL_H
#define LOKET_DECIMAL_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

typedef struct {
    __int128 v;     /* value × DEC_SCALE */
} dec;

#define DEC_DIGITS 6
#define DEC_SCALE ((__int128)1000000)
#define DEC_MAX_UNITS 1000000000000000000LL   /* 10^18 */

static inline dec dec_from_int(int64_t n) { return (dec){(__int128)n * DEC_SCALE}; }
static inline dec dec_zero(void) { return (dec){0}; }
static inline int dec_cmp(dec a, dec b) { return a.v < b.v ? -1 : a.v > b.v; }
static inline int dec_is_zero(dec a) { return a.v == 0; }
static inline int dec_is_neg(dec a) { return a.v < 0; }
static inline int dec_is_int(dec a) { return a.v % DEC_SCALE == 0; }

/* 0 on success; -1 when the result's magnitude would exceed DEC_MAX_UNITS (or, for
 * dec_div, when b is zero: check that first to say which). */
int dec_add(dec a, dec b, dec *out);
int dec_sub(dec a, dec b, dec *out);
int dec_mul(dec a, dec b, dec *out);
int dec_div(dec a, dec b, dec *out);
/* Rounded to `digits` decimals (-12..6; negative rounds to tens, hundreds, …), half away
 * from zero.  -1 on overflow (rounding 999… up) or digits out of range. */
int dec_round(dec a, int digits, dec *out);
dec dec_floor(dec a);    /* toward minus infinity, to a whole number */
dec dec_ceil(dec a);     /* toward plus infinity; may exceed the limit by one unit */
/* The whole part, truncated toward zero, when it fits an int64; -1 otherwise. */
int dec_to_int64(dec a, int64_t *out);

/* Parses "1234", "-12.5", "0,75" (point or comma as the decimal mark, at most 6
 * decimals, at most 18 whole digits, an optional leading '-', surrounding spaces
 * allowed; no thousands separators).  0 or -1. */
int dec_parse(const char *s, dec *out);
/* "1234.5": the plain form dec_parse reads back (for storage and forms). */
const char *dec_str(arena *a, dec x);
/* Indonesian format: "1.234.567" / "-1.234,5": points between thousands, a comma
 * before the decimals, trailing zero decimals dropped. */
const char *dec_id(arena *a, dec x);
/* As dec_id, rounded to whole units first ("Rp" amounts). */
const char *dec_rupiah(arena *a, dec x);

#endif
