/* domain/proses/aksi.h — the actions that move an application through its workflow
 * (SPEC 5.2, 4.10): Teruskan, Setujui / Tolak at penetapan, Tolak with a reason,
 * Kembalikan ke pemohon (perbaikan, with a note per requirement) and back to an earlier
 * step with a reason.
 *
 * Each action is one transaction: the gate (guard.h: instansi, role, unit, step,
 * version, claim), the kind's check (step_kind.h), the change of the steps and the
 * application, the history event, the audit record (who, from step, to step, note) and
 * the applicant's mail.  Any refusal leaves nothing changed and says why in *msg.
 * Officers see the application's version in their form; the caller passes it back. */
#ifndef LOKET_AKSI_H
#define LOKET_AKSI_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/proses/guard.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

typedef enum { AKSI_TERUSKAN, AKSI_SETUJUI, AKSI_TOLAK, AKSI_KEMBALIKAN, AKSI_KEMBALI_TAHAP } aksi_kind;

/* Length limits of what an officer types, in characters. */
#define AKSI_ALASAN_MIN 5
#define AKSI_ALASAN_MAX 1000
#define AKSI_CATATAN_MAX 1000

/* A note for one requirement (Kembalikan ke pemohon). */
typedef struct {
    int64_t persyaratan_id;
    const char *note;      /* "" = no note for this requirement */
} aksi_catatan;

typedef struct {
    aksi_kind kind;
    proses_target target;
    const char *note;      /* Tolak, Kembali: the reason (required); Teruskan/Setujui/Kembalikan: optional */
    int to_position;       /* AKSI_KEMBALI_TAHAP: an earlier step */
    const aksi_catatan *catatan;   /* AKSI_KEMBALIKAN */
    size_t ncatatan;
    /* Teruskan at tanda tangan: the electronic signature's passphrase or TOTP and the
     * signer configuration (domain/izin/izin_tte.h); borrowed, never stored. */
    const struct izin_tte_input *tte;
} aksi_input;

typedef struct {
    const char *status;    /* the application's status after the action */
    int position;          /* the current step after it (0: none) */
} aksi_result;

/* Runs the action.  LK_ERR_INVALID (bad or missing input, or the kind's check failed),
 * LK_ERR_DENIED, LK_ERR_NOTFOUND, LK_ERR_CONFLICT (stale form, claimed by another): *msg
 * says why.  `base_url` is for the link in the mail; `data_dir` is where a step's product
 * goes (tanda tangan's signed permit, read with the signing keys in DATA/keys). */
lk_err aksi_run(store_conn *c, arena *a, const account *officer, const aksi_input *in, const char *data_dir,
                const char *base_url, time_t now, aksi_result *out, const char **msg);

/* The action names of the audit trail ("permohonan.teruskan"). */
const char *aksi_audit_name(aksi_kind k);

#endif
