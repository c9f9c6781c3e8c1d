/* domain/proses/step_records.h — what an officer records on the current step without
 * moving it (SPEC 5.2, 5.3): the requirement check (sesuai / tidak sesuai with a note)
 * at verifikasi berkas, tinjau lapangan's scheduled date and report, the text of a
 * rekomendasi; Ambil (claim) and the Admin Instansi's reassignment.
 *
 * Each passes the gate of guard.h (so it bumps the application's version and claims it
 * for the officer), is refused on a step of another kind, and writes an audit record in
 * its transaction.  Refusals leave nothing changed and say why in *msg. */
#ifndef LOKET_STEP_RECORDS_H
#define LOKET_STEP_RECORDS_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/proses/guard.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define CEK_NOTE_MAX 1000
#define REKOMENDASI_MAX 4000

/* One requirement's check as posted: cek "sesuai", "tidak_sesuai" or "" (not checked
 * yet: left as it was). */
typedef struct {
    int64_t persyaratan_id;
    const char *cek, *note;
} cek_input;

/* Saves the checks of the rows given; a tidak_sesuai row needs a note. */
lk_err proses_cek_syarat(store_conn *c, arena *a, const account *officer, const proses_target *t, const cek_input *rows,
                         size_t n, time_t now, const char **msg);

/* Tinjau lapangan: the scheduled date ("YYYY-MM-DD", required) and, when not 0, the
 * report (a document the officer uploaded with dokumen_store_upload). */
lk_err proses_tinjau(store_conn *c, arena *a, const account *officer, const proses_target *t, const char *jadwal,
                     int64_t laporan_dokumen_id, time_t now, const char **msg);

/* Rekomendasi: its text (1..REKOMENDASI_MAX characters). */
lk_err proses_rekomendasi(store_conn *c, arena *a, const account *officer, const proses_target *t, const char *text,
                          time_t now, const char **msg);

/* Ambil: the officer takes the current step (refused when another has it). */
lk_err proses_ambil(store_conn *c, arena *a, const account *officer, const proses_target *t, time_t now,
                    const char **msg);

/* Reassignment by an Admin Instansi: the current step goes to officer `to_id`, an active
 * officer of the instansi who holds the step's role and works in its unit. */
lk_err proses_alihkan(store_conn *c, arena *a, const account *admin, const proses_target *t, int64_t to_id, time_t now,
                      const char **msg);

/* The officers an Admin may give the current step of application `id` to: active, of
 * the instansi, holding the step's role.  Arrays in a. */
typedef struct {
    int64_t id;
    const char *nama, *username;
} proses_officer;
lk_err proses_candidates(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id, proses_officer **out,
                         size_t *n);

#endif
