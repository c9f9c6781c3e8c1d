/* domain/proses/calendar.c — working days for SLA clocks (see calendar.h).
 *
 * Days are counted as WIB day numbers (days since 1970-01-01 in UTC+7).  The holidays of
 * a span of days are read in one query into running totals of working days over that
 * span, so the working days between two dates are one subtraction.  A day outside it
 * reads the span again, widened to hold the old one, the days asked and a year either
 * side: the dates of one page lie within a year or so of each other, so a page reads
 * its holidays once. */
#include "domain/proses/calendar.h"
#include "util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIB_OFFSET_S (7 * 3600)
#define DAY_S 86400
#define SPAN_MAX_DAYS (366 * 100)   /* longer spans are a caller's mistake */
#define MARGIN_DAYS 366

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

/* Reads the holidays of days first .. first+count-1 into cal (replacing what it held). */
static lk_err load_holidays(calendar *cal, int64_t first, int64_t count)
{
    char from[11], to[11];
    day_ymd(first, from);
    day_ymd(first + count - 1, to);
    free(cal->worked);
    cal->worked = NULL;
    cal->count = 0;
    store_rows *r = store_query(cal->c,
        "SELECT tanggal FROM hari_libur WHERE (instansi_id IS NULL OR instansi_id = $1) "
        "AND tanggal >= $2 AND tanggal <= $3",
        STORE_P(SP_I(cal->instansi_id), SP_T(from), SP_T(to)));
    if (!r) return LK_ERR_DB;
    unsigned char *holiday = xcalloc((size_t)count, 1);
    int step;
    while ((step = store_next(r)) == 1) {
        const char *ymd = store_text(r, 0);
        struct tm tm = {0};
        if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) continue;
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        int64_t day = (int64_t)timegm(&tm) / DAY_S;
        if (day >= first && day < first + count) holiday[day - first] = 1;
    }
    store_rows_close(r);
    if (step == 0) {
        cal->worked = xcalloc((size_t)count + 1, sizeof *cal->worked);
        for (int64_t i = 0; i < count; i++)
            cal->worked[i + 1] = cal->worked[i] + (!is_weekend(first + i) && !holiday[i]);
        cal->first = first;
        cal->count = count;
    }
    free(holiday);
    return step == 0 ? LK_OK : LK_ERR_DB;
}

/* Makes cal hold days first .. last (see the top of the file). */
static lk_err cover(calendar *cal, int64_t first, int64_t last)
{
    int64_t end = cal->first + cal->count - 1;
    if (cal->count > 0 && first >= cal->first && last <= end) return LK_OK;
    int64_t lo = first - MARGIN_DAYS, hi = last + MARGIN_DAYS;
    if (cal->count > 0) {
        if (cal->first < lo) lo = cal->first;
        if (end > hi) hi = end;
    }
    if (hi - lo + 1 > SPAN_MAX_DAYS) {   /* far-apart dates: just the days asked */
        lo = first;
        hi = last;
    }
    if (hi - lo + 1 > SPAN_MAX_DAYS) return LK_ERR_INVALID;
    return load_holidays(cal, lo, hi - lo + 1);
}

/* Working days in first .. last, which cal covers. */
static int worked_in(const calendar *cal, int64_t first, int64_t last)
{
    return (int)(cal->worked[last - cal->first + 1] - cal->worked[first - cal->first]);
}

/* *working for `day` (cal covers it afterwards). */
static lk_err working_at(calendar *cal, int64_t day, int *working)
{
    lk_err rc = cover(cal, day, day);
    if (rc) return rc;
    *working = worked_in(cal, day, day);
    return LK_OK;
}

void calendar_open(calendar *cal, store_conn *c, int64_t instansi_id)
{
    *cal = (calendar){c, instansi_id, 0, 0, NULL};
}

void calendar_close(calendar *cal)
{
    free(cal->worked);
    cal->worked = NULL;
    cal->count = 0;
}

lk_err calendar_due_on(calendar *cal, time_t start, int days, time_t *due)
{
    if (days < 0 || days > SPAN_MAX_DAYS / 2) return LK_ERR_INVALID;
    int64_t day = wib_day(start);
    /* Five working days in seven, plus room for holidays: rarely read twice. */
    lk_err rc = cover(cal, day, day + (int64_t)days * 7 / 5 + 31);
    int working = 0;
    if (days == 0) {   /* start's own day counts */
        for (; rc == LK_OK; day++) {
            rc = working_at(cal, day, &working);
            if (rc == LK_OK && working) break;
        }
    } else {           /* only the days after start's day count */
        for (int counted = 0; rc == LK_OK && counted < days;) {
            day++;
            rc = working_at(cal, day, &working);
            counted += working;
        }
    }
    if (rc == LK_OK) *due = (time_t)((day + 1) * DAY_S - WIB_OFFSET_S - 1);
    return rc;
}

lk_err calendar_days_between_on(calendar *cal, time_t from, time_t to, int *days)
{
    int64_t first = wib_day(from) + 1, last = wib_day(to);
    *days = 0;
    if (last < first) return LK_OK;
    if (last - first + 1 > SPAN_MAX_DAYS) return LK_ERR_INVALID;
    lk_err rc = cover(cal, first, last);
    if (rc) return rc;
    *days = worked_in(cal, first, last);
    return LK_OK;
}

lk_err calendar_due(store_conn *c, int64_t instansi_id, time_t start, int days, time_t *due)
{
    calendar cal;
    calendar_open(&cal, c, instansi_id);
    lk_err rc = calendar_due_on(&cal, start, days, due);
    calendar_close(&cal);
    return rc;
}

lk_err calendar_working_days_between(store_conn *c, int64_t instansi_id, time_t from, time_t to, int *days)
{
    calendar cal;
    calendar_open(&cal, c, instansi_id);
    lk_err rc = calendar_days_between_on(&cal, from, to, days);
    calendar_close(&cal);
    return rc;
}
