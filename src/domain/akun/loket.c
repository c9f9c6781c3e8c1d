/* domain/akun/loket.c — registering walk-in applicants at the counter and handing over
 * their one-time password (see loket.h). */
#include "domain/akun/loket.h"
#include "domain/akun/approval.h"
#include "domain/katalog/catalogue.h"
#include "domain/proses/audit.h"
#include "util/buf.h"
#include "util/text.h"
#include <string.h>

lk_err loket_check(store_conn *c, arena *a, const reg_draft *d, reg_errors *err, int *bad_step)
{
    /* One page: every step's messages at once, not only the first step's. */
    int first = 0;
    for (int step = 1; step <= 3; step++) {
        lk_err e = registration_check_step(c, a, d, step, err);
        if (e == LK_ERR_INVALID && !first) first = step;
        else if (e != LK_OK && e != LK_ERR_INVALID) return e;
    }
    if (bad_step) *bad_step = first;
    if (first) return LK_ERR_INVALID;
    int taken = 0;
    lk_err e = registration_identity_taken(c, d, &taken);
    if (e != LK_OK) return e;
    if (taken) {
        err->msg[RF_NO_IDENTITAS] = "Nomor identitas ini sudah terdaftar. Cari pemohon tersebut di Pelayanan Loket.";
        err->count++;
        if (bad_step) *bad_step = 2;
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

lk_err loket_register(store_conn *c, arena *a, const account *officer, const char *session_hash,
                      const reg_draft *d, time_t now, int64_t *account_id, reg_errors *err)
{
    memset(err, 0, sizeof *err);
    *account_id = 0;
    lk_err e = loket_check(c, a, d, err, NULL);
    if (e != LK_OK) return e;
    e = store_begin(c);
    if (e != LK_OK) return e;
    e = registration_insert_tx(c, a, d, officer->instansi_id, "aktif", officer->id, now, account_id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, "akun.daftar_loket", "account",
                                           *account_id, d->v[RF_USERNAME]}, now, NULL);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM registration_draft WHERE session_hash = $1", STORE_P(SP_T(session_hash)), NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_OK) return LK_OK;
    *account_id = 0;
    if (e == LK_ERR_CONFLICT) {
        /* Another registration took the username or email between the check and now. */
        err->msg[RF_USERNAME] = "Username atau email sudah terdaftar.";
        err->count = 1;
    }
    return e;
}

#define PEMOHON_COLUMNS \
    "a.id, a.username, a.nama, a.email, a.status, p.tipe_identitas, p.no_identitas, p.hp, " \
    "a.registered_by IS NOT NULL, (a.password_hash IS NULL OR a.must_change_password = 1) "

static void read_pemohon(store_rows *r, arena *a, loket_pemohon *o)
{
    o->id = store_int(r, 0);
    o->username = arena_strdup(a, store_text(r, 1));
    o->nama = arena_strdup(a, store_text(r, 2));
    o->email = arena_strdup(a, store_text(r, 3));
    o->status = arena_strdup(a, store_text(r, 4));
    o->tipe_identitas = arena_strdup(a, store_text(r, 5) ? store_text(r, 5) : "");
    o->no_identitas = arena_strdup(a, store_text(r, 6) ? store_text(r, 6) : "");
    o->hp = arena_strdup(a, store_text(r, 7) ? store_text(r, 7) : "");
    o->at_counter = store_int(r, 8) != 0;
    o->awaiting_first_login = store_int(r, 9) != 0;
}

lk_err loket_pemohon_get(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, loket_pemohon *out)
{
    store_rows *r = store_query(c,
        "SELECT " PEMOHON_COLUMNS "FROM account a LEFT JOIN pemohon_profile p ON p.account_id = a.id "
        "WHERE a.id = $1 AND a.instansi_id = $2 AND a.kind = 'pemohon'",
        STORE_P(SP_I(account_id), SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) read_pemohon(r, a, out);
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : got == 0 ? LK_ERR_NOTFOUND : LK_OK;
}

lk_err loket_viewed(store_conn *c, const account *officer, int64_t account_id, time_t now)
{
    lk_err e = store_begin(c);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, "akun.lihat_loket", "account", account_id, NULL},
                         now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err loket_pemohon_find(store_conn *c, arena *a, int64_t instansi_id, const char *q, int limit,
                          loket_pemohon **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!q || utf8_length(q) < 3 || strlen(q) > 100) return LK_OK;
    /* LIKE's wildcards typed by the officer match themselves. */
    buf pat = BUF_INIT;
    buf_putc(&pat, '%');
    for (const char *p = q; *p; p++) {
        char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (ch == '%' || ch == '_' || ch == '\\') buf_putc(&pat, '\\');
        buf_putc(&pat, ch);
    }
    buf_putc(&pat, '%');
    store_rows *r = store_query(c,
        "SELECT " PEMOHON_COLUMNS "FROM account a LEFT JOIN pemohon_profile p ON p.account_id = a.id "
        "WHERE a.instansi_id = $1 AND a.kind = 'pemohon' AND a.status <> 'ditolak' "
        "AND (lower(p.no_identitas) LIKE $2 ESCAPE '\\' OR a.username_lower LIKE $2 ESCAPE '\\' "
        "OR lower(a.nama) LIKE $2 ESCAPE '\\') ORDER BY a.id DESC LIMIT $3",
        STORE_P(SP_I(instansi_id), SP_T(buf_str(&pat)), SP_I(limit)));
    buf_free(&pat);
    if (!r) return LK_ERR_DB;
    loket_pemohon *list = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof *list);
    int got;
    while ((got = store_next(r)) == 1 && *n < (size_t)limit) read_pemohon(r, a, &list[(*n)++]);
    store_rows_close(r);
    *out = list;
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err loket_issue_password(store_conn *c, const account *officer, int64_t account_id, const char *password,
                            const char *password_hash, int by_email, const char *base_url, time_t now)
{
    lk_err e = store_begin(c);
    if (e != LK_OK) return e;
    int64_t at_counter = 0, changed = 0;
    e = store_query_int(c,
        "SELECT CASE WHEN registered_by IS NULL THEN 0 WHEN password_hash IS NULL OR must_change_password = 1 "
        "THEN 1 ELSE 2 END FROM account WHERE id = $1 AND instansi_id = $2 AND kind = 'pemohon' AND status = 'aktif'",
        STORE_P(SP_I(account_id), SP_I(officer->instansi_id)), &at_counter);
    if (e == LK_OK && at_counter == 0) e = LK_ERR_NOTFOUND;
    if (e == LK_OK && at_counter == 2) e = LK_ERR_CONFLICT;
    if (e == LK_OK)
        e = store_exec(c, "UPDATE account SET password_hash = $2, must_change_password = 1, failed_logins = 0, "
                          "locked_until = 0 WHERE id = $1 AND (password_hash IS NULL OR must_change_password = 1)",
                       STORE_P(SP_I(account_id), SP_T(password_hash)), &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_CONFLICT;
    if (e == LK_OK && by_email) e = credentials_mail_tx(c, account_id, password, base_url);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, "akun.password_loket", "account",
                                           account_id, by_email ? "dikirim ke email" : "dicetak"}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err loket_permohonan_owner(store_conn *c, int64_t instansi_id, int64_t permohonan_id, int64_t *account_id)
{
    return store_query_int(c, "SELECT account_id FROM permohonan WHERE id = $1 AND instansi_id = $2 "
                              "AND entered_by IS NOT NULL",
                           STORE_P(SP_I(permohonan_id), SP_I(instansi_id)), account_id);
}

#define LOKET_LIST_MAX 50

lk_err loket_permohonan_list(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id,
                             loket_permohonan **out, size_t *n)
{
    *n = 0;
    *out = arena_alloc(a, LOKET_LIST_MAX * sizeof **out);
    store_rows *r = store_query(c,
        "SELECT p.id, p.nomor, p.status, j.name, p.entered_by IS NOT NULL FROM permohonan p "
        "LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id WHERE p.account_id = $1 AND p.instansi_id = $2 "
        "ORDER BY p.id DESC LIMIT $3",
        STORE_P(SP_I(account_id), SP_I(instansi_id), SP_I(LOKET_LIST_MAX)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1 && *n < LOKET_LIST_MAX) {
        loket_permohonan *p = &(*out)[(*n)++];
        p->id = store_int(r, 0);
        p->nomor = store_text(r, 1) ? arena_strdup(a, store_text(r, 1)) : NULL;
        p->status = arena_strdup(a, store_text(r, 2));
        p->jenis_izin = store_text(r, 3) ? arena_strdup(a, store_text(r, 3)) : NULL;
        p->at_counter = store_int(r, 4) != 0;
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}
