/* domain/tarif/retribusi.h — retribution in the workflow (SPEC 4.11, 5.2): the SKRD
 * assessment of an application (step kind hitung_retribusi) and its payment (step kind
 * konfirmasi_pembayaran).
 *
 *   retribusi_assess    the officer's inputs → the engine's lines and total, kept as a draft
 *   retribusi_confirm   the draft becomes the SKRD: number, payment code, due date; the
 *                       applicant is emailed
 *   pembayaran_record   the Bendahara records the payment with its reference; paid in full
 *   retribusi_bukti     the applicant uploads a proof of payment (kept in their Dokumen)
 * and, for the workflow's step-kind table, the predicates retribusi_step_ready and
 * pembayaran_step_ready: may the step be forwarded (Teruskan)?
 *
 * Every change is one transaction with its audit record (retribusi.hitung,
 * retribusi.tetapkan, pembayaran.catat), its history event and its mail.  Officer calls
 * take the officer's account: the application must belong to the officer's instansi, its
 * current step (permohonan_step 'berjalan') must be of the right kind and role, held by
 * the officer, in one of the officer's units.
 *
 * Memory: results live in the caller's arena; messages are static Indonesian sentences. */
#ifndef LOKET_RETRIBUSI_H
#define LOKET_RETRIBUSI_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/akun/account.h"
#include "domain/tarif/tarif.h"
#include "store/store.h"
#include "util/err.h"

#define RETRIBUSI_JATUH_TEMPO_DAYS 30

/* The facts of an application the fee pages need. */
typedef struct {
    int64_t id, instansi_id, account_id, jenis_izin_id, unit_id;
    const char *nomor, *status, *jenis_izin, *instansi_nama, *wilayah_code;
    const char *pemohon_nama, *pemohon_email;
    const char *data_teknis;      /* JSON object */
    /* The current step, when one is running. */
    int has_step;
    const char *step_kind, *step_role, *step_name;
} retribusi_permohonan;

/* The application: of instansi_id (an officer's view, instansi_id != 0) or of account_id
 * (the applicant's, account_id != 0).  Drafts and other people's: LK_ERR_NOTFOUND. */
lk_err retribusi_permohonan_get(store_conn *c, arena *a, int64_t permohonan_id, int64_t instansi_id,
                                int64_t account_id, retribusi_permohonan *out);

/* May `officer` act on the application's current step of `kind` ("hitung_retribusi",
 * "konfirmasi_pembayaran")?  LK_OK, or LK_ERR_DENIED with *msg: no such step running,
 * not the officer's role, or not one of the officer's units. */
lk_err retribusi_officer_may(store_conn *c, const account *officer, const retribusi_permohonan *p, const char *kind,
                             const char **msg);

typedef struct {
    int64_t id, permohonan_id, tarif_id;
    const char *status;           /* draf, ditetapkan, lunas */
    const char *masukan;          /* the inputs as JSON (tarif_masukan_json) */
    int64_t total;                /* Rupiah */
    const char *nomor_skrd, *kode_bayar, *jatuh_tempo;   /* NULL while a draft */
    const char *assessed_at, *confirmed_at;
    int64_t bukti_dokumen_id;     /* 0 = no proof uploaded */
    const char *bukti_at;
    tarif_baris *baris;
    size_t nbaris;
    /* The payment, once recorded. */
    int paid;
    int64_t paid_amount;
    const char *referensi, *tanggal_bayar, *recorded_at;
} retribusi;

/* The assessment of an application (any status), with its lines and payment.
 * LK_ERR_NOTFOUND when none was computed yet. */
lk_err retribusi_get(store_conn *c, arena *a, int64_t permohonan_id, retribusi *out);

/* Computes the fee with the tarif in force on `now`'s date and keeps it as the draft
 * (replacing an earlier draft), with audit record retribusi.hitung.
 *   LK_ERR_INVALID: an input or the formula refused (*h says which; *msg NULL), or no
 *     tarif in force (*msg says so); nothing stored.
 *   LK_ERR_CONFLICT: the SKRD is already confirmed (*msg).
 *   LK_ERR_DENIED: see retribusi_officer_may (*msg). */
lk_err retribusi_assess(store_conn *c, arena *a, const account *officer, int64_t permohonan_id,
                        const tarif_masukan *m, time_t now, tarif_hasil *h, const char **msg);

/* Confirms the draft: the SKRD number ("SKRD/" + the application's number), a 16-digit
 * payment code (unique; the instansi's wilayah digits, the year, random digits and a Luhn
 * check digit), the due date RETRIBUSI_JATUH_TEMPO_DAYS days later; an event, audit
 * record retribusi.tetapkan and the "skrd" mail with `link` (the applicant's SKRD page).
 * LK_ERR_NOTFOUND: no draft (*msg); LK_ERR_CONFLICT: already confirmed; DENIED as above. */
lk_err retribusi_confirm(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, const char *link,
                         time_t now, const char **msg);

/* Records the payment of a confirmed SKRD: `jumlah` must be its total (paid in full),
 * `referensi` 3–100 printable characters not used for another payment of the instansi,
 * `tanggal` a date "YYYY-MM-DD" not before the SKRD and not after today.  The SKRD
 * becomes lunas; event, audit record pembayaran.catat, mail "pembayaran_lunas".
 * LK_ERR_INVALID / LK_ERR_CONFLICT with *msg; DENIED as above. */
lk_err pembayaran_record(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, const char *jumlah,
                         const char *referensi, const char *tanggal, const char *link, time_t now, const char **msg);

/* The applicant's proof of payment: the file goes into their Dokumen (jenis "Bukti
 * Pembayaran Retribusi", nomor = the SKRD number) and is linked to the SKRD, which must be
 * confirmed and not yet paid.  LK_ERR_INVALID with *msg for a refused file; CONFLICT when
 * the SKRD is not awaiting payment. */
lk_err retribusi_bukti(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t permohonan_id,
                       const char *tmp_path, const char *file_name, const char **msg);

/* For the workflow's step-kind table (before Teruskan):
 *   hitung_retribusi       → retribusi_step_ready: the SKRD is confirmed (or paid)
 *   konfirmasi_pembayaran  → pembayaran_step_ready: the payment is recorded
 * 1 = ready; 0 = not ready, *msg says why (Indonesian, static); -1 = database error. */
int retribusi_step_ready(store_conn *c, int64_t permohonan_id, const char **msg);
int pembayaran_step_ready(store_conn *c, int64_t permohonan_id, const char **msg);

#endif
