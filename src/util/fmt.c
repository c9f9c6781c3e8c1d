/* util/fmt.c — a printf subset without the C library's per-call set-up cost (see fmt.h). */
#include "util/fmt.h"
#include <string.h>

int fmt_is_simple(const char *fmt)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == 'l') p += p[1] == 'l' ? 2 : 1;
        else if (*p == 'z') {
            if (p[1] != 'u') return 0;
            p++;
        }
        switch (*p) {
        case 's': case 'c': case 'd': case 'i': case 'u': break;
        case '%': if (p[-1] != '%') return 0; break;
        default: return 0;
        }
        if (*p == 's' && p[-1] != '%') return 0;    /* %ls: wide strings */
        if (*p == 'c' && p[-1] != '%') return 0;    /* %lc */
    }
    return 1;
}

/* Appends n bytes of s to the output so far (counting what does not fit). */
static void put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + 1 < cap) {
        size_t room = cap - 1 - *len;
        memcpy(out + *len, s, n < room ? n : room);
    }
    *len += n;
}

static void put_unsigned(char *out, size_t cap, size_t *len, unsigned long long u, int negative)
{
    char digits[24];
    size_t n = sizeof digits;
    do digits[--n] = (char)('0' + u % 10); while ((u /= 10) != 0);
    if (negative) digits[--n] = '-';
    put(out, cap, len, digits + n, sizeof digits - n);
}

static void put_signed(char *out, size_t cap, size_t *len, long long v)
{
    put_unsigned(out, cap, len, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
}

int fmt_simple(char *out, size_t cap, const char *fmt, va_list ap)
{
    size_t len = 0;
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            put(out, cap, &len, p, strlen(p));
            break;
        }
        put(out, cap, &len, p, (size_t)(pct - p));
        p = pct + 1;
        int longs = 0, size_t_arg = 0;
        if (*p == 'l') {
            longs = p[1] == 'l' ? 2 : 1;
            p += longs;
        } else if (*p == 'z') {
            size_t_arg = 1;
            p++;
        }
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            put(out, cap, &len, s, strlen(s));
            break;
        }
        case 'c': {
            char ch = (char)va_arg(ap, int);
            put(out, cap, &len, &ch, 1);
            break;
        }
        case 'd': case 'i':
            if (longs == 2) put_signed(out, cap, &len, va_arg(ap, long long));
            else if (longs == 1) put_signed(out, cap, &len, va_arg(ap, long));
            else put_signed(out, cap, &len, va_arg(ap, int));
            break;
        case 'u':
            if (size_t_arg) put_unsigned(out, cap, &len, va_arg(ap, size_t), 0);
            else if (longs == 2) put_unsigned(out, cap, &len, va_arg(ap, unsigned long long), 0);
            else if (longs == 1) put_unsigned(out, cap, &len, va_arg(ap, unsigned long), 0);
            else put_unsigned(out, cap, &len, va_arg(ap, unsigned), 0);
            break;
        default:   /* '%' (fmt_is_simple let nothing else through) */
            put(out, cap, &len, "%", 1);
            break;
        }
        p++;
    }
    if (cap) out[len < cap ? len : cap - 1] = '\0';
    return (int)len;
}
