/* util/arena.c — bump allocator in chained blocks (see arena.h). */
#include "util/arena.h"
#include "util/fmt.h"
#include "util/alloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
    struct block *head;
    size_t total;
};

arena *arena_new(void)
{
    return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
    if (!a) return;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < n) lk_oom(n);
    struct block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;
        b = xmalloc(sizeof(struct block) + size);
        b->size = size;
        b->used = 0;
        /* A big one-off block goes behind the current one so the current one's free
         * space stays usable for small allocations. */
        if (a->head && size != ARENA_BLOCK) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    /* Most results are short (addresses, labels): formatted once into the stack and
     * copied, rather than formatted twice (once to measure); pages format hundreds. */
    char small[256];
    int simple = fmt_is_simple(fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = simple ? fmt_simple(small, sizeof small, fmt, ap2) : vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof small) memcpy(p, small, (size_t)n + 1);
    else if (simple) fmt_simple(p, (size_t)n + 1, fmt, ap);
    else vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(arena *a, void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return items;
    size_t bigger = *cap ? *cap * 2 : 8;
    void *p = arena_alloc(a, bigger * size);
    if (n) memcpy(p, items, n * size);
    *cap = bigger;
    return p;
}

size_t arena_used(const arena *a)
{
    return a->total;
}
