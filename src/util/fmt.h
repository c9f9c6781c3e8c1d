/* util/fmt.h — a printf subset without the C library's per-call set-up cost.
 *
 * Pages format hundreds of short strings (links, labels, numbers); glibc's vsnprintf
 * costs far more per call than the few bytes it writes, and was a tenth of the
 * applicant's pages (issue 12).  arena_vprintf and buf_vprintf try this first and fall
 * back to vsnprintf for any other conversion. */
#ifndef LOKET_FMT_H
#define LOKET_FMT_H
#include <stdarg.h>
#include <stddef.h>

/* 1 when fmt uses only %s, %c, %d, %i, %u, %ld, %li, %lu, %lld, %lli, %llu, %zu and %%
 * (no flags, width or precision), so fmt_simple can format it; 0 otherwise. */
int fmt_is_simple(const char *fmt);
/* Like vsnprintf for a format fmt_is_simple accepted: writes at most cap - 1 bytes and
 * a NUL (when cap > 0), returns the length the whole result has; a NULL %s is "(null)". */
int fmt_simple(char *out, size_t cap, const char *fmt, va_list ap);

#endif
