/* domain/izin/izin.h — issued permits (SPEC 4.7, 4.12, 5.5): issuance, the applicant's
 * list, revocation and the state a permit is in.
 *
 * izin_issue is what the workflow calls when an application whose penetapan granted it
 * reaches its end (after tanda tangan): in the caller's transaction it numbers the
 * permit (gap-free, numbering.h, kind "izin"), fixes holder, lokasi, Data Teknis and
 * validity, signs the public fields with the instansi's active key (izin_code.h), writes
 * the PDF (izin_pdf.h) to DATA/izin, adds it to the holder's Dokumen, records the event
 * and the audit record and queues the mail — all or nothing, except the PDF file, which
 * stays behind (unreferenced, DATA/izin/izin-<random>.pdf) when the caller rolls back.
 *
 * No HTTP here.  Memory: strings in the structs are allocated in the caller's arena;
 * messages (*msg) are static Indonesian sentences that html/i18n.h translates. */
#ifndef LOKET_IZIN_H
#define LOKET_IZIN_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/izin/izin_code.h"
#include "domain/katalog/catalogue.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* The number format of a jenis izin whose setting has none. */
#define IZIN_NUMBER_FORMAT_DEFAULT "503/{NNNN}/IZIN/{YYYY}"

struct izin_tte_input;

typedef struct {
    const char *data_dir;      /* PDFs go to DATA/files, keys are read from DATA/keys */
    const char *base_url;      /* for the verification address and the mail's links */
    /* The PAdES signature of the PDF (izin_tte.h): the configuration and what the signer
     * typed.  NULL: the local signer when the signer has a certificate (it then refuses
     * for want of a passphrase), else only the QR signature. */
    const struct izin_tte_input *tte;
} izin_env;

typedef struct {
    int64_t id;
    const char *nomor;         /* the permit's number */
    const char *kode;          /* the short code printed for typing: "K7P2-9QXM" */
    const char *verify_url;    /* BASE/v/<code>, the QR's content */
    int already;               /* 1: the application had its permit already (same answer) */
} izin_issued;

/* Issues the permit of application `permohonan_id`, signed in the name of officer
 * `signer_account_id` (an active Penandatangan of the application's instansi), at `now`.
 * Must run inside the caller's transaction (store_begin … store_commit).
 *   LK_OK: *out filled; for an application that has its permit already, already = 1 and
 *     nothing changed.
 *   LK_ERR_NOTFOUND: no such application.
 *   LK_ERR_CONFLICT: a draft or refused application (*msg says so).
 *   LK_ERR_DENIED: the signer is not an active Penandatangan of its instansi.
 *   LK_ERR_INVALID: the instansi has no active signing key, the number format is bad, or
 *     a public field cannot be signed (*msg says which). */
lk_err izin_issue(store_conn *c, arena *a, const izin_env *env, int64_t permohonan_id, int64_t signer_account_id,
                  time_t now, izin_issued *out, const char **msg);

/* What must hold before a *tanda tangan* step may be forwarded: the instansi has an
 * active signing key whose private half is readable in DATA/keys.  LK_OK, or
 * LK_ERR_INVALID with *msg (the same sentences izin_issue gives). */
lk_err izin_ready(store_conn *c, const char *data_dir, int64_t instansi_id, const char **msg);

/* For an application decided outside Loket's workflow (a command; the demo): in one
 * transaction its open steps are closed, it becomes 'selesai' with an event, and
 * izin_issue runs.  Same answers as izin_issue; an application that has its permit
 * answers it (already = 1) and changes nothing. */
lk_err izin_finish_and_issue(store_conn *c, arena *a, const izin_env *env, int64_t permohonan_id,
                             int64_t signer_account_id, time_t now, izin_issued *out, const char **msg);

typedef struct {
    int64_t id, permohonan_id, account_id, instansi_id, jenis_izin_id, izin_lama_id, dokumen_id;
    jenis_permohonan jp;
    const char *nomor, *kode, *jenis_izin_name, *document_type, *wilayah_code, *pemegang, *tipe_pemohon;
    const char *lokasi_nama, *lokasi_alamat;
    const char *data_teknis;            /* JSON array of [label, value] */
    const char *berlaku_dari;           /* "YYYY-MM-DD" */
    const char *berlaku_sampai;         /* "YYYY-MM-DD" or "" for no expiry */
    const char *signer_nama, *signer_nip, *signer_jabatan, *issued_at, *kid, *signature;
    const char *status;                 /* stored: "berlaku" or "dicabut" */
    const char *revoked_at, *revoke_reason;   /* "" unless revoked */
    const char *pdf_storage_name;
    const char *instansi_name, *office_name, *permohonan_nomor;
    const char *izin_lama_nomor;        /* "" when none */
    /* The PAdES signature of the PDF (izin_tte.h): the certificate's name, the time
     * (ISO) and the signer ("lokal", "remote"); all "" when the PDF has none. */
    const char *tte_signer, *tte_at, *tte_mode;
    /* Its RFC 3161 timestamp (baseline B-T): the time (ISO) and the TSA; "" without one. */
    const char *tte_ts_at, *tte_tsa;
} izin_rec;

/* "berlaku", "kedaluwarsa" or "dicabut" on WIB calendar day `today` ("YYYY-MM-DD"). */
const char *izin_state(const izin_rec *z, const char *today);
/* The label of a state: "Berlaku", "Kedaluwarsa", "Dicabut". */
const char *izin_state_label(const char *state);
/* The WIB calendar day of t, "YYYY-MM-DD", allocated in a. */
const char *izin_today(arena *a, time_t t);
/* ymd plus n days (n may be negative); NULL when ymd is no date. */
const char *izin_day_add(arena *a, const char *ymd, int n);

/* The signed public fields of a permit and its QR code / verification address. */
void izin_signed_of(const izin_rec *z, izin_signed *f);
lk_err izin_verify_url(arena *a, const izin_rec *z, const char *base_url, const char **url);

/* The holder's permits, newest first. */
lk_err izin_list(store_conn *c, arena *a, int64_t account_id, izin_rec **out, size_t *n);
/* One permit: the holder's (account_id), or any (account_id 0, for officers: the caller
 * then checks instansi_id).  LK_ERR_NOTFOUND otherwise. */
lk_err izin_get(store_conn *c, arena *a, int64_t account_id, int64_t id, izin_rec *out);
/* An instansi's permits, newest first (at most `limit`), optionally those whose number
 * or holder contains q. */
lk_err izin_list_instansi(store_conn *c, arena *a, int64_t instansi_id, const char *q, int limit, izin_rec **out,
                          size_t *n);
/* By number (exact), for commands and the officers. */
lk_err izin_get_by_nomor(store_conn *c, arena *a, const char *nomor, izin_rec *out);

/* Revokes a permit of `instansi_id` (0: any, for a command): status 'dicabut' with the
 * reason, an audit record, in one transaction.  LK_ERR_NOTFOUND: not that instansi's;
 * LK_ERR_CONFLICT: revoked already; LK_ERR_INVALID: no reason (1–500 characters). */
lk_err izin_revoke(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, int64_t id, const char *reason,
                   time_t now);

#endif
