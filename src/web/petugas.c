/* web/petugas.c — the Front Office *Registrasi Pemohon* queue (SPEC 4.2): the waiting
 * applicants of the officer's own instansi, one applicant with the identity scan shown
 * inline, approve (the verification mail goes out) or reject with a reason (emailed);
 * and the Admin Instansi setting to approve registrations automatically.
 *
 * Least privilege: every query is scoped to the officer's instansi, so an officer of one
 * office asking for another office's applicant gets "not found". */
#include "domain/akun/approval.h"
#include "domain/surat/mailer.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/applicant_view.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "domain/katalog/kontak.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define QUEUE_PAGE 100

static void wake_mailer(req *r)
{
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
}

void handle_petugas_registrasi(req *r)
{
    const account *me = web_require_petugas(r, ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    applicant *list = NULL;
    size_t n = 0;
    int64_t total = 0;
    lk_err e = approval_list(c, r->a, me->instansi_id, "menunggu", QUEUE_PAGE, &list, &n, &total);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Registrasi Pemohon", "antrian-registrasi");
    tv_set(ctx, "instansi", me->instansi_name);
    tv_set_int(ctx, "total", total);
    tv_set(ctx, "total_text", page_count(r, total, "{n} registrasi menunggu persetujuan"));
    tv_set_bool(ctx, "has_rows", n > 0);
    tv_set_bool(ctx, "more", total > (int64_t)n);
    const char *msg = req_query(r, "pesan");
    if (msg && strcmp(msg, "disetujui") == 0)
        tv_set(ctx, "notice", page_t(r, "Registrasi disetujui. Tautan verifikasi dikirim ke email pemohon."));
    else if (msg && strcmp(msg, "ditolak") == 0)
        tv_set(ctx, "notice", page_t(r, "Registrasi ditolak. Alasannya dikirim ke email pemohon."));
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(rows);
        tv_setf(row, "no", "%zu", i + 1);
        tv_set(row, "nama", list[i].nama);
        tv_set(row, "username", list[i].username);
        tv_set(row, "tipe", list[i].tipe_identitas);
        tv_set(row, "nomor", list[i].no_identitas);
        tv_set(row, "tanggal", page_datetime(r, list[i].created_at));
        tv_set(row, "href", arena_printf(r->a, "/petugas/registrasi/%lld", (long long)list[i].id));
    }
    page_send(r, 200, "petugas-registrasi", ctx);
}

static int applicant_id(req *r, int64_t *id)
{
    return parse_int64(req_param(r, "id"), 1, INT64_MAX, id);
}

static void show_applicant(req *r, const account *me, int status, const char *error, const char *alasan)
{
    int64_t id;
    if (applicant_id(r, &id) != 0) {
        page_error(r, 404, "Pemohon tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    applicant ap;
    lk_err e = approval_get(c, r->a, me->instansi_id, id, &ap);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, ap.nama, "antrian-registrasi");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    tv_set(ctx, "alasan", alasan);
    tv *p = tv_set_map(ctx, "p");
    applicant_view(r, p, &ap);
    tv_set(p, "status", ap.status);
    tv_set_bool(p, "menunggu", strcmp(ap.status, "menunggu") == 0);
    tv_set(p, "tanggal_daftar", page_datetime(r, ap.created_at));
    tv_set(p, "reject_reason", ap.reject_reason);
    const char *file_href = arena_printf(r->a, "/petugas/registrasi/%lld/identitas", (long long)id);
    tv_set(p, "file_href", file_href);
    tv_set(p, "file_name", ap.identity_name);
    tv_set_bool(p, "file_image", strncmp(ap.identity_mime, "image/", 6) == 0);
    tv_set(p, "action_setujui", arena_printf(r->a, "/petugas/registrasi/%lld/setujui", (long long)id));
    tv_set(p, "action_tolak", arena_printf(r->a, "/petugas/registrasi/%lld/tolak", (long long)id));
    page_send(r, status, "petugas-pemohon", ctx);
}

void handle_petugas_pemohon(req *r)
{
    const account *me = web_require_petugas(r, ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI);
    if (!me) return;
    show_applicant(r, me, 200, NULL, NULL);
}

void handle_petugas_identitas(req *r)
{
    const account *me = web_require_petugas(r, ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI);
    if (!me) return;
    int64_t id;
    if (applicant_id(r, &id) != 0) {
        page_error(r, 404, "Berkas tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    applicant ap;
    lk_err e = approval_get(c, r->a, me->instansi_id, id, &ap);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    /* Stored under a name Loket chose; never a path from the request. */
    if (strchr(ap.identity_file, '/') || ap.identity_file[0] == '.') {
        page_fail(r, LK_ERR_INTERNAL);
        return;
    }
    resp_file(r, arena_printf(r->a, "%s/files/%s", APP(r)->data_dir, ap.identity_file), ap.identity_mime, NULL);
    resp_header(r, "Content-Disposition", "inline");
    resp_header(r, "Cache-Control", "private, no-store");
    /* Shown inside the applicant's page: framing by our own pages only, nothing active. */
    resp_header(r, "Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    resp_header(r, "X-Frame-Options", "SAMEORIGIN");
}

static int officer_post(req *r, const account **me, int64_t *id)
{
    *me = web_require_petugas(r, ROLE_FRONT_OFFICE | ROLE_ADMIN_INSTANSI);
    if (!*me) return -1;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return -1;
    }
    if (applicant_id(r, id) != 0) {
        page_error(r, 404, "Pemohon tidak ditemukan.");
        return -1;
    }
    return 0;
}

void handle_petugas_setujui(req *r)
{
    const account *me;
    int64_t id;
    if (officer_post(r, &me, &id) != 0) return;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = approval_approve(c, me->instansi_id, id, me->id, APP(r)->base_url, time(NULL));
    store_release(c);
    if (e == LK_ERR_CONFLICT) {
        show_applicant(r, me, 409, "Registrasi ini sudah diputuskan sebelumnya.", NULL);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    wake_mailer(r);
    resp_redirect(r, 303, "/petugas/registrasi?pesan=disetujui");
}

void handle_petugas_tolak(req *r)
{
    const account *me;
    int64_t id;
    if (officer_post(r, &me, &id) != 0) return;
    const char *alasan = req_form(r, "alasan");
    size_t len = alasan ? utf8_length(alasan) : 0;
    if (is_blank(alasan) || len < 5 || len > 500) {
        show_applicant(r, me, 400, "Tulis alasan penolakan (5 sampai 500 karakter); alasan ini dikirim ke pemohon.", alasan);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = approval_reject(c, me->instansi_id, id, me->id, alasan, time(NULL));
    store_release(c);
    if (e == LK_ERR_CONFLICT) {
        show_applicant(r, me, 409, "Registrasi ini sudah diputuskan sebelumnya.", NULL);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    wake_mailer(r);
    resp_redirect(r, 303, "/petugas/registrasi?pesan=ditolak");
}

/* The settings page; `typed` and `msgs` (may be NULL) are a refused contact form. */
static void show_settings(req *r, const account *me, const char *notice, const char *const *typed,
                          const char *const *msgs)
{
    store_conn *c = store_acquire(APP(r)->db);
    int64_t auto_approve = 0;
    instansi_kontak k;
    lk_err e = store_query_int(c, "SELECT auto_approve FROM instansi WHERE id = $1",
                               STORE_P(SP_I(me->instansi_id)), &auto_approve);
    if (e == LK_OK) e = kontak_get(c, r->a, me->instansi_id, &k);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Pengaturan Instansi", "pengaturan");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "instansi", me->instansi_name);
    tv_set_bool(ctx, "auto_approve", auto_approve);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    /* Kontak untuk pemohon (UX): call centre, WhatsApp, hours, address. */
    tv *fields = tv_set_list(ctx, "kontak_fields");
    for (int f = 0; f < KONTAK_COUNT; f++) {
        tv *m = tv_push_map(fields);
        tv_set(m, "key", kontak_field_key((kontak_field)f));
        tv_set(m, "label", page_t(r, kontak_field_label((kontak_field)f)));
        tv_set(m, "value", typed ? typed[f] : k.v[f]);
        tv_set(m, "err", msgs && msgs[f] ? page_t(r, msgs[f]) : NULL);
        tv_set_bool(m, "area", f == KONTAK_ADDRESS);
        tv_set_bool(m, "tel", f == KONTAK_CALL_CENTER || f == KONTAK_WHATSAPP);
        tv_set_int(m, "max", f == KONTAK_ADDRESS ? KONTAK_ADDRESS_MAX : f == KONTAK_HOURS ? KONTAK_HOURS_MAX : KONTAK_NUMBER_MAX);
    }
    page_send(r, msgs ? 400 : 200, "pengaturan", ctx);
}

void handle_pengaturan_form(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    show_settings(r, me, NULL, NULL, NULL);
}

void handle_pengaturan(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *v = req_form(r, "auto_approve");
    const char *typed[KONTAK_COUNT], *msgs[KONTAK_COUNT];
    for (int f = 0; f < KONTAK_COUNT; f++) typed[f] = req_form(r, kontak_field_key((kontak_field)f));
    store_conn *c = store_acquire(APP(r)->db);
    /* One transaction: a refused contact value changes nothing, not even the tick. */
    lk_err e = store_begin(c);
    if (e == LK_OK) e = kontak_save(c, me->instansi_id, typed, msgs);
    if (e == LK_OK) e = instansi_set_auto_approve(c, me->instansi_id, v && strcmp(v, "1") == 0);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    store_release(c);
    if (e == LK_ERR_INVALID) {
        show_settings(r, me, NULL, typed, msgs);
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    show_settings(r, me, "Pengaturan disimpan.", NULL, NULL);
}
