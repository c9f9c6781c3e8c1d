/* domain/akun/registration.c — the Registrasi Pemohon wizard's rules, draft and submit
 * transaction (see registration.h). */
#include "domain/akun/registration.h"
#include "domain/katalog/kontak.h"
#include "domain/akun/approval.h"
#include "domain/katalog/catalogue.h"
#include "domain/surat/outbox.h"
#include "domain/akun/validate.h"
#include "domain/wilayah/wilayah.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/filetype.h"
#include "util/log.h"
#include "util/storage.h"
#include "util/phrase.h"
#include "util/text.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Limits follow the SiCantik screens where they are sensible, and the validators where
 * those are stricter or looser (an email may have 254 characters; a SIM number is typed
 * with dashes). */
const reg_field_info REG_FIELDS[RF_COUNT] = {
    [RF_USERNAME] = {"username", 1, 30, 1},
    [RF_NAMA] = {"nama", 1, 100, 1},
    [RF_EMAIL] = {"email", 1, 254, 1},
    [RF_INSTANSI] = {"instansi", 1, 100, 1},
    [RF_TIPE_IDENTITAS] = {"tipe_identitas", 2, 10, 1},
    [RF_NO_IDENTITAS] = {"no_identitas", 2, 30, 1},
    [RF_JENIS_KELAMIN] = {"jenis_kelamin", 2, 1, 1},
    [RF_PEKERJAAN] = {"pekerjaan", 2, 50, 1},
    [RF_TEMPAT_LAHIR] = {"tempat_lahir", 2, 50, 1},
    [RF_TANGGAL_LAHIR] = {"tanggal_lahir", 2, 10, 1},
    [RF_NPWP] = {"npwp", 2, 25, 0},
    [RF_LAMPIRAN] = {"lampiran", 2, 0, 1},
    [RF_TELEPON] = {"telepon", 3, 20, 1},
    [RF_HP] = {"hp", 3, 20, 1},
    [RF_ALAMAT] = {"alamat", 3, 150, 1},
    [RF_PROVINSI] = {"provinsi", 3, 20, 1},
    [RF_KABUPATEN] = {"kabupaten", 3, 20, 1},
    [RF_KECAMATAN] = {"kecamatan", 3, 20, 1},
    [RF_DESA] = {"desa", 3, 20, 1},
    [RF_KODE_POS] = {"kode_pos", 3, 5, 1},
};

/* ---- values -------------------------------------------------------------------- */

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

void registration_set(reg_draft *d, arena *a, reg_field f, const char *value)
{
    if (f == RF_LAMPIRAN) return;
    if (!value) {
        d->v[f] = NULL;
        return;
    }
    while (is_space(*value)) value++;
    size_t n = strlen(value);
    while (n > 0 && is_space(value[n - 1])) n--;
    char *s = arena_strndup(a, value, n);
    if (f == RF_USERNAME) {
        for (char *p = s; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    }
    d->v[f] = s;
}

/* A value the draft keeps: at most 4 bytes per allowed character.  Longer ones are
 * refused with a message on the page but never stored. */
static int storable(reg_field f, const char *v)
{
    return v && strlen(v) <= (size_t)REG_FIELDS[f].max_chars * 4;
}

static const char *ascii_lower(arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return out;
}

/* ---- the draft ------------------------------------------------------------------- */

lk_err registration_draft_load(store_conn *c, arena *a, const char *session_hash, reg_draft *d)
{
    memset(d, 0, sizeof *d);
    d->step = 1;
    store_rows *r = store_query(c,
        "SELECT step, data, identity_file, identity_mime, identity_name FROM registration_draft "
        "WHERE session_hash = $1", STORE_P(SP_T(session_hash)));
    if (!r) return LK_ERR_DB;
    lk_err e = LK_OK;
    int got = store_next(r);
    if (got < 0) e = LK_ERR_DB;
    if (got == 1) {
        d->step = (int)store_int(r, 0);
        d->identity_file = arena_strdup(a, store_text(r, 2));
        d->identity_mime = arena_strdup(a, store_text(r, 3));
        d->identity_name = arena_strdup(a, store_text(r, 4));
        json_t *obj = json_loads(store_text(r, 1) ? store_text(r, 1) : "{}", JSON_REJECT_DUPLICATES, NULL);
        for (int f = 0; obj && f < RF_COUNT; f++) {
            const char *v = json_string_value(json_object_get(obj, REG_FIELDS[f].key));
            if (v && f != RF_LAMPIRAN) d->v[f] = arena_strdup(a, v);
        }
        json_decref(obj);
    }
    store_rows_close(r);
    if (d->step < 1 || d->step > 3) d->step = 1;
    return e;
}

lk_err registration_draft_save(store_conn *c, const char *session_hash, const reg_draft *d, time_t now)
{
    json_t *obj = json_object();
    for (int f = 0; f < RF_COUNT; f++) {
        if (storable((reg_field)f, d->v[f])) json_object_set_new(obj, REG_FIELDS[f].key, json_string(d->v[f]));
    }
    char *data = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(obj);
    if (!data) return LK_ERR_INTERNAL;
    int step = d->step < 1 ? 1 : d->step > 3 ? 3 : d->step;
    lk_err e = store_exec(c,
        "INSERT INTO registration_draft (session_hash, step, data, identity_file, identity_mime, "
        "identity_name, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (session_hash) DO UPDATE SET step = excluded.step, data = excluded.data, "
        "identity_file = excluded.identity_file, identity_mime = excluded.identity_mime, "
        "identity_name = excluded.identity_name, updated_at = excluded.updated_at",
        STORE_P(SP_T(session_hash), SP_I(step), SP_T(data), SP_T(d->identity_file),
                SP_T(d->identity_mime), SP_T(d->identity_name), SP_I(now)), NULL);
    free(data);
    return e;
}

/* ---- checks -------------------------------------------------------------------- */

static void set_err(reg_errors *err, reg_field f, const char *msg)
{
    if (err->msg[f]) return;    /* the first problem found is the one to fix first */
    err->msg[f] = msg;
    err->count++;
}

/* 1 if an account that is not rejected already has this value in `column_lower`. */
static lk_err taken(store_conn *c, const char *sql, const char *lower, int *out)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, sql, STORE_P(SP_T(lower)), &n);
    *out = n > 0;
    return e;
}
#define SQL_USERNAME_TAKEN "SELECT count(*) FROM account WHERE username_lower = $1 AND status <> 'ditolak'"
#define SQL_EMAIL_TAKEN "SELECT count(*) FROM account WHERE email_lower = $1 AND status <> 'ditolak'"

/* A region of `level` whose code lies under `parent_code` (NULL for a provinsi); the
 * checking itself is domain/wilayah/wilayah.h's. */
static lk_err check_region(store_conn *c, arena *a, const char *code, int level, const char *parent_code,
                           reg_errors *err, reg_field f)
{
    const char *msg = NULL;
    lk_err e = wilayah_check_pick(c, a, code, level, parent_code, &msg);
    if (e == LK_OK && msg) set_err(err, f, msg);
    return e;
}

static lk_err check_step1(store_conn *c, arena *a, const reg_draft *d, reg_errors *err)
{
    const char *msg = NULL;
    lk_err e = LK_OK;
    int is_taken = 0;
    if (validate_username(d->v[RF_USERNAME], &msg) != 0) {
        set_err(err, RF_USERNAME, msg);
    } else {
        e = taken(c, SQL_USERNAME_TAKEN, d->v[RF_USERNAME], &is_taken);
        if (e != LK_OK) return e;
        if (is_taken) set_err(err, RF_USERNAME, "Username sudah dipakai.");
    }
    if (validate_nama(d->v[RF_NAMA], &msg) != 0) set_err(err, RF_NAMA, msg);
    if (validate_email(d->v[RF_EMAIL], &msg) != 0) {
        set_err(err, RF_EMAIL, msg);
    } else {
        e = taken(c, SQL_EMAIL_TAKEN, ascii_lower(a, d->v[RF_EMAIL]), &is_taken);
        if (e != LK_OK) return e;
        if (is_taken) set_err(err, RF_EMAIL, "Email sudah terdaftar.");
    }
    if (is_blank(d->v[RF_INSTANSI])) {
        set_err(err, RF_INSTANSI, "Pilih instansi yang dituju.");
    } else {
        instansi inst;
        e = catalogue_instansi_get(c, a, d->v[RF_INSTANSI], &inst);
        if (e == LK_ERR_NOTFOUND) set_err(err, RF_INSTANSI, "Pilih instansi yang dituju dari daftar.");
        else if (e != LK_OK) return e;
    }
    return LK_OK;
}

static int one_of(const char *v, const char *a, const char *b, const char *c)
{
    return v && (strcmp(v, a) == 0 || strcmp(v, b) == 0 || (c && strcmp(v, c) == 0));
}

/* Normalises the identity number of the draft's type; 0 or -1 with *msg. */
static int identity_number(const reg_draft *d, char kecamatan[VALIDATE_KECAMATAN_SIZE], char *norm,
                           size_t normlen, const char **msg)
{
    const char *tipe = d->v[RF_TIPE_IDENTITAS], *no = d->v[RF_NO_IDENTITAS];
    kecamatan[0] = '\0';
    if (tipe && strcmp(tipe, REG_TIPE_SIM) == 0) {
        char sim[VALIDATE_SIM_SIZE];
        if (validate_sim(no, sim, msg) != 0) return -1;
        snprintf(norm, normlen, "%s", sim);
    } else if (tipe && strcmp(tipe, REG_TIPE_PASSPORT) == 0) {
        char pass[VALIDATE_PASSPORT_SIZE];
        if (validate_passport(no, pass, msg) != 0) return -1;
        snprintf(norm, normlen, "%s", pass);
    } else {
        if (validate_nik(no, d->v[RF_TANGGAL_LAHIR], d->v[RF_JENIS_KELAMIN], kecamatan, msg) != 0) return -1;
        snprintf(norm, normlen, "%s", no);
    }
    return 0;
}

static lk_err check_step2(store_conn *c, arena *a, const reg_draft *d, reg_errors *err)
{
    const char *msg = NULL;
    int tipe_ok = one_of(d->v[RF_TIPE_IDENTITAS], REG_TIPE_KTP, REG_TIPE_SIM, REG_TIPE_PASSPORT);
    if (!tipe_ok) set_err(err, RF_TIPE_IDENTITAS, "Pilih tipe identitas: KTP, SIM atau Passport.");
    if (!one_of(d->v[RF_JENIS_KELAMIN], "L", "P", NULL))
        set_err(err, RF_JENIS_KELAMIN, "Pilih jenis kelamin.");
    if (validate_birth_date(d->v[RF_TANGGAL_LAHIR], &msg) != 0) set_err(err, RF_TANGGAL_LAHIR, msg);
    if (tipe_ok) {
        char kecamatan[VALIDATE_KECAMATAN_SIZE], norm[32];
        if (identity_number(d, kecamatan, norm, sizeof norm, &msg) != 0) {
            set_err(err, RF_NO_IDENTITAS, msg);
        } else if (kecamatan[0]) {
            wilayah w;
            lk_err e = wilayah_get(c, a, kecamatan, &w);
            if (e == LK_ERR_NOTFOUND || (e == LK_OK && w.level != 3))
                set_err(err, RF_NO_IDENTITAS, "Kode wilayah pada NIK (digit 1–6) bukan kecamatan yang dikenal.");
            else if (e != LK_OK) return e;
        }
    }
    if (validate_text(d->v[RF_PEKERJAAN], 2, REG_FIELDS[RF_PEKERJAAN].max_chars, &msg) != 0)
        set_err(err, RF_PEKERJAAN, msg);
    if (validate_text(d->v[RF_TEMPAT_LAHIR], 2, REG_FIELDS[RF_TEMPAT_LAHIR].max_chars, &msg) != 0)
        set_err(err, RF_TEMPAT_LAHIR, msg);
    char npwp[VALIDATE_NPWP_SIZE];
    if (!is_blank(d->v[RF_NPWP]) && validate_npwp(d->v[RF_NPWP], npwp, &msg) != 0) set_err(err, RF_NPWP, msg);
    if (!d->identity_file) set_err(err, RF_LAMPIRAN, "Unggah salinan identitas (JPEG, PNG atau PDF).");
    return LK_OK;
}

static lk_err check_step3(store_conn *c, arena *a, const reg_draft *d, reg_errors *err)
{
    const char *msg = NULL;
    char phone[VALIDATE_PHONE_SIZE];
    if (validate_phone(d->v[RF_TELEPON], 0, phone, &msg) != 0) set_err(err, RF_TELEPON, msg);
    if (validate_phone(d->v[RF_HP], 1, phone, &msg) != 0) set_err(err, RF_HP, msg);
    if (validate_text(d->v[RF_ALAMAT], 3, REG_FIELDS[RF_ALAMAT].max_chars, &msg) != 0) set_err(err, RF_ALAMAT, msg);
    if (validate_kode_pos(d->v[RF_KODE_POS], &msg) != 0) set_err(err, RF_KODE_POS, msg);
    /* The cascade: a lower level is judged only when the one above is sound. */
    static const struct { reg_field f; const char *missing; } levels[] = {
        {RF_PROVINSI, "Pilih provinsi."}, {RF_KABUPATEN, "Pilih kabupaten/kota."},
        {RF_KECAMATAN, "Pilih kecamatan."}, {RF_DESA, "Pilih desa/kelurahan."},
    };
    const char *parent = NULL;
    for (int i = 0; i < 4; i++) {
        reg_field f = levels[i].f;
        lk_err e = check_region(c, a, d->v[f], i + 1, parent, err, f);
        if (e != LK_OK) return e;
        if (err->msg[f]) {
            for (int j = i + 1; j < 4; j++) set_err(err, levels[j].f, levels[j].missing);
            break;
        }
        parent = d->v[f];
    }
    return LK_OK;
}

/* Every typed value within its field's limit; over it, one clear message. */
static void check_lengths(const reg_draft *d, int step, reg_errors *err)
{
    for (int f = 0; f < RF_COUNT; f++) {
        if (REG_FIELDS[f].step != step || !d->v[f] || f == RF_LAMPIRAN) continue;
        size_t len = strlen(d->v[f]);
        if (!utf8_valid(d->v[f], len)) set_err(err, (reg_field)f, "Teks berisi karakter yang tidak sah.");
        else if (utf8_length(d->v[f]) > (size_t)REG_FIELDS[f].max_chars)
            set_err(err, (reg_field)f, "Terlalu panjang: lihat batas panjang di petunjuk isian.");
    }
}

lk_err registration_check_step(store_conn *c, arena *a, const reg_draft *d, int step, reg_errors *err)
{
    int before = err->count;
    check_lengths(d, step, err);
    lk_err e = step == 1 ? check_step1(c, a, d, err)
             : step == 2 ? check_step2(c, a, d, err)
             : step == 3 ? check_step3(c, a, d, err)
                         : LK_ERR_INTERNAL;
    if (e != LK_OK) return e;
    return err->count > before ? LK_ERR_INVALID : LK_OK;
}

lk_err registration_first_incomplete(store_conn *c, arena *a, const reg_draft *d, int *step,
                                     reg_errors *err)
{
    for (int s = 1; s <= 3; s++) {
        memset(err, 0, sizeof *err);
        lk_err e = registration_check_step(c, a, d, s, err);
        if (e == LK_ERR_INVALID) {
            *step = s;
            return LK_OK;
        }
        if (e != LK_OK) return e;
    }
    memset(err, 0, sizeof *err);
    *step = 4;
    return LK_OK;
}

int registration_progress_elsewhere(const reg_draft *d, int step, int *required)
{
    int filled = 0;
    *required = 0;
    for (int f = 0; f < RF_COUNT; f++) {
        if (!REG_FIELDS[f].required) continue;
        (*required)++;
        if (REG_FIELDS[f].step == step) continue;
        if (f == RF_LAMPIRAN ? d->identity_file != NULL : !is_blank(d->v[f])) filled++;
    }
    return filled;
}

int registration_progress(const reg_draft *d)
{
    int required = 0, filled = 0;
    for (int f = 0; f < RF_COUNT; f++) {
        if (!REG_FIELDS[f].required) continue;
        required++;
        if (f == RF_LAMPIRAN ? d->identity_file != NULL : !is_blank(d->v[f])) filled++;
    }
    return required ? filled * 100 / required : 0;
}

/* ---- the identity scan ----------------------------------------------------------- */

lk_err registration_attach_identity(store_conn *c, arena *a, const char *data_dir,
                                    const char *session_hash, reg_draft *d,
                                    const char *tmp_path, const char *file_name, time_t now,
                                    const char **msg)
{
    const char *mime = NULL;
    *msg = NULL;
    lk_err e = filetype_check_file(tmp_path, REG_IDENTITY_TYPES, &mime, msg);
    if (e != LK_OK) return e;
    const char *ext = filetype_extension(mime);
    const char *dir = arena_printf(a, "%s/files", data_dir);
    const char *stored = storage_place(a, tmp_path, dir, "identitas", ext);
    if (!stored) {
        *msg = "Berkas unggahan tidak dapat disimpan.";
        return LK_ERR_IO;
    }
    const char *dest = arena_printf(a, "%s/%s", dir, stored);
    reg_draft next = *d;
    next.identity_file = stored;
    next.identity_mime = mime;
    next.identity_name = filetype_display_name(a, file_name, mime, "lampiran-identitas", 100);
    e = registration_draft_save(c, session_hash, &next, now);
    if (e != LK_OK) {
        unlink(dest);   /* not referenced by anything: leave nothing behind */
        *msg = "Berkas unggahan tidak dapat disimpan.";
        return e;
    }
    if (d->identity_file && strchr(d->identity_file, '/') == NULL && d->identity_file[0] != '.') {
        const char *old = arena_printf(a, "%s/%s", dir, d->identity_file);
        if (unlink(old) != 0 && errno != ENOENT) log_warn("registration: cannot delete %s: %s", old, strerror(errno));
    }
    *d = next;
    return LK_OK;
}

/* ---- Daftar -------------------------------------------------------------------- */

lk_err registration_insert_tx(store_conn *c, arena *a, const reg_draft *d, int64_t instansi_id, const char *status,
                              int64_t registered_by, time_t now, int64_t *account_id)
{
    char kecamatan[VALIDATE_KECAMATAN_SIZE], no_identitas[32], npwp[VALIDATE_NPWP_SIZE];
    char telepon[VALIDATE_PHONE_SIZE], hp[VALIDATE_PHONE_SIZE];
    const char *msg = NULL;
    /* Checked a moment ago; these only produce the normalised forms. */
    if (identity_number(d, kecamatan, no_identitas, sizeof no_identitas, &msg) != 0 ||
        validate_phone(d->v[RF_TELEPON], 0, telepon, &msg) != 0 ||
        validate_phone(d->v[RF_HP], 1, hp, &msg) != 0)
        return LK_ERR_INTERNAL;
    int has_npwp = !is_blank(d->v[RF_NPWP]) && validate_npwp(d->v[RF_NPWP], npwp, &msg) == 0;

    lk_err e = store_query_int(c,
        "INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status, "
        "registered_by, decided_by, decided_at, lang) "
        "VALUES ('pemohon', $1, $1, $2, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id",
        STORE_P(SP_T(d->v[RF_USERNAME]), SP_T(d->v[RF_EMAIL]), SP_T(ascii_lower(a, d->v[RF_EMAIL])),
                SP_T(d->v[RF_NAMA]), SP_I(instansi_id), SP_T(status),
                registered_by ? SP_I(registered_by) : SP_N, registered_by ? SP_T(datetime_iso(a, now)) : SP_N,
                SP_T(phrase_lang(d->lang))),
        account_id);
    if (e != LK_OK) return e;
    e = store_exec(c,
        "INSERT INTO pemohon_profile (account_id, tipe_identitas, no_identitas, jenis_kelamin, pekerjaan, "
        "tempat_lahir, tanggal_lahir, npwp, identity_file, identity_mime, identity_name, telepon, hp, "
        "alamat, provinsi_code, kabupaten_code, kecamatan_code, desa_code, kode_pos) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        STORE_P(SP_I(*account_id), SP_T(d->v[RF_TIPE_IDENTITAS]), SP_T(no_identitas),
                SP_T(d->v[RF_JENIS_KELAMIN]), SP_T(d->v[RF_PEKERJAAN]), SP_T(d->v[RF_TEMPAT_LAHIR]),
                SP_T(d->v[RF_TANGGAL_LAHIR]), has_npwp ? SP_T(npwp) : SP_N, SP_T(d->identity_file),
                SP_T(d->identity_mime), SP_T(d->identity_name), SP_T(telepon), SP_T(hp),
                SP_T(d->v[RF_ALAMAT]), SP_T(d->v[RF_PROVINSI]), SP_T(d->v[RF_KABUPATEN]),
                SP_T(d->v[RF_KECAMATAN]), SP_T(d->v[RF_DESA]), SP_T(d->v[RF_KODE_POS])), NULL);
    return e;
}

lk_err registration_identity_taken(store_conn *c, const reg_draft *d, int *taken_out)
{
    char kecamatan[VALIDATE_KECAMATAN_SIZE], no_identitas[32];
    const char *msg = NULL;
    *taken_out = 0;
    if (identity_number(d, kecamatan, no_identitas, sizeof no_identitas, &msg) != 0) return LK_OK;
    int64_t n = 0;
    lk_err e = store_query_int(c,
        "SELECT count(*) FROM pemohon_profile p JOIN account a ON a.id = p.account_id "
        "WHERE p.tipe_identitas = $1 AND p.no_identitas = $2 AND a.status <> 'ditolak'",
        STORE_P(SP_T(d->v[RF_TIPE_IDENTITAS]), SP_T(no_identitas)), &n);
    *taken_out = n > 0;
    return e;
}

/* Inserts the account, profile and mail; the caller holds the transaction. */
static lk_err write_registration(store_conn *c, arena *a, const reg_draft *d, const instansi *inst,
                                 const char *base_url, time_t now, int64_t *account_id)
{
    lk_err e = registration_insert_tx(c, a, d, inst->id, "menunggu", 0, now, account_id);
    if (e != LK_OK) return e;

    const char *subject = NULL, *body = NULL;
    /* Whom to call while waiting for approval: the office's call centre and WhatsApp. */
    const char *kontak_str = "";
    const char *lang = phrase_lang(d->lang);
    e = kontak_mail_text(c, a, inst->id, lang, &kontak_str);
    if (e != LK_OK) return e;
    const char *vars[] = {"nama", d->v[RF_NAMA], "instansi", inst->office_name ? inst->office_name : inst->name,
                          "kontak", kontak_str, NULL};
    e = mail_compose(lang, "registrasi_diterima", vars, a, &subject, &body);
    if (e == LK_OK) e = outbox_queue(c, inst->id, "registrasi_diterima", d->v[RF_EMAIL], subject, body);
    if (e != LK_OK) return e;
    /* An instansi that approves automatically sends the verification link at once, in
     * this same transaction (officer 0 = "approved automatically"). */
    if (inst->auto_approve) {
        e = approval_approve_tx(c, inst->id, *account_id, 0, base_url, now);
        if (e != LK_OK) return e;
    }
    return LK_OK;
}

lk_err registration_submit(store_conn *c, arena *a, const char *session_hash, const reg_draft *d,
                           const char *base_url, time_t now, int64_t *account_id,
                           reg_errors *err, int *bad_step)
{
    memset(err, 0, sizeof *err);
    *bad_step = 0;
    *account_id = 0;
    int step = 0;
    lk_err e = registration_first_incomplete(c, a, d, &step, err);
    if (e != LK_OK) return e;
    if (step < 4) {
        *bad_step = step;
        return LK_ERR_INVALID;
    }
    instansi inst;
    e = catalogue_instansi_get(c, a, d->v[RF_INSTANSI], &inst);
    if (e != LK_OK) return e;

    e = store_begin(c);
    if (e != LK_OK) return e;
    e = write_registration(c, a, d, &inst, base_url, now, account_id);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM registration_draft WHERE session_hash = $1", STORE_P(SP_T(session_hash)), NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_OK) return LK_OK;
    *account_id = 0;
    if (e != LK_ERR_CONFLICT) return e;

    /* Another registration took the username or email between the check and the insert:
     * say which, on step 1, as the check would have. */
    int user_taken = 0, email_taken = 0;
    lk_err e2 = taken(c, SQL_USERNAME_TAKEN, d->v[RF_USERNAME], &user_taken);
    if (e2 == LK_OK) e2 = taken(c, SQL_EMAIL_TAKEN, ascii_lower(a, d->v[RF_EMAIL]), &email_taken);
    if (e2 != LK_OK) return e2;
    if (!user_taken && !email_taken) return LK_ERR_DB;   /* another constraint: a bug or a race on master data */
    if (user_taken) set_err(err, RF_USERNAME, "Username sudah dipakai.");
    if (email_taken) set_err(err, RF_EMAIL, "Email sudah terdaftar.");
    *bad_step = 1;
    return LK_ERR_CONFLICT;
}
