/* web/admin_petugas.c — Admin Instansi's *Petugas* pages (SPEC 2, 5.8): the officers of
 * the instansi, adding one with roles and units, editing, deactivating and reactivating,
 * and resetting a password.
 *
 * A new or reset one-time password is generated and hashed on the background pool
 * (argon2id), then either shown once on the answer to the POST (never stored in clear,
 * never on a page that can be opened again) or mailed through the outbox, as the admin
 * chose.  The rules are in domain/akun/petugas.c. */
#include "domain/akun/petugas.h"
#include "domain/katalog/catalogue.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define ONE_TIME_PASSWORD_LEN 12
#define LIST_PATH "/petugas/admin/petugas"

static const admin_label LABELS[] = {
    {"username", "Username"}, {"nama", "Nama"}, {"email", "Email"}, {"nip", "NIP"},
    {"jabatan", "Jabatan"},   {"roles", "Peran"}, {"units", "Unit"},
    {"nik", "NIK"},   /* the remote signer's NIK (issue 14) */
    {NULL, NULL},
};

/* "Front Office, Verifikator" */
static const char *role_names(req *r, unsigned roles)
{
    const char *out = "";
    for (int i = 0; i < ROLE_COUNT; i++)
        if (roles & (1u << i))
            out = *out ? arena_printf(r->a, "%s, %s", out, page_t(r, role_name((role_bit)(1u << i))))
                       : page_t(r, role_name((role_bit)(1u << i)));
    return out;
}

void handle_admin_petugas_list(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    petugas *list = NULL;
    size_t n = 0;
    lk_err e = petugas_list(c, r->a, me->instansi_id, &list, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Petugas", "admin-petugas");
    tv_set(ctx, "instansi", me->instansi_name);
    const char *msg = req_query(r, "pesan");
    if (msg && strcmp(msg, "disimpan") == 0) tv_set(ctx, "notice", page_t(r, "Data petugas disimpan."));
    else if (msg && strcmp(msg, "nonaktif") == 0) tv_set(ctx, "notice", page_t(r, "Petugas dinonaktifkan. Ia tidak dapat Log In lagi."));
    else if (msg && strcmp(msg, "aktif") == 0) tv_set(ctx, "notice", page_t(r, "Petugas diaktifkan kembali."));
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(rows);
        tv_set(row, "nama", list[i].nama);
        tv_set(row, "username", list[i].username);
        tv_set(row, "peran", role_names(r, list[i].roles));
        tv_set(row, "unit", *list[i].unit_names ? list[i].unit_names : page_t(r, "Semua unit"));
        tv_set_bool(row, "aktif", strcmp(list[i].status, "aktif") == 0);
        tv_set(row, "href", arena_printf(r->a, LIST_PATH "/%lld", (long long)list[i].id));
    }
    tv_set_bool(ctx, "has_rows", n > 0);
    page_send(r, 200, "admin-petugas", ctx);
}

/* What the form posted; problems with the roles and unit values go into errs. */
static petugas_input read_input(req *r, issues *errs)
{
    petugas_input in = {
        .username = admin_field(r, "username"), .email = admin_field(r, "email"), .nama = admin_field(r, "nama"),
        .nip = admin_field(r, "nip"), .jabatan = admin_field(r, "jabatan"),
        .nik = admin_field(r, "nik"), .clear_nik = req_form(r, "hapus_nik") != NULL,
    };
    const char **vals = NULL;
    size_t n = req_form_all(r, "peran", &vals);
    for (size_t i = 0; i < n; i++) {
        unsigned bit = 0;
        if (roles_parse(vals[i], &bit) != 0 || strchr(vals[i], ',')) {
            issues_add(r->a, errs, "roles", "Peran yang dipilih tidak dikenal.");
            break;
        }
        in.roles |= bit;
    }
    n = req_form_all(r, "unit", &vals);
    int64_t *units = arena_alloc(r->a, (n + 1) * sizeof *units);
    for (size_t i = 0; i < n; i++) {
        if (parse_int64(vals[i], 1, INT64_MAX, &units[in.unit_count]) != 0) {
            issues_add(r->a, errs, "units", "Unit yang dipilih tidak dikenal.");
            break;
        }
        in.unit_count++;
    }
    in.units = units;
    return in;
}

static int has_unit(const int64_t *units, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (units[i] == id) return 1;
    return 0;
}

/* The add (p == NULL) or edit form, with what was typed and its errors. */
static void show_form(req *r, const account *me, int status, const petugas *p, const petugas_input *in,
                      const issues *errs, const char *notice)
{
    store_conn *c = store_acquire(APP(r)->db);
    unit_kerja *units = NULL;
    size_t nu = 0;
    lk_err e = catalogue_units(c, r->a, me->instansi_id, &units, &nu);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, p ? p->nama : "Tambah Petugas", "admin-petugas");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "heading", p ? p->nama : page_t(r, "Tambah Petugas"));
    tv_set_bool(ctx, "baru", !p);
    tv_set(ctx, "action", p ? arena_printf(r->a, LIST_PATH "/%lld", (long long)p->id) : LIST_PATH "/baru");
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, LABELS);
    tv *f = tv_set_map(ctx, "f");
    tv_set(f, "username", in ? in->username : p ? p->username : NULL);
    tv_set(f, "nama", in ? in->nama : p ? p->nama : NULL);
    tv_set(f, "email", in ? in->email : p ? p->email : NULL);
    tv_set(f, "nip", in ? in->nip : p ? p->nip : NULL);
    tv_set(f, "jabatan", in ? in->jabatan : p ? p->jabatan : NULL);
    /* The NIK is never sent back whole: what was just typed, else the stored one masked. */
    tv_set(f, "nik", in ? in->nik : NULL);
    if (p && *p->nik) tv_set(f, "nik_masked", petugas_nik_masked(r->a, p->nik));
    unsigned roles = in ? in->roles : p ? p->roles : 0;
    tv *rl = tv_set_list(ctx, "roles");
    for (int i = 0; i < ROLE_COUNT; i++) {
        tv *row = tv_push_map(rl);
        tv_set(row, "key", role_key((role_bit)(1u << i)));
        tv_set(row, "name", page_t(r, role_name((role_bit)(1u << i))));
        tv_set_bool(row, "checked", roles & (1u << i));
    }
    const int64_t *chosen = in ? in->units : p ? p->units : NULL;
    size_t nchosen = in ? in->unit_count : p ? p->unit_count : 0;
    tv *ul = tv_set_list(ctx, "units");
    for (size_t i = 0; i < nu; i++) {
        tv *row = tv_push_map(ul);
        tv_setf(row, "id", "%lld", (long long)units[i].id);
        tv_set(row, "name", units[i].name);
        tv_set_bool(row, "checked", has_unit(chosen, nchosen, units[i].id));
    }
    const char *serah = req_form(r, "serah");
    tv_set_bool(ctx, "serah_email", serah && strcmp(serah, "email") == 0);
    if (p) {
        tv *o = tv_set_map(ctx, "p");
        tv_set_bool(o, "aktif", strcmp(p->status, "aktif") == 0);
        tv_set_bool(o, "self", p->id == me->id);
        tv_set_bool(o, "must_change", p->must_change_password);
        tv_set(o, "last_login", p->last_login_at ? datetime_long_iso(r->a, p->last_login_at) : NULL);
        tv_set(o, "base", arena_printf(r->a, LIST_PATH "/%lld", (long long)p->id));
    }
    page_send(r, status, "admin-petugas-form", ctx);
}

void handle_admin_petugas_baru(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    show_form(r, me, 200, NULL, NULL, NULL, NULL);
}

/* The answer to an add or a reset: the one-time password shown once, or where it went. */
static void show_password(req *r, const char *title, const char *nama, const char *username, const char *password,
                          const char *email)
{
    tv *ctx = page_new(r, title, "admin-petugas");
    tv_set(ctx, "nama", nama);
    tv_set(ctx, "username", username);
    tv_set(ctx, "password", password);
    tv_set(ctx, "email", email);
    page_send(r, 200, "admin-petugas-sandi", ctx);
    /* The password must not stay in a cache or come back with the Back button. */
    resp_header(r, "Cache-Control", "no-store");
}

/* A new one-time password and how it is handed over (the form's "serah"). */
typedef struct {
    int send_mail;
    char password[ONE_TIME_PASSWORD_LEN + 1];
    char hash[PASSWORD_HASH_MAX];
} handover;

/* Generates and hashes the password (on the background pool); -1 after an error page. */
static int handover_prepare(req *r, handover *h)
{
    const char *serah = req_form(r, "serah");
    h->send_mail = serah && strcmp(serah, "email") == 0;
    password_generate(h->password, ONE_TIME_PASSWORD_LEN);
    if (password_hash(h->password, h->hash) == 0) return 0;
    password_wipe(h->password);
    page_fail(r, LK_ERR_INTERNAL);
    return -1;
}

/* After the change that stored it: the answer (the password once, or where it was
 * mailed), or the error page; the password is wiped either way. */
static void handover_done(req *r, handover *h, lk_err e, const char *title, const char *nama, const char *username,
                          const char *email)
{
    if (e) page_fail(r, e);
    else {
        if (h->send_mail) admin_wake_mailer(r);
        show_password(r, title, nama, username, h->send_mail ? NULL : h->password, h->send_mail ? email : NULL);
    }
    password_wipe(h->password);
}

static void baru_work(req *r)
{
    const account *me = web_account(r);
    issues errs = {0};
    petugas_input in = read_input(r, &errs);
    handover h;
    if (handover_prepare(r, &h)) return;
    lk_err e = LK_ERR_INVALID;
    int64_t id = 0;
    if (!errs.count) {
        store_conn *c = store_acquire(APP(r)->db);
        e = petugas_create(c, r->a, me, &in, h.password, h.hash, h.send_mail, APP(r)->base_url, time(NULL), &id, &errs);
        store_release(c);
    }
    if (e == LK_ERR_INVALID) {
        password_wipe(h.password);
        show_form(r, me, 400, NULL, &in, &errs, NULL);
        return;
    }
    handover_done(r, &h, e, "Petugas ditambahkan", in.nama, in.username, in.email);
}

void handle_admin_petugas_tambah(req *r)
{
    if (!admin_post(r)) return;
    web_csrf(r);
    req_defer(r, baru_work);
}

/* The officer named in the address, or NULL after the 404 was sent. */
static int load_officer(req *r, const account *me, petugas *p)
{
    int64_t id = admin_id_param(r, "id");
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? petugas_get(c, r->a, me->instansi_id, id, p) : LK_ERR_NOTFOUND;
    store_release(c);
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Petugas tidak ditemukan.");
    else if (e) page_fail(r, e);
    return e == LK_OK;
}

void handle_admin_petugas_form(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    petugas p;
    if (!load_officer(r, me, &p)) return;
    const char *msg = req_query(r, "pesan");
    show_form(r, me, 200, &p, NULL, NULL,
              msg && strcmp(msg, "konflik") == 0 ? "Status petugas ini sudah diubah sebelumnya." : NULL);
}

void handle_admin_petugas_simpan(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    petugas p;
    if (!load_officer(r, me, &p)) return;
    issues errs = {0};
    petugas_input in = read_input(r, &errs);
    in.username = p.username;
    lk_err e = LK_ERR_INVALID;
    if (!errs.count) {
        store_conn *c = store_acquire(APP(r)->db);
        e = petugas_update(c, r->a, me, p.id, &in, time(NULL), &errs);
        store_release(c);
    }
    if (e == LK_ERR_INVALID) {
        show_form(r, me, 400, &p, &in, &errs, NULL);
        return;
    }
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, LIST_PATH "?pesan=disimpan");
}

static void set_active(req *r, int active)
{
    const account *me = admin_post(r);
    if (!me) return;
    int64_t id = admin_id_param(r, "id");
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? petugas_set_active(c, me, id, active, time(NULL)) : LK_ERR_NOTFOUND;
    store_release(c);
    if (e == LK_ERR_DENIED) {
        page_error(r, 403, "Anda tidak dapat menonaktifkan akun Anda sendiri.");
        return;
    }
    if (e == LK_ERR_CONFLICT) {
        resp_redirect(r, 303, arena_printf(r->a, LIST_PATH "/%lld?pesan=konflik", (long long)id));
        return;
    }
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Petugas tidak ditemukan.");
        return;
    }
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, active ? LIST_PATH "?pesan=aktif" : LIST_PATH "?pesan=nonaktif");
}

void handle_admin_petugas_nonaktifkan(req *r)
{
    set_active(r, 0);
}

void handle_admin_petugas_aktifkan(req *r)
{
    set_active(r, 1);
}

static void reset_work(req *r)
{
    const account *me = web_account(r);
    petugas p;
    if (!load_officer(r, me, &p)) return;
    handover h;
    if (handover_prepare(r, &h)) return;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = petugas_reset_password(c, r->a, me, p.id, h.password, h.hash, h.send_mail, APP(r)->base_url, time(NULL));
    store_release(c);
    handover_done(r, &h, e, "Password direset", p.nama, p.username, p.email);
}

void handle_admin_petugas_reset(req *r)
{
    if (!admin_post(r)) return;
    web_csrf(r);
    req_defer(r, reset_work);
}
