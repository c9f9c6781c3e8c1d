/* util/log.h — one-line structured log messages (key=value, logfmt) to stderr.
 *
 *   ts=2026-12-01T09:51:24Z level=info msg="Loket is serving on ..."
 *
 * Each message is written with a single write(2) so lines from several threads never
 * interleave.  Values that need it are quoted, with '"', '\' and control characters
 * escaped, so a hostile string (a path with a newline) can never forge a line.  The
 * access log (http/server.c) builds its own key=value line with log_kv and writes it
 * with log_raw_line. */
#ifndef LOKET_LOG_H
#define LOKET_LOG_H
#include <stddef.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

void log_set_level(log_level min);
void log_msg(log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_raw_line(const char *line, int fd);   /* appends '\n' */
/* Appends " key=value" to line[0..*len) (capacity cap), quoting and escaping value as
 * needed; stops short rather than overflow.  value NULL writes key=-. */
void log_kv(char *line, size_t cap, size_t *len, const char *key, const char *value);
/* "ts=... level=..." of now into line; returns its length. */
size_t log_prefix(char *line, size_t cap, log_level lvl);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
