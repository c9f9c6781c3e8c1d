/* domain/surat/outbox.h — the durable mail outbox (SPEC 6) and the texts of the mails.
 *
 * A mail is queued with outbox_queue() inside the transaction of the change that causes
 * it (a registration, an approval, ...), so the mail exists if and only if the change
 * committed: nothing is lost when the SMTP server is down, and nothing is sent for a
 * change that was rolled back.  The mailer (domain/surat/mailer.h) delivers queued mails
 * later, with retries.  mail_compose() writes the texts of the seeds in Indonesian, or in
 * English line by line through the translation table (util/phrase.h, assets/i18n/en.tsv).
 *
 * Addresses are printable ASCII `local@domain` without spaces or any of <>()[],;:\"
 * (they go into SMTP commands and headers).  Subjects are one line of at most
 * OUTBOX_SUBJECT_MAX characters; bodies are plain text, at most OUTBOX_BODY_MAX bytes,
 * with lines ending in LF or CRLF.  Everything must be valid UTF-8. */
#ifndef LOKET_OUTBOX_H
#define LOKET_OUTBOX_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

#define OUTBOX_SUBJECT_MAX 250      /* characters (code points) */
#define OUTBOX_BODY_MAX 65536       /* bytes */
#define OUTBOX_KIND_MAX 40          /* bytes of [a-z0-9_]; part of .eml file names */

/* Queues one mail as 'pending', due now.  Call it between store_begin and store_commit
 * on `c`: the mail is then committed or rolled back together with the caller's change.
 * `instansi_id` is the sending office, 0 for none.  `kind` names the mail
 * ("verifikasi"; [a-z0-9_], 1..OUTBOX_KIND_MAX).  Strings are borrowed for the call.
 * Returns LK_ERR_INVALID for a bad kind or address, CR/LF or another control character
 * in the subject, an empty subject or body, or invalid UTF-8; LK_ERR_TOOBIG over the
 * limits above; otherwise what the insert returned (LK_ERR_CONFLICT: no such instansi). */
lk_err outbox_queue(store_conn *c, int64_t instansi_id, const char *kind, const char *to,
                    const char *subject, const char *body);

/* How many mails are pending (including being sent right now), sent and failed for
 * good — for the admin page. */
lk_err outbox_stats(store_conn *c, int64_t *pending, int64_t *sent, int64_t *failed);
/* When the oldest pending mail was queued (0: none is pending). */
lk_err outbox_oldest_pending(store_conn *c, time_t *created);

/* ---- the mail status for Admin Instansi (web/surat.c) ---- */
typedef struct {
    int64_t id, attempts;
    const char *kind, *to, *subject, *status, *last_error, *created_at, *sent_at;
} outbox_row;
/* The office's newest mails (at most `limit`), newest first, in a. */
lk_err outbox_list(store_conn *c, arena *a, int64_t instansi_id, int limit, outbox_row **rows, size_t *n);
/* Kirim ulang: a failed mail of this office becomes pending again, due now (its attempts
 * and last error kept).  LK_ERR_NOTFOUND if it is not this office's or not failed. */
lk_err outbox_resend(store_conn *c, int64_t instansi_id, int64_t id, time_t now);

/* 1 if `addr` is an address outbox_queue accepts (see above), else 0. */
int mail_address_valid(const char *addr);

/* Writes the subject and body of a mail of `kind` in `lang` (the recipient's: "id", "en";
 * anything else is Indonesian) with {placeholders} replaced by
 * `vars`, a NULL-terminated list of key, value pairs: {"nama", "Siti", "link", url, NULL}.
 * Values are inserted as they are (plain text: nothing to escape).  Kinds and the
 * placeholders they use (every body also uses {instansi}, the office's name, in the
 * signature):
 *   registrasi_diterima  {kontak}  (kontak_mail_text of domain/katalog/kontak.h; may be "")
 *   verifikasi           {nama} {link} {berlaku_sampai}  (e.g. "12 Mei 2025 pukul 14.00 WIB")
 *   registrasi_ditolak   {nama} {alasan}
 *   kredensial           {nama} {username} {password} {link}  (link: the Log In page)
 *   reset_password       {nama} {link} {berlaku_sampai}
 *   permohonan_dibuat    {nama} {nomor} {jenis_izin} {link} {kontak}
 *   permohonan_diproses  {nama} {nomor} {jenis_izin} {link} {tahap_selesai} {tahap_berikut}
 *   permohonan_perbaikan {nama} {nomor} {jenis_izin} {link} {catatan}
 *   permohonan_ditolak   {nama} {nomor} {jenis_izin} {link} {alasan}
 *   permohonan_disetujui {nama} {nomor} {jenis_izin} {link} {tahap_berikut}
 *   permohonan_selesai   {nama} {nomor} {jenis_izin} {link}
 *   skrd                 {nama} {nomor} {jenis_izin} {nomor_skrd} {total} {kode_bayar}
 *                        {jatuh_tempo} {rincian} {link}
 *   pembayaran_lunas     {nama} {nomor} {nomor_skrd} {total} {referensi} {link}
 *   keluhan_verifikasi   {nama} {link}
 *   keluhan_dijawab      {nama} {nomor} {kategori} {status} {jawaban} {link}
 *   izin_terbit          {nama} {nomor} {jenis_izin} {masa_berlaku} {link} {verifikasi}
 *   izin_pengingat       {nama} {nomor} {jenis_izin} {hari} {berlaku_sampai} {link}
 * Values must not be NULL.  *subject and *body are allocated in `a`.  Returns
 * LK_ERR_INVALID for an unknown kind, a placeholder without a value, a value that is not
 * valid UTF-8, or a subject outbox_queue would refuse (a value with CR/LF in it;
 * LK_ERR_TOOBIG when too long). */
lk_err mail_compose(const char *lang, const char *kind, const char *const *vars, arena *a, const char **subject,
                    const char **body);

#endif
