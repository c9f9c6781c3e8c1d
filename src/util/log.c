/* util/log.c — timestamped single-write log lines (see log.h). */
#include "util/log.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static log_level min_level = LOG_INFO;

void log_set_level(log_level min)
{
    min_level = min;
}

void log_msg(log_level lvl, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (lvl < min_level) return;
    char line[2048];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t n = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    n += (size_t)snprintf(line + n, sizeof line - n, "%s: ", names[lvl]);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
    va_end(ap);
    if (m > 0) n += (size_t)m;
    if (n > sizeof line - 2) n = sizeof line - 2;
    line[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, n);
    (void)w;
}

void log_raw_line(const char *line, int fd)
{
    size_t n = strlen(line);
    char tmp[4096];
    if (n > sizeof tmp - 1) n = sizeof tmp - 1;
    memcpy(tmp, line, n);
    tmp[n++] = '\n';
    ssize_t w = write(fd, tmp, n);
    (void)w;
}
