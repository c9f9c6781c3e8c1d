/* web/registrasi.c — the Registrasi Pemohon wizard's pages (SPEC 4.1):
 *   GET  /registrasi              step 1 (Data User)
 *   GET  /registrasi/:step        steps 1–3; a step whose earlier steps are not complete
 *                                 sends the visitor back to the first incomplete one
 *   POST /registrasi/:step        aksi=next (Next / Daftar), prev, wilayah (the
 *                                 no-JavaScript "Pilih" of the region cascade)
 * Every step is a server-rendered form whose values go into the session's draft
 * (domain/akun/registration.h) before anything else happens, so Prev, a reload or an error
 * never loses what was typed.  After Daftar the answer is step 4, "Registrasi Berhasil".
 *
 * Rendering is table-driven: each field's label, hint and widget are described once
 * (FIELD_VIEWS) and the template (registrasi.html) draws every field the same way, with
 * its label, hint, message, aria-invalid and aria-describedby.
 *
 * Connections: the session is loaded (web_csrf / web_csrf_ok) before a store connection
 * is taken, so a handler never holds one connection while waiting for another. */
#include "domain/katalog/catalogue.h"
#include "domain/akun/registration.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/visitor_mail.h"
#include "web/kontak.h"
#include "web/page.h"
#include "web/registrasi_fields.h"
#include "web/wilayah_picker.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum { W_TEXT, W_EMAIL, W_TEL, W_DATE, W_SELECT, W_FILE } widget;

typedef struct {
    const char *label;
    const char *hint;          /* Indonesian phrase, translated; NULL = none */
    widget w;
    const char *autocomplete;  /* NULL = none */
    const char *inputmode;     /* NULL = none */
} field_view;

/* The seeds' labels, in their order. */
static const field_view FIELD_VIEWS[RF_COUNT] = {
    [RF_USERNAME] = {"Username", "3–30 karakter: huruf kecil a–z, angka, titik, garis bawah (_) atau tanda hubung (-), "
                     "diawali huruf atau angka. Huruf besar dibaca sebagai huruf kecil.", W_TEXT, "username", NULL},
    [RF_NAMA] = {"Nama", "Sesuai KTP. Paling banyak 100 karakter.", W_TEXT, "name", NULL},
    [RF_EMAIL] = {"Email", "Email yang aktif: pemberitahuan, link verifikasi dan password dikirim ke sini.",
                  W_EMAIL, "email", NULL},
    [RF_INSTANSI] = {"Instansi yang dituju", NULL, W_SELECT, NULL, NULL},
    [RF_TIPE_IDENTITAS] = {"Tipe Identitas", NULL, W_SELECT, NULL, NULL},
    [RF_NO_IDENTITAS] = {"No. Identitas", "KTP: NIK 16 angka. SIM: 12 atau 16 angka. Passport: 1–2 huruf dan 6–7 angka, "
                         "contoh A1234567. Paling banyak 30 karakter.", W_TEXT, "off", NULL},
    [RF_JENIS_KELAMIN] = {"Jenis Kelamin", NULL, W_SELECT, NULL, NULL},
    [RF_PEKERJAAN] = {"Pekerjaan", "Paling banyak 50 karakter.", W_TEXT, "organization-title", NULL},
    [RF_TEMPAT_LAHIR] = {"Tempat Lahir", "Paling banyak 50 karakter.", W_TEXT, "off", NULL},
    [RF_TANGGAL_LAHIR] = {"Tanggal Lahir", "Sesuai identitas. Usia minimal 17 tahun.", W_DATE, "bday", NULL},
    [RF_NPWP] = {"NPWP", "Boleh dikosongkan. 15 atau 16 angka; titik dan tanda hubung boleh diketik. "
                 "Paling banyak 25 karakter.", W_TEXT, "off", "numeric"},
    [RF_LAMPIRAN] = {"Lampiran Identitas", NULL, W_FILE, NULL, NULL},
    [RF_TELEPON] = {"No. Telepon", "Telepon rumah atau kantor, boleh sama dengan No. HP. Contoh 0717 436772. "
                    "Paling banyak 20 karakter.", W_TEL, "tel", "tel"},
    [RF_HP] = {"No. HP", "Nomor seluler, contoh 0812 3456 7890. Paling banyak 20 karakter.", W_TEL, "tel", "tel"},
    [RF_ALAMAT] = {"Alamat", "Jalan, nomor rumah, RT/RW. Paling banyak 150 karakter.", W_TEXT, "street-address", NULL},
    [RF_PROVINSI] = {"Provinsi", NULL, W_SELECT, NULL, NULL},
    [RF_KABUPATEN] = {"Kabupaten", "Kabupaten atau kota.", W_SELECT, NULL, NULL},
    [RF_KECAMATAN] = {"Kecamatan", NULL, W_SELECT, NULL, NULL},
    [RF_DESA] = {"Desa", "Desa atau kelurahan.", W_SELECT, NULL, NULL},
    [RF_KODE_POS] = {"Kode Pos", "5 angka, contoh 33131.", W_TEXT, "postal-code", "numeric"},
};

static const char *const STEP_NAMES[4] = {"Data User", "Identitas User", "Kontak & Alamat", "Registrasi Selesai"};
static const char *const STEP_TITLES[3] = {"Langkah 1: Data User", "Langkah 2: Identitas User", "Langkah 3: Kontak & Alamat"};


/* ---- rendering ----------------------------------------------------------------- */

static lk_err field_options(req *r, store_conn *c, reg_field f, const reg_draft *d, tv *opts)
{
    const char *cur = d->v[f];
    switch (f) {
    case RF_INSTANSI: {
        instansi *list = NULL;
        size_t n = 0;
        lk_err e = catalogue_instansi_list(c, r->a, &list, &n);
        form_option(opts, "", page_t(r, "Pilih Instansi"), cur);
        for (size_t i = 0; e == LK_OK && i < n; i++) form_option(opts, list[i].slug, list[i].name, cur);
        return e;
    }
    case RF_TIPE_IDENTITAS:
        /* KTP when nothing was chosen yet: most applicants have one. */
        form_option(opts, REG_TIPE_KTP, page_t(r, "Kartu Tanda Penduduk (KTP)"), cur ? cur : REG_TIPE_KTP);
        form_option(opts, REG_TIPE_SIM, page_t(r, "Surat Izin Mengemudi (SIM)"), cur);
        form_option(opts, REG_TIPE_PASSPORT, "Passport", cur);
        return LK_OK;
    case RF_JENIS_KELAMIN:
        form_option(opts, "", page_t(r, "Pilih Jenis Kelamin"), cur);
        form_option(opts, "L", page_t(r, "Laki-laki"), cur);
        form_option(opts, "P", page_t(r, "Perempuan"), cur);
        return LK_OK;
    default: return LK_OK;
    }
}

static const char *input_type(widget w)
{
    return w == W_EMAIL ? "email" : w == W_TEL ? "tel" : w == W_DATE ? "date" : "text";
}

/* One field's values for the template's generic field block. */
static lk_err add_field(req *r, store_conn *c, tv *list, reg_field f, const reg_draft *d, const reg_errors *err)
{
    const field_view *fv = &FIELD_VIEWS[f];
    const reg_field_info *info = &REG_FIELDS[f];
    tv *m = tv_push_map(list);
    const char *key = info->key;
    tv_set(m, "key", key);
    tv_set(m, "label", page_t(r, fv->label));
    int required = info->required && !(f == RF_LAMPIRAN && d->identity_file);
    tv_set_bool(m, "required", required);
    const char *hint = fv->hint ? page_t(r, fv->hint) : NULL;
    if (f == RF_LAMPIRAN) {
        hint = arena_printf(r->a, "%s %u MB.", page_t(r, "Scan atau foto KTP, SIM atau Passport: JPEG, PNG atau PDF, paling besar"),
                            APP(r)->max_upload_mb);
        if (d->identity_file) {
            tv_set(m, "kept_name", d->identity_name);
            tv_set(m, "kept_hint", page_t(r, "Biarkan kosong untuk memakai berkas ini, atau pilih berkas lain untuk menggantinya."));
        }
    }
    tv_set(m, "hint", hint);
    const char *msg = err ? err->msg[f] : NULL;
    tv_set(m, "err", msg ? page_t(r, msg) : NULL);
    buf described = BUF_INIT;
    if (hint) buf_printf(&described, "%s-hint", key);
    if (f == RF_LAMPIRAN && d->identity_file) buf_printf(&described, "%s%s-kept", described.len ? " " : "", key);
    if (msg) buf_printf(&described, "%s%s-err", described.len ? " " : "", key);
    tv_set(m, "describedby", described.len ? buf_str(&described) : NULL);
    buf_free(&described);

    lk_err e = LK_OK;
    if (f >= RF_PROVINSI && f <= RF_DESA) {
        e = wilayah_picker_field(r, c, m, f - RF_PROVINSI + 1, &d->v[RF_PROVINSI]);
    } else if (fv->w == W_SELECT) {
        tv_set_bool(m, "select", 1);
        e = field_options(r, c, f, d, tv_set_list(m, "options"));
    } else if (fv->w == W_FILE) {
        tv_set_bool(m, "file", 1);
    } else {
        tv_set_bool(m, "input", 1);
        tv_set(m, "type", input_type(fv->w));
        tv_set(m, "value", d->v[f] ? d->v[f] : "");
        if (fv->w != W_DATE) tv_set_int(m, "max", info->max_chars);
        tv_set(m, "autocomplete", fv->autocomplete);
        tv_set(m, "inputmode", fv->inputmode);
        tv_set_bool(m, "nocaps", f == RF_USERNAME || f == RF_EMAIL);
    }
    return e;
}

lk_err registrasi_fields(req *r, store_conn *c, tv *ctx, tv **summary, tv *fields, int step, const reg_draft *d,
                         const reg_errors *err, int skip_instansi)
{
    lk_err e = LK_OK;
    for (int f = 0; f < RF_COUNT && e == LK_OK; f++) {
        if (REG_FIELDS[f].step != step || (skip_instansi && f == RF_INSTANSI)) continue;
        e = add_field(r, c, fields, (reg_field)f, d, err);
        if (err && err->msg[f]) {
            if (!*summary) *summary = tv_set_list(tv_set_map(ctx, "errors"), "list");
            tv *item = tv_push_map(*summary);
            tv_set(item, "key", REG_FIELDS[f].key);
            tv_set(item, "label", page_t(r, FIELD_VIEWS[f].label));
            tv_set(item, "msg", page_t(r, err->msg[f]));
        }
    }
    return e;
}

void registrasi_read_fields(req *r, reg_draft *d, int step, int skip_instansi)
{
    for (int f = 0; f < RF_COUNT; f++) {
        if ((step && REG_FIELDS[f].step != step) || f == RF_LAMPIRAN || (skip_instansi && f == RF_INSTANSI)) continue;
        const char *v = req_form(r, REG_FIELDS[f].key);
        registration_set(d, r->a, (reg_field)f, v ? v : "");
    }
}

static void add_progress(req *r, tv *ctx, int step, int pct)
{
    tv_set_int(ctx, "pct", pct);
    tv *steps = tv_set_list(ctx, "steps");
    for (int i = 0; i < 4; i++) {
        tv *s = tv_push_map(steps);
        tv_set_int(s, "n", i + 1);
        tv_set(s, "name", page_t(r, STEP_NAMES[i]));
        tv_set_bool(s, "current", i + 1 == step);
        tv_set_bool(s, "done", i + 1 < step);
    }
}

/* Renders step 1–3 with the draft's values and err's messages. */
static void show_step(req *r, store_conn *c, int status, int step, const reg_draft *d, const reg_errors *err)
{
    const char *csrf = web_csrf(r);
    tv *ctx = page_new(r, "Registrasi Pemohon", "registrasi");
    tv_set(ctx, "step_title", page_t(r, STEP_TITLES[step - 1]));
    tv_setf(ctx, "title", "%s — %s", page_t(r, "Registrasi Pemohon"), page_t(r, STEP_TITLES[step - 1]));
    tv_set(ctx, "csrf", csrf);
    add_progress(r, ctx, step, registration_progress(d));
    /* registrasi.js recomputes the percentage as one types, by the same rule. */
    int required = 0;
    tv_set_int(ctx, "pct_elsewhere", registration_progress_elsewhere(d, step, &required));
    tv_set_int(ctx, "pct_required", required);
    tv_setf(ctx, "action", "/registrasi/%d", step);
    tv_set_bool(ctx, "multipart", step == 2);
    tv_set_bool(ctx, "has_prev", step > 1);
    tv_set_bool(ctx, "hidden_default", step > 1);   /* Enter in a field means Next, not Prev or Pilih */
    tv_set(ctx, "next_label", step == 3 ? page_t(r, "Daftar") : "Next");
    tv *summary = NULL;
    lk_err e = registrasi_fields(r, c, ctx, &summary, tv_set_list(ctx, "fields"), step, d, err, 0);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    page_send(r, status, "registrasi", ctx);
}

static void show_done(req *r, store_conn *c, const reg_draft *d)
{
    tv *ctx = page_new(r, "Registrasi Berhasil", "registrasi");
    add_progress(r, ctx, 4, 100);
    tv_set(ctx, "email", d->v[RF_EMAIL]);
    instansi inst;
    if (catalogue_instansi_get(c, r->a, d->v[RF_INSTANSI], &inst) == LK_OK) {
        tv_set(ctx, "office", inst.office_name ? inst.office_name : inst.name);
        instansi_kontak k = kontak_of_instansi(&inst);
        kontak_view_set(r, ctx, &k);   /* the seeds: call the call centre so the officer approves */
    }
    page_send(r, 200, "registrasi-selesai", ctx);
}

/* ---- handling ------------------------------------------------------------------ */

/* ":step" as 1..3, or 0. */
static int step_param(req *r)
{
    const char *s = req_param(r, "step");
    int64_t n = 0;
    if (!s || parse_int64(s, 1, 3, &n) != 0) return 0;
    return (int)n;
}

static void redirect_step(req *r, int step, const char *fragment)
{
    resp_redirect(r, 303, arena_printf(r->a, "/registrasi/%d%s%s", step, fragment ? "#" : "", fragment ? fragment : ""));
}

static void show_get(req *r, int step)
{
    if (web_account(r)) {   /* already has an account: nothing to register */
        resp_redirect(r, 303, "/");
        return;
    }
    /* No session yet: an empty draft.  The session the draft is keyed by is made by the
     * first Next (a GET writes nothing). */
    const session *s = web_session(r);
    store_conn *c = store_acquire(APP(r)->db);
    reg_draft d;
    reg_errors err, first_err;
    memset(&err, 0, sizeof err);
    int first = 1;
    lk_err e = registration_draft_load(c, r->a, s ? s->id_hash : "", &d);
    if (e == LK_OK) e = registration_first_incomplete(c, r->a, &d, &first, &first_err);
    if (e != LK_OK) goto out;
    if (step > first) {        /* skipped ahead: back to the first step not complete */
        redirect_step(r, first, NULL);
        goto out;
    }
    /* A step already passed is shown with whatever is wrong with it now (e.g. the
     * username was taken meanwhile); a step not reached yet starts without messages. */
    if (d.step > step) {
        e = registration_check_step(c, r->a, &d, step, &err);
        if (e == LK_ERR_INVALID) e = LK_OK;
        if (e != LK_OK) goto out;
    }
    show_step(r, c, 200, step, &d, &err);
out:
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

void handle_registrasi_start(req *r)
{
    show_get(r, 1);
}

void handle_registrasi_step(req *r)
{
    int step = step_param(r);
    if (!step) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    show_get(r, step);
}

/* Step 2's file: attaches it when one was sent; returns the message for a refused one. */
static const char *take_upload(req *r, store_conn *c, const session *s, reg_draft *d, lk_err *fatal)
{
    http_upload *u = req_upload(r, REG_FIELDS[RF_LAMPIRAN].key);
    *fatal = LK_OK;
    /* A file input left empty arrives as a part with no name and no bytes. */
    if (!u || (u->size == 0 && (!u->file_name || !*u->file_name))) return NULL;
    const char *msg = NULL;
    lk_err e = registration_attach_identity(c, r->a, APP(r)->data_dir, s->id_hash, d, u->tmp_path,
                                            u->file_name, time(NULL), &msg);
    if (e == LK_OK) {
        req_upload_claim(u);
        return NULL;
    }
    if (e == LK_ERR_INVALID) return msg;
    if (e == LK_ERR_DB || e == LK_ERR_BUSY || e == LK_ERR_INTERNAL) *fatal = e;
    return msg ? msg : "Berkas unggahan tidak dapat disimpan.";
}

void handle_registrasi_post(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    int step = step_param(r);
    if (!step) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    if (web_account(r)) {
        resp_redirect(r, 303, "/");
        return;
    }
    const session *s = web_session_ensure(r);
    if (!s) {
        page_fail(r, LK_ERR_BUSY);
        return;
    }
    const char *aksi = req_form(r, "aksi");
    int prev = aksi && strcmp(aksi, "prev") == 0;
    int pick = aksi && strcmp(aksi, "wilayah") == 0 && step == 3;
    time_t now = time(NULL);

    store_conn *c = store_acquire(APP(r)->db);
    reg_draft d;
    reg_errors err;
    memset(&err, 0, sizeof err);
    lk_err e = registration_draft_load(c, r->a, s->id_hash, &d);
    if (e != LK_OK) goto out;
    /* What was typed goes into the draft first, whatever happens next. */
    registrasi_read_fields(r, &d, step, 0);
    const char *file_msg = NULL;
    if (step == 2) {
        file_msg = take_upload(r, c, s, &d, &e);
        if (e != LK_OK) goto out;
    }
    if (pick) wilayah_picker_trim(&d.v[RF_PROVINSI]);

    if (prev || pick) {
        e = registration_draft_save(c, s->id_hash, &d, now);
        if (e != LK_OK) goto out;
        if (prev) redirect_step(r, step - 1 < 1 ? 1 : step - 1, NULL);
        else {
            /* Back to the list that was just filled. */
            redirect_step(r, 3, wilayah_picker_next(&d.v[RF_PROVINSI]));
        }
        goto out;
    }

    /* Next / Daftar: the earlier steps must still be complete. */
    int first = 1;
    reg_errors first_err;
    e = registration_first_incomplete(c, r->a, &d, &first, &first_err);
    if (e != LK_OK) goto out;
    if (first < step) {
        e = registration_draft_save(c, s->id_hash, &d, now);
        if (e != LK_OK) goto out;
        /* Reached legitimately, the earlier step went bad meanwhile (its username was
         * taken): show it with the reason.  Skipped ahead: just go back to it. */
        if (d.step >= step) show_step(r, c, 400, first, &d, &first_err);
        else redirect_step(r, first, NULL);
        goto out;
    }
    if (file_msg) {
        err.msg[RF_LAMPIRAN] = file_msg;
        err.count++;
    }
    e = registration_check_step(c, r->a, &d, step, &err);
    if (e == LK_ERR_INVALID || (e == LK_OK && err.count)) {
        e = registration_draft_save(c, s->id_hash, &d, now);
        if (e == LK_OK) show_step(r, c, 400, step, &d, &err);
        goto out;
    }
    if (e != LK_OK) goto out;
    if (step < 3) {
        if (d.step < step + 1) d.step = step + 1;
        e = registration_draft_save(c, s->id_hash, &d, now);
        if (e == LK_OK) redirect_step(r, step + 1, NULL);
        goto out;
    }

    /* Daftar: the account's mails in the language of the pages it was typed on. */
    d.lang = page_lang(r);
    e = registration_draft_save(c, s->id_hash, &d, now);
    if (e != LK_OK) goto out;
    int64_t account_id = 0;
    int bad_step = 0;
    /* Each Daftar mails the address typed: limited per client and per recipient. */
    if (!visitor_mail_allowed(r, c, d.v[RF_EMAIL])) {
        resp_header(r, "Retry-After", "3600");
        err.msg[RF_EMAIL] = "Terlalu banyak pendaftaran ke email ini atau dari jaringan Anda. Coba lagi dalam satu jam.";
        show_step(r, c, 429, 1, &d, &err);
        goto out;
    }
    e = registration_submit(c, r->a, s->id_hash, &d, APP(r)->base_url, now, &account_id, &err, &bad_step);
    if (e == LK_OK) {
        log_info("registration: new applicant account %lld", (long long)account_id);
        show_done(r, c, &d);
    } else if (e == LK_ERR_INVALID || e == LK_ERR_CONFLICT) {
        show_step(r, c, e == LK_ERR_CONFLICT ? 409 : 400, bad_step, &d, &err);
        e = LK_OK;
    }
out:
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}
