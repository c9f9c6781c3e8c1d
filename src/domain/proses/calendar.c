/* domain/proses/calendar.c — working days for SLA clocks (see calendar.h).
 *
 * Days are counted as WIB day numbers (days since 1970-01-01 in UTC+7).  The holidays of
 * a span of days are read in one query into a byte map over that span; a due date whose
 * span turns out too short (many holidays) reads the next span. */
#include "domain/proses/calendar.h"
#include "util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIB_OFFSET_S (7 * 3600)
#define DAY_S 86400
#define SPAN_MAX_DAYS (366 * 100)   /* longer spans are a caller's mistake */

typedef struct {
    int64_t first;        /* WIB day number of holiday[0] */
    int64_t count;
    unsigned char *holiday;   /* 1 = a holiday (national or the instansi's); caller frees */
} holiday_map;

static int64_t wib_day(time_t t)
{
    int64_t s = (int64_t)t + WIB_OFFSET_S;
    return s >= 0 ? s / DAY_S : -((-s + DAY_S - 1) / DAY_S);
}

static void day_ymd(int64_t day, char out[11])
{
    time_t t = (time_t)(day * DAY_S);
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int is_weekend(int64_t day)
{
    int64_t weekday = ((day % 7) + 7 + 4) % 7;   /* 1970-01-01 was a Thursday; 0 = Sunday */
    return weekday == 0 || weekday == 6;
}

/* Reads the holidays of days first .. first+count-1 into m (m->holiday is replaced). */
static lk_err load_holidays(store_conn *c, int64_t instansi_id, int64_t first, int64_t count,
                            holiday_map *m)
{
    char from[11], to[11];
    day_ymd(first, from);
    day_ymd(first + count - 1, to);
    free(m->holiday);
    m->first = first;
    m->count = count;
    m->holiday = xcalloc((size_t)count, 1);
    store_rows *r = store_query(c,
        "SELECT tanggal FROM hari_libur WHERE (instansi_id IS NULL OR instansi_id = $1) "
        "AND tanggal >= $2 AND tanggal <= $3",
        STORE_P(SP_I(instansi_id), SP_T(from), SP_T(to)));
    if (!r) return LK_ERR_DB;
    int step;
    while ((step = store_next(r)) == 1) {
        const char *ymd = store_text(r, 0);
        struct tm tm = {0};
        if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) continue;
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        int64_t day = (int64_t)timegm(&tm) / DAY_S;
        if (day >= first && day < first + count) m->holiday[day - first] = 1;
    }
    store_rows_close(r);
    return step == 0 ? LK_OK : LK_ERR_DB;
}

static int is_working(const holiday_map *m, int64_t day)
{
    return !is_weekend(day) && !m->holiday[day - m->first];
}

/* *working for `day`, reading the next span of `span` days from `day` when m ends before it. */
static lk_err working_at(store_conn *c, int64_t instansi_id, holiday_map *m, int64_t day,
                         int64_t span, int *working)
{
    if (day - m->first >= m->count) {
        lk_err rc = load_holidays(c, instansi_id, day, span, m);
        if (rc) return rc;
    }
    *working = is_working(m, day);
    return LK_OK;
}

lk_err calendar_due(store_conn *c, int64_t instansi_id, time_t start, int days, time_t *due)
{
    if (days < 0 || days > SPAN_MAX_DAYS / 2) return LK_ERR_INVALID;
    holiday_map m = {0, 0, NULL};
    lk_err rc = LK_OK;
    int64_t day = wib_day(start);
    /* Five working days in seven, plus room for holidays: rarely needs a second span. */
    const int64_t span = (int64_t)days * 7 / 5 + 31;
    int working = 0;
    if (days == 0) {   /* start's own day counts */
        for (;; day++) {
            rc = working_at(c, instansi_id, &m, day, span, &working);
            if (rc) goto out;
            if (working) break;
        }
    } else {           /* only the days after start's day count */
        for (int counted = 0; counted < days;) {
            day++;
            rc = working_at(c, instansi_id, &m, day, span, &working);
            if (rc) goto out;
            counted += working;
        }
    }
    *due = (time_t)((day + 1) * DAY_S - WIB_OFFSET_S - 1);
out:
    free(m.holiday);
    return rc;
}

lk_err calendar_working_days_between(store_conn *c, int64_t instansi_id, time_t from, time_t to, int *days)
{
    int64_t first = wib_day(from) + 1, last = wib_day(to);
    *days = 0;
    if (last < first) return LK_OK;
    if (last - first + 1 > SPAN_MAX_DAYS) return LK_ERR_INVALID;
    holiday_map m = {0, 0, NULL};
    lk_err rc = load_holidays(c, instansi_id, first, last - first + 1, &m);
    if (rc) goto out;
    int n = 0;
    for (int64_t day = first; day <= last; day++) n += is_working(&m, day);
    *days = n;
out:
    free(m.holiday);
    return rc;
}
