/* domain/katalog/hari_libur.h — the instansi's holiday calendar as Admin Instansi edits
 * it (SPEC 3, 5.8; issue 7 item 8).  National holidays and cuti bersama (rows with
 * instansi_id NULL, loaded with the demo or by the operator) are shown read-only; an
 * instansi adds and removes its own local holidays.  domain/proses/calendar.c reads the
 * same table, so a change moves SLA due dates computed after it.
 *
 * Least privilege: changes take the acting admin's account and touch only rows of
 * actor->instansi_id.  Each change is one transaction with its audit record.
 * Results live in the caller's arena. */
#ifndef LOKET_HARI_LIBUR_H
#define LOKET_HARI_LIBUR_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/issues.h"

#define HARI_LIBUR_NAMA_MAX 200      /* characters */
#define HARI_LIBUR_YEAR_MIN 2000
#define HARI_LIBUR_YEAR_MAX 2100

typedef struct {
    int64_t id;
    const char *tanggal;     /* "YYYY-MM-DD" */
    const char *nama;
    int nasional;            /* a national row: read-only here */
    int cuti_bersama;        /* a national row whose name says "Cuti Bersama" */
} hari_libur;

/* National and the instansi's own holidays of `year`, by date. */
lk_err hari_libur_list(store_conn *c, arena *a, int64_t instansi_id, int year, hari_libur **out, size_t *n);

/* Adds a local holiday.  LK_ERR_INVALID with errs ("tanggal", "nama") for a date that
 * is not a real date within the supported years, a Saturday or Sunday, a day that is
 * already a holiday (national or own), or a bad name.  *id_out may be NULL. */
lk_err hari_libur_add(store_conn *c, arena *a, const account *actor, const char *tanggal, const char *nama,
                      time_t now, int64_t *id_out, issues *errs);

/* Removes a local holiday of the actor's instansi.  LK_ERR_DENIED for a national one,
 * LK_ERR_NOTFOUND for an unknown id or another instansi's (or one already removed). */
lk_err hari_libur_remove(store_conn *c, const account *actor, int64_t id, time_t now);

/* 0 and the weekday (0 = Sunday) when s is a real date "YYYY-MM-DD", else -1. */
int hari_libur_parse_date(const char *s, int *weekday);

#endif
