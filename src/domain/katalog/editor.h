/* domain/katalog/editor.h — Admin Instansi's permit-type editor (SPEC 3, 5.2, 5.8): a
 * jenis izin's data, its settings per jenis permohonan (enabled, SLA, validity,
 * numbering formats), requirements, data teknis fields and workflows.
 *
 * Files: editor.c (jenis izin, settings, the shared revision check), editor_syarat.c
 * (requirements and data teknis fields), editor_alur.c (workflows).
 *
 * Rules every change follows:
 *   - Least privilege: the acting admin's instansi scopes every query; another
 *     instansi's jenis izin, requirement or field reads as LK_ERR_NOTFOUND.
 *   - Stale forms: each form carries the jenis izin's revision it was drawn from; a
 *     change made with an older revision is refused with LK_ERR_CONFLICT and nothing is
 *     written.  Every change bumps the revision.
 *   - Validation: LK_ERR_INVALID with `errs` keyed by the form's field ids, and nothing
 *     written.
 *   - One transaction per change, with its audit record ("izin.<verb>").
 *   - The public catalogue (katalog/catalogue.h) reads the same tables, so a change
 *     shows there at once.
 *   - A workflow edit never changes a workflow: it writes a NEW version with its steps;
 *     applications already submitted keep the steps they copied (permohonan_step), new
 *     ones take the highest version.
 *   - A requirement that submitted applications refer to is not deleted but marked
 *     removed (they keep it); one only drafts used is deleted and leaves the drafts.
 * All results live in the caller's arena. */
#ifndef LOKET_EDITOR_H
#define LOKET_EDITOR_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/katalog/catalogue.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/issues.h"

#define EDITOR_NAME_MAX 200        /* characters: jenis izin, requirement, step names */
#define EDITOR_SHORT_MAX 300
#define EDITOR_DESCRIPTION_MAX 2000
#define EDITOR_STEPS_MAX 20        /* steps in one workflow */
#define EDITOR_OPTIONS_MAX 30      /* options of a select field */

/* ---- the shared revision check (editor.c) ---- */

/* Starts the transaction of a change to jenis izin `id` of the actor's instansi drawn
 * at `revision`, and bumps the revision.  LK_ERR_NOTFOUND (not the actor's),
 * LK_ERR_CONFLICT (stale); on any error the transaction is rolled back. */
lk_err editor_begin(store_conn *c, const account *actor, int64_t id, int64_t revision);
/* Appends the audit record of the change and commits; rolls back on failure. */
lk_err editor_commit(store_conn *c, const account *actor, int64_t id, const char *action, const char *detail,
                     time_t now);

/* ---- jenis izin (editor.c) ---- */

typedef struct {
    int64_t id;
    const char *slug, *name, *unit_name;
    int active;
    int64_t revision;
} editor_izin_row;

/* Every jenis izin of the instansi, active or not, by unit and name. */
lk_err editor_izin_list(store_conn *c, arena *a, int64_t instansi_id, editor_izin_row **out, size_t *n);
/* The revision of one jenis izin of the instansi. */
lk_err editor_izin_revision(store_conn *c, int64_t instansi_id, int64_t id, int64_t *revision);

typedef struct {
    int64_t unit_id;
    const char *name, *short_description, *description, *document_type;
    int is_izin, active;
} editor_izin_input;

/* Adds a jenis izin (slug made from the name, unique in the instansi), with no jenis
 * permohonan enabled yet.  errs keys: unit, name, short_description, description,
 * document_type. */
lk_err editor_izin_create(store_conn *c, arena *a, const account *actor, const editor_izin_input *in, time_t now,
                          int64_t *id_out, issues *errs);
lk_err editor_izin_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                          const editor_izin_input *in, time_t now, issues *errs);

/* What the settings form of one jenis permohonan posts (numbers as text, to refuse
 * anything that is not one). */
typedef struct {
    int enabled;
    const char *sla_days, *validity_value, *validity_unit;
    const char *format_permohonan, *format_izin;   /* format_izin "" = none */
} editor_setting_input;

/* Saves the setting of `jp`.  errs keys (prefixed "<jp>-"): sla_days, validity_value,
 * validity_unit, format_permohonan, format_izin, enabled — a format without a counter
 * or with an unknown placeholder, an SLA shorter than the workflow's steps together, or
 * enabling a jenis permohonan that has no workflow yet, are refused. */
lk_err editor_setting_save(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           jenis_permohonan jp, const editor_setting_input *in, time_t now, issues *errs);

/* ---- requirements and data teknis fields (editor_syarat.c) ---- */

typedef struct {
    const char *name, *description;
    int wajib;
    int applies[JP_COUNT];
    int pdf, jpg, png;             /* accepted file types */
} editor_syarat_input;

/* errs keys: name, description, applies, types. */
lk_err editor_syarat_add(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                         const editor_syarat_input *in, time_t now, int64_t *sid_out, issues *errs);
lk_err editor_syarat_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                            int64_t sid, const editor_syarat_input *in, time_t now, issues *errs);
lk_err editor_syarat_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                            int64_t sid, time_t now);
/* Moves a requirement one place up (delta -1) or down (+1); at an end nothing moves. */
lk_err editor_syarat_move(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                          int64_t sid, int delta, time_t now);

/* The blank form of a requirement (a PDF the applicant downloads, fills in and uploads
 * back): `tmp_path` (an upload's temporary file; moved on success) is checked to be a
 * PDF, stored as DATA/forms/form-<random>.pdf and linked.  LK_ERR_INVALID with *msg for
 * a file that is not a PDF or is empty; the other errors as above.  The file of a
 * replaced form stays (a download may be under way); its row stays for the record. */
lk_err editor_syarat_form_set(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                              int64_t sid, const char *data_dir, const char *tmp_path, const char *file_name,
                              time_t now, const char **msg);
/* Unlinks the blank form of a requirement. */
lk_err editor_syarat_form_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                                 int64_t sid, time_t now);

typedef struct {
    const char *label, *key, *type, *options, *unit, *help;   /* key "": made from the label */
    int required;
} editor_field_input;

/* errs keys: label, key, type, options, unit, help.  A select needs two or more
 * options (one per line or separated by "|"); keys are [a-z][a-z0-9_]* (a tarif
 * formula names the value by it) and unique in the jenis izin. */
lk_err editor_field_add(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                        const editor_field_input *in, time_t now, int64_t *fid_out, issues *errs);
lk_err editor_field_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           int64_t fid, const editor_field_input *in, time_t now, issues *errs);
lk_err editor_field_remove(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           int64_t fid, time_t now);
lk_err editor_field_move(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                         int64_t fid, int delta, time_t now);

/* ---- workflows (editor_alur.c) ---- */

/* The kinds of step the editor offers, in the order of a usual workflow. */
typedef struct {
    const char *key, *label;
} editor_step_kind;
extern const editor_step_kind editor_step_kinds[];
extern const size_t editor_step_kind_count;

typedef struct {
    int position;
    const char *name, *role_key, *kind;
    int sla_days;
} editor_step;

/* The current (highest) version of the workflow of jenis izin × jp and its steps;
 * *version 0 and no steps when there is none yet. */
lk_err editor_alur_get(store_conn *c, arena *a, int64_t instansi_id, int64_t id, jenis_permohonan jp, int *version,
                       editor_step **steps, size_t *n);

/* What the workflow form posts for one row; rows with every field empty are ignored. */
typedef struct {
    const char *order, *name, *role_key, *kind, *sla_days;
    int remove;
} editor_step_input;

/* Writes a new version of the workflow from `rows` (ordered by their `order`, then as
 * given).  errs keys: "alur" for the whole workflow (empty, no penetapan step, more
 * steps than EDITOR_STEPS_MAX, SLA over the jenis permohonan's), "langkah-<i>-<field>"
 * (i = the row's index in `rows`, field name/role/kind/sla/order) for one row.
 * *version_out receives the new version. */
lk_err editor_alur_save(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                        jenis_permohonan jp, const editor_step_input *rows, size_t n, time_t now, int *version_out,
                        issues *errs);

#endif
