/* domain/keluhan/keluhan.c — complaints: filing, the public visitor's link, the queue,
 * answers, replies and reopening (see keluhan.h). */
#include "domain/keluhan/keluhan.h"
#include "domain/permohonan/dokumen.h"
#include "domain/proses/audit.h"
#include "domain/surat/outbox.h"
#include "util/crypto.h"
#include "util/filetype.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/phrase.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const keluhan_kategori KELUHAN_KATEGORI[] = {
    {"pelayanan", "Pelayanan petugas"},
    {"persyaratan", "Persyaratan dan prosedur"},
    {"waktu", "Waktu penyelesaian"},
    {"biaya", "Biaya dan retribusi"},
    {"sistem", "Aplikasi dan sistem daring"},
    {"lainnya", "Lainnya"},
};
const size_t KELUHAN_KATEGORI_COUNT = sizeof KELUHAN_KATEGORI / sizeof KELUHAN_KATEGORI[0];

const char *keluhan_kategori_label(const char *key)
{
    for (size_t i = 0; key && i < KELUHAN_KATEGORI_COUNT; i++)
        if (strcmp(key, KELUHAN_KATEGORI[i].key) == 0) return KELUHAN_KATEGORI[i].label;
    return key ? key : "";
}

const char *keluhan_status_label(const char *status)
{
    static const char *const labels[][2] = {
        {"belum_verifikasi", "Menunggu verifikasi email"}, {"baru", "Baru"}, {"diproses", "Diproses"}, {"selesai", "Selesai"},
    };
    for (size_t i = 0; status && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(status, labels[i][0]) == 0) return labels[i][1];
    return status ? status : "";
}

static int set_err(keluhan_errors *err, keluhan_field f, const char *msg)
{
    if (!err->msg[f]) {
        err->msg[f] = msg;
        err->count++;
    }
    return -1;
}

/* Text of min..max characters, valid UTF-8, no control characters but line breaks. */
static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s || !utf8_valid(s, strlen(s))) return 0;
    size_t n = utf8_length(s);
    if (n < min || n > max) return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f) return 0;
    return !is_blank(s);
}

static const char *new_token(arena *a, store_conn *c, int64_t id, time_t now, lk_err *e)
{
    char token[TOKEN_CHARS + 1], hash[TOKEN_HASH_CHARS + 1];
    token_new(token);
    token_hash(token, hash);
    *e = store_exec(c, "INSERT INTO keluhan_token (token_hash, keluhan_id, created_at) VALUES ($1, $2, $3)",
                    STORE_P(SP_T(hash), SP_I(id), SP_T(datetime_iso(a, now))), NULL);
    return arena_strdup(a, token);
}

static const char *nomor_of(arena *a, int64_t id) { return arena_printf(a, "KEL-%06lld", (long long)id); }

lk_err keluhan_check(store_conn *c, const account *pemohon, const keluhan_input *in, int64_t *instansi_out,
                     keluhan_errors *err)
{
    memset(err, 0, sizeof *err);
    int known = 0;
    for (size_t i = 0; in->kategori && i < KELUHAN_KATEGORI_COUNT; i++) known |= strcmp(in->kategori, KELUHAN_KATEGORI[i].key) == 0;
    if (!known) set_err(err, KF_KATEGORI, "Pilih kategori keluhan.");
    if (!text_ok(in->isi, KELUHAN_ISI_MIN, KELUHAN_ISI_MAX))
        set_err(err, KF_ISI, "Tulis keluhan Anda, 10 sampai 4000 karakter.");
    int64_t instansi_id = pemohon ? pemohon->instansi_id : in->instansi_id;
    if (!pemohon) {
        if (!text_ok(in->nama, 2, 200) || strchr(in->nama, '\n')) set_err(err, KF_NAMA, "Isi nama Anda (2–200 karakter).");
        if (!in->email || !mail_address_valid(in->email)) set_err(err, KF_EMAIL, "Isi alamat email yang benar, misalnya nama@contoh.id.");
        int64_t found = 0;
        if (instansi_id <= 0 ||
            store_query_int(c, "SELECT COUNT(*) FROM instansi WHERE id = $1", STORE_P(SP_I(instansi_id)), &found) || !found)
            set_err(err, KF_INSTANSI, "Pilih instansi yang dituju.");
    }
    if (in->permohonan_id) {
        if (!pemohon) {
            set_err(err, KF_PERMOHONAN, "Pilih permohonan Anda sendiri.");
        } else {
            int64_t inst = 0;
            lk_err e = store_query_int(c, "SELECT instansi_id FROM permohonan WHERE id = $1 AND account_id = $2 AND status <> 'draft'",
                                       STORE_P(SP_I(in->permohonan_id), SP_I(pemohon->id)), &inst);
            if (e == LK_ERR_NOTFOUND) set_err(err, KF_PERMOHONAN, "Pilih permohonan Anda sendiri.");
            else if (e) return e;
            else instansi_id = inst;
        }
    }
    *instansi_out = instansi_id;
    return err->count ? LK_ERR_INVALID : LK_OK;
}

lk_err keluhan_file(store_conn *c, arena *a, const char *data_dir, const account *pemohon, const keluhan_input *in,
                    const char *base_url, time_t now, int64_t *id_out, int *claimed, keluhan_errors *err)
{
    *claimed = 0;
    const char *nama = pemohon ? pemohon->nama : in->nama, *email = pemohon ? pemohon->email : in->email;
    int64_t instansi_id = 0;
    lk_err checked = keluhan_check(c, pemohon, in, &instansi_id, err);
    if (checked != LK_OK) return checked;

    const char *stored = NULL, *path = NULL, *mime = NULL, *msg = NULL, *lname = NULL;
    char sha[65] = "";
    int64_t size = 0;
    if (in->lampiran_path) {
        lk_err e = dokumen_file_accept(a, data_dir, "kel", in->lampiran_path, KELUHAN_TYPES, &stored, &path, &mime, &size, sha, &msg);
        if (e == LK_ERR_INVALID) {
            set_err(err, KF_LAMPIRAN, msg);
            return LK_ERR_INVALID;
        }
        if (e) return e;
        lname = in->lampiran_name;
        for (const char *p = lname ? lname : ""; *p; p++)
            if (*p == '/' || *p == '\\') lname = p + 1;
        if (!lname || !*lname || !utf8_valid(lname, strlen(lname)) || utf8_length(lname) > 200)
            lname = arena_printf(a, "lampiran.%s", filetype_extension(mime));
    }
    const char *at = datetime_iso(a, now);
    lk_err e = store_begin(c);
    int64_t id = 0;
    if (!e)
        e = store_query_int(c,
            "INSERT INTO keluhan (instansi_id, account_id, nama, email, kategori, isi, permohonan_id, status,"
            " lampiran_storage, lampiran_name, lampiran_type, lampiran_size, lampiran_sha256, created_at, verified_at, updated_at,"
            " lang)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $16) RETURNING id",
            STORE_P(SP_I(instansi_id), pemohon ? SP_I(pemohon->id) : SP_N, SP_T(nama), SP_T(email), SP_T(in->kategori),
                    SP_T(in->isi), in->permohonan_id ? SP_I(in->permohonan_id) : SP_N,
                    SP_T(pemohon ? "baru" : "belum_verifikasi"), SP_T(stored), SP_T(lname), SP_T(mime),
                    stored ? SP_I(size) : SP_N, SP_T(stored ? sha : NULL), SP_T(at), SP_T(pemohon ? at : NULL),
                    SP_T(phrase_lang(in->lang))),
            &id);
    if (!e && !pemohon) {
        const char *token = new_token(a, c, id, now, &e);
        const char *office = NULL;
        store_rows *r = e ? NULL : store_query(c, "SELECT office_name FROM instansi WHERE id = $1", STORE_P(SP_I(instansi_id)));
        if (r && store_next(r) == 1) office = arena_strdup(a, store_text(r, 0));
        store_rows_close(r);
        if (!e && !office) e = LK_ERR_DB;
        const char *vars[] = {"nama", nama, "link", arena_printf(a, "%s/keluhan/lihat?t=%s", base_url, token), "instansi", office, NULL};
        const char *subject, *body;
        if (!e) e = mail_compose(phrase_lang(in->lang), "keluhan_verifikasi", vars, a, &subject, &body);
        if (!e) e = outbox_queue(c, instansi_id, "keluhan_verifikasi", email, subject, body);
    }
    if (e) {
        store_rollback(c);
    } else {
        e = store_commit(c);
    }
    if (e) {
        if (path && unlink(path) != 0) log_warn("keluhan: cannot remove %s", path);
        return e;
    }
    *claimed = path != NULL;
    *id_out = id;
    return LK_OK;
}

#define KELUHAN_COLS \
    "k.id, k.instansi_id, COALESCE(k.account_id, 0), COALESCE(k.permohonan_id, 0), k.nama, k.email, k.kategori, k.isi," \
    " k.status, i.office_name, p.nomor, k.lampiran_name, k.lampiran_storage, k.lampiran_type, k.created_at," \
    " k.verified_at, k.first_answer_at, k.selesai_at"
#define KELUHAN_FROM " FROM keluhan k JOIN instansi i ON i.id = k.instansi_id LEFT JOIN permohonan p ON p.id = k.permohonan_id"

static void read_row(store_rows *r, arena *a, time_t now, keluhan *k)
{
    memset(k, 0, sizeof *k);
    k->id = store_int(r, 0);
    k->instansi_id = store_int(r, 1);
    k->account_id = store_int(r, 2);
    k->permohonan_id = store_int(r, 3);
    k->nomor = nomor_of(a, k->id);
    const char **s[] = {&k->nama, &k->email, &k->kategori, &k->isi, &k->status, &k->instansi_nama, &k->permohonan_nomor,
                        &k->lampiran_name, &k->lampiran_storage, &k->lampiran_type, &k->created_at, &k->verified_at,
                        &k->first_answer_at, &k->selesai_at};
    for (int i = 0; i < 14; i++) *s[i] = arena_strdup(a, store_text(r, 4 + i));
    time_t done;
    k->can_reopen = strcmp(k->status, "selesai") == 0 && k->selesai_at && datetime_parse(k->selesai_at, &done) == 0 &&
                    now - done <= (time_t)KELUHAN_REOPEN_DAYS * 86400;
}

static lk_err load_pesan(store_conn *c, arena *a, keluhan *k)
{
    store_rows *r = store_query(c, "SELECT m.at, m.dari, m.isi, a.nama FROM keluhan_pesan m LEFT JOIN account a ON a.id = m.account_id"
                                   " WHERE m.keluhan_id = $1 ORDER BY m.id",
                                STORE_P(SP_I(k->id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int rc;
    while ((rc = store_next(r)) == 1) {
        k->pesan = arena_grow(a, k->pesan, &cap, k->npesan, sizeof *k->pesan);
        keluhan_pesan *m = &k->pesan[k->npesan++];
        m->at = arena_strdup(a, store_text(r, 0));
        m->dari = arena_strdup(a, store_text(r, 1));
        m->isi = arena_strdup(a, store_text(r, 2));
        m->petugas = arena_strdup(a, store_text(r, 3));
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

static lk_err get_where(store_conn *c, arena *a, const char *where, const store_param *p, int n, time_t now, keluhan *out)
{
    store_rows *r = store_query(c, arena_printf(a, "SELECT " KELUHAN_COLS KELUHAN_FROM " WHERE %s", where), p, n);
    if (!r) return LK_ERR_DB;
    int rc = store_next(r);
    if (rc == 1) read_row(r, a, now, out);
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    if (rc == 0) return LK_ERR_NOTFOUND;
    return load_pesan(c, a, out);
}

lk_err keluhan_get(store_conn *c, arena *a, int64_t id, int64_t instansi_id, int64_t account_id, time_t now, keluhan *out)
{
    if ((instansi_id != 0) == (account_id != 0)) return LK_ERR_NOTFOUND;
    if (instansi_id)
        return get_where(c, a, "k.id = $1 AND k.instansi_id = $2 AND k.status <> 'belum_verifikasi'",
                         STORE_P(SP_I(id), SP_I(instansi_id)), now, out);
    return get_where(c, a, "k.id = $1 AND k.account_id = $2", STORE_P(SP_I(id), SP_I(account_id)), now, out);
}

lk_err keluhan_by_token(store_conn *c, arena *a, const char *token, time_t now, keluhan *out)
{
    if (!token || strlen(token) != TOKEN_CHARS) return LK_ERR_NOTFOUND;
    char hash[TOKEN_HASH_CHARS + 1];
    token_hash(token, hash);
    return get_where(c, a, "k.id = (SELECT keluhan_id FROM keluhan_token WHERE token_hash = $1)", STORE_P(SP_T(hash)), now, out);
}

lk_err keluhan_list(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, const char *status, keluhan **out,
                    size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = instansi_id
        ? store_query(c, "SELECT " KELUHAN_COLS KELUHAN_FROM " WHERE k.instansi_id = $1 AND k.status <> 'belum_verifikasi'"
                         " AND ($2 = '' OR k.status = $2) ORDER BY CASE k.status WHEN 'baru' THEN 0 WHEN 'diproses' THEN 1 ELSE 2 END,"
                         " k.id DESC LIMIT 200",
                      STORE_P(SP_I(instansi_id), SP_T(status ? status : "")))
        : store_query(c, "SELECT " KELUHAN_COLS KELUHAN_FROM " WHERE k.account_id = $1 ORDER BY k.id DESC LIMIT 200",
                      STORE_P(SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int rc;
    time_t now = time(NULL);
    while ((rc = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        read_row(r, a, now, &(*out)[(*n)++]);
    }
    store_rows_close(r);
    return rc < 0 ? LK_ERR_DB : LK_OK;
}

lk_err keluhan_counts(store_conn *c, int64_t instansi_id, int64_t counts[3])
{
    static const char *const st[3] = {"baru", "diproses", "selesai"};
    for (int i = 0; i < 3; i++) {
        lk_err e = store_query_int(c, "SELECT COUNT(*) FROM keluhan WHERE instansi_id = $1 AND status = $2",
                                   STORE_P(SP_I(instansi_id), SP_T(st[i])), &counts[i]);
        if (e) return e;
    }
    return LK_OK;
}

lk_err keluhan_verify(store_conn *c, arena *a, const char *token, time_t now, int64_t *id_out, const char **msg)
{
    *msg = NULL;
    keluhan k;
    lk_err e = keluhan_by_token(c, a, token, now, &k);
    if (e) return e;
    *id_out = k.id;
    if (strcmp(k.status, "belum_verifikasi") != 0) return LK_OK;
    time_t filed;
    if (datetime_parse(k.created_at, &filed) || now - filed > (time_t)KELUHAN_VERIFY_HOURS * 3600) {
        *msg = "Link verifikasi sudah kedaluwarsa (lebih dari 48 jam). Kirim keluhan Anda sekali lagi.";
        return LK_ERR_INVALID;
    }
    const char *at = datetime_iso(a, now);
    return store_exec(c, "UPDATE keluhan SET status = 'baru', verified_at = $2, updated_at = $2 WHERE id = $1 AND status = 'belum_verifikasi'",
                      STORE_P(SP_I(k.id), SP_T(at)), NULL);
}

lk_err keluhan_answer(store_conn *c, arena *a, const account *officer, int64_t id, const char *isi, const char *status,
                      const char *base_url, time_t now, const char **msg)
{
    *msg = NULL;
    if (!status || (strcmp(status, "diproses") != 0 && strcmp(status, "selesai") != 0)) {
        *msg = "Pilih status: Diproses atau Selesai.";
        return LK_ERR_INVALID;
    }
    if (!text_ok(isi, 1, KELUHAN_ISI_MAX)) {
        *msg = "Tulis jawaban, paling banyak 4000 karakter.";
        return LK_ERR_INVALID;
    }
    keluhan k;
    lk_err e = store_begin(c);
    if (e) return e;
    e = keluhan_get(c, a, id, officer->instansi_id, 0, now, &k);
    const char *at = datetime_iso(a, now);
    if (!e)
        e = store_exec(c, "INSERT INTO keluhan_pesan (keluhan_id, at, account_id, dari, isi) VALUES ($1, $2, $3, 'petugas', $4)",
                       STORE_P(SP_I(id), SP_T(at), SP_I(officer->id), SP_T(isi)), NULL);
    if (!e)
        e = store_exec(c, "UPDATE keluhan SET status = $2, updated_at = $3, first_answer_at = COALESCE(first_answer_at, $3),"
                          " selesai_at = CASE WHEN $2 = 'selesai' THEN $3 ELSE NULL END WHERE id = $1",
                       STORE_P(SP_I(id), SP_T(status), SP_T(at)), NULL);
    if (!e) {
        audit_entry en = {officer->id, officer->instansi_id, "keluhan.jawab", "keluhan", id,
                          arena_printf(a, "status %s", status)};
        e = audit_record(c, &en, now, NULL);
    }
    const char *link = NULL;
    if (!e && k.account_id) link = arena_printf(a, "%s/pemohon/keluhan/%lld", base_url, (long long)id);
    else if (!e) link = arena_printf(a, "%s/keluhan/lihat?t=%s", base_url, new_token(a, c, id, now, &e));
    /* An account's mails follow the account's language; a visitor's, the one filed in. */
    const char *lang = "id";
    if (!e && k.account_id) {
        e = account_lang(c, k.account_id, &lang);
    } else if (!e) {
        store_rows *r = store_query(c, "SELECT lang FROM keluhan WHERE id = $1", STORE_P(SP_I(id)));
        if (!r) e = LK_ERR_DB;
        else if (store_next(r) == 1) lang = phrase_lang(store_text(r, 0));
        store_rows_close(r);
    }
    if (!e) {
        const char *vars[] = {"nama", k.nama, "nomor", k.nomor, "kategori", phrase_in(lang, keluhan_kategori_label(k.kategori)),
                              "status", phrase_in(lang, keluhan_status_label(status)), "jawaban", isi, "link", link,
                              "instansi", k.instansi_nama, NULL};
        const char *subject, *body;
        e = mail_compose(lang, "keluhan_dijawab", vars, a, &subject, &body);
        if (!e) e = outbox_queue(c, k.instansi_id, "keluhan_dijawab", k.email, subject, body);
    }
    if (e) {
        store_rollback(c);
        return e;
    }
    return store_commit(c);
}

lk_err keluhan_reply(store_conn *c, arena *a, int64_t id, int64_t account_id, const char *isi, int reopen, time_t now,
                     const char **msg)
{
    *msg = NULL;
    if (!text_ok(isi, 1, KELUHAN_ISI_MAX)) {
        *msg = reopen ? "Tulis alasan membuka kembali keluhan, paling banyak 4000 karakter."
                      : "Tulis balasan, paling banyak 4000 karakter.";
        return LK_ERR_INVALID;
    }
    lk_err e = store_begin(c);
    if (e) return e;
    keluhan k;
    e = get_where(c, a, "k.id = $1", STORE_P(SP_I(id)), now, &k);
    if (!e && strcmp(k.status, "belum_verifikasi") == 0) {
        *msg = "Keluhan ini belum diverifikasi.";
        e = LK_ERR_CONFLICT;
    } else if (!e && reopen && !k.can_reopen) {
        *msg = strcmp(k.status, "selesai") == 0 ? "Keluhan hanya dapat dibuka kembali dalam 10 hari setelah selesai."
                                                : "Keluhan ini masih terbuka; kirim balasan saja.";
        e = LK_ERR_CONFLICT;
    } else if (!e && !reopen && strcmp(k.status, "selesai") == 0) {
        *msg = "Keluhan ini sudah selesai; buka kembali bila masih ada masalah.";
        e = LK_ERR_CONFLICT;
    }
    const char *at = datetime_iso(a, now);
    if (!e)
        e = store_exec(c, "INSERT INTO keluhan_pesan (keluhan_id, at, account_id, dari, isi) VALUES ($1, $2, $3, 'pelapor', $4)",
                       STORE_P(SP_I(id), SP_T(at), account_id ? SP_I(account_id) : SP_N, SP_T(isi)), NULL);
    if (!e && reopen)
        e = store_exec(c, "INSERT INTO keluhan_pesan (keluhan_id, at, dari, isi) VALUES ($1, $2, 'sistem', 'Keluhan dibuka kembali oleh pelapor.')",
                       STORE_P(SP_I(id), SP_T(at)), NULL);
    if (!e)
        e = store_exec(c, reopen ? "UPDATE keluhan SET status = 'diproses', selesai_at = NULL, updated_at = $2 WHERE id = $1"
                                 : "UPDATE keluhan SET updated_at = $2 WHERE id = $1",
                       STORE_P(SP_I(id), SP_T(at)), NULL);
    if (e) {
        store_rollback(c);
        return e;
    }
    return store_commit(c);
}
