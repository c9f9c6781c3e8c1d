/* demo/demo.h — the demo data of SPEC 3: the seeds' two offices (Kota Pangkalpinang,
 * Kabupaten Muara Enim) with their units, permit types, requirement lists and blank
 * forms.  Safe to run twice: existing rows are updated, nothing is duplicated. */
#ifndef LOKET_DEMO_H
#define LOKET_DEMO_H
#include <stddef.h>
#include "store/store.h"
#include "util/err.h"

/* Writes the demo master data; blank-form files go under data_dir/forms/.  Requires the
 * wilayah to be imported (the instansi refer to 19.71 and 16.03). */
lk_err demo_load(store *s, const char *data_dir, char *err, size_t errlen);

/* Writes Indonesia's national holidays and cuti bersama of 2026 and the fixed-date ones
 * of 2027 into hari_libur (demo/demo_calendar.c); safe to run twice. */
lk_err demo_holidays_load(store *s, char *err, size_t errlen);

/* Creates one officer per role in each demo office (demo/demo_officers.c), all with
 * `password` and no forced change; calls report() for each (new or existing). */
typedef void (*demo_officer_fn)(void *ctx, const char *instansi_slug, const char *username,
                                const char *role_name);
lk_err demo_officers_load(store *s, const char *password, demo_officer_fn report, void *ctx);

/* Writes version 1 of a workflow for every demo jenis izin × enabled jenis permohonan
 * (demo/demo_workflow.c); requires demo_load first.  On failure err says which. */
lk_err demo_workflows_load(store *s, char *err, size_t errlen);

/* Writes version 1 of the tarif of every paid demo jenis izin that has none yet
 * (demo/demo_tarif.c); requires demo_load first. */
lk_err demo_tarif_load(store *s, char *err, size_t errlen);

/* A signing key for each demo office and demo permits to scan — valid, expired and
 * revoked — of the demo applicant pemohon.demo (with `password`); prints each permit's
 * verification address (demo/demo_izin.c).  Requires the officers first. */
lk_err demo_izin_load(store *s, const char *data_dir, const char *base_url, const char *password, char *err,
                      size_t errlen);

/* Electronic signatures (issue 14, demo/demo_tte.c): a throwaway demo CA and a demo
 * certificate for each office's Penandatangan, opened with this passphrase; printed.
 * Run before demo_izin_load, whose permits are then signed with them too. */
#define DEMO_TTE_PASSPHRASE "demo-tte-2026"
lk_err demo_tte_load(store *s, const char *data_dir, char *err, size_t errlen);

#endif
