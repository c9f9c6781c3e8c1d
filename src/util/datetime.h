/* util/datetime.h — dates as Loket stores them (ISO-8601 UTC text) and as people read
 * them ("22 November 2026 pukul 20.18 WIB").  Both demo offices are in WIB (UTC+7);
 * times are shown in WIB. */
#ifndef LOKET_DATETIME_H
#define LOKET_DATETIME_H
#include <time.h>
#include "util/arena.h"

/* "2026-11-22T13:18:38Z", allocated in a. */
const char *datetime_iso(arena *a, time_t t);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (midnight UTC); 0 ok, -1 otherwise. */
int datetime_parse(const char *s, time_t *out);
/* "22 November 2026 pukul 20.18 WIB" for a moment. */
const char *datetime_long(arena *a, time_t t);
/* "22 Maret 1995" for a calendar date "YYYY-MM-DD" (no time zone shift); the input
 * itself when it is not such a date. */
const char *date_long(arena *a, const char *ymd);
/* datetime_long of an ISO text; the text itself when it does not parse. */
const char *datetime_long_iso(arena *a, const char *iso);
/* The same in English when `english` is 1: "22 November 2026 at 20:18 WIB", "22 March 1995". */
const char *datetime_long_in(arena *a, time_t t, int english);
const char *date_long_in(arena *a, const char *ymd, int english);
const char *datetime_long_iso_in(arena *a, const char *iso, int english);

#endif
