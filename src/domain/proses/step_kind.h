/* domain/proses/step_kind.h — the kinds of workflow steps (SPEC 5.2) as one table: per
 * kind, what must hold before the step may be forwarded, which panel the officer's page
 * shows for it, and whether the step decides (Setujui / Tolak) rather than forwards.
 *
 * A new kind plugs in by adding a row to the table in step_kind.c (and its key to the
 * CHECK of workflow_step.kind): the fee kinds (hitung_retribusi, konfirmasi_pembayaran)
 * take their `ready` checks from domain/tarif/retribusi.c.  Issuance is tanda_tangan's: its
 * `ready` asks for a granted penetapan and an active signing key, its `done` issues the
 * signed permit (domain/izin/izin.h), so the permit exists when penyerahan runs.  Nothing
 * else in the runtime names a kind. */
#ifndef LOKET_STEP_KIND_H
#define LOKET_STEP_KIND_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* The step being forwarded, for a kind's check and its completion. */
typedef struct {
    int64_t permohonan_id;
    int64_t step_id;
    int64_t instansi_id;
    int64_t officer_id;        /* who forwards it */
    time_t now;
    const char *data_dir;      /* DATA: signing keys, the permit's PDF */
    const char *base_url;      /* for links in mails and the permit's QR */
    /* tanda tangan: the PAdES signer's configuration and what the signer typed
     * (domain/izin/izin_tte.h); NULL elsewhere. */
    const struct izin_tte_input *tte;
} step_ref;

typedef struct {
    const char *key;      /* workflow_step.kind: "verifikasi_berkas" */
    const char *label;    /* Indonesian name shown to officers: "Verifikasi berkas" */
    /* The panel of the officer's page (a section of template petugas-permohonan named
     * panel_<panel>), NULL for none: "syarat", "tinjau", "rekomendasi", "data_teknis",
     * "retribusi", "pembayaran" (links to the Bendahara's page, web/retribusi.c). */
    const char *panel;
    int decides;          /* 1: Setujui / Tolak instead of Teruskan (penetapan) */
    /* What must hold before Teruskan (or Setujui): LK_OK, or LK_ERR_INVALID with *why
     * set to an Indonesian sentence; other codes are database failures.  NULL: nothing.
     * Runs inside the action's transaction, after the application's row is locked. */
    lk_err (*ready)(store_conn *c, const step_ref *s, const char **why);
    /* What the step's completion produces (after `ready`, once the step is finished and
     * before the next one starts), in the action's transaction; same answers as
     * `ready`.  NULL: nothing. */
    lk_err (*done)(store_conn *c, arena *a, const step_ref *s, const char **why);
} step_kind;

/* The row for `key`, or NULL for a kind the runtime does not know (treated as plain). */
const step_kind *step_kind_find(const char *key);
/* The officer-facing label of a kind, or the key itself when unknown. */
const char *step_kind_label(const char *key);

#endif
