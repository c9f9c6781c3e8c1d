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

/* `n` decimal digits at s as a number, or -1 when one of them is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parsed by hand rather than with sscanf: a list page parses one date per row, and
 * sscanf was a twentieth of the applicant's list page (issue 12). */
int datetime_parse(const char *s, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!s) return -1;
    size_t len = strlen(s);
    if (len != 10 && len != 20) return -1;
    if (s[4] != '-' || s[7] != '-') return -1;
    tm.tm_year = digits(s, 4);
    tm.tm_mon = digits(s + 5, 2);
    tm.tm_mday = digits(s + 8, 2);
    if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mday < 0) return -1;
    if (len == 20) {
        if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return -1;
        tm.tm_hour = digits(s + 11, 2);
        tm.tm_min = digits(s + 14, 2);
        tm.tm_sec = digits(s + 17, 2);
        if (tm.tm_hour < 0 || tm.tm_min < 0 || tm.tm_sec < 0) return -1;
    }
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31) return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return 0;
}

static const char *MONTHS_EN[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};

/* "07": the two digits of an hour or minute, for arena_printf's %s. */
static const char *two_digits(char out[3], int v)
{
    out[0] = (char)('0' + v / 10 % 10);
    out[1] = (char)('0' + v % 10);
    out[2] = '\0';
    return out;
}

/* Only %s and %d: arena_printf then formats without the C library's printf (util/fmt.c);
 * list pages show one of these per row. */
const char *datetime_long_in(arena *a, time_t t, int english)
{
    time_t local = t + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&local, &tm);
    char hh[3], mm[3];
    if (english)
        return arena_printf(a, "%d %s %d at %s:%s WIB", tm.tm_mday, MONTHS_EN[tm.tm_mon], tm.tm_year + 1900,
                            two_digits(hh, tm.tm_hour), two_digits(mm, tm.tm_min));
    return arena_printf(a, "%d %s %d pukul %s.%s WIB", tm.tm_mday, MONTHS[tm.tm_mon], tm.tm_year + 1900,
                        two_digits(hh, tm.tm_hour), two_digits(mm, tm.tm_min));
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
