/* util/datetime.c — ISO-8601 storage and Indonesian display of dates (see datetime.h). */
#include "util/datetime.h"
#include <stdio.h>
#include <string.h>

#define WIB_OFFSET_S (7 * 3600)

static const char *MONTHS[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                               "Agustus", "September", "Oktober", "November", "Desember"};

const char *datetime_iso(arena *a, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int datetime_parse(const char *s, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int n = 0;
    if (!s) return -1;
    size_t len = strlen(s);
    if (len == 10) {
        if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10) return -1;
    } else if (len == 20) {
        if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                   &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 20)
            return -1;
    } else {
        return -1;
    }
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31) return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return 0;
}

static const char *MONTHS_EN[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};

const char *datetime_long_in(arena *a, time_t t, int english)
{
    time_t local = t + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&local, &tm);
    if (english)
        return arena_printf(a, "%d %s %d at %02d:%02d WIB", tm.tm_mday, MONTHS_EN[tm.tm_mon], tm.tm_year + 1900,
                            tm.tm_hour, tm.tm_min);
    return arena_printf(a, "%d %s %d pukul %02d.%02d WIB", tm.tm_mday, MONTHS[tm.tm_mon],
                        tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

const char *datetime_long(arena *a, time_t t)
{
    return datetime_long_in(a, t, 0);
}

const char *date_long_in(arena *a, const char *ymd, int english)
{
    time_t t;
    if (!ymd || strlen(ymd) != 10 || datetime_parse(ymd, &t) != 0) return ymd;
    struct tm tm;
    gmtime_r(&t, &tm);
    return arena_printf(a, "%d %s %d", tm.tm_mday, (english ? MONTHS_EN : MONTHS)[tm.tm_mon], tm.tm_year + 1900);
}

const char *date_long(arena *a, const char *ymd)
{
    return date_long_in(a, ymd, 0);
}

const char *datetime_long_iso_in(arena *a, const char *iso, int english)
{
    time_t t;
    if (datetime_parse(iso, &t) != 0) return iso;
    return datetime_long_in(a, t, english);
}

const char *datetime_long_iso(arena *a, const char *iso)
{
    return datetime_long_iso_in(a, iso, 0);
}
