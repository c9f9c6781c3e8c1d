/* domain/akun/account.c — accounts, roles and log-in throttling (see account.h). */
#include "domain/akun/account.h"
#include "util/text.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
    role_bit bit;
    const char *key, *name;
} ROLES[ROLE_COUNT] = {
    {ROLE_ADMIN_INSTANSI, "admin_instansi", "Admin Instansi"},
    {ROLE_FRONT_OFFICE, "front_office", "Front Office"},
    {ROLE_VERIFIKATOR, "verifikator", "Verifikator"},
    {ROLE_TIM_TEKNIS, "tim_teknis", "Tim Teknis"},
    {ROLE_BENDAHARA, "bendahara", "Bendahara"},
    {ROLE_PENANDATANGAN, "penandatangan", "Penandatangan"},
    {ROLE_PENYERAHAN, "penyerahan", "Penyerahan"},
};

const char *role_key(role_bit r)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (ROLES[i].bit == r) return ROLES[i].key;
    return "";
}

const char *role_name(role_bit r)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (ROLES[i].bit == r) return ROLES[i].name;
    return "";
}

int roles_parse(const char *list, unsigned *out)
{
    *out = 0;
    if (!list || !*list) return -1;
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        int found = 0;
        for (int i = 0; i < ROLE_COUNT; i++)
            if (strlen(ROLES[i].key) == n && strncmp(ROLES[i].key, p, n) == 0) {
                *out |= ROLES[i].bit;
                found = 1;
            }
        if (!found) return -1;
        p += n;
        if (*p == ',') p++;
    }
    return *out ? 0 : -1;
}

static char *lower_copy(arena *a, const char *s)
{
    char *l = arena_strdup(a, s);
    for (char *p = l; *p; p++) *p = (char)tolower((unsigned char)*p);
    return l;
}

#define ACCOUNT_COLUMNS \
    "a.id, a.kind, a.username, a.email, a.nama, a.status, COALESCE(a.instansi_id, 0), " \
    "i.name, i.slug, i.office_name, a.must_change_password, a.failed_logins, a.locked_until, " \
    "a.password_hash, (SELECT COALESCE(SUM(CASE r.key " \
    "  WHEN 'admin_instansi' THEN 1 WHEN 'front_office' THEN 2 WHEN 'verifikator' THEN 4 " \
    "  WHEN 'tim_teknis' THEN 8 WHEN 'bendahara' THEN 16 WHEN 'penandatangan' THEN 32 " \
    "  WHEN 'penyerahan' THEN 64 ELSE 0 END), 0) " \
    "  FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = a.id) " \
    "FROM account a LEFT JOIN instansi i ON i.id = a.instansi_id "

static lk_err read_account(store_rows *r, arena *a, account *out)
{
    int got = store_next(r);
    if (got < 0) return LK_ERR_DB;
    if (got == 0) return LK_ERR_NOTFOUND;
    out->id = store_int(r, 0);
    out->kind = arena_strdup(a, store_text(r, 1));
    out->username = arena_strdup(a, store_text(r, 2));
    out->email = arena_strdup(a, store_text(r, 3));
    out->nama = arena_strdup(a, store_text(r, 4));
    out->status = arena_strdup(a, store_text(r, 5));
    out->instansi_id = store_int(r, 6);
    out->instansi_name = arena_strdup(a, store_text(r, 7));
    out->instansi_slug = arena_strdup(a, store_text(r, 8));
    out->office_name = arena_strdup(a, store_text(r, 9));
    out->must_change_password = (int)store_int(r, 10);
    out->failed_logins = (int)store_int(r, 11);
    out->locked_until = store_int(r, 12);
    out->password_hash = arena_strdup(a, store_text(r, 13));
    out->roles = (unsigned)store_int(r, 14);
    return LK_OK;
}

lk_err account_get(store_conn *c, arena *a, int64_t id, account *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c, "SELECT " ACCOUNT_COLUMNS "WHERE a.id = $1", STORE_P(SP_I(id)));
    if (!r) return LK_ERR_DB;
    lk_err e = read_account(r, a, out);
    store_rows_close(r);
    return e;
}

lk_err account_find_login(store_conn *c, arena *a, const char *username_or_email, account *out)
{
    memset(out, 0, sizeof *out);
    if (!username_or_email || !*username_or_email || strlen(username_or_email) > 254 ||
        !utf8_valid(username_or_email, strlen(username_or_email)))
        return LK_ERR_NOTFOUND;
    const char *key = lower_copy(a, username_or_email);
    const char *sql = strchr(key, '@')
        ? "SELECT " ACCOUNT_COLUMNS "WHERE a.email_lower = $1 AND a.status <> 'ditolak'"
        : "SELECT " ACCOUNT_COLUMNS "WHERE a.username_lower = $1 AND a.status <> 'ditolak'";
    store_rows *r = store_query(c, sql, STORE_P(SP_T(key)));
    if (!r) return LK_ERR_DB;
    lk_err e = read_account(r, a, out);
    store_rows_close(r);
    return e;
}

lk_err account_create_officer(store_conn *c, int64_t instansi_id, const char *username,
                              const char *email, const char *nama, unsigned roles,
                              const char *password_hash, int must_change, int64_t *id_out)
{
    arena *a = arena_new();
    int64_t id = 0;
    lk_err e = store_query_int(c,
        "INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, "
        "status, password_hash, must_change_password) "
        "VALUES ('petugas', $1, $2, $3, $4, $5, $6, 'aktif', $7, $8) RETURNING id",
        STORE_P(SP_T(username), SP_T(lower_copy(a, username)), SP_T(email), SP_T(lower_copy(a, email)),
                SP_T(nama), SP_I(instansi_id), SP_T(password_hash), SP_I(must_change ? 1 : 0)), &id);
    for (int i = 0; e == LK_OK && i < ROLE_COUNT; i++) {
        if (!(roles & ROLES[i].bit)) continue;
        e = store_exec(c, "INSERT INTO account_role (account_id, role_id) SELECT $1, id FROM role WHERE key = $2",
                       STORE_P(SP_I(id), SP_T(ROLES[i].key)), NULL);
    }
    arena_free(a);
    if (e == LK_OK && id_out) *id_out = id;
    return e;
}

lk_err account_set_password(store_conn *c, int64_t id, const char *password_hash, int must_change)
{
    return store_exec(c, "UPDATE account SET password_hash = $1, must_change_password = $2 WHERE id = $3",
                      STORE_P(SP_T(password_hash), SP_I(must_change ? 1 : 0), SP_I(id)), NULL);
}

/* The lock that follows the n-th consecutive failure. */
static int64_t lock_after_failures(int64_t failures, int64_t free_tries, int64_t lock_at, time_t now)
{
    if (failures >= lock_at) return now + LOGIN_LOCK_S;
    if (failures < free_tries) return 0;
    int64_t shift = failures - free_tries + 1;
    int64_t delay = shift >= 6 ? 60 : (int64_t)1 << shift;
    return now + (delay > 60 ? 60 : delay);
}

lk_err login_wait(store_conn *c, const char *client, const account *acct, time_t now, int64_t *wait_s)
{
    int64_t until = 0;
    lk_err e = store_query_int(c, "SELECT locked_until FROM login_throttle WHERE client = $1",
                               STORE_P(SP_T(client)), &until);
    if (e != LK_OK && e != LK_ERR_NOTFOUND) return e;
    if (acct && acct->locked_until > until) until = acct->locked_until;
    *wait_s = until > now ? until - now : 0;
    return LK_OK;
}

lk_err login_failed(store_conn *c, const char *client, int64_t account_id, time_t now)
{
    int64_t failures = 0;
    lk_err e = store_query_int(c,
        "INSERT INTO login_throttle (client, failures, last_failed_at) VALUES ($1, 1, $2) "
        "ON CONFLICT (client) DO UPDATE SET failures = login_throttle.failures + 1, last_failed_at = $2 "
        "RETURNING failures", STORE_P(SP_T(client), SP_I(now)), &failures);
    if (e != LK_OK) return e;
    /* A full lock starts the count again, so the next round begins with free tries. */
    e = store_exec(c, "UPDATE login_throttle SET locked_until = $1, failures = CASE WHEN $2 >= $3 THEN 0 ELSE failures END "
                      "WHERE client = $4",
                   STORE_P(SP_I(lock_after_failures(failures, LOGIN_CLIENT_FREE, LOGIN_CLIENT_LOCK, now)), SP_I(failures),
                           SP_I(LOGIN_CLIENT_LOCK), SP_T(client)), NULL);
    if (e != LK_OK || !account_id) return e;
    e = store_query_int(c, "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
                        STORE_P(SP_I(account_id)), &failures);
    if (e != LK_OK) return e;
    return store_exec(c, "UPDATE account SET locked_until = $1, failed_logins = CASE WHEN $2 >= $3 THEN 0 ELSE failed_logins END "
                         "WHERE id = $4",
                      STORE_P(SP_I(lock_after_failures(failures, LOGIN_ACCOUNT_FREE, LOGIN_ACCOUNT_LOCK, now)), SP_I(failures),
                              SP_I(LOGIN_ACCOUNT_LOCK), SP_I(account_id)), NULL);
}

lk_err login_succeeded(store_conn *c, const char *client, int64_t account_id)
{
    char now_iso[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(now_iso, sizeof now_iso, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    lk_err e = store_exec(c, "DELETE FROM login_throttle WHERE client = $1", STORE_P(SP_T(client)), NULL);
    if (e != LK_OK) return e;
    return store_exec(c,
        "UPDATE account SET failed_logins = 0, locked_until = 0, "
        "last_login_at = $2 WHERE id = $1",
        STORE_P(SP_I(account_id), SP_T(now_iso)), NULL);
}

int password_policy(const char *password, const char *username, const char **msg)
{
    size_t n = password ? strlen(password) : 0;
    if (n < 8) { *msg = "Password paling sedikit 8 karakter."; return -1; }
    if (n > 128) { *msg = "Password paling banyak 128 karakter."; return -1; }
    if (!utf8_valid(password, n)) { *msg = "Password berisi karakter yang tidak sah."; return -1; }
    if (username && strcasecmp(password, username) == 0) { *msg = "Password tidak boleh sama dengan username."; return -1; }
    return 0;
}
