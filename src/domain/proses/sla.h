/* domain/proses/sla.h — SLA clocks of an application in working days (SPEC 4.10, 5.2):
 * a step's due date, the pause while a perbaikan waits for the applicant, and the
 * overall due date.  Built on the instansi's calendar (calendar.h: weekends, national
 * holidays and cuti bersama, the instansi's own holidays).
 *
 * The pause: an application returned to the applicant on day P and sent back on day R
 * was paused for the working days after P up to and including R (the day of return
 * was the office's, the day of resubmission the applicant's).  The running step's due
 * date and the overall due date move later by exactly those days. */
#ifndef LOKET_SLA_H
#define LOKET_SLA_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

/* The step's new due date after a pause from paused_at to resumed (*paused_days: the
 * working days of the pause, 0 when resumed on the day it was paused). */
lk_err sla_resume(store_conn *c, int64_t instansi_id, time_t due, time_t paused_at, time_t resumed,
                  time_t *new_due, int *paused_days);

/* The overall due date: `sla_days` working days from submission, plus the working days
 * paused so far. */
lk_err sla_overall_due(store_conn *c, int64_t instansi_id, time_t submitted, int sla_days, int paused_days,
                       time_t *due);

#endif
