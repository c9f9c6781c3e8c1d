/* domain/izin/pengingat.h — expiry reminders (SPEC 4.12, 6): a mail to the holder on each
 * of the instansi's reminder days (default 30 and 7) before berlaku sampai.
 *
 * Never twice: a reminder is a row of izin_pengingat (primary key permit × days) inserted
 * with ON CONFLICT DO NOTHING in the same transaction as its mail, so however many
 * processes run the job, and however often, one mail goes out per permit and threshold.
 * Survives restarts: what was sent is in the database, not in memory.  A threshold whose
 * window passed while nothing ran (days left fell below the next smaller threshold) is
 * skipped rather than sent late.
 *
 * The job is shared by every `loket serve` through job_schedule: pengingat_claim lets one
 * process per interval run it (the others see the row moved on). */
#ifndef LOKET_PENGINGAT_H
#define LOKET_PENGINGAT_H
#include <time.h>
#include "store/store.h"
#include "util/err.h"

#define PENGINGAT_INTERVAL_S 3600

/* 1 if this process should run the job now (it moved next_run_at past now), else 0. */
lk_err pengingat_claim(store_conn *c, time_t now, int *mine);
/* Sends the reminders due on the WIB day of `now`; *sent (may be NULL) counts the mails
 * queued.  Each reminder is its own transaction. */
lk_err pengingat_run(store_conn *c, const char *base_url, time_t now, int *sent);

/* The job's thread in `loket serve`: at start and then every minute it tries to claim the
 * job and runs it when it won, then wakes the mailer.  pengingat_stop joins it. */
struct mailer;
typedef struct pengingat_job pengingat_job;
pengingat_job *pengingat_start(store *s, const char *base_url, struct mailer *m);
void pengingat_stop(pengingat_job *j);   /* NULL is fine */

#endif
