/* domain/proses/calendar.h — working days for SLA clocks (SPEC 3, 5.2): Saturdays, Sundays and
 * the holidays in hari_libur (national ones, instansi_id NULL, and the instansi's own)
 * are not working days.  Dates are calendar days in WIB.
 *
 * A page that works out many dates of one instansi (the inbox: one per row) opens a
 * calendar once: its holidays are read in one query for a span around the first date
 * asked and kept for the dates that follow, so no date costs a query of its own.  The
 * functions taking a store_conn open one for their single answer. */
#ifndef LOKET_CALENDAR_H
#define LOKET_CALENDAR_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

/* One instansi's working days, read once for the dates of one request (or transaction:
 * a holiday added meanwhile is seen by the next one). */
typedef struct {
    store_conn *c;
    int64_t instansi_id;
    int64_t first, count;       /* the WIB day numbers held: first .. first+count-1 */
    int32_t *worked;            /* count+1 entries: [i] = working days in first .. first+i-1 */
} calendar;

void calendar_open(calendar *cal, store_conn *c, int64_t instansi_id);
void calendar_close(calendar *cal);
/* As calendar_due and calendar_working_days_between below, on cal's holidays. */
lk_err calendar_due_on(calendar *cal, time_t start, int days, time_t *due);
lk_err calendar_days_between_on(calendar *cal, time_t from, time_t to, int *days);

/* The end of the `days`-th working day after the day of `start` (days 0: the end of
 * start's day if it is a working day, else of the next working day), as a moment
 * (23:59:59 WIB of that day). */
lk_err calendar_due(store_conn *c, int64_t instansi_id, time_t start, int days, time_t *due);
/* Working days from the day of `from` to the day of `to` (0 if to is not later). */
lk_err calendar_working_days_between(store_conn *c, int64_t instansi_id, time_t from, time_t to, int *days);

#endif
