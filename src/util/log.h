/* util/log.h — one-line log messages to stderr.
 *
 * Each message is written with a single write(2) so lines from several threads never
 * interleave.  The access log (http/server.c) uses log_raw_line. */
#ifndef LOKET_LOG_H
#define LOKET_LOG_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

void log_set_level(log_level min);
void log_msg(log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_raw_line(const char *line, int fd);   /* appends '\n' */

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
