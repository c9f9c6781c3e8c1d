/* domain/proses/calendar.h — working days for SLA clocks (SPEC 3, 5.2): Saturdays, Sundays and
 * the holidays in hari_libur (national ones, instansi_id NULL, and the instansi's own)
 * are not working days.  Dates are calendar days in WIB. */
#ifndef LOKET_CALENDAR_H
#define LOKET_CALENDAR_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

/* The end of the `days`-th working day after the day of `start` (days 0: the end of
 * start's day if it is a working day, else of the next working day), as a moment
 * (23:59:59 WIB of that day). */
lk_err calendar_due(store_conn *c, int64_t instansi_id, time_t start, int days, time_t *due);
/* Working days from the day of `from` to the day of `to` (0 if to is not later). */
lk_err calendar_working_days_between(store_conn *c, int64_t instansi_id, time_t from, time_t to, int *days);

#endif
