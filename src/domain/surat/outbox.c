/* domain/surat/outbox.c — queueing mails in the outbox table and composing their texts (see
 * outbox.h).  Validation happens here, at the door: the mailer trusts what it reads back,
 * so nothing that could break a header or a file name gets into the table. */
#include "domain/surat/outbox.h"
#include "util/datetime.h"
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include "util/buf.h"
#include "util/phrase.h"
#include "util/text.h"

enum { ADDRESS_MAX = 254, LOCAL_PART_MAX = 64 };   /* RFC 5321 path and local-part limits */

/* ---- validation ----------------------------------------------------------------- */

int mail_address_valid(const char *addr)
{
    size_t len = strlen(addr);
    const char *at = strchr(addr, '@');
    if (len < 3 || len > ADDRESS_MAX || !at || at == addr || at[1] == '\0' ||
        strchr(at + 1, '@') || (size_t)(at - addr) > LOCAL_PART_MAX)
        return 0;
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
        if (*p <= ' ' || *p >= 0x7f || strchr("<>()[],;:\\\"", *p)) return 0;
    }
    /* The domain: no empty labels. */
    return at[1] != '.' && addr[len - 1] != '.' && !strstr(at, "..");
}

static bool kind_valid(const char *kind)
{
    size_t len = strlen(kind);
    return len >= 1 && len <= OUTBOX_KIND_MAX &&
           strspn(kind, "abcdefghijklmnopqrstuvwxyz0123456789_") == len;
}

/* A subject is one header line: any control character (CR and LF above all) could add
 * headers of the sender's choosing. */
static lk_err check_subject(const char *subject)
{
    size_t len = strlen(subject);
    if (len == 0 || !utf8_valid(subject, len)) return LK_ERR_INVALID;
    for (const unsigned char *p = (const unsigned char *)subject; *p; p++) {
        if (*p < ' ' || *p == 0x7f) return LK_ERR_INVALID;
    }
    return utf8_length(subject) > OUTBOX_SUBJECT_MAX ? LK_ERR_TOOBIG : LK_OK;
}

static lk_err check_body(const char *body)
{
    size_t len = strlen(body);
    if (len == 0 || !utf8_valid(body, len)) return LK_ERR_INVALID;
    return len > OUTBOX_BODY_MAX ? LK_ERR_TOOBIG : LK_OK;
}

/* ---- the outbox table ----------------------------------------------------------- */

lk_err outbox_queue(store_conn *c, int64_t instansi_id, const char *kind, const char *to,
                    const char *subject, const char *body)
{
    if (!kind_valid(kind) || !mail_address_valid(to)) return LK_ERR_INVALID;
    lk_err e = check_subject(subject);
    if (e == LK_OK) e = check_body(body);
    if (e != LK_OK) return e;
    return store_exec(c,
                      "INSERT INTO outbox (instansi_id, kind, to_addr, subject, body, "
                      "next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6)",
                      STORE_P(instansi_id ? SP_I(instansi_id) : SP_N, SP_T(kind), SP_T(to),
                              SP_T(subject), SP_T(body), SP_I(time(NULL))),
                      NULL);
}

lk_err outbox_stats(store_conn *c, int64_t *pending, int64_t *sent, int64_t *failed)
{
    *pending = *sent = *failed = 0;
    store_rows *r = store_query(c, "SELECT status, count(*) FROM outbox GROUP BY status",
                                STORE_NOP);
    if (!r) return LK_ERR_DB;
    int more;
    while ((more = store_next(r)) == 1) {
        const char *status = store_text(r, 0);
        int64_t n = store_int(r, 1);
        if (strcmp(status, "pending") == 0) *pending = n;
        else if (strcmp(status, "sent") == 0) *sent = n;
        else *failed = n;   /* the CHECK constraint leaves only 'failed' */
    }
    store_rows_close(r);
    return more == 0 ? LK_OK : LK_ERR_DB;
}

lk_err outbox_oldest_pending(store_conn *c, time_t *created)
{
    *created = 0;
    store_rows *r = store_query(c, "SELECT MIN(created_at) FROM outbox WHERE status = 'pending'", STORE_NOP);
    if (!r) return LK_ERR_DB;
    int more = store_next(r);
    if (more == 1 && !store_is_null(r, 0) && datetime_parse(store_text(r, 0), created) != 0) *created = 0;
    store_rows_close(r);
    return more >= 0 ? LK_OK : LK_ERR_DB;
}

lk_err outbox_list(store_conn *c, arena *a, int64_t instansi_id, int limit, outbox_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT id, attempts, kind, to_addr, subject, status, last_error, created_at, sent_at FROM outbox "
        "WHERE instansi_id = $1 ORDER BY id DESC LIMIT $2",
        STORE_P(SP_I(instansi_id), SP_I(limit)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int more;
    while ((more = store_next(r)) == 1) {
        *rows = arena_grow(a, *rows, &cap, *n, sizeof **rows);
        outbox_row *o = &(*rows)[(*n)++];
        o->id = store_int(r, 0);
        o->attempts = store_int(r, 1);
        o->kind = arena_strdup(a, store_text(r, 2));
        o->to = arena_strdup(a, store_text(r, 3));
        o->subject = arena_strdup(a, store_text(r, 4));
        o->status = arena_strdup(a, store_text(r, 5));
        o->last_error = store_text(r, 6) ? arena_strdup(a, store_text(r, 6)) : NULL;
        o->created_at = arena_strdup(a, store_text(r, 7));
        o->sent_at = store_text(r, 8) ? arena_strdup(a, store_text(r, 8)) : NULL;
    }
    store_rows_close(r);
    return more == 0 ? LK_OK : LK_ERR_DB;
}

lk_err outbox_resend(store_conn *c, int64_t instansi_id, int64_t id, time_t now)
{
    int64_t changed = 0;
    lk_err e = store_exec(c,
        "UPDATE outbox SET status = 'pending', next_attempt_at = $3, claimed_until = 0 "
        "WHERE id = $1 AND instansi_id = $2 AND status = 'failed'",
        STORE_P(SP_I(id), SP_I(instansi_id), SP_I(now)), &changed);
    if (e == LK_OK && changed == 0) e = LK_ERR_NOTFOUND;
    return e;
}

/* ---- texts ---------------------------------------------------------------------- */

typedef struct {
    const char *kind;
    const char *subject;
    const char *body;      /* the signature below is appended */
} mail_text;

/* The seeds' wording (SPEC 4.1–4.4).  Links stand on a line of their own, so no mail
 * program wraps them and a reader can copy them whole. */
static const mail_text mail_texts[] = {
    {"registrasi_diterima", "Registrasi Pemohon",
     "Terima kasih telah melakukan pendaftaran. Anda akan mendapatkan notifikasi jika "
     "pendaftaran anda telah disetujui.\n"
     "\n"
     "{kontak}"},
    {"verifikasi", "Verifikasi Pendaftaran",
     "Hi {nama}, klik link berikut ini untuk verifikasi pendaftaran anda:\n"
     "\n"
     "{link}\n"
     "\n"
     "Link ini berlaku sampai {berlaku_sampai} dan hanya dapat digunakan satu kali. "
     "Jika anda tidak merasa mendaftar, abaikan email ini.\n"},
    {"registrasi_ditolak", "Registrasi Pemohon Ditolak",
     "Hi {nama}, mohon maaf, pendaftaran anda belum dapat disetujui dengan alasan:\n"
     "\n"
     "{alasan}\n"
     "\n"
     "Silakan perbaiki data anda lalu lakukan Registrasi Pemohon kembali.\n"},
    {"kredensial", "Informasi User",
     "Hi {nama}, berikut ini adalah informasi user anda:\n"
     "\n"
     "Username : {username}\n"
     "Password : {password}\n"
     "\n"
     "Password ini wajib diganti saat anda Log In pertama kali. Log In di alamat berikut:\n"
     "\n"
     "{link}\n"},
    {"reset_password", "Lupa Password",
     "Hi {nama}, kami menerima permintaan Lupa password untuk akun anda. Klik link berikut "
     "ini untuk membuat password baru:\n"
     "\n"
     "{link}\n"
     "\n"
     "Link ini berlaku sampai {berlaku_sampai} dan hanya dapat digunakan satu kali. Jika "
     "anda tidak meminta penggantian password, abaikan email ini; password anda tidak "
     "berubah.\n"},
    {"permohonan_dibuat", "Permohonan Izin {nomor}",
     "Hi {nama}, Permohonan Izin telah selesai dibuat.\n"
     "\n"
     "No. Permohonan : {nomor}\n"
     "Jenis Izin     : {jenis_izin}\n"
     "\n"
     "Ikuti proses permohonan anda dan unduh bukti pendaftaran di alamat berikut:\n"
     "\n"
     "{link}\n"
     "\n"
     "{kontak}"},
    /* The workflow runtime (domain/proses/aksi.c, perbaikan.c): every step the applicant
     * should know of. */
    {"permohonan_diproses", "Permohonan {nomor}: tahap {tahap_selesai} selesai",
     "Hi {nama}, permohonan anda telah menyelesaikan tahap {tahap_selesai} dan sekarang "
     "berada di tahap {tahap_berikut}.\n"
     "\n"
     "No. Permohonan : {nomor}\n"
     "Jenis Izin     : {jenis_izin}\n"
     "\n"
     "Ikuti proses permohonan anda di alamat berikut:\n"
     "\n"
     "{link}\n"},
    {"permohonan_perbaikan", "Permohonan {nomor} perlu perbaikan",
     "Hi {nama}, permohonan anda dikembalikan untuk perbaikan. Yang perlu diperbaiki:\n"
     "\n"
     "{catatan}\n"
     "Perbaiki dokumen atau data tersebut lalu tekan Kirim Perbaikan di alamat berikut. "
     "Selama menunggu perbaikan, batas waktu layanan dihentikan sementara.\n"
     "\n"
     "{link}\n"},
    {"permohonan_ditolak", "Permohonan {nomor} ditolak",
     "Hi {nama}, mohon maaf, permohonan {jenis_izin} anda dengan nomor {nomor} ditolak "
     "dengan alasan:\n"
     "\n"
     "{alasan}\n"
     "\n"
     "Rincian permohonan dapat dilihat di alamat berikut:\n"
     "\n"
     "{link}\n"},
    {"permohonan_disetujui", "Permohonan {nomor} disetujui",
     "Hi {nama}, permohonan {jenis_izin} anda dengan nomor {nomor} telah disetujui dan "
     "sekarang berada di tahap {tahap_berikut}.\n"
     "\n"
     "Ikuti proses permohonan anda di alamat berikut:\n"
     "\n"
     "{link}\n"},
    {"permohonan_selesai", "Permohonan {nomor} selesai",
     "Hi {nama}, permohonan {jenis_izin} anda dengan nomor {nomor} telah selesai diproses.\n"
     "\n"
     "Rincian permohonan dapat dilihat di alamat berikut:\n"
     "\n"
     "{link}\n"},
    /* Retribution and complaints (issue 13). */
    {"skrd", "SKRD {nomor_skrd}: retribusi permohonan {nomor}",
     "Hi {nama}, retribusi permohonan anda telah ditetapkan (Surat Ketetapan Retribusi Daerah).\n"
     "\n"
     "No. Permohonan : {nomor}\n"
     "Jenis Izin     : {jenis_izin}\n"
     "No. SKRD       : {nomor_skrd}\n"
     "Total          : Rp {total}\n"
     "Kode Bayar     : {kode_bayar}\n"
     "Jatuh Tempo    : {jatuh_tempo}\n"
     "\n"
     "Rincian:\n"
     "{rincian}\n"
     "Bayar dengan kode bayar di atas sebelum jatuh tempo. Rincian SKRD dan unggah bukti bayar:\n"
     "\n"
     "{link}\n"},
    {"pembayaran_lunas", "Pembayaran retribusi {nomor_skrd} diterima",
     "Hi {nama}, pembayaran retribusi permohonan {nomor} sebesar Rp {total} telah kami terima "
     "dan dicatat dengan referensi {referensi}. Permohonan anda dilanjutkan ke tahap berikutnya.\n"
     "\n"
     "{link}\n"},
    {"keluhan_verifikasi", "Verifikasi Keluhan",
     "Hi {nama}, klik link berikut ini untuk mengirim keluhan anda ke {instansi}:\n"
     "\n"
     "{link}\n"
     "\n"
     "Simpan email ini: link yang sama membuka keluhan anda, jawaban petugas dan balasan anda. "
     "Jika anda tidak merasa mengirim keluhan, abaikan email ini.\n"},
    {"keluhan_dijawab", "Keluhan {nomor}: {status}",
     "Hi {nama}, keluhan anda ({kategori}) telah ditanggapi petugas. Status: {status}.\n"
     "\n"
     "{jawaban}\n"
     "\n"
     "Baca dan balas di alamat berikut:\n"
     "\n"
     "{link}\n"},
    /* Issuance and expiry (SPEC 4.12, 6). */
    {"izin_terbit", "Izin {nomor} telah terbit",
     "Hi {nama}, izin anda telah terbit dan ditandatangani secara elektronik.\n"
     "\n"
     "Nomor Izin   : {nomor}\n"
     "Jenis Izin   : {jenis_izin}\n"
     "Masa Berlaku : {masa_berlaku}\n"
     "\n"
     "Unduh izin (PDF) di tab Izin pada Profil dan Permohonan:\n"
     "\n"
     "{link}\n"
     "\n"
     "Siapa saja dapat memeriksa keaslian izin ini dengan memindai kode QR pada izin atau di alamat berikut:\n"
     "\n"
     "{verifikasi}\n"},
    {"izin_pengingat", "Izin {nomor} berakhir dalam {hari} hari",
     "Hi {nama}, izin anda akan berakhir dalam {hari} hari.\n"
     "\n"
     "Nomor Izin     : {nomor}\n"
     "Jenis Izin     : {jenis_izin}\n"
     "Berlaku sampai : {berlaku_sampai}\n"
     "\n"
     "Ajukan Perpanjangan dari tab Izin agar izin tetap berlaku:\n"
     "\n"
     "{link}\n"},
};

static const char mail_signature[] =
    "\n"
    "Hormat kami,\n"
    "{instansi}\n"
    "\n"
    "Email ini dikirim secara otomatis oleh sistem; mohon tidak membalas email ini.\n";

static const char *var_value(const char *const *vars, const char *name, size_t name_len)
{
    for (size_t i = 0; vars && vars[i] && vars[i + 1]; i += 2) {
        if (strlen(vars[i]) == name_len && memcmp(vars[i], name, name_len) == 0)
            return vars[i + 1];
    }
    return NULL;
}

/* Appends `text` to `out` with every {name} replaced by its value, in one pass: a value
 * that itself contains "{x}" stays as it is. */
static lk_err expand(const char *text, const char *const *vars, buf *out)
{
    const char *p = text;
    while (*p) {
        size_t plain = strcspn(p, "{");
        buf_put(out, p, plain);
        p += plain;
        if (!*p) break;
        const char *end = strchr(p, '}');
        if (!end) return LK_ERR_INTERNAL;   /* our own texts are always closed */
        const char *value = var_value(vars, p + 1, (size_t)(end - p - 1));
        if (!value) return LK_ERR_INVALID;
        buf_puts(out, value);
        p = end + 1;
    }
    return LK_OK;
}

/* Appends `text` translated into lang line by line (each line of a mail text is one phrase
 * of assets/i18n/en.tsv, its {placeholders} included), then expanded. */
static lk_err expand_in(const char *lang, const char *text, const char *const *vars, buf *out)
{
    buf line = BUF_INIT;
    lk_err e = LK_OK;
    for (const char *p = text; *p && e == LK_OK;) {
        size_t n = strcspn(p, "\n");
        buf_reset(&line);
        buf_put(&line, p, n);
        const char *shown = n ? phrase_in(lang, buf_str(&line)) : "";
        e = expand(shown, vars, out);
        p += n;
        if (*p == '\n') {
            buf_puts(out, "\n");
            p++;
        }
    }
    buf_free(&line);
    return e;
}

lk_err mail_compose(const char *lang, const char *kind, const char *const *vars, arena *a, const char **subject,
                    const char **body)
{
    const mail_text *text = NULL;
    for (size_t i = 0; i < sizeof mail_texts / sizeof mail_texts[0]; i++) {
        if (strcmp(mail_texts[i].kind, kind) == 0) text = &mail_texts[i];
    }
    if (!text) return LK_ERR_INVALID;
    for (size_t i = 0; vars && vars[i] && vars[i + 1]; i += 2) {
        if (!utf8_valid(vars[i + 1], strlen(vars[i + 1]))) return LK_ERR_INVALID;
    }

    buf subject_buf = BUF_INIT, body_buf = BUF_INIT;
    lk_err e = expand_in(lang, text->subject, vars, &subject_buf);
    if (e == LK_OK) e = check_subject(buf_str(&subject_buf));
    if (e == LK_OK) e = expand_in(lang, text->body, vars, &body_buf);
    if (e == LK_OK) e = expand_in(lang, mail_signature, vars, &body_buf);
    if (e != LK_OK) goto out;
    *subject = arena_strdup(a, buf_str(&subject_buf));
    *body = arena_strdup(a, buf_str(&body_buf));
out:
    buf_free(&subject_buf);
    buf_free(&body_buf);
    return e;
}
