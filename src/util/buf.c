/* util/buf.c — growing byte buffer (see buf.h). */
#include "util/buf.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void buf_grow(buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need < b->len) lk_oom(extra);
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_put(buf *b, const void *p, size_t n)
{
    buf_grow(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    if (fmt_is_simple(fmt)) {
        /* Usually fits the room there is: formatted once, straight into the buffer. */
        buf_grow(b, 64);
        va_list ap2;
        va_copy(ap2, ap);
        int n = fmt_simple(b->data + b->len, b->cap - b->len, fmt, ap2);
        va_end(ap2);
        if ((size_t)n >= b->cap - b->len) {
            buf_grow(b, (size_t)n);
            fmt_simple(b->data + b->len, b->cap - b->len, fmt, ap);
        }
        b->len += (size_t)n;
        return;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0) return;
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(buf *b)
{
    char *p = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *buf_str(const buf *b)
{
    return b->data ? b->data : "";
}
