/* domain/tarif/decimal.c — exact decimal arithmetic over 128-bit integers (see decimal.h). */
#include "domain/tarif/decimal.h"
#include <string.h>

#define LIMIT ((__int128)DEC_MAX_UNITS * DEC_SCALE)

static int fits(__int128 v) { return v <= LIMIT && v >= -LIMIT; }

int dec_add(dec a, dec b, dec *out)
{
    __int128 r = a.v + b.v;   /* both within ±10^24: cannot wrap */
    if (!fits(r)) return -1;
    out->v = r;
    return 0;
}

int dec_sub(dec a, dec b, dec *out)
{
    __int128 r = a.v - b.v;
    if (!fits(r)) return -1;
    out->v = r;
    return 0;
}

/* n / d rounded half away from zero; d > 0. */
static __int128 div_round(__int128 n, __int128 d)
{
    __int128 q = n / d, r = n % d;
    if (r < 0) r = -r;
    if (2 * r >= d) q += n < 0 ? -1 : 1;
    return q;
}

int dec_mul(dec a, dec b, dec *out)
{
    __int128 p;
    /* A product over 2^127 means a result far over the limit (10^24 × 10^6 < 2^127). */
    if (__builtin_mul_overflow(a.v, b.v, &p)) return -1;
    __int128 r = div_round(p, DEC_SCALE);
    if (!fits(r)) return -1;
    out->v = r;
    return 0;
}

int dec_div(dec a, dec b, dec *out)
{
    if (b.v == 0) return -1;
    __int128 n = a.v * DEC_SCALE;   /* |a| ≤ 10^24 so n ≤ 10^30: fits */
    __int128 d = b.v;
    if (d < 0) { n = -n; d = -d; }
    __int128 r = div_round(n, d);
    if (!fits(r)) return -1;
    out->v = r;
    return 0;
}

static __int128 pow10i(int n)
{
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

int dec_round(dec a, int digits, dec *out)
{
    if (digits > DEC_DIGITS || digits < -12) return -1;
    __int128 unit = pow10i(DEC_DIGITS - digits);
    __int128 r = div_round(a.v, unit) * unit;
    if (!fits(r)) return -1;
    out->v = r;
    return 0;
}

dec dec_floor(dec a)
{
    __int128 q = a.v / DEC_SCALE;
    if (a.v < 0 && a.v % DEC_SCALE) q--;
    return (dec){q * DEC_SCALE};
}

dec dec_ceil(dec a)
{
    __int128 q = a.v / DEC_SCALE;
    if (a.v > 0 && a.v % DEC_SCALE) q++;
    return (dec){q * DEC_SCALE};
}

int dec_to_int64(dec a, int64_t *out)
{
    __int128 q = a.v / DEC_SCALE;
    if (q > INT64_MAX || q < INT64_MIN) return -1;
    *out = (int64_t)q;
    return 0;
}

int dec_parse(const char *s, dec *out)
{
    if (!s) return -1;
    while (*s == ' ' || *s == '\t') s++;
    int neg = 0;
    if (*s == '-') { neg = 1; s++; }
    __int128 whole = 0, frac = 0;
    int nwhole = 0, nfrac = 0;
    while (*s >= '0' && *s <= '9') {
        if (++nwhole > 18) return -1;
        whole = whole * 10 + (*s++ - '0');
    }
    if (*s == '.' || *s == ',') {
        s++;
        while (*s >= '0' && *s <= '9') {
            if (++nfrac > DEC_DIGITS) return -1;
            frac = frac * 10 + (*s++ - '0');
        }
        if (nfrac == 0) return -1;
    }
    while (*s == ' ' || *s == '\t') s++;
    if (*s || nwhole == 0) return -1;
    __int128 v = whole * DEC_SCALE + frac * pow10i(DEC_DIGITS - nfrac);
    if (!fits(v)) return -1;
    out->v = neg ? -v : v;
    return 0;
}

/* Writes |x| as digits with `thousands` between groups (0 = none) and `mark` before the
 * decimals; trailing zero decimals dropped. */
static const char *format(arena *a, dec x, char thousands, char mark)
{
    char digits[64], outb[96];
    __int128 v = x.v < 0 ? -x.v : x.v;
    __int128 whole = v / DEC_SCALE;
    long frac = (long)(v % DEC_SCALE);
    int n = 0;
    do { digits[n++] = (char)('0' + (int)(whole % 10)); whole /= 10; } while (whole);
    size_t o = 0;
    if (x.v < 0) outb[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        outb[o++] = digits[i];
        if (thousands && i > 0 && i % 3 == 0) outb[o++] = thousands;
    }
    if (frac) {
        outb[o++] = mark;
        char f[8];
        for (int i = DEC_DIGITS - 1; i >= 0; i--) { f[i] = (char)('0' + frac % 10); frac /= 10; }
        int len = DEC_DIGITS;
        while (len > 0 && f[len - 1] == '0') len--;
        memcpy(outb + o, f, (size_t)len);
        o += (size_t)len;
    }
    return arena_strndup(a, outb, o);
}

const char *dec_str(arena *a, dec x) { return format(a, x, 0, '.'); }
const char *dec_id(arena *a, dec x) { return format(a, x, '.', ','); }

const char *dec_rupiah(arena *a, dec x)
{
    dec r;
    if (dec_round(x, 0, &r)) r = x;
    return format(a, r, '.', ',');
}
