/* domain/akun/approval.c — approval, verification, credentials and password reset
 * (see approval.h). */
#include "domain/akun/approval.h"
#include "domain/surat/outbox.h"
#include "util/crypto.h"
#include "util/datetime.h"
#include "util/phrase.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

#define APPLICANT_COLUMNS \
    "a.id, a.username, a.nama, a.email, a.status, a.created_at, p.tipe_identitas, p.no_identitas, " \
    "p.jenis_kelamin, p.pekerjaan, p.tempat_lahir, p.tanggal_lahir, p.npwp, p.telepon, p.hp, " \
    "p.alamat, p.kode_pos, w1.name, w2.name, w3.name, w4.name, p.identity_file, p.identity_mime, " \
    "p.identity_name, a.reject_reason " \
    "FROM account a JOIN pemohon_profile p ON p.account_id = a.id " \
    "LEFT JOIN wilayah w1 ON w1.code = p.provinsi_code LEFT JOIN wilayah w2 ON w2.code = p.kabupaten_code " \
    "LEFT JOIN wilayah w3 ON w3.code = p.kecamatan_code LEFT JOIN wilayah w4 ON w4.code = p.desa_code "

static void read_applicant(store_rows *r, arena *a, applicant *o)
{
    const char **fields[] = {&o->username, &o->nama, &o->email, &o->status, &o->created_at,
                             &o->tipe_identitas, &o->no_identitas, &o->jenis_kelamin, &o->pekerjaan,
                             &o->tempat_lahir, &o->tanggal_lahir, &o->npwp, &o->telepon, &o->hp,
                             &o->alamat, &o->kode_pos, &o->provinsi, &o->kabupaten, &o->kecamatan,
                             &o->desa, &o->identity_file, &o->identity_mime, &o->identity_name,
                             &o->reject_reason};
    o->id = store_int(r, 0);
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        *fields[i] = arena_strdup(a, store_text(r, (int)i + 1));
}

lk_err approval_list(store_conn *c, arena *a, int64_t instansi_id, const char *status, int limit,
                     applicant **out, size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    lk_err e = store_query_int(c,
        "SELECT COUNT(*) FROM account WHERE instansi_id = $1 AND kind = 'pemohon' AND status = $2",
        STORE_P(SP_I(instansi_id), SP_T(status)), total);
    if (e != LK_OK) return e;
    store_rows *r = store_query(c,
        "SELECT " APPLICANT_COLUMNS
        "WHERE a.instansi_id = $1 AND a.kind = 'pemohon' AND a.status = $2 ORDER BY a.id LIMIT $3",
        STORE_P(SP_I(instansi_id), SP_T(status), SP_I(limit)));
    if (!r) return LK_ERR_DB;
    applicant *list = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof *list);
    int got;
    while ((got = store_next(r)) == 1 && *count < (size_t)limit) read_applicant(r, a, &list[(*count)++]);
    store_rows_close(r);
    *out = list;
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err approval_get(store_conn *c, arena *a, int64_t instansi_id, int64_t account_id, applicant *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c,
        "SELECT " APPLICANT_COLUMNS "WHERE a.id = $1 AND a.instansi_id = $2 AND a.kind = 'pemohon'",
        STORE_P(SP_I(account_id), SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) read_applicant(r, a, out);
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : got == 0 ? LK_ERR_NOTFOUND : LK_OK;
}

/* The office name that signs the mails of an account. */
static const char *office_of(store_conn *c, arena *a, int64_t account_id, int64_t *instansi_id)
{
    const char *name = "DPMPTSP";
    store_rows *r = store_query(c,
        "SELECT i.office_name, i.id FROM account a JOIN instansi i ON i.id = a.instansi_id WHERE a.id = $1",
        STORE_P(SP_I(account_id)));
    if (r && store_next(r) == 1) {
        name = arena_strdup(a, store_text(r, 0));
        if (instansi_id) *instansi_id = store_int(r, 1);
    }
    store_rows_close(r);
    return name;
}

/* Composes a mail of `kind` for an account in the account's language and queues it;
 * `until` (0: none) becomes {berlaku_sampai}, written in that language. */
static lk_err queue_mail(store_conn *c, arena *a, int64_t account_id, const char *kind,
                         const char *const *extra /* key, value pairs, NULL-terminated */, time_t until)
{
    const char *nama = NULL, *email = NULL, *lang = "id";
    store_rows *r = store_query(c, "SELECT nama, email, lang FROM account WHERE id = $1", STORE_P(SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    if (store_next(r) == 1) {
        nama = arena_strdup(a, store_text(r, 0));
        email = arena_strdup(a, store_text(r, 1));
        lang = phrase_lang(store_text(r, 2));
    }
    store_rows_close(r);
    if (!email) return LK_ERR_NOTFOUND;
    int64_t instansi_id = 0;
    const char *office = office_of(c, a, account_id, &instansi_id);
    const char *vars[24];
    size_t n = 0;
    vars[n++] = "nama"; vars[n++] = nama;
    vars[n++] = "instansi"; vars[n++] = office;
    if (until) {
        vars[n++] = "berlaku_sampai";
        vars[n++] = datetime_long_in(a, until, strcmp(lang, "en") == 0);
    }
    for (size_t i = 0; extra && extra[i] && n < 22; i++) vars[n++] = extra[i];
    vars[n] = NULL;
    const char *subject, *body;
    lk_err e = mail_compose(lang, kind, vars, a, &subject, &body);
    if (e != LK_OK) return e;
    return outbox_queue(c, instansi_id, kind, email, subject, body);
}

/* Issues a token of `purpose` for an account; writes the token (for the link) to out. */
static lk_err token_issue(store_conn *c, int64_t account_id, const char *purpose, time_t now, int64_t ttl,
                          char out[TOKEN_CHARS + 1])
{
    char hash[TOKEN_HASH_CHARS + 1];
    token_new(out);
    token_hash(out, hash);
    /* One live link per purpose: a new mail voids the previous one. */
    lk_err e = store_exec(c,
        "UPDATE email_token SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL",
        STORE_P(SP_I(account_id), SP_T(purpose), SP_I(now)), NULL);
    if (e != LK_OK) return e;
    return store_exec(c,
        "INSERT INTO email_token (token_hash, account_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        STORE_P(SP_T(hash), SP_I(account_id), SP_T(purpose), SP_I(now), SP_I(now + ttl)), NULL);
}

lk_err approval_approve_tx(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                           const char *base_url, time_t now)
{
    arena *a = arena_new();
    int64_t changed = 0;
    lk_err e = store_exec(c,
        "UPDATE account SET status = 'disetujui', decided_by = $3, decided_at = $4 "
        "WHERE id = $1 AND instansi_id = $2 AND kind = 'pemohon' AND status = 'menunggu'",
        STORE_P(SP_I(account_id), SP_I(instansi_id), officer_id ? SP_I(officer_id) : SP_N,
                SP_T(datetime_iso(a, now))), &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_CONFLICT;
    char token[TOKEN_CHARS + 1];
    if (e == LK_OK) e = token_issue(c, account_id, "verifikasi", now, VERIFY_TOKEN_TTL_S, token);
    if (e == LK_OK) {
        const char *extra[] = {"link", arena_printf(a, "%s/verifikasi?token=%s", base_url, token), NULL};
        e = queue_mail(c, a, account_id, "verifikasi", extra, now + VERIFY_TOKEN_TTL_S);
    }
    arena_free(a);
    return e;
}

lk_err approval_approve(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                        const char *base_url, time_t now)
{
    lk_err e = store_begin(c);
    if (e != LK_OK) return e;
    e = approval_approve_tx(c, instansi_id, account_id, officer_id, base_url, now);
    if (e != LK_OK) {
        store_rollback(c);
        return e;
    }
    return store_commit(c);
}

lk_err approval_reject(store_conn *c, int64_t instansi_id, int64_t account_id, int64_t officer_id,
                       const char *reason, time_t now)
{
    arena *a = arena_new();
    int64_t changed = 0;
    lk_err e = store_begin(c);
    if (e != LK_OK) goto out;
    e = store_exec(c,
        "UPDATE account SET status = 'ditolak', reject_reason = $3, decided_by = $4, decided_at = $5 "
        "WHERE id = $1 AND instansi_id = $2 AND kind = 'pemohon' AND status = 'menunggu'",
        STORE_P(SP_I(account_id), SP_I(instansi_id), SP_T(reason), SP_I(officer_id), SP_T(datetime_iso(a, now))),
        &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_CONFLICT;
    if (e == LK_OK) {
        const char *extra[] = {"alasan", reason, NULL};
        e = queue_mail(c, a, account_id, "registrasi_ditolak", extra, 0);
    }
    if (e == LK_OK) e = store_commit(c); else store_rollback(c);
out:
    arena_free(a);
    return e;
}

token_state email_token_state(store_conn *c, const char *token, const char *purpose, time_t now,
                              int64_t *account_id)
{
    if (!token || strlen(token) != TOKEN_CHARS) return TOKEN_UNKNOWN;
    char hash[TOKEN_HASH_CHARS + 1];
    token_hash(token, hash);
    store_rows *r = store_query(c,
        "SELECT account_id, expires_at, COALESCE(used_at, 0) FROM email_token WHERE token_hash = $1 AND purpose = $2",
        STORE_P(SP_T(hash), SP_T(purpose)));
    if (!r) return TOKEN_UNKNOWN;
    token_state st = TOKEN_UNKNOWN;
    if (store_next(r) == 1) {
        if (account_id) *account_id = store_int(r, 0);
        st = store_int(r, 2) ? TOKEN_USED : store_int(r, 1) <= now ? TOKEN_EXPIRED : TOKEN_VALID;
    }
    store_rows_close(r);
    return st;
}

/* Marks a live token used, in the caller's transaction; LK_ERR_NOTFOUND if it is not
 * live any more (used by a racing request, expired or unknown). */
static lk_err token_consume(store_conn *c, const char *token, const char *purpose, time_t now,
                            int64_t *account_id)
{
    if (!token || strlen(token) != TOKEN_CHARS) return LK_ERR_NOTFOUND;
    char hash[TOKEN_HASH_CHARS + 1];
    token_hash(token, hash);
    lk_err e = store_query_int(c,
        "UPDATE email_token SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 "
        "AND used_at IS NULL AND expires_at > $3 RETURNING account_id",
        STORE_P(SP_T(hash), SP_T(purpose), SP_I(now)), account_id);
    return e;
}

lk_err credentials_mail_tx(store_conn *c, int64_t account_id, const char *password, const char *base_url)
{
    arena *a = arena_new();
    const char *username = NULL;
    store_rows *r = store_query(c, "SELECT username FROM account WHERE id = $1", STORE_P(SP_I(account_id)));
    if (r && store_next(r) == 1) username = arena_strdup(a, store_text(r, 0));
    store_rows_close(r);
    const char *extra[] = {"username", username ? username : "", "password", password,
                           "link", arena_printf(a, "%s/login", base_url), NULL};
    lk_err e = queue_mail(c, a, account_id, "kredensial", extra, 0);
    arena_free(a);
    return e;
}

lk_err verification_complete(store_conn *c, const char *token, const char *password,
                             const char *password_hash, const char *base_url, time_t now)
{
    arena *a = arena_new();
    int64_t account_id = 0, changed = 0;
    lk_err e = store_begin(c);
    if (e != LK_OK) goto out;
    e = token_consume(c, token, "verifikasi", now, &account_id);
    if (e == LK_OK)
        e = store_exec(c,
            "UPDATE account SET status = 'aktif', password_hash = $2, must_change_password = 1, verified_at = $3 "
            "WHERE id = $1 AND status = 'disetujui'",
            STORE_P(SP_I(account_id), SP_T(password_hash), SP_T(datetime_iso(a, now))), &changed);
    if (e == LK_OK && changed != 1) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = credentials_mail_tx(c, account_id, password, base_url);
    if (e == LK_OK) e = store_commit(c); else store_rollback(c);
out:
    arena_free(a);
    return e;
}

lk_err reset_request(store_conn *c, const char *email, const char *base_url, time_t now)
{
    if (!email || strlen(email) > 254 || !utf8_valid(email, strlen(email))) return LK_OK;
    arena *a = arena_new();
    char *lower = arena_strdup(a, email);
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    int64_t account_id = 0;
    lk_err e = store_query_int(c, "SELECT id FROM account WHERE email_lower = $1 AND status = 'aktif'",
                               STORE_P(SP_T(lower)), &account_id);
    if (e == LK_ERR_NOTFOUND) {
        e = LK_OK;
        goto out;
    }
    if (e != LK_OK) goto out;
    e = store_begin(c);
    if (e != LK_OK) goto out;
    char token[TOKEN_CHARS + 1];
    e = token_issue(c, account_id, "reset", now, RESET_TOKEN_TTL_S, token);
    if (e == LK_OK) {
        const char *extra[] = {"link", arena_printf(a, "%s/reset-password?token=%s", base_url, token), NULL};
        e = queue_mail(c, a, account_id, "reset_password", extra, now + RESET_TOKEN_TTL_S);
    }
    if (e == LK_OK) e = store_commit(c); else store_rollback(c);
out:
    arena_free(a);
    return e;
}

lk_err reset_complete(store_conn *c, const char *token, const char *password_hash, time_t now)
{
    int64_t account_id = 0;
    lk_err e = store_begin(c);
    if (e != LK_OK) return e;
    e = token_consume(c, token, "reset", now, &account_id);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE account SET password_hash = $2, must_change_password = 0, failed_logins = 0, "
                          "locked_until = 0 WHERE id = $1 AND status = 'aktif'",
                       STORE_P(SP_I(account_id), SP_T(password_hash)), NULL);
    if (e == LK_OK)
        e = store_exec(c, "DELETE FROM session WHERE account_id = $1", STORE_P(SP_I(account_id)), NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err instansi_set_auto_approve(store_conn *c, int64_t instansi_id, int on)
{
    return store_exec(c, "UPDATE instansi SET auto_approve = $2 WHERE id = $1",
                      STORE_P(SP_I(instansi_id), SP_I(on ? 1 : 0)), NULL);
}
