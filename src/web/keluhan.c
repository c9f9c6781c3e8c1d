/* web/keluhan.c — *Keluhan* (SPEC 4.13, 5.7) for applicants, public visitors and officers:
 *   GET|POST /pemohon/keluhan              the applicant's complaints and the form (multipart)
 *   GET|POST /pemohon/keluhan/:id          one complaint; aksi=balas (reply) / buka (reopen)
 *   GET      /pemohon/keluhan/:id/lampiran its attachment
 *   GET|POST /keluhan                      a public visitor's form (nama, email, instansi)
 *   GET|POST /keluhan/lihat?t=TOKEN        the emailed link: Kirim (verify; a GET alone does
 *                                          not), then the complaint with balas / buka
 *   GET      /petugas/keluhan              the instansi's queue, by status
 *   GET|POST /petugas/keluhan/:id          one complaint (an audited view) and the answer
 *   GET      /petugas/keluhan/:id/lampiran its attachment (audited)
 * The rules are domain/keluhan/keluhan.h; one template shows a complaint to all three. */
#include "domain/katalog/catalogue.h"
#include "domain/keluhan/keluhan.h"
#include "domain/permohonan/lacak.h"
#include "domain/proses/audit.h"
#include "domain/surat/mailer.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/kontak.h"
#include "web/visitor_mail.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

static const struct {
    const char *key, *label;
} FIELDS[KF_COUNT] = {
    [KF_KATEGORI] = {"kategori", "Kategori"}, [KF_ISI] = {"uraian", "Isi Keluhan"},
    [KF_PERMOHONAN] = {"permohonan", "Permohonan terkait"}, [KF_NAMA] = {"nama", "Nama"},
    [KF_EMAIL] = {"email", "Email"}, [KF_INSTANSI] = {"instansi", "Instansi yang dituju"},
    [KF_LAMPIRAN] = {"lampiran", "Lampiran"},
};

static int64_t id_param(req *r)
{
    int64_t id = 0;
    const char *s = req_param(r, "id");
    return s && parse_int64(s, 1, INT64_MAX, &id) == 0 ? id : 0;
}

static void wake(req *r)
{
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
}

/* ---- the form ---- */

static void fill_form(req *r, store_conn *c, tv *ctx, const account *me, const keluhan_input *in, const keluhan_errors *err)
{
    tv *f = tv_set_map(ctx, "form");
    tv_set(f, "uraian", in && in->isi ? in->isi : "");
    tv_set(f, "nama", in && in->nama ? in->nama : "");
    tv_set(f, "email", in && in->email ? in->email : "");
    tv_set(f, "max_mb", arena_printf(r->a, "%u", APP(r)->max_upload_mb));
    tv_set_bool(f, "publik", me == NULL);
    tv *kat = tv_set_list(f, "kategori");
    for (size_t i = 0; i < KELUHAN_KATEGORI_COUNT; i++) {
        tv *o = tv_push_map(kat);
        tv_set(o, "value", KELUHAN_KATEGORI[i].key);
        tv_set(o, "label", page_t(r, KELUHAN_KATEGORI[i].label));
        tv_set_bool(o, "selected", in && in->kategori && strcmp(in->kategori, KELUHAN_KATEGORI[i].key) == 0);
    }
    if (me) {
        lacak_row *rows;
        size_t n;
        int64_t total;
        tv *pl = tv_set_list(f, "permohonan");
        if (lacak_list(c, r->a, me->id, &(lacak_filter){NULL, NULL, NULL}, &rows, &n, &total) == LK_OK)
            for (size_t i = 0; i < n; i++) {
                if (strcmp(rows[i].status, "draft") == 0) continue;
                tv *o = tv_push_map(pl);
                tv_setf(o, "value", "%lld", (long long)rows[i].id);
                tv_setf(o, "label", "%s — %s", rows[i].nomor, rows[i].jenis_izin ? rows[i].jenis_izin : "");
                tv_set_bool(o, "selected", in && in->permohonan_id == rows[i].id);
            }
    } else {
        instansi *list;
        size_t n;
        tv *il = tv_set_list(f, "instansi");
        if (catalogue_instansi_list(c, r->a, &list, &n) == LK_OK)
            for (size_t i = 0; i < n; i++) {
                tv *o = tv_push_map(il);
                tv_setf(o, "value", "%lld", (long long)list[i].id);
                tv_set(o, "label", list[i].office_name);
                tv_set_bool(o, "selected", in && in->instansi_id == list[i].id);
            }
    }
    if (err && err->count) {
        tv *sum = tv_set_list(tv_set_map(ctx, "errors"), "list");
        for (int i = 0; i < KF_COUNT; i++) {
            if (!err->msg[i]) continue;
            tv_set(f, arena_printf(r->a, "err_%s", FIELDS[i].key), page_t(r, err->msg[i]));
            tv *item = tv_push_map(sum);
            tv_set(item, "key", FIELDS[i].key);
            tv_set(item, "label", page_t(r, FIELDS[i].label));
            tv_set(item, "msg", page_t(r, err->msg[i]));
        }
    }
}

static void fill_list(req *r, tv *ctx, const keluhan *list, size_t n, const char *href_base)
{
    tv *rows = tv_set_list(ctx, "rows");
    tv_set_bool(ctx, "has_rows", n > 0);
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(rows);
        tv_set(row, "nomor", list[i].nomor);
        tv_set(row, "kategori", page_t(r, keluhan_kategori_label(list[i].kategori)));
        tv_set(row, "status", page_t(r, keluhan_status_label(list[i].status)));
        tv_set(row, "nama", list[i].nama);
        tv_set(row, "tanggal", datetime_long_iso(r->a, list[i].created_at));
        tv_setf(row, "href", "%s/%lld", href_base, (long long)list[i].id);
    }
}

/* Reads the form; the attachment's temporary file, if one was chosen. */
static void read_input(req *r, keluhan_input *in, http_upload **u)
{
    memset(in, 0, sizeof *in);
    in->kategori = req_form(r, "kategori");
    in->isi = req_form(r, "uraian");   /* not "isi": that is the id of <main> */
    in->nama = req_form(r, "nama");
    in->email = req_form(r, "email");
    in->lang = page_lang(r);   /* a visitor's mails follow the pages they filed on */
    const char *p = req_form(r, "permohonan"), *i = req_form(r, "instansi");
    if (p && *p && parse_int64(p, 1, INT64_MAX, &in->permohonan_id)) in->permohonan_id = -1;
    if (i && *i && parse_int64(i, 1, INT64_MAX, &in->instansi_id)) in->instansi_id = -1;
    *u = req_upload(r, "lampiran");
    if (*u && (*u)->size == 0 && (!(*u)->file_name || !*(*u)->file_name)) *u = NULL;   /* left empty */
    if (*u) {
        in->lampiran_path = (*u)->tmp_path;
        in->lampiran_name = (*u)->file_name;
    }
}

/* ---- one complaint ---- */

typedef enum { VIEW_PEMOHON, VIEW_PUBLIK, VIEW_PETUGAS } view_kind;

static void show_one(req *r, int status, const keluhan *k, view_kind view, const char *token, const char *msg)
{
    tv *ctx = page_new(r, "Keluhan", view == VIEW_PETUGAS ? "keluhan-petugas" : "keluhan");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "nomor", k->nomor);
    tv_set(ctx, "kategori", page_t(r, keluhan_kategori_label(k->kategori)));
    tv_set(ctx, "status", page_t(r, keluhan_status_label(k->status)));
    tv_set(ctx, "instansi", k->instansi_nama);
    tv_set(ctx, "nama", k->nama);
    tv_set(ctx, "tanggal", datetime_long_iso(r->a, k->created_at));
    tv_set(ctx, "isi", k->isi);
    tv_set(ctx, "permohonan", k->permohonan_nomor);
    if (msg) tv_set(ctx, "alert", page_t(r, msg));
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "terkirim") == 0) tv_set(ctx, "notice", page_t(r, "Keluhan terkirim. Petugas akan menanggapinya."));
    if (pesan && strcmp(pesan, "dibalas") == 0) tv_set(ctx, "notice", page_t(r, "Balasan terkirim."));
    if (pesan && strcmp(pesan, "dijawab") == 0) tv_set(ctx, "notice", page_t(r, "Jawaban terkirim ke pelapor."));
    if (pesan && strcmp(pesan, "dibuka") == 0) tv_set(ctx, "notice", page_t(r, "Keluhan dibuka kembali."));
    const char *self = view == VIEW_PETUGAS ? arena_printf(r->a, "/petugas/keluhan/%lld", (long long)k->id)
                     : view == VIEW_PEMOHON ? arena_printf(r->a, "/pemohon/keluhan/%lld", (long long)k->id)
                                            : "/keluhan/lihat";
    tv_set(ctx, "action", self);
    tv_set(ctx, "token", token);
    if (k->lampiran_storage && view != VIEW_PUBLIK) {
        tv *l = tv_set_map(ctx, "lampiran");
        tv_set(l, "name", k->lampiran_name);
        tv_set(l, "href", arena_printf(r->a, "%s/lampiran", self));
    } else if (k->lampiran_storage) {
        tv_set(ctx, "lampiran_name", k->lampiran_name);
    }
    tv *msgs = tv_set_list(ctx, "pesan");
    for (size_t i = 0; i < k->npesan; i++) {
        tv *m = tv_push_map(msgs);
        int petugas = strcmp(k->pesan[i].dari, "petugas") == 0;
        tv_set(m, "dari", petugas ? arena_printf(r->a, "%s (%s)", page_t(r, "Petugas"), k->pesan[i].petugas ? k->pesan[i].petugas : "")
                         : strcmp(k->pesan[i].dari, "sistem") == 0 ? page_t(r, "Sistem") : k->nama);
        tv_set(m, "class", petugas ? "dari-petugas" : "dari-pelapor");
        tv_set(m, "at", datetime_long_iso(r->a, k->pesan[i].at));
        tv_set(m, "isi", k->pesan[i].isi);
    }
    int open = strcmp(k->status, "baru") == 0 || strcmp(k->status, "diproses") == 0;
    if (view == VIEW_PETUGAS) {
        tv *j = tv_set_map(ctx, "jawab");
        tv_set_bool(j, "diproses", strcmp(k->status, "selesai") != 0);
        tv_set_bool(j, "selesai", strcmp(k->status, "selesai") == 0);
        tv_set(ctx, "email", k->email);
    } else if (strcmp(k->status, "belum_verifikasi") == 0) {
        tv_set_bool(ctx, "verifikasi", 1);
    } else {
        tv_set_bool(ctx, "balas", open);
        tv_set_bool(ctx, "buka", k->can_reopen);
        tv_set_bool(ctx, "tutup", strcmp(k->status, "selesai") == 0 && !k->can_reopen);
    }
    page_send(r, status, "keluhan-detail", ctx);
}

/* ---- the applicant ---- */

static void pemohon_list(req *r, store_conn *c, int status, const account *me, const keluhan_input *in, const keluhan_errors *err)
{
    tv *ctx = page_new(r, "Keluhan", "keluhan");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "action", "/pemohon/keluhan");
    keluhan *list;
    size_t n;
    lk_err e = keluhan_list(c, r->a, 0, me->id, NULL, &list, &n);
    if (e) {
        page_fail(r, e);
        return;
    }
    fill_list(r, ctx, list, n, "/pemohon/keluhan");
    tv_set_bool(ctx, "own_list", 1);
    fill_form(r, c, ctx, me, in, err);
    e = kontak_view_add(r, c, ctx, me->instansi_id);   /* the applicant's office (web/kontak.h) */
    if (e) page_fail(r, e);
    else page_send(r, status, "keluhan", ctx);
}

void handle_pemohon_keluhan(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    pemohon_list(r, c, 200, me, NULL, NULL);
    store_release(c);
}

/* The public form (a visitor without an account), with what was typed and the messages,
 * and every office's contact below it, as Home lists them (web/kontak.h). */
static void public_form(req *r, store_conn *c, int status, const keluhan_input *in, const keluhan_errors *err)
{
    tv *ctx = page_new(r, "Keluhan", "keluhan");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "action", "/keluhan");
    fill_form(r, c, ctx, NULL, in, err);
    lk_err e = kontak_view_offices(r, c, ctx);
    if (e) page_fail(r, e);
    else page_send(r, status, "keluhan", ctx);
}

/* Files the posted complaint for `me` (NULL: a public visitor); the redirect or the form again. */
static void file_posted(req *r, const account *me)
{
    keluhan_input in;
    http_upload *u;
    read_input(r, &in, &u);
    store_conn *c = store_acquire(APP(r)->db);
    keluhan_errors err;
    int64_t id = 0;
    int claimed = 0;
    /* A visitor's complaint mails a verification link to the address typed: limited per
     * client and per recipient like every mail a visitor can trigger (web/visitor_mail.h);
     * a form with mistakes is answered first and counts for nothing. */
    int64_t instansi_id = 0;
    if (!me && keluhan_check(c, NULL, &in, &instansi_id, &err) == LK_OK &&
        !visitor_mail_allowed(r, c, in.email)) {
        memset(&err, 0, sizeof err);
        err.msg[KF_EMAIL] = "Terlalu banyak keluhan ke email ini atau dari jaringan Anda. Coba lagi dalam satu jam.";
        err.count = 1;
        resp_header(r, "Retry-After", "3600");
        public_form(r, c, 429, &in, &err);
        store_release(c);
        return;
    }
    lk_err e = keluhan_file(c, r->a, APP(r)->data_dir, me, &in, APP(r)->base_url, time(NULL), &id, &claimed, &err);
    if (claimed) req_upload_claim(u);
    if (e == LK_OK) {
        wake(r);
        resp_redirect(r, 303, me ? arena_printf(r->a, "/pemohon/keluhan/%lld?pesan=terkirim", (long long)id) : "/keluhan?pesan=periksa-email");
    } else if (e == LK_ERR_INVALID) {
        if (me) pemohon_list(r, c, 400, me, &in, &err);
        else public_form(r, c, 400, &in, &err);
    } else {
        page_fail(r, e);
    }
    store_release(c);
}

void handle_pemohon_keluhan_kirim(req *r)
{
    const account *me = web_pemohon_post(r);
    if (me) file_posted(r, me);
}

void handle_pemohon_keluhan_lihat(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_get(c, r->a, id_param(r), 0, me->id, time(NULL), &k);
    if (e == LK_OK) show_one(r, 200, &k, VIEW_PEMOHON, NULL, NULL);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}

/* Balas or Buka kembali by whoever `k` was shown to; the redirect, or the page with why not. */
static void reply_posted(req *r, store_conn *c, const keluhan *k, view_kind view, const char *token, const char *back)
{
    const char *aksi = req_form(r, "aksi");
    int reopen = aksi && strcmp(aksi, "buka") == 0;
    const char *msg = NULL;
    lk_err e = keluhan_reply(c, r->a, k->id, k->account_id, req_form(r, "isi"), reopen, time(NULL), &msg);
    if (e == LK_OK) {
        resp_redirect(r, 303, arena_printf(r->a, "%s%spesan=%s", back, strchr(back, '?') ? "&" : "?", reopen ? "dibuka" : "dibalas"));
    } else if (msg) {
        keluhan fresh;
        lk_err ge = view == VIEW_PUBLIK ? keluhan_by_token(c, r->a, token, time(NULL), &fresh)
                                        : keluhan_get(c, r->a, k->id, 0, k->account_id, time(NULL), &fresh);
        if (ge) page_fail(r, ge);
        else show_one(r, e == LK_ERR_CONFLICT ? 409 : 400, &fresh, view, token, msg);
    } else {
        page_fail(r, e);
    }
}

void handle_pemohon_keluhan_balas(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_get(c, r->a, id_param(r), 0, me->id, time(NULL), &k);
    if (e == LK_OK) reply_posted(r, c, &k, VIEW_PEMOHON, NULL, arena_printf(r->a, "/pemohon/keluhan/%lld", (long long)k.id));
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}

/* The attachment of k, for its owner or an officer (an audited view). */
static void send_lampiran(req *r, store_conn *c, const keluhan *k, const account *officer)
{
    if (!k->lampiran_storage) {
        page_error(r, 404, "Lampiran tidak ditemukan.");
        return;
    }
    if (officer) {
        audit_entry en = {officer->id, officer->instansi_id, "keluhan.lampiran_lihat", "keluhan", k->id, k->lampiran_name};
        lk_err e = audit_record_alone(c, &en, time(NULL));
        if (e) {
            page_fail(r, e);
            return;
        }
    }
    resp_header(r, "Cache-Control", "private, no-store");
    resp_file(r, arena_printf(r->a, "%s/files/%s", APP(r)->data_dir, k->lampiran_storage), k->lampiran_type, k->lampiran_name);
}

void handle_pemohon_keluhan_lampiran(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_get(c, r->a, id_param(r), 0, me->id, time(NULL), &k);
    if (e == LK_OK) send_lampiran(r, c, &k, NULL);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}

/* ---- public visitors ---- */

void handle_keluhan_publik(req *r)
{
    const account *me = web_account(r);
    if (me && strcmp(me->kind, "pemohon") == 0) {
        resp_redirect(r, 303, "/pemohon/keluhan");
        return;
    }
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "periksa-email") == 0) {
        tv *ctx = page_new(r, "Keluhan", "keluhan");
        tv_set(ctx, "message", page_t(r, "Keluhan Anda tersimpan. Buka link yang kami kirim ke email Anda untuk mengirimkannya ke petugas; link berlaku 48 jam."));
        tv_set_bool(ctx, "login_link", 0);
        page_send(r, 200, "pesan", ctx);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    public_form(r, c, 200, NULL, NULL);
    store_release(c);
}

void handle_keluhan_publik_kirim(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    file_posted(r, NULL);
}

static const char *token_of(req *r, int post) { return post ? req_form(r, "t") : req_query(r, "t"); }

void handle_keluhan_token(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    const char *t = token_of(r, 0);
    lk_err e = keluhan_by_token(c, r->a, t, time(NULL), &k);
    if (e == LK_OK) show_one(r, 200, &k, VIEW_PUBLIK, t, NULL);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Link keluhan tidak dikenal. Gunakan link terbaru dari email Anda.");
    else page_fail(r, e);
    store_release(c);
}

void handle_keluhan_token_post(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *t = token_of(r, 1), *aksi = req_form(r, "aksi");
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_by_token(c, r->a, t, time(NULL), &k);
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Link keluhan tidak dikenal. Gunakan link terbaru dari email Anda.");
        goto out;
    }
    if (e) {
        page_fail(r, e);
        goto out;
    }
    const char *back = arena_printf(r->a, "/keluhan/lihat?t=%s", t);
    if (aksi && strcmp(aksi, "verifikasi") == 0) {
        const char *msg = NULL;
        int64_t id = 0;
        e = keluhan_verify(c, r->a, t, time(NULL), &id, &msg);
        if (e == LK_OK) resp_redirect(r, 303, arena_printf(r->a, "%s&pesan=terkirim", back));
        else if (msg) show_one(r, 410, &k, VIEW_PUBLIK, t, msg);
        else page_fail(r, e);
    } else {
        reply_posted(r, c, &k, VIEW_PUBLIK, t, back);
    }
out:
    store_release(c);
}

/* ---- officers ---- */

void handle_petugas_keluhan(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    const char *status = req_query(r, "status");
    if (status && strcmp(status, "baru") != 0 && strcmp(status, "diproses") != 0 && strcmp(status, "selesai") != 0) status = "";
    store_conn *c = store_acquire(APP(r)->db);
    keluhan *list;
    size_t n;
    int64_t counts[3];
    lk_err e = keluhan_list(c, r->a, me->instansi_id, 0, status ? status : "", &list, &n);
    if (!e) e = keluhan_counts(c, me->instansi_id, counts);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Keluhan", "keluhan-petugas");
    fill_list(r, ctx, list, n, "/petugas/keluhan");
    tv *filters = tv_set_list(ctx, "filters");
    static const char *const keys[4] = {"", "baru", "diproses", "selesai"};
    static const char *const labels[4] = {"Semua", "Baru", "Diproses", "Selesai"};
    for (int i = 0; i < 4; i++) {
        tv *f = tv_push_map(filters);
        tv_set(f, "href", i ? arena_printf(r->a, "/petugas/keluhan?status=%s", keys[i]) : "/petugas/keluhan");
        tv_set(f, "label", page_t(r, labels[i]));
        if (i) tv_set_int(f, "count", counts[i - 1]);
        tv_set_bool(f, "active", strcmp(status ? status : "", keys[i]) == 0);
    }
    page_send(r, 200, "petugas-keluhan", ctx);
}

void handle_petugas_keluhan_lihat(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_get(c, r->a, id_param(r), me->instansi_id, 0, time(NULL), &k);
    if (e == LK_OK) {
        audit_entry en = {me->id, me->instansi_id, "keluhan.lihat", "keluhan", k.id, NULL};
        e = audit_record_alone(c, &en, time(NULL));
    }
    if (e == LK_OK) show_one(r, 200, &k, VIEW_PETUGAS, NULL, NULL);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}

void handle_petugas_keluhan_jawab(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    int64_t id = id_param(r);
    store_conn *c = store_acquire(APP(r)->db);
    const char *msg = NULL;
    lk_err e = keluhan_answer(c, r->a, me, id, req_form(r, "isi"), req_form(r, "status"), APP(r)->base_url, time(NULL), &msg);
    if (e == LK_OK) {
        wake(r);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/keluhan/%lld?pesan=dijawab", (long long)id));
    } else if (e == LK_ERR_INVALID) {
        keluhan k;
        lk_err ge = keluhan_get(c, r->a, id, me->instansi_id, 0, time(NULL), &k);
        if (ge == LK_OK) show_one(r, 400, &k, VIEW_PETUGAS, NULL, msg);
        else if (ge == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
        else page_fail(r, ge);
    } else if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Keluhan tidak ditemukan.");
    } else {
        page_fail(r, e);
    }
    store_release(c);
}

void handle_petugas_keluhan_lampiran(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    keluhan k;
    lk_err e = keluhan_get(c, r->a, id_param(r), me->instansi_id, 0, time(NULL), &k);
    if (e == LK_OK) send_lampiran(r, c, &k, me);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Keluhan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}
