/* domain/keluhan/keluhan.h — complaints, *Keluhan* (SPEC 4.13, 5.7).
 *
 * An applicant files a complaint to their instansi (kategori, text, an optional attachment,
 * optionally about one of their applications); a public visitor files one to an instansi
 * with a name and an email and confirms it through an emailed link, whose token (only its
 * SHA-256 is stored, in keluhan_token) stays their key to the complaint; every answer mail
 * brings a new key.  Officers of the instansi see the queue, answer, and move the status
 * Baru → Diproses → Selesai; the complainant is emailed, may reply while it is open and
 * may reopen it within KELUHAN_REOPEN_DAYS of Selesai.
 *
 * Every change is one transaction with its mail (and, for officers, its audit record:
 * keluhan.jawab; keluhan.lihat for opening one).  Attachments pass the document locker's
 * checks (dokumen_file_accept) and live in DATA/files/kel-<random>.<ext>.
 * Memory: results in the caller's arena; messages are static Indonesian sentences. */
#ifndef LOKET_KELUHAN_H
#define LOKET_KELUHAN_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "store/store.h"
#include "util/err.h"

#define KELUHAN_ISI_MIN 10
#define KELUHAN_ISI_MAX 4000
#define KELUHAN_REOPEN_DAYS 10
#define KELUHAN_VERIFY_HOURS 48
#define KELUHAN_TYPES "pdf,jpg,png"

/* The categories: key (stored) and label (shown). */
typedef struct {
    const char *key, *label;
} keluhan_kategori;
extern const keluhan_kategori KELUHAN_KATEGORI[];
extern const size_t KELUHAN_KATEGORI_COUNT;
const char *keluhan_kategori_label(const char *key);   /* the key itself when unknown */
const char *keluhan_status_label(const char *status);  /* "Baru", "Diproses", … */

/* What a complainant typed; the attachment is an upload's temporary file (or NULL). */
typedef struct {
    const char *kategori, *isi;
    int64_t permohonan_id;        /* 0 = none */
    const char *nama, *email;     /* public visitors only */
    int64_t instansi_id;          /* public visitors only */
    const char *lampiran_path, *lampiran_name;
    const char *lang;             /* public visitors: the page's language, for their mails */
} keluhan_input;

typedef enum { KF_KATEGORI, KF_ISI, KF_PERMOHONAN, KF_NAMA, KF_EMAIL, KF_INSTANSI, KF_LAMPIRAN, KF_COUNT } keluhan_field;
typedef struct {
    const char *msg[KF_COUNT];
    int count;
} keluhan_errors;

/* The checks of keluhan_file before anything is stored (the fields, the instansi, the
 * related application): LK_ERR_INVALID with *err filled, or LK_OK with the complaint's
 * instansi in *instansi_out.  For a caller that must refuse bad input before counting a
 * mail against a limit. */
lk_err keluhan_check(store_conn *c, const account *pemohon, const keluhan_input *in, int64_t *instansi_out,
                     keluhan_errors *err);

/* Files a complaint by `pemohon` (an active applicant; instansi: that of the related
 * application, else the applicant's own) or, when pemohon is NULL, by a public visitor
 * (status belum_verifikasi, and the "keluhan_verifikasi" mail with a link to
 * base_url/keluhan/lihat?t=TOKEN).  LK_ERR_INVALID with *err filled (nothing stored, an
 * attachment left to its owner); LK_OK with *id_out.  The attachment file is moved on
 * success only (*claimed set). */
lk_err keluhan_file(store_conn *c, arena *a, const char *data_dir, const account *pemohon, const keluhan_input *in,
                    const char *base_url, time_t now, int64_t *id_out, int *claimed, keluhan_errors *err);

typedef struct {
    const char *at, *dari, *isi;  /* dari: pelapor, petugas, sistem */
    const char *petugas;          /* the officer's name for an answer */
} keluhan_pesan;

typedef struct {
    int64_t id, instansi_id, account_id, permohonan_id;
    const char *nomor;            /* "KEL-000123": a reference to quote */
    const char *nama, *email, *kategori, *isi, *status, *instansi_nama;
    const char *permohonan_nomor; /* NULL when none */
    const char *lampiran_name, *lampiran_storage, *lampiran_type;
    const char *created_at, *verified_at, *first_answer_at, *selesai_at;
    int can_reopen;               /* selesai, within KELUHAN_REOPEN_DAYS at the time asked */
    keluhan_pesan *pesan;
    size_t npesan;
} keluhan;

/* One complaint with its messages, seen by an officer of instansi_id (not the unverified
 * ones), by its applicant (account_id), or by whoever holds a link (token).  Set exactly
 * one of them; anything else reads as LK_ERR_NOTFOUND. */
lk_err keluhan_get(store_conn *c, arena *a, int64_t id, int64_t instansi_id, int64_t account_id, time_t now,
                   keluhan *out);
lk_err keluhan_by_token(store_conn *c, arena *a, const char *token, time_t now, keluhan *out);

/* The instansi's queue (status "" = every verified one; else that status), or an
 * applicant's own complaints; newest first, at most 200, without messages. */
lk_err keluhan_list(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, const char *status,
                    keluhan **out, size_t *n);
/* Per status of the instansi's verified complaints (baru, diproses, selesai). */
lk_err keluhan_counts(store_conn *c, int64_t instansi_id, int64_t counts[3]);

/* A public visitor's link: belum_verifikasi → baru.  LK_ERR_NOTFOUND for an unknown
 * token; LK_ERR_INVALID (*msg) when it expired; LK_OK when verified (or already was). */
lk_err keluhan_verify(store_conn *c, arena *a, const char *token, time_t now, int64_t *id_out, const char **msg);

/* An officer's answer: text (1..KELUHAN_ISI_MAX characters) and the new status
 * (diproses or selesai); first_answer_at is set by the first answer.  Mails the
 * complainant (a public visitor's mail carries a new link).  LK_ERR_INVALID with *msg. */
lk_err keluhan_answer(store_conn *c, arena *a, const account *officer, int64_t id, const char *isi, const char *status,
                      const char *base_url, time_t now, const char **msg);

/* The complainant's reply to an open complaint (not selesai), or — `reopen` set — the
 * reopening of a selesai one within KELUHAN_REOPEN_DAYS (back to diproses, the text as
 * its reason).  The caller has checked who is asking (keluhan_get / keluhan_by_token).
 * LK_ERR_INVALID / LK_ERR_CONFLICT with *msg. */
lk_err keluhan_reply(store_conn *c, arena *a, int64_t id, int64_t account_id, const char *isi, int reopen, time_t now,
                     const char **msg);

#endif
