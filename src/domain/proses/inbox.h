/* domain/proses/inbox.h — the officer's inbox (SPEC 5.1): the applications of the
 * officer's instansi whose running step has one of the officer's roles, in a unit the
 * officer works in (account_unit; no rows = every unit), in SLA due order (so overdue
 * first), with counts per step, filters and paging; and the officer home's counts.
 * An Admin Instansi sees every application of the instansi (to reassign them).
 * Read-only; strings in the caller's arena; times are ISO-8601 UTC text. */
#ifndef LOKET_INBOX_H
#define LOKET_INBOX_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define INBOX_PAGE 25

typedef struct {
    const char *text;        /* part of the number or the applicant's or company's name; NULL/"" none */
    int64_t jenis_izin_id;   /* 0 = all */
    const char *status;      /* NULL/"" = in process (diajukan, diproses); or "diajukan", "diproses", "perbaikan" */
    const char *tampil;      /* NULL/"" = all; "terlambat" = overdue only; "saya" = claimed by me */
    int page;                /* 1-based */
    int64_t known_total;     /* >= 0: how many match, already known (the sum of inbox_counts, or
                              * of their overdue, when nothing else is filtered), so no COUNT
                              * runs; -1: count them */
} inbox_filter;

typedef struct {
    int64_t id, version, claimed_by;
    const char *nomor, *status, *pemohon, *perusahaan, *jenis_izin, *step_name, *role_key, *due_at, *claimed_by_nama;
    int position, overdue;
} inbox_row;

typedef struct {
    const char *step_name;
    int64_t count, overdue;
    const char *next_due;    /* the earliest due moment not yet passed, NULL none: when
                              * `overdue` next changes without any write */
} inbox_count;

/* 1 if the officer sees the whole instansi (Admin Instansi). */
int inbox_sees_all(const account *officer);

/* One page of the inbox; *total is the number of matching rows. */
lk_err inbox_list(store_conn *c, arena *a, const account *officer, const inbox_filter *f, time_t now, inbox_row **rows,
                  size_t *n, int64_t *total);

/* Applications in process per running step name (with the overdue ones), by name. */
lk_err inbox_counts(store_conn *c, arena *a, const account *officer, time_t now, inbox_count **out, size_t *n);

/* The instansi's inbox version (migration 022): bumped by triggers in the transaction of
 * every change an inbox shows; 0 before the first. */
lk_err inbox_version_read(store_conn *c, int64_t instansi_id, int64_t *out);

/* The officer home: in the inbox, of them overdue, and claimed by the officer. */
lk_err inbox_summary(store_conn *c, const account *officer, time_t now, int64_t *open, int64_t *overdue,
                     int64_t *mine);

#endif
