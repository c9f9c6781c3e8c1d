/* web/loket.c — Pelayanan Loket, the counter service for walk-in applicants (SPEC 5.6):
 *   GET  /petugas/loket                          find an applicant (NIK, username, name)
 *   GET  /petugas/loket/pemohon/baru             register a walk-in: the wizard's fields on
 *   POST /petugas/loket/pemohon/baru             one page, the identity scan uploaded by the
 *                                                officer (aksi=daftar, simpan, wilayah)
 *   GET  /petugas/loket/pemohon/:id              the applicant: handover, applications
 *   POST /petugas/loket/pemohon/:id/lembar       a new one-time password on the handover
 *                                                sheet (PDF)
 *   POST /petugas/loket/pemohon/:id/email        a new one-time password by email
 *   POST /petugas/loket/pemohon/:id/permohonan   a new application entered for them
 *   GET/POST /petugas/loket/permohonan/:id[/syarat/:pid|/buat|/bukti]
 *                                                its draft, uploads, Buat and receipt: the
 *                                                applicant's own pages (web/permohonan.h)
 *                                                for the applicant it belongs to
 * Front Office only; applicants and applications of another instansi answer 404.  The
 * rules are domain/akun/loket.h's; every change carries an audit record.
 *
 * Connections: the session is loaded (guards, web_csrf) before a store connection is
 * taken, and released before the shared permohonan pages take their own. */
#include "domain/akun/loket.h"
#include "domain/akun/serah_terima.h"
#include "domain/katalog/catalogue.h"
#include "domain/proses/audit.h"
#include "domain/surat/mailer.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/permohonan.h"
#include "web/registrasi_fields.h"
#include "web/wilayah_picker.h"
#include <string.h>
#include <time.h>

#define LOKET_ROLES ROLE_FRONT_OFFICE
#define ONE_TIME_PASSWORD_LEN 12
#define FIND_LIMIT 20

static const char *const SECTION_TITLES[3] = {"Data User", "Identitas User", "Kontak & Alamat"};

static int64_t id_param(req *r, const char *name)
{
    const char *s = req_param(r, name);
    int64_t v = 0;
    return s && parse_int64(s, 1, INT64_MAX, &v) == 0 ? v : 0;
}

/* The officer behind a counter form post: CSRF first, then the role. */
static const account *loket_post(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return NULL;
    }
    return web_require_petugas(r, LOKET_ROLES);
}

static void pemohon_not_found(req *r)
{
    page_error(r, 404, "Pemohon tidak ditemukan.");
}

static void add_pemohon(tv *m, const loket_pemohon *p)
{
    tv_setf(m, "href", "/petugas/loket/pemohon/%lld", (long long)p->id);
    tv_set(m, "nama", p->nama);
    tv_set(m, "username", p->username);
    tv_set(m, "tipe_identitas", p->tipe_identitas);
    tv_set(m, "no_identitas", p->no_identitas);
    tv_set(m, "email", p->email);
    tv_set(m, "hp", p->hp);
}

/* ---- find ----------------------------------------------------------------------- */

void handle_loket(req *r)
{
    const account *me = web_require_petugas(r, LOKET_ROLES);
    if (!me) return;
    const char *q = req_query(r, "q");
    tv *ctx = page_new(r, "Pelayanan Loket", "loket");
    tv_set(ctx, "q", q);
    if (q && *q) {
        store_conn *c = store_acquire(APP(r)->db);
        loket_pemohon *list = NULL;
        size_t n = 0;
        lk_err e = loket_pemohon_find(c, r->a, me->instansi_id, q, FIND_LIMIT, &list, &n);
        store_release(c);
        if (e != LK_OK) {
            page_fail(r, e);
            return;
        }
        tv_set_bool(ctx, "searched", 1);
        tv_set_bool(ctx, "too_short", utf8_length(q) < 3);
        tv *items = tv_set_list(ctx, "found");
        for (size_t i = 0; i < n; i++) add_pemohon(tv_push_map(items), &list[i]);
    }
    page_send(r, 200, "loket", ctx);
}

/* ---- register a walk-in ------------------------------------------------------------ */

static void show_form(req *r, store_conn *c, int status, const reg_draft *d, const reg_errors *err)
{
    tv *ctx = page_new(r, "Daftarkan Pemohon", "loket");
    tv_set(ctx, "csrf", web_csrf(r));
    tv *sections = tv_set_list(ctx, "sections");
    tv *summary = NULL;
    lk_err e = LK_OK;
    for (int step = 1; step <= 3 && e == LK_OK; step++) {
        tv *sec = tv_push_map(sections);
        tv_set(sec, "title", page_t(r, SECTION_TITLES[step - 1]));
        tv_setf(sec, "id", "bagian-%d", step);
        e = registrasi_fields(r, c, ctx, &summary, tv_set_list(sec, "fields"), step, d, err, 1);
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    page_send(r, status, "loket-daftar", ctx);
}

void handle_loket_daftar_form(req *r)
{
    const account *me = web_require_petugas(r, LOKET_ROLES);
    if (!me) return;
    web_csrf(r);
    const session *s = web_session(r);
    store_conn *c = store_acquire(APP(r)->db);
    reg_draft d;
    lk_err e = registration_draft_load(c, r->a, s->id_hash, &d);
    if (e == LK_OK) show_form(r, c, 200, &d, NULL);
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

/* The identity scan, when one was sent; returns the message for a refused one. */
static const char *take_scan(req *r, store_conn *c, const session *s, reg_draft *d, lk_err *fatal)
{
    http_upload *u = req_upload(r, REG_FIELDS[RF_LAMPIRAN].key);
    *fatal = LK_OK;
    if (!u || (u->size == 0 && (!u->file_name || !*u->file_name))) return NULL;
    const char *msg = NULL;
    lk_err e = registration_attach_identity(c, r->a, APP(r)->data_dir, s->id_hash, d, u->tmp_path, u->file_name,
                                            time(NULL), &msg);
    if (e == LK_OK) {
        req_upload_claim(u);
        return NULL;
    }
    if (e != LK_ERR_INVALID && e != LK_ERR_IO) *fatal = e;
    return msg ? msg : "Berkas unggahan tidak dapat disimpan.";
}

void handle_loket_daftar(req *r)
{
    const account *me = loket_post(r);
    if (!me) return;
    web_csrf(r);
    const session *s = web_session(r);
    const char *aksi = req_form(r, "aksi");
    int daftar = aksi && strcmp(aksi, "daftar") == 0;
    int pick = aksi && strcmp(aksi, "wilayah") == 0;
    time_t now = time(NULL);

    store_conn *c = store_acquire(APP(r)->db);
    reg_draft d;
    reg_errors err;
    memset(&err, 0, sizeof err);
    lk_err e = registration_draft_load(c, r->a, s->id_hash, &d);
    if (e != LK_OK) goto out;
    /* What was typed goes into the officer's draft first, whatever happens next. */
    registrasi_read_fields(r, &d, 0, 1);
    registration_set(&d, r->a, RF_INSTANSI, me->instansi_slug);   /* the officer's own office */
    const char *scan_msg = take_scan(r, c, s, &d, &e);
    if (e != LK_OK) goto out;
    if (pick) wilayah_picker_trim(&d.v[RF_PROVINSI]);
    e = registration_draft_save(c, s->id_hash, &d, now);
    if (e != LK_OK) goto out;
    if (!daftar && !scan_msg) {
        resp_redirect(r, 303, pick ? arena_printf(r->a, "/petugas/loket/pemohon/baru#%s", wilayah_picker_next(&d.v[RF_PROVINSI]))
                                   : "/petugas/loket/pemohon/baru?tersimpan=1");
        goto out;
    }
    int64_t account_id = 0;
    if (!scan_msg) {
        e = loket_register(c, r->a, me, s->id_hash, &d, now, &account_id, &err);
    } else {
        loket_check(c, r->a, &d, &err, NULL);
        err.msg[RF_LAMPIRAN] = scan_msg;
        e = LK_ERR_INVALID;
    }
    if (e == LK_OK) {
        log_info("loket: officer %lld registered applicant %lld", (long long)me->id, (long long)account_id);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/loket/pemohon/%lld?terdaftar=1", (long long)account_id));
    } else if (e == LK_ERR_INVALID || e == LK_ERR_CONFLICT) {
        show_form(r, c, e == LK_ERR_CONFLICT ? 409 : 400, &d, &err);
        e = LK_OK;
    }
out:
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

/* ---- the applicant at the counter ------------------------------------------------ */

static const char *status_label(const char *status)
{
    static const struct { const char *key, *label; } L[] = {
        {"draft", "Draf"}, {"diajukan", "Diajukan"}, {"diproses", "Diproses"}, {"perbaikan", "Perlu perbaikan"},
        {"ditolak", "Ditolak"}, {"selesai", "Selesai"},
    };
    for (size_t i = 0; i < sizeof L / sizeof *L; i++)
        if (strcmp(status, L[i].key) == 0) return L[i].label;
    return status;
}

void handle_loket_pemohon(req *r)
{
    const account *me = web_require_petugas(r, LOKET_ROLES);
    if (!me) return;
    int64_t id = id_param(r, "id");
    const char *csrf = web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    loket_pemohon p;
    loket_permohonan *apps = NULL;
    size_t n = 0;
    lk_err e = id ? loket_pemohon_get(c, r->a, me->instansi_id, id, &p) : LK_ERR_NOTFOUND;
    if (e == LK_OK) e = loket_permohonan_list(c, r->a, me->instansi_id, id, &apps, &n);
    if (e == LK_OK) e = loket_viewed(c, me, id, time(NULL));
    store_release(c);
    if (e == LK_ERR_NOTFOUND) {
        pemohon_not_found(r);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Pemohon di Loket", "loket");
    tv_set(ctx, "csrf", csrf);
    add_pemohon(tv_set_map(ctx, "pemohon"), &p);
    tv_setf(ctx, "action", "/petugas/loket/pemohon/%lld", (long long)id);
    tv_set_bool(ctx, "terdaftar", req_query(r, "terdaftar") != NULL);
    tv_set_bool(ctx, "terkirim", req_query(r, "terkirim") != NULL);
    tv_set_bool(ctx, "serah", p.at_counter && p.awaiting_first_login);
    tv_set_bool(ctx, "sudah_login", p.at_counter && !p.awaiting_first_login);
    tv *list = tv_set_list(ctx, "permohonan");
    for (size_t i = 0; i < n; i++) {
        tv *m = tv_push_map(list);
        int draft = strcmp(apps[i].status, "draft") == 0;
        tv_set(m, "nomor", apps[i].nomor ? apps[i].nomor : page_t(r, "(belum bernomor)"));
        tv_set(m, "jenis_izin", apps[i].jenis_izin ? apps[i].jenis_izin : page_t(r, "(belum dipilih)"));
        tv_set(m, "status", page_t(r, status_label(apps[i].status)));
        tv_set(m, "asal", page_t(r, apps[i].at_counter ? "Loket" : "Daring"));
        if (draft && apps[i].at_counter) tv_setf(m, "href", "/petugas/loket/permohonan/%lld", (long long)apps[i].id);
        else if (!draft) tv_setf(m, "href", "/petugas/permohonan/%lld/lacak", (long long)apps[i].id);
    }
    page_send(r, 200, "loket-pemohon", ctx);
}

/* Issues the one-time password on the background pool (argon2id), then answers with
 * the handover sheet or a redirect saying the mail was queued. */
static void issue_work(req *r, int by_email)
{
    const account *me = web_account(r);
    int64_t id = id_param(r, "id");
    char password[ONE_TIME_PASSWORD_LEN + 1], hash[PASSWORD_HASH_MAX];
    password_generate(password, ONE_TIME_PASSWORD_LEN);
    if (!me || !id || password_hash(password, hash) != 0) {
        password_wipe(password);
        page_fail(r, LK_ERR_INTERNAL);
        return;
    }
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    loket_pemohon p;
    instansi inst;
    lk_err e = loket_pemohon_get(c, r->a, me->instansi_id, id, &p);
    if (e == LK_OK) e = catalogue_instansi_get(c, r->a, me->instansi_slug, &inst);
    if (e == LK_OK) e = loket_issue_password(c, me, id, password, hash, by_email, APP(r)->base_url, now);
    store_release(c);
    buf pdf = BUF_INIT;
    if (e == LK_OK && !by_email) {
        serah_terima s = {inst.name, inst.office_name, inst.address, p.nama, p.username, p.no_identitas, password,
                          arena_printf(r->a, "%s/login", APP(r)->base_url), me->nama, now};
        e = serah_terima_pdf(&s, &pdf);
    }
    password_wipe(password);
    if (e == LK_ERR_NOTFOUND) pemohon_not_found(r);
    else if (e == LK_ERR_CONFLICT)
        page_error(r, 409, "Pemohon ini sudah mengganti password sendiri. Bila lupa, gunakan Lupa Password di halaman Log In.");
    else if (e != LK_OK) page_fail(r, e);
    else if (by_email) {
        if (APP(r)->mail) mailer_wake(APP(r)->mail);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/loket/pemohon/%lld?terkirim=1", (long long)id));
    } else {
        resp_header(r, "Content-Disposition",
                    arena_printf(r->a, "attachment; filename=\"serah-terima-%lld.pdf\"", (long long)id));
        resp_header(r, "Cache-Control", "no-store");
        resp_bytes(r, 200, "application/pdf", pdf.data, pdf.len, 1);
    }
    if (pdf.data) memset(pdf.data, 0, pdf.len);   /* the sheet carries the password */
    buf_free(&pdf);
}

static void lembar_work(req *r)
{
    issue_work(r, 0);
}

static void email_work(req *r)
{
    issue_work(r, 1);
}

void handle_loket_lembar(req *r)
{
    if (!loket_post(r)) return;
    req_defer(r, lembar_work);
}

void handle_loket_email(req *r)
{
    if (!loket_post(r)) return;
    req_defer(r, email_work);
}

void handle_loket_tambah(req *r)
{
    const account *me = loket_post(r);
    if (!me) return;
    int64_t id = id_param(r, "id"), draft = 0;
    store_conn *c = store_acquire(APP(r)->db);
    loket_pemohon p;
    lk_err e = id ? loket_pemohon_get(c, r->a, me->instansi_id, id, &p) : LK_ERR_NOTFOUND;
    if (e == LK_OK && strcmp(p.status, "aktif") != 0) e = LK_ERR_CONFLICT;
    if (e == LK_OK) e = store_begin(c);
    if (e == LK_OK) {
        e = permohonan_draft_new_at_counter(c, id, me->instansi_id, me->id, &draft);
        if (e == LK_OK)
            e = audit_record(c, &(audit_entry){me->id, me->instansi_id, "permohonan.tambah_loket", "permohonan", draft,
                                               p.username}, time(NULL), NULL);
        if (e == LK_OK) e = store_commit(c);
        else store_rollback(c);
    }
    store_release(c);
    if (e == LK_OK) resp_redirect(r, 303, arena_printf(r->a, "/petugas/loket/permohonan/%lld", (long long)draft));
    else if (e == LK_ERR_NOTFOUND) pemohon_not_found(r);
    else if (e == LK_ERR_CONFLICT) page_error(r, 409, "Akun pemohon ini belum aktif.");
    else if (e == LK_ERR_TOOBIG) page_error(r, 409, "Pemohon ini sudah memiliki terlalu banyak draf permohonan.");
    else page_fail(r, e);
}

/* ---- an application entered at the counter ---------------------------------------- */

/* Whose counter application :id is, as a permohonan_where; sends 404 and returns 0 when
 * it is not one of this officer's instansi. */
static int counter_where(req *r, const account *me, permohonan_where *w)
{
    int64_t id = id_param(r, "id"), owner_id = 0;
    store_conn *c = store_acquire(APP(r)->db);
    account *owner = arena_alloc(r->a, sizeof *owner);
    lk_err e = id ? loket_permohonan_owner(c, me->instansi_id, id, &owner_id) : LK_ERR_NOTFOUND;
    if (e == LK_OK) e = account_get(c, r->a, owner_id, owner);
    store_release(c);
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Permohonan tidak ditemukan.");
        return 0;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return 0;
    }
    *w = (permohonan_where){owner, me, "/petugas/loket/permohonan", "/petugas/permohonan",
                            arena_printf(r->a, "/petugas/loket/pemohon/%lld", (long long)owner_id)};
    return 1;
}

void handle_loket_permohonan(req *r)
{
    const account *me = web_require_petugas(r, LOKET_ROLES);
    permohonan_where w;
    if (me && counter_where(r, me, &w)) permohonan_page_draft(r, &w, id_param(r, "id"));
}

void handle_loket_permohonan_simpan(req *r)
{
    const account *me = loket_post(r);
    permohonan_where w;
    if (me && counter_where(r, me, &w)) permohonan_page_simpan(r, &w, id_param(r, "id"));
}

void handle_loket_permohonan_unggah(req *r)
{
    const account *me = loket_post(r);
    permohonan_where w;
    if (me && counter_where(r, me, &w)) permohonan_page_unggah(r, &w, id_param(r, "id"), id_param(r, "pid"));
}

void handle_loket_permohonan_buat(req *r)
{
    const account *me = loket_post(r);
    permohonan_where w;
    if (me && counter_where(r, me, &w)) permohonan_page_buat(r, &w, id_param(r, "id"));
}

void handle_loket_permohonan_bukti(req *r)
{
    const account *me = web_require_petugas(r, LOKET_ROLES);
    permohonan_where w;
    if (me && counter_where(r, me, &w)) permohonan_page_bukti(r, &w, id_param(r, "id"));
}
