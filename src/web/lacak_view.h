/* web/lacak_view.h — the tracking view's values (web/lacak.c), shared with the officers'
 * pages: the workflow steps with due dates and the history (templates lacak-steps and
 * lacak-riwayat), the SLA sentence of a due date, and the Kode Lacak. */
#ifndef LOKET_WEB_LACAK_VIEW_H
#define LOKET_WEB_LACAK_VIEW_H
#include <time.h>
#include "domain/permohonan/lacak.h"
#include "domain/proses/calendar.h"
#include "html/tmpl.h"
#include "http/http.h"

/* Sets due (the WIB date), sla (late by / working days left, in words) and late or
 * on_time in item, on the instansi's calendar (opened once for all the dates of a
 * page); nothing when due_iso is NULL. */
void lacak_view_sla(req *r, calendar *cal, const char *due_iso, time_t now, tv *item);
/* Fills permohonan, steps (and events when with_events) in ctx. */
void lacak_view_fill(req *r, store_conn *c, const lacak_detail *d, int with_events, tv *ctx);
/* Sets kode_lacak ("7KQ4M-2XHPA") of application id numbered nomor in ctx: for its owner's
 * pages (and the counter's) only, never for public ones. */
lk_err kode_lacak_view_add(store_conn *c, tv *ctx, int64_t id, const char *nomor);

#endif
