/* domain/akun/registration.h — the Registrasi Pemohon wizard's rules (SPEC 4.1): its fields,
 * the server-side draft, the checks of each step, the identity scan, and the one
 * transaction that turns a finished draft into an applicant account.  No HTTP here: the
 * handlers (web/registrasi.c) read the form and render the pages.
 *
 * The draft lives in registration_draft, keyed by the session (its id_hash), with the
 * typed values as a JSON object, so the wizard works without JavaScript, survives a
 * reload and keeps values on Prev.  The identity scan is moved into
 * DATA/files/identitas-<random>.<ext> as soon as it is accepted and is referenced by the
 * draft, later by pemohon_profile.
 *
 * Memory: every string in these structs is allocated in the caller's arena (or borrowed
 * from the caller for values it put in).  Messages are static Indonesian sentences that
 * html/i18n.h translates by phrase. */
#ifndef LOKET_REGISTRATION_H
#define LOKET_REGISTRATION_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* The wizard's fields in the seeds' order.  RF_LAMPIRAN is the identity scan: it has a
 * message slot but no typed value (the draft's identity_* fields hold it). */
typedef enum {
    /* step 1: Data User */
    RF_USERNAME, RF_NAMA, RF_EMAIL, RF_INSTANSI,
    /* step 2: Identitas User */
    RF_TIPE_IDENTITAS, RF_NO_IDENTITAS, RF_JENIS_KELAMIN, RF_PEKERJAAN, RF_TEMPAT_LAHIR,
    RF_TANGGAL_LAHIR, RF_NPWP, RF_LAMPIRAN,
    /* step 3: Kontak & Alamat */
    RF_TELEPON, RF_HP, RF_ALAMAT, RF_PROVINSI, RF_KABUPATEN, RF_KECAMATAN, RF_DESA, RF_KODE_POS,
    RF_COUNT
} reg_field;

typedef struct {
    const char *key;        /* form field name and JSON key: "username" */
    int step;               /* 1..3 */
    int max_chars;          /* the length limit stated in the hint (code points) */
    int required;
} reg_field_info;

/* The field table, indexed by reg_field. */
extern const reg_field_info REG_FIELDS[RF_COUNT];

/* Identity types (pemohon_profile.tipe_identitas) and sexes (L / P). */
#define REG_TIPE_KTP "KTP"
#define REG_TIPE_SIM "SIM"
#define REG_TIPE_PASSPORT "PASSPORT"

/* Accepted identity scans, by content (util/filetype.h). */
#define REG_IDENTITY_TYPES "jpg,png,pdf"

typedef struct {
    const char *v[RF_COUNT];       /* as typed and trimmed; NULL = never entered */
    int step;                      /* the furthest step reached, 1..3 */
    const char *identity_file;     /* name under DATA/files, NULL = no scan yet */
    const char *identity_mime;     /* "image/jpeg", "image/png", "application/pdf" */
    const char *identity_name;     /* the applicant's file name, for display only */
    const char *lang;              /* the language of the pages it was typed on, for the
                                    * account's mails ("id", "en"; NULL = "id"); not stored
                                    * in the draft: the caller sets it before submitting */
} reg_draft;

typedef struct {
    const char *msg[RF_COUNT];     /* the message next to each field, NULL = fine */
    int count;
} reg_errors;

/* Copies `value` into the draft for `f`, trimmed of surrounding ASCII whitespace; the
 * username is lowercased (ASCII), since usernames are one account regardless of case.
 * Allocated in `a`.  Any length is taken (the check says "too long" and the page shows
 * what was typed), but registration_draft_save leaves out a value of more than 4 bytes
 * per allowed character, so the stored draft stays small. */
void registration_set(reg_draft *d, arena *a, reg_field f, const char *value);

/* The draft of a session: LK_OK with *d filled, or LK_OK with an empty draft (step 1)
 * when there is none. */
lk_err registration_draft_load(store_conn *c, arena *a, const char *session_hash, reg_draft *d);
/* Creates or replaces the draft of a session. */
lk_err registration_draft_save(store_conn *c, const char *session_hash, const reg_draft *d, time_t now);

/* Checks the fields of one step (1..3) and records a message per bad field in *err
 * (which is not cleared first, so steps can accumulate).  Includes the checks that need
 * the database: username and email not taken by an account that is not rejected,
 * the instansi exists, the kecamatan of a NIK exists, and the wilayah cascade (each
 * region exists, has the right level and lies inside the one above).
 * Returns LK_OK when the step is valid, LK_ERR_INVALID when *err got messages, or a
 * database error. */
lk_err registration_check_step(store_conn *c, arena *a, const reg_draft *d, int step, reg_errors *err);

/* The first step (1..3) that is not valid yet, or 4 when the draft is complete;
 * *err receives that step's messages.  LK_OK or a database error. */
lk_err registration_first_incomplete(store_conn *c, arena *a, const reg_draft *d, int *step,
                                     reg_errors *err);

/* How much of the wizard is filled, 0..100, for the "Proses Registrasi" indicator: the
 * share of required fields (the scan included) that have a value. */
int registration_progress(const reg_draft *d);
/* The same rule split for the page's live indicator: the required fields filled on steps
 * other than `step`, and in *required how many required fields there are in all. */
int registration_progress_elsewhere(const reg_draft *d, int step, int *required);

/* Accepts an identity scan: checks its bytes (JPEG, PNG or PDF, util/filetype.h), moves
 * `tmp_path` with rename() to DATA/files/identitas-<random>.<ext> (never the
 * applicant's name), records it in the draft and saves the draft; the scan it replaces
 * is deleted only after the draft was saved.  `file_name` is the name the browser sent
 * (kept for display, without any folder part).
 *   LK_OK: *d now references the new file (strings allocated in a).
 *   LK_ERR_INVALID: refused, *msg says why (empty, not JPEG/PNG/PDF); nothing stored.
 *   LK_ERR_IO / LK_ERR_DB / ...: nothing stored; the temporary file is left to its
 *     owner. */
lk_err registration_attach_identity(store_conn *c, arena *a, const char *data_dir,
                                    const char *session_hash, reg_draft *d,
                                    const char *tmp_path, const char *file_name, time_t now,
                                    const char **msg);

/* *Daftar*: checks every step again, then in ONE transaction inserts the account (kind
 * pemohon, status 'menunggu', the username as lowercased), its pemohon_profile (the
 * identity number, NPWP and phone numbers in their normalised forms), queues the mail
 * "registrasi_diterima" to the applicant and deletes the draft.  When the instansi
 * approves registrations automatically, the approval (approval_approve_tx: status
 * 'disetujui' and the verification mail) happens inside the same transaction.
 *   LK_OK: *account_id is the new account.
 *   LK_ERR_INVALID: *err has the messages and *bad_step the first step with one.
 *   LK_ERR_CONFLICT: the username or email was taken meanwhile (two registrations
 *     racing); rolled back, *err has "Username sudah dipakai" / "Email sudah terdaftar"
 *     and *bad_step is 1.
 *   other: rolled back (nothing of the account exists; the draft and its scan stay). */
lk_err registration_submit(store_conn *c, arena *a, const char *session_hash, const reg_draft *d,
                           const char *base_url, time_t now, int64_t *account_id,
                           reg_errors *err, int *bad_step);

/* Inserts the applicant account (kind pemohon, `status`, the username lowercased) and its
 * pemohon_profile (identity number, NPWP and phones normalised) from a checked draft,
 * in the caller's transaction; no mail.  `registered_by` is the counter officer who
 * registered a walk-in (also recorded as the one who decided, at `now`), 0 for the
 * wizard.  LK_ERR_CONFLICT when the username or email is taken. */
lk_err registration_insert_tx(store_conn *c, arena *a, const reg_draft *d, int64_t instansi_id, const char *status,
                              int64_t registered_by, time_t now, int64_t *account_id);

/* *taken = 1 when an account that is not rejected already has the draft's identity
 * document (the same type and normalised number).  An invalid number is not taken. */
lk_err registration_identity_taken(store_conn *c, const reg_draft *d, int *taken);

#endif
