/* util/alloc.h — allocation that never returns NULL.
 *
 * Like redis' zmalloc: running out of memory aborts the process with a message, so the
 * rest of the code has no scattered NULL checks.  Memory that lives as long as one
 * request comes from an arena (util/arena.h) instead. */
#ifndef LOKET_ALLOC_H
#define LOKET_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);            /* caller frees */
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);       /* caller frees; s must not be NULL */
char *xstrndup(const char *s, size_t n);
void lk_oom(size_t n) __attribute__((noreturn));

#endif
