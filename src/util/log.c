/* util/log.c — timestamped single-write key=value log lines (see log.h). */
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

size_t log_prefix(char *line, size_t cap, log_level lvl)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t n = strftime(line, cap, "ts=%Y-%m-%dT%H:%M:%SZ", &tm);
    int m = snprintf(line + n, cap - n, " level=%s", names[lvl]);
    if (m > 0) n += (size_t)m;
    return n < cap ? n : cap - 1;
}

static int needs_quotes(const char *v)
{
    if (!*v) return 1;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= ' ' || *p == '"' || *p == '=' || *p == '\\' || *p == 0x7f) return 1;
    return 0;
}

void log_kv(char *line, size_t cap, size_t *len, const char *key, const char *value)
{
    size_t n = *len;
    /* The worst case of one byte is 4 (\xNN); keep room for the closing quote. */
    int w = snprintf(line + n, cap - n, " %s=", key);
    if (w < 0 || (size_t)w >= cap - n) return;
    n += (size_t)w;
    if (!value) value = "-";
    int quoted = needs_quotes(value);
    if (quoted && n + 1 < cap) line[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)value; *p && n + 6 < cap; p++) {
        if (*p == '"' || *p == '\\') { line[n++] = '\\'; line[n++] = (char)*p; }
        else if (*p == '\n') { line[n++] = '\\'; line[n++] = 'n'; }
        else if (*p < ' ' || *p == 0x7f) n += (size_t)snprintf(line + n, cap - n, "\\x%02x", *p);
        else line[n++] = (char)*p;
    }
    if (quoted && n + 1 < cap) line[n++] = '"';
    line[n] = '\0';
    *len = n;
}

void log_msg(log_level lvl, const char *fmt, ...)
{
    if (lvl < min_level) return;
    char msg[1800], line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = log_prefix(line, sizeof line, lvl);
    log_kv(line, sizeof line - 1, &n, "msg", msg);
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
