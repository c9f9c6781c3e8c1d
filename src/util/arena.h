/* util/arena.h — a bump allocator for memory that dies together.
 *
 * Each HTTP request owns one arena (freed when the request completes); commands use one
 * for their run.  Everything allocated from an arena is freed by arena_free(); there is
 * no per-object free.  Not thread-safe: one arena belongs to one thread at a time. */
#ifndef LOKET_ARENA_H
#define LOKET_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);                  /* caller frees with arena_free */
void arena_free(arena *a);               /* NULL is fine */
void *arena_alloc(arena *a, size_t n);   /* zeroed, aligned for any type */
char *arena_strdup(arena *a, const char *s);          /* s may be NULL -> NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* Makes room for element n of an arena array of `size`-byte elements holding n now and
 * room for *cap: returns the array, moved to a twice-as-large block when full. */
void *arena_grow(arena *a, void *items, size_t *cap, size_t n, size_t size);
size_t arena_used(const arena *a);       /* bytes handed out, for limits and tests */

#endif
