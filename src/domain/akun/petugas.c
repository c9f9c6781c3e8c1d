/* domain/akun/petugas.c — officer management by Admin Instansi (see petugas.h). */
#include "domain/akun/petugas.h"
#include "domain/akun/session.h"
#include "domain/akun/validate.h"
#include "domain/proses/audit.h"
#include "domain/surat/outbox.h"
#include "util/buf.h"
#include "util/text.h"
#include <ctype.h>
#include <string.h>

static const char *dup_or_empty(arena *a, store_rows *r, int col)
{
    const char *s = store_text(r, col);
    return arena_strdup(a, s ? s : "");
}

#define PETUGAS_SELECT \
    "SELECT a.id, a.username, a.email, a.nama, a.nip, a.jabatan, a.status, a.last_login_at," \
    " a.must_change_password, a.nik FROM account a "

const char *petugas_nik_masked(arena *a, const char *nik)
{
    if (!nik || strlen(nik) != 16) return "";
    return arena_printf(a, "%.6s******%.4s", nik, nik + 12);
}

static void read_row(store_rows *r, arena *a, petugas *p)
{
    memset(p, 0, sizeof *p);
    p->id = store_int(r, 0);
    p->username = dup_or_empty(a, r, 1);
    p->email = dup_or_empty(a, r, 2);
    p->nama = dup_or_empty(a, r, 3);
    p->nip = dup_or_empty(a, r, 4);
    p->jabatan = dup_or_empty(a, r, 5);
    p->status = dup_or_empty(a, r, 6);
    p->last_login_at = arena_strdup(a, store_text(r, 7));
    p->must_change_password = (int)store_int(r, 8);
    p->nik = dup_or_empty(a, r, 9);
    p->unit_names = "";
}

static petugas *find(petugas *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return &list[i];
    return NULL;
}

/* Roles and units of the officers in `list` (all of one instansi). */
static lk_err load_roles_units(store_conn *c, arena *a, int64_t instansi_id, petugas *list, size_t n)
{
    store_rows *r = store_query(c,
        "SELECT ar.account_id, ro.key FROM account_role ar JOIN role ro ON ro.id = ar.role_id"
        " JOIN account a ON a.id = ar.account_id WHERE a.instansi_id = $1 AND a.kind = 'petugas'",
        STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1) {
        petugas *p = find(list, n, store_int(r, 0));
        unsigned bit = 0;
        if (p && roles_parse(store_text(r, 1), &bit) == 0) p->roles |= bit;
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    r = store_query(c,
        "SELECT au.account_id, u.id, u.name FROM account_unit au JOIN unit_kerja u ON u.id = au.unit_id"
        " JOIN account a ON a.id = au.account_id WHERE a.instansi_id = $1 AND a.kind = 'petugas'"
        " ORDER BY u.name, u.id",
        STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    size_t *caps = arena_alloc(a, (n + 1) * sizeof *caps);
    memset(caps, 0, (n + 1) * sizeof *caps);
    while ((got = store_next(r)) == 1) {
        petugas *p = find(list, n, store_int(r, 0));
        if (!p) continue;
        size_t i = (size_t)(p - list);
        p->units = arena_grow(a, p->units, &caps[i], p->unit_count, sizeof *p->units);
        p->units[p->unit_count++] = store_int(r, 1);
        p->unit_names = *p->unit_names ? arena_printf(a, "%s, %s", p->unit_names, store_text(r, 2))
                                       : arena_strdup(a, store_text(r, 2));
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err petugas_list(store_conn *c, arena *a, int64_t instansi_id, petugas **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c, PETUGAS_SELECT "WHERE a.instansi_id = $1 AND a.kind = 'petugas'"
                                   " ORDER BY a.status, a.nama, a.id", STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        read_row(r, a, &(*out)[(*n)++]);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    return load_roles_units(c, a, instansi_id, *out, *n);
}

lk_err petugas_get(store_conn *c, arena *a, int64_t instansi_id, int64_t id, petugas *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c, PETUGAS_SELECT "WHERE a.instansi_id = $1 AND a.kind = 'petugas' AND a.id = $2",
                                STORE_P(SP_I(instansi_id), SP_I(id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) read_row(r, a, out);
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    return load_roles_units(c, a, instansi_id, out, 1);
}

/* ---- checks ----------------------------------------------------------------------- */

static char *lower_copy(arena *a, const char *s)
{
    char *l = arena_strdup(a, s ? s : "");
    for (char *p = l; *p; p++) *p = (char)tolower((unsigned char)*p);
    return l;
}

/* 1 when an account other than self_id, not a rejected registration, uses `value` in
 * column `col` ("username_lower" or "email_lower", fixed texts). */
static lk_err taken(store_conn *c, const char *sql, const char *value, int64_t self_id, int *out)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, sql, STORE_P(SP_T(value), SP_I(self_id)), &n);
    *out = n > 0;
    return e;
}

/* Field checks shared by add and edit; username only when adding (self_id 0). */
static lk_err check_input(store_conn *c, arena *a, int64_t instansi_id, int64_t self_id, petugas_input *in,
                          issues *errs)
{
    const char *msg = NULL;
    int used = 0;
    lk_err e = LK_OK;
    if (!self_id) {
        in->username = lower_copy(a, in->username);
        if (validate_username(in->username, &msg) != 0) issues_add(a, errs, "username", msg);
        else if ((e = taken(c, "SELECT count(*) FROM account WHERE username_lower = $1 AND status <> 'ditolak'"
                               " AND id <> $2", in->username, 0, &used)) != LK_OK)
            return e;
        else if (used) issues_add(a, errs, "username", "Username ini sudah dipakai. Pilih username lain.");
    }
    if (validate_email(in->email, &msg) != 0) issues_add(a, errs, "email", msg);
    else if ((e = taken(c, "SELECT count(*) FROM account WHERE email_lower = $1 AND status <> 'ditolak' AND id <> $2",
                        lower_copy(a, in->email), self_id, &used)) != LK_OK)
        return e;
    else if (used) issues_add(a, errs, "email", "Email ini sudah dipakai oleh akun lain.");
    /* Not validate_nama: an officer's name carries titles and office names ("dr. Siti, M.Kes",
     * "Admin DPMPTSP & NAKER"), not only what an identity card prints. */
    if (validate_text(in->nama, 2, PETUGAS_NAMA_MAX, &msg) != 0)
        issues_add(a, errs, "nama", is_blank(in->nama) ? "Nama wajib diisi." : msg);
    if (validate_text(in->nip ? in->nip : "", 0, PETUGAS_NIP_MAX, &msg) != 0) issues_add(a, errs, "nip", msg);
    else if (in->nip && *in->nip && !all_digits(in->nip))
        issues_add(a, errs, "nip", "NIP hanya berisi angka.");
    char kecamatan[VALIDATE_KECAMATAN_SIZE];
    if (in->nik && *in->nik && !in->clear_nik && validate_nik(in->nik, "", NULL, kecamatan, &msg) != 0)
        issues_add(a, errs, "nik", msg);
    if (validate_text(in->jabatan ? in->jabatan : "", 0, PETUGAS_JABATAN_MAX, &msg) != 0)
        issues_add(a, errs, "jabatan", msg);
    if (!in->roles) issues_add(a, errs, "roles", "Pilih paling sedikit satu peran.");
    if (in->unit_count > PETUGAS_UNIT_MAX) {
        issues_add(a, errs, "units", "Terlalu banyak unit dipilih.");
        return LK_OK;
    }
    for (size_t i = 0; i < in->unit_count; i++) {
        int64_t n = 0;
        e = store_query_int(c, "SELECT count(*) FROM unit_kerja WHERE id = $1 AND instansi_id = $2",
                            STORE_P(SP_I(in->units[i]), SP_I(instansi_id)), &n);
        if (e) return e;
        if (!n) {
            issues_add(a, errs, "units", "Unit yang dipilih bukan unit instansi ini.");
            break;
        }
    }
    return LK_OK;
}

static store_param text_or_null(const char *s)
{
    return s && *s ? SP_T(s) : SP_N;
}

/* Replaces the officer's roles and units with those of `in`. */
static lk_err write_roles_units(store_conn *c, int64_t id, const petugas_input *in)
{
    lk_err e = store_exec(c, "DELETE FROM account_role WHERE account_id = $1", STORE_P(SP_I(id)), NULL);
    for (int i = 0; e == LK_OK && i < ROLE_COUNT; i++) {
        if (!(in->roles & (1u << i))) continue;
        e = store_exec(c, "INSERT INTO account_role (account_id, role_id) SELECT $1, id FROM role WHERE key = $2",
                       STORE_P(SP_I(id), SP_T(role_key((role_bit)(1u << i)))), NULL);
    }
    if (e == LK_OK) e = store_exec(c, "DELETE FROM account_unit WHERE account_id = $1", STORE_P(SP_I(id)), NULL);
    for (size_t i = 0; e == LK_OK && i < in->unit_count; i++)
        e = store_exec(c, "INSERT INTO account_unit (account_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                       STORE_P(SP_I(id), SP_I(in->units[i])), NULL);
    return e;
}

/* "peran: front_office,verifikator; unit: 3,4" for the audit record. */
static const char *describe(arena *a, const petugas_input *in)
{
    buf b = BUF_INIT;
    buf_puts(&b, "peran:");
    const char *sep = " ";
    for (int i = 0; i < ROLE_COUNT; i++)
        if (in->roles & (1u << i)) {
            buf_printf(&b, "%s%s", sep, role_key((role_bit)(1u << i)));
            sep = ",";
        }
    buf_puts(&b, "; unit:");
    sep = " ";
    for (size_t i = 0; i < in->unit_count; i++, sep = ",") buf_printf(&b, "%s%lld", sep, (long long)in->units[i]);
    if (!in->unit_count) buf_puts(&b, " semua");
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

static lk_err audit(store_conn *c, const account *actor, const char *action, int64_t id, const char *detail,
                    time_t now)
{
    return audit_record(c, &(audit_entry){actor->id, actor->instansi_id, action, "account", id, detail}, now, NULL);
}

static lk_err queue_credentials(store_conn *c, arena *a, const account *actor, const char *nama, const char *username,
                                const char *email, const char *password, const char *base_url)
{
    const char *link = arena_printf(a, "%s/login", base_url);
    const char *vars[] = {"nama", nama, "username", username, "password", password, "link", link,
                          "instansi", actor->office_name ? actor->office_name : "", NULL};
    const char *subject = NULL, *body = NULL;
    /* A new officer's account starts in Indonesian, the office's working language. */
    lk_err e = mail_compose("id", "kredensial", vars, a, &subject, &body);
    if (e == LK_OK) e = outbox_queue(c, actor->instansi_id, "kredensial", email, subject, body);
    return e;
}

/* ---- changes ---------------------------------------------------------------------- */

lk_err petugas_create(store_conn *c, arena *a, const account *actor, const petugas_input *in_,
                      const char *password, const char *password_hash, int send_mail,
                      const char *base_url, time_t now, int64_t *id_out, issues *errs)
{
    petugas_input in = *in_;
    lk_err e = store_begin(c);
    if (e) return e;
    e = check_input(c, a, actor->instansi_id, 0, &in, errs);
    if (e == LK_OK && errs->count) e = LK_ERR_INVALID;
    int64_t id = 0;
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status,"
            " password_hash, must_change_password, nip, jabatan, nik)"
            " VALUES ('petugas', $1, $1, $2, $3, $4, $5, 'aktif', $6, 1, $7, $8, $9) RETURNING id",
            STORE_P(SP_T(in.username), SP_T(in.email), SP_T(lower_copy(a, in.email)), SP_T(in.nama),
                    SP_I(actor->instansi_id), SP_T(password_hash), text_or_null(in.nip), text_or_null(in.jabatan),
                    in.clear_nik ? SP_N : text_or_null(in.nik)),
            &id);
    if (e == LK_OK) e = write_roles_units(c, id, &in);
    if (e == LK_OK) e = audit(c, actor, "petugas.tambah", id, arena_printf(a, "%s; %s", in.username, describe(a, &in)), now);
    if (e == LK_OK && send_mail) e = queue_credentials(c, a, actor, in.nama, in.username, in.email, password, base_url);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_ERR_CONFLICT) {
        /* Someone took the username or email between the check and the insert. */
        issues_add(a, errs, "username", "Username atau email ini baru saja dipakai akun lain. Pilih yang lain.");
        return LK_ERR_INVALID;
    }
    if (e == LK_OK && id_out) *id_out = id;
    return e;
}

/* Active admins of the instansi other than `id`. */
static lk_err other_admins(store_conn *c, int64_t instansi_id, int64_t id, int64_t *n)
{
    return store_query_int(c,
        "SELECT count(*) FROM account a JOIN account_role ar ON ar.account_id = a.id JOIN role r ON r.id = ar.role_id"
        " WHERE a.instansi_id = $1 AND a.kind = 'petugas' AND a.status = 'aktif' AND r.key = 'admin_instansi'"
        " AND a.id <> $2", STORE_P(SP_I(instansi_id), SP_I(id)), n);
}

lk_err petugas_update(store_conn *c, arena *a, const account *actor, int64_t id, const petugas_input *in_,
                      time_t now, issues *errs)
{
    petugas_input in = *in_;
    petugas before;
    lk_err e = store_begin(c);
    if (e) return e;
    e = petugas_get(c, a, actor->instansi_id, id, &before);
    if (e == LK_OK) e = check_input(c, a, actor->instansi_id, id, &in, errs);
    if (e == LK_OK && id == actor->id && (before.roles & ROLE_ADMIN_INSTANSI) && !(in.roles & ROLE_ADMIN_INSTANSI)) {
        int64_t others = 0;
        e = other_admins(c, actor->instansi_id, id, &others);
        if (e == LK_OK && others == 0)
            issues_add(a, errs, "roles", "Anda tidak dapat melepas peran Admin Instansi Anda sendiri: "
                                         "instansi ini tidak punya Admin Instansi lain.");
    }
    if (e == LK_OK && errs->count) e = LK_ERR_INVALID;
    if (e == LK_OK)
        e = store_exec(c, "UPDATE account SET email = $2, email_lower = $3, nama = $4, nip = $5, jabatan = $6,"
                          " nik = $7 WHERE id = $1",
                       STORE_P(SP_I(id), SP_T(in.email), SP_T(lower_copy(a, in.email)), SP_T(in.nama),
                               text_or_null(in.nip), text_or_null(in.jabatan),
                               in.clear_nik ? SP_N : text_or_null(in.nik && *in.nik ? in.nik : before.nik)), NULL);
    if (e == LK_OK) e = write_roles_units(c, id, &in);
    const char *nik_change = in.clear_nik && *before.nik ? "; NIK dihapus"
                             : in.nik && *in.nik && strcmp(in.nik, before.nik) != 0
                                 ? arena_printf(a, "; NIK %s", petugas_nik_masked(a, in.nik))
                                 : "";
    if (e == LK_OK) e = audit(c, actor, "petugas.ubah", id, arena_printf(a, "%s%s", describe(a, &in), nik_change), now);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    if (e == LK_ERR_CONFLICT) {
        issues_add(a, errs, "email", "Email ini baru saja dipakai akun lain.");
        return LK_ERR_INVALID;
    }
    return e;
}

lk_err petugas_set_active(store_conn *c, const account *actor, int64_t id, int active, time_t now)
{
    if (id == actor->id && !active) return LK_ERR_DENIED;
    int64_t changed = 0;
    lk_err e = store_begin(c);
    if (e) return e;
    e = store_exec(c, "UPDATE account SET status = $3 WHERE id = $1 AND instansi_id = $2 AND kind = 'petugas'"
                      " AND status = $4",
                   STORE_P(SP_I(id), SP_I(actor->instansi_id), SP_T(active ? "aktif" : "nonaktif"),
                           SP_T(active ? "nonaktif" : "aktif")), &changed);
    if (e == LK_OK && changed == 0) {
        int64_t exists = 0;
        e = store_query_int(c, "SELECT count(*) FROM account WHERE id = $1 AND instansi_id = $2 AND kind = 'petugas'",
                            STORE_P(SP_I(id), SP_I(actor->instansi_id)), &exists);
        if (e == LK_OK) e = exists ? LK_ERR_CONFLICT : LK_ERR_NOTFOUND;
    }
    if (e == LK_OK && !active) e = session_delete_account(c, id, NULL);
    if (e == LK_OK) e = audit(c, actor, active ? "petugas.aktifkan" : "petugas.nonaktifkan", id, NULL, now);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err petugas_reset_password(store_conn *c, arena *a, const account *actor, int64_t id,
                              const char *password, const char *password_hash, int send_mail,
                              const char *base_url, time_t now)
{
    petugas p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = petugas_get(c, a, actor->instansi_id, id, &p);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE account SET password_hash = $2, must_change_password = 1, failed_logins = 0,"
                          " locked_until = 0 WHERE id = $1", STORE_P(SP_I(id), SP_T(password_hash)), NULL);
    if (e == LK_OK) e = session_delete_account(c, id, NULL);
    if (e == LK_OK) e = audit(c, actor, "petugas.reset_password", id, send_mail ? "dikirim lewat email" : "ditampilkan", now);
    if (e == LK_OK && send_mail) e = queue_credentials(c, a, actor, p.nama, p.username, p.email, password, base_url);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}
