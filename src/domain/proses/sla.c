/* domain/proses/sla.c — due dates with perbaikan pauses (see sla.h). */
#include "domain/proses/sla.h"
#include "domain/proses/calendar.h"

lk_err sla_resume(store_conn *c, int64_t instansi_id, time_t due, time_t paused_at, time_t resumed,
                  time_t *new_due, int *paused_days)
{
    *new_due = due;
    *paused_days = 0;
    calendar cal;   /* one read of the holidays for both */
    calendar_open(&cal, c, instansi_id);
    lk_err e = calendar_days_between_on(&cal, paused_at, resumed, paused_days);
    /* due is the end of a working day, so "n working days after it" is the moved date;
     * n = 0 leaves it where it was. */
    if (e == LK_OK && *paused_days > 0) e = calendar_due_on(&cal, due, *paused_days, new_due);
    calendar_close(&cal);
    return e;
}

lk_err sla_overall_due(store_conn *c, int64_t instansi_id, time_t submitted, int sla_days, int paused_days,
                       time_t *due)
{
    if (sla_days < 0 || paused_days < 0) return LK_ERR_INVALID;
    return calendar_due(c, instansi_id, submitted, sla_days + paused_days, due);
}
