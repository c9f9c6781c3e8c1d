/* domain/permohonan/permohonan.h — a new application, *Tambah* (SPEC 4.8): its server-side draft,
 * the completeness rule that lights up *Buat*, and the one transaction of *Buat* that
 * numbers it and puts it into its workflow.  No HTTP here: web/permohonan.c reads the
 * forms and renders the pages.
 *
 * A draft is a `permohonan` row with status 'draft' and no nomor, owned by one applicant
 * (another applicant's id reads as LK_ERR_NOTFOUND everywhere).  It carries the seeds'
 * fields — Jenis Permohonan, No. Izin Lama, Instansi, Unit, Jenis Izin, Tipe Pemohon,
 * Perusahaan, Lokasi Izin — the Data Teknis values as a JSON object of strings, and one
 * `permohonan_syarat` row per requirement of the jenis izin that applies to the chosen
 * jenis permohonan (a document of the locker and the *Terpenuhi* tick).
 *
 * Values are kept as typed (trimmed) so the page can show them with a message; the rule
 * (permohonan_check) says what is still missing or wrong, and permohonan_submit applies
 * the same rule again inside its transaction.
 *
 * Memory: every string in these structs is allocated in the caller's arena or borrowed
 * from the caller.  Messages and labels are static Indonesian phrases that html/i18n.h
 * translates, or texts of the catalogue (requirement names, data teknis labels). */
#ifndef LOKET_PERMOHONAN_H
#define LOKET_PERMOHONAN_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/katalog/catalogue.h"
#include "domain/permohonan/receipt.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* Length limits, in characters, stated on the page. */
#define PERMOHONAN_IZIN_LAMA_MAX 100
#define PERMOHONAN_LOKASI_NAMA_MAX 200
#define PERMOHONAN_LOKASI_ALAMAT_MAX 500
#define PERMOHONAN_DT_TEXT_MAX 200
#define PERMOHONAN_DT_TEXTAREA_MAX 1000
/* Drafts an applicant may keep at once. */
#define PERMOHONAN_DRAFT_MAX 100

#define PERMOHONAN_PERORANGAN "perorangan"
#define PERMOHONAN_PERUSAHAAN "perusahaan"

/* One requirement row of an application. */
typedef struct {
    int64_t persyaratan_id;
    int position;
    const char *name, *description;   /* description may be NULL */
    int wajib;
    const char *accepted_types;       /* "pdf,jpg,png" */
    int64_t blank_form_id;            /* 0 = none */
    const char *blank_form_name;
    int64_t dokumen_id;               /* 0 = none chosen */
    const char *dokumen_jenis, *dokumen_file_name, *dokumen_type;   /* of the chosen one */
    int64_t dokumen_owner;            /* account of the chosen document */
    int terpenuhi;
    /* The officer's requirement check (domain/proses): "sesuai", "tidak_sesuai" or NULL,
     * and its note (what to fix during perbaikan), NULL when none. */
    const char *cek, *cek_note;
} permohonan_syarat;

/* A Data Teknis value by its field key. */
typedef struct {
    const char *key, *value;
} permohonan_nilai;

typedef struct {
    int64_t id, account_id, instansi_id;
    int64_t unit_id, jenis_izin_id, perusahaan_id, workflow_id;   /* 0 = none */
    jenis_permohonan jp;
    const char *nomor_izin_lama, *tipe_pemohon, *lokasi_nama, *lokasi_alamat;   /* never NULL */
    int64_t izin_lama_id;             /* the permit of tab Izin a Perpanjangan/Perubahan starts
                                       * from; 0 = none, or a free-text number (not verified) */
    permohonan_nilai *data_teknis;
    size_t data_teknis_count;
    const char *status;               /* "draft", "diajukan", ... */
    const char *nomor;                /* NULL while a draft */
    const char *submitted_at, *created_at, *updated_at;
    const char *instansi_slug, *instansi_name, *office_name;
    const char *unit_name, *jenis_izin_slug, *jenis_izin_name;   /* NULL when not chosen */
    permohonan_syarat *syarat;
    size_t syarat_count;
} permohonan;

/* Something missing or wrong, tied to a field of the page. */
typedef struct {
    const char *key;      /* the field's id: "jenis_izin", "dt-no_str", "syarat-12" */
    const char *label;    /* the field's label */
    const char *msg;      /* what is wrong: "wajib diisi." */
} permohonan_issue;

typedef struct {
    permohonan_issue *items;   /* in the arena given to the function that filled it */
    size_t count, cap;
} permohonan_issues;

/* What a draft form posts.  A NULL string means "not sent: keep the stored value"; ""
 * clears it.  Ids are decimal text as posted (anything else is refused with a message). */
typedef struct {
    int64_t persyaratan_id;
    const char *dokumen;      /* a document id of the locker, "" = none, NULL = keep */
    int terpenuhi;
} permohonan_pilihan;

typedef struct {
    const char *jenis_permohonan, *nomor_izin_lama, *instansi, *unit, *jenis_izin;
    const char *tipe_pemohon, *perusahaan, *lokasi_nama, *lokasi_alamat;
    const permohonan_nilai *data_teknis;   /* values for the draft's current jenis izin */
    size_t data_teknis_count;
    const permohonan_pilihan *syarat;      /* rows shown on the page */
    size_t syarat_count;
} permohonan_input;

/* A new draft for the applicant in `instansi_id` (their own office by default).  Called
 * on the first save of *Tambah*, never on opening it, so no empty rows pile up.
 * LK_ERR_TOOBIG when PERMOHONAN_DRAFT_MAX drafts exist. */
lk_err permohonan_draft_new(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t *id_out);

/* A new draft that a counter officer (SPEC 5.6) enters for the applicant `account_id` in
 * the officer's instansi; permohonan.entered_by records the officer.  Always a new row.
 * LK_ERR_TOOBIG when PERMOHONAN_DRAFT_MAX drafts exist.  Joins the caller's transaction
 * when one is open (store.h). */
lk_err permohonan_draft_new_at_counter(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t officer_id,
                                       int64_t *id_out);

/* *Hapus*: deletes the owner's draft and its requirement rows in one transaction; the
 * documents chosen for them stay in the locker.  LK_ERR_NOTFOUND when not the applicant's,
 * LK_ERR_CONFLICT when it is no longer a draft (nothing changed). */
lk_err permohonan_draft_delete(store_conn *c, int64_t account_id, int64_t id);

/* The owner's application with its requirement rows; LK_ERR_NOTFOUND for another's. */
lk_err permohonan_get(store_conn *c, arena *a, int64_t account_id, int64_t id, permohonan *out);

/* The chosen jenis izin with settings, requirements and fields; LK_ERR_NOTFOUND when the
 * draft has none (or it is no longer offered). */
lk_err permohonan_jenis_izin(store_conn *c, arena *a, const permohonan *p, jenis_izin_detail *out);

/* A jenis izin the Jenis Izin list offers. */
typedef struct {
    int64_t id;
    const char *name;
} permohonan_option;

/* The active jenis izin of a unit that can be applied for as `jp`, by name. */
lk_err permohonan_jenis_izin_options(store_conn *c, arena *a, int64_t unit_id, jenis_permohonan jp,
                                     permohonan_option **out, size_t *n);

/* 1 if a requirement's accepted types ("pdf,jpg,png"; "jpeg" = "jpg") include the
 * document type `mime` ("application/pdf", ...). */
int permohonan_type_accepted(const char *accepted_types, const char *mime);

/* The value of Data Teknis field `key`, or "" (borrowed from p). */
const char *permohonan_nilai_of(const permohonan *p, const char *key);

/* Saves what the draft form posted, in one transaction.  A changed instansi clears unit
 * and jenis izin, a changed unit clears the jenis izin (the cascade); a value that does
 * not fit (a unit of another instansi, a jenis izin of another unit, an unknown jenis
 * permohonan, a document type the requirement does not accept) is not stored and gets a
 * message in *msgs.  Changing the jenis izin or jenis permohonan rebuilds the requirement
 * rows (rows that still apply keep their document and tick).
 *   LK_ERR_NOTFOUND: no such draft of this applicant, or a company or document that is
 *     not theirs: nothing changed.
 *   LK_ERR_CONFLICT: the application is no longer a draft: nothing changed. */
lk_err permohonan_draft_save(store_conn *c, arena *a, int64_t account_id, int64_t id, const permohonan_input *in,
                             permohonan_issues *msgs);

/* Stores an upload for requirement `persyaratan_id` of the owner's draft in the document
 * locker (dokumen_store_upload, with the requirement's name and accepted types) and
 * chooses it for that row.  LK_ERR_NOTFOUND when the draft or row is not the applicant's
 * (checked before anything is stored); LK_ERR_CONFLICT when no longer a draft;
 * LK_ERR_INVALID with *msg for a refused file (nothing stored); other errors with *msg. */
lk_err permohonan_attach_upload(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t id,
                                int64_t persyaratan_id, const char *tmp_path, const char *file_name,
                                int64_t *dokumen_id, const char **msg);

/* The completeness rule of *Buat*: every required field, No. Izin Lama for Perpanjangan
 * and Perubahan, a jenis izin of the chosen unit and instansi that is offered for the
 * jenis permohonan, the applicant's own company for Tipe Pemohon Perusahaan, valid Data
 * Teknis, and for every wajib requirement a document of the applicant's, of an accepted
 * type, with *Terpenuhi* ticked.  `ji` is the draft's jenis izin or NULL.  Appends one
 * issue per problem to *missing (empty = complete). */
lk_err permohonan_check(store_conn *c, arena *a, const permohonan *p, const jenis_izin_detail *ji,
                        permohonan_issues *missing);

typedef struct {
    const char *nomor;        /* the application's number */
    int already;              /* 1: it had been submitted before (a double click) */
} permohonan_submitted;

/* *Buat*, in one transaction: re-checks the rule, takes the number of the unit's counter
 * (number_next), sets status 'diajukan', nomor, submitted_at and the newest workflow of
 * the jenis izin × jenis permohonan, copies its steps (the first one running with its SLA
 * due date from calendar_due, the others waiting), records the event 'diajukan' and
 * queues the mail 'permohonan_dibuat' to the applicant with a link to
 * base_url/pemohon/permohonan/<id>/lacak.  An application submitted before answers LK_OK
 * with already = 1 and its number (one application, one number).
 *   LK_ERR_INVALID: incomplete; *missing says what (nothing changed).
 *   LK_ERR_NOTFOUND: not the applicant's. */
lk_err permohonan_submit(store_conn *c, arena *a, const account *applicant, int64_t id, const char *base_url,
                         time_t now, permohonan_submitted *out, permohonan_issues *missing);

/* The bukti pendaftaran of the owner's submitted application as a PDF appended to *pdf
 * (domain/permohonan/receipt.h): what was applied for, the requirements and their ticks, the
 * expected completion from the jenis izin's SLA in working days, and a QR code of
 * `tracking_url`.  LK_ERR_NOTFOUND for a draft or another applicant's application. */
lk_err permohonan_bukti(store_conn *c, arena *a, const account *applicant, int64_t id, const char *tracking_url,
                        const receipt_lang *lang, buf *pdf);

#endif
