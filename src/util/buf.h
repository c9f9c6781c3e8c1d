/* util/buf.h — a growing byte buffer, always NUL-terminated.
 *
 * Used to build response bodies, SQL-free strings and files.  The buffer owns its
 * memory (malloc'd); buf_free() releases it, buf_steal() hands it to the caller. */
#ifndef LOKET_BUF_H
#define LOKET_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;    /* NUL-terminated; NULL until the first write */
    size_t len;
    size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_reset(buf *b);            /* len = 0, keeps capacity */
void buf_free(buf *b);
char *buf_steal(buf *b);           /* caller frees; the buffer is empty afterwards */
const char *buf_str(const buf *b); /* "" when empty; borrowed */

#endif
