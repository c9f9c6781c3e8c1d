/* domain/proses/berkas.h — an application as an officer of its instansi reads it (SPEC
 * 5.1–5.3): the application with its requirement rows and their check (through
 * permohonan_get), its steps with what their kinds recorded, the claim and the pause;
 * and the officer's view of a file of it, recorded in the audit trail.
 * Another instansi's application reads as LK_ERR_NOTFOUND. */
#ifndef LOKET_BERKAS_H
#define LOKET_BERKAS_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/permohonan/dokumen.h"
#include "domain/permohonan/permohonan.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    int64_t id;
    int position, sla_days, paused_days;
    const char *name, *role_key, *role_name, *kind, *status;
    const char *started_at, *due_at, *finished_at, *finished_by_nama;   /* NULL when not so */
    const char *jadwal, *catatan, *outcome;                              /* NULL when none */
    int64_t laporan_dokumen_id;
    const char *laporan_file_name;
} berkas_step;

typedef struct {
    permohonan p;                     /* the application, its data teknis and requirement rows */
    int64_t applicant_instansi_id;    /* the applicant's own instansi (for approval_get) */
    int64_t version, claimed_by;
    const char *claimed_by_nama, *claimed_at, *paused_at;
    int paused_days, perbaikan_position;
    berkas_step *steps;
    size_t nsteps;
    int current;                      /* index of the running step, -1 when none */
} berkas;

lk_err berkas_get(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id, berkas *out);

/* Records that the officer opened the application's page (audit "permohonan.lihat"). */
lk_err berkas_lihat(store_conn *c, const account *officer, int64_t permohonan_id, time_t now);

/* A file of the application — a requirement's document or a step's report — for an
 * officer of its instansi, with the view recorded (audit "dokumen.lihat") in one
 * transaction.  LK_ERR_NOTFOUND for any other document. */
lk_err berkas_file(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, int64_t dokumen_id,
                   const char *data_dir, time_t now, dokumen_file *out);

#endif
