/* domain/permohonan/lacak.h — reading applications back (SPEC 4.6, 4.9): an applicant's list with
 * filters, one application's workflow steps and event history for its owner or an
 * officer of its instansi, and public tracking by number plus the application's tracking
 * code (domain/permohonan/kode_lacak.h).
 *
 * Read-only.  Who may see what is decided here, not in the handlers: every lookup takes
 * the asker (account or instansi) and an application of someone else reads as
 * LK_ERR_NOTFOUND, exactly like one that does not exist.  All strings are allocated in
 * the caller's arena; dates are ISO-8601 UTC text as stored ("2026-11-22T13:18:38Z"). */
#ifndef LOKET_LACAK_H
#define LOKET_LACAK_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* One application as a row of a list. */
typedef struct {
    int64_t id;
    const char *nomor;            /* NULL while a draft */
    const char *status;           /* draft diajukan diproses perbaikan ditolak selesai */
    const char *jenis_izin;       /* NULL until chosen in the draft */
    const char *jenis_permohonan; /* baru perpanjangan perubahan */
    const char *perusahaan;       /* company name, NULL for perorangan */
    const char *tanggal;          /* submitted_at, or created_at for a draft */
} lacak_row;

/* Filters of the applicant's list; NULL or "" means no filter. */
typedef struct {
    const char *text;             /* part of the number, jenis izin or company (any case) */
    const char *from_iso;         /* tanggal >= this moment (ISO UTC) */
    const char *until_iso;        /* tanggal < this moment (ISO UTC) */
} lacak_filter;

#define LACAK_LIST_MAX 100

/* The applicant's applications matching f, newest first, at most LACAK_LIST_MAX in
 * *rows (arena); *total receives how many match in all. */
lk_err lacak_list(store_conn *c, arena *a, int64_t account_id, const lacak_filter *f,
                  lacak_row **rows, size_t *count, int64_t *total);

/* A workflow step of an application.  status: menunggu, berjalan, selesai. */
typedef struct {
    int position;
    const char *name, *role_key, *role_name, *status;
    int sla_days;
    const char *started_at, *due_at, *finished_at;   /* NULL when not (yet) so */
    int paused_days;              /* working days this step waited for a perbaikan */
} lacak_step;

/* One event of the history.  role_name is the officer's role, "Pemohon" for the
 * applicant, "Sistem" when nobody acted. */
typedef struct {
    const char *at, *role_name, *kind, *note;
} lacak_event;

typedef struct {
    lacak_row p;
    int64_t instansi_id;
    const char *instansi;         /* office name */
    lacak_step *steps;
    size_t nsteps;
    lacak_event *events;          /* oldest first; none for public tracking */
    size_t nevents;
    int paused_days;              /* working days paused for perbaikan so far */
} lacak_detail;

/* A submitted application of this applicant with its steps and events.  LK_ERR_NOTFOUND
 * for another applicant's application, a draft, or no such id. */
lk_err lacak_for_pemohon(store_conn *c, arena *a, int64_t account_id, int64_t permohonan_id,
                         lacak_detail *out);
/* The same for an officer: any submitted application of the officer's instansi. */
lk_err lacak_for_petugas(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id,
                         lacak_detail *out);

/* Public tracking: the application numbered `nomor` when `kode` is its tracking code (as
 * typed: any case, hyphens and spaces allowed).  Fills only the number, status, jenis
 * izin and the steps — no personal data, no events (out->p.perusahaan is NULL).
 * LK_ERR_NOTFOUND for a wrong pair, whether or not the number exists (same work, same
 * time); LK_ERR_INVALID when kode is not 10 characters of the code's alphabet or nomor
 * is empty/too long. */
lk_err lacak_public(store_conn *c, arena *a, const char *nomor, const char *kode, lacak_detail *out);

/* The overall due date of a submitted application in *due: the sum of its steps' SLAs
 * in working days from submission, moved by the days paused (domain/proses/sla.h). */
lk_err lacak_overall_due(store_conn *c, arena *a, const lacak_detail *d, time_t *due);

/* Indonesian label of an application status ("Diproses"), of a step status ("Sedang
 * diproses"), and of an event kind ("Permohonan diajukan"; unknown kinds as stored).
 * Static strings. */
const char *lacak_status_label(const char *status);
const char *lacak_step_label(const char *status);
const char *lacak_event_label(const char *kind);

#endif
