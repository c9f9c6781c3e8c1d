/* domain/akun/account.c — accounts, roles and log-in throttling (see account.h). */
#include "domain/akun/account.h"
#include "domain/akun/throttle.h"
#include "util/crypto.h"
#include "util/phrase.h"
#include <stdio.h>
#include <time.h>
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

static const throttle_rule PAIR_RULE = {LOGIN_PAIR_FREE, LOGIN_PAIR_LOCK, LOGIN_LOCK_S, 60},
    ACCOUNT_RULE = {LOGIN_ACCOUNT_FREE, LOGIN_ACCOUNT_LOCK, LOGIN_LOCK_S, 60},
    CLIENT_RULE = {LOGIN_CLIENT_FREE, LOGIN_CLIENT_LOCK, LOGIN_LOCK_S, 60};

void login_attempt_init(login_attempt *at, arena *a, const char *ident, const account *found,
                        const char *ip, const char *device)
{
    at->account_id = found ? found->id : 0;
    at->who = found ? arena_printf(a, "#%lld", (long long)found->id) : lower_copy(a, ident ? ident : "");
    at->ip = ip;
    at->device = device && *device ? device : NULL;
}

/* The hashes a source is remembered under: its address and its device cookie. */
static void source_hashes(const login_attempt *at, char ip_hash[TOKEN_HASH_CHARS + 1],
                          char dev_hash[TOKEN_HASH_CHARS + 1])
{
    char s[600];
    snprintf(s, sizeof s, "ip:%s", at->ip);
    token_hash(s, ip_hash);
    snprintf(s, sizeof s, "dev:%.500s", at->device ? at->device : "");
    token_hash(s, dev_hash);
}

/* 1 if this account logged in from this address or device within LOGIN_KNOWN_S.  The
 * query runs for unknown accounts too (id 0 matches nothing): the same work either way. */
static lk_err source_known(store_conn *c, const login_attempt *at, time_t now, int *known)
{
    char ip_hash[TOKEN_HASH_CHARS + 1], dev_hash[TOKEN_HASH_CHARS + 1];
    source_hashes(at, ip_hash, dev_hash);
    int64_t n = 0;
    lk_err e = store_query_int(c,
        "SELECT COUNT(*) FROM login_known WHERE account_id = $1 AND (source = $2 OR (source = $3 AND $4 = 1)) "
        "AND last_at > $5",
        STORE_P(SP_I(at->account_id), SP_T(ip_hash), SP_T(dev_hash), SP_I(at->device ? 1 : 0),
                SP_I(now - LOGIN_KNOWN_S)), &n);
    *known = e == LK_OK && n > 0;
    return e;
}

static void attempt_keys(const login_attempt *at, char pair[64], char acct[64], char client[64])
{
    throttle_key(pair, "lp:", at->who, at->ip);
    throttle_key(acct, "la:", at->who, "");
    throttle_key(client, "lc:", at->ip, "");
}

lk_err login_wait(store_conn *c, const login_attempt *at, time_t now, int64_t *wait_s)
{
    char pair[64], acct[64], client[64];
    attempt_keys(at, pair, acct, client);
    int known = 0;
    int64_t w = 0, longest = 0;
    lk_err e = source_known(c, at, now, &known);
    if (e == LK_OK) e = throttle_wait(c, pair, now, &w);
    if (w > longest) longest = w;
    if (e == LK_OK && !known) {
        e = throttle_wait(c, acct, now, &w);
        if (w > longest) longest = w;
        if (e == LK_OK) e = throttle_wait(c, client, now, &w);
        if (w > longest) longest = w;
    }
    *wait_s = longest;
    return e;
}

lk_err login_failed(store_conn *c, const login_attempt *at, time_t now)
{
    char pair[64], acct[64], client[64];
    attempt_keys(at, pair, acct, client);
    lk_err e = throttle_fail(c, pair, &PAIR_RULE, now);
    if (e == LK_OK) e = throttle_fail(c, acct, &ACCOUNT_RULE, now);
    if (e == LK_OK) e = throttle_fail(c, client, &CLIENT_RULE, now);
    return e;
}

lk_err login_succeeded(store_conn *c, const login_attempt *at, time_t now)
{
    char pair[64], acct[64], client[64];
    attempt_keys(at, pair, acct, client);
    lk_err e = throttle_clear(c, pair);
    char ip_hash[TOKEN_HASH_CHARS + 1], dev_hash[TOKEN_HASH_CHARS + 1];
    source_hashes(at, ip_hash, dev_hash);
    const char *upsert = "INSERT INTO login_known (account_id, source, last_at) VALUES ($1, $2, $3) "
                         "ON CONFLICT (account_id, source) DO UPDATE SET last_at = $3";
    if (e == LK_OK) e = store_exec(c, upsert, STORE_P(SP_I(at->account_id), SP_T(ip_hash), SP_I(now)), NULL);
    if (e == LK_OK && at->device)
        e = store_exec(c, upsert, STORE_P(SP_I(at->account_id), SP_T(dev_hash), SP_I(now)), NULL);
    if (e != LK_OK) return e;
    char now_iso[32];
    struct tm tm;
    strftime(now_iso, sizeof now_iso, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    return store_exec(c, "UPDATE account SET failed_logins = 0, locked_until = 0, last_login_at = $2 WHERE id = $1",
                      STORE_P(SP_I(at->account_id), SP_T(now_iso)), NULL);
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

lk_err account_lang(store_conn *c, int64_t id, const char **lang)
{
    *lang = "id";
    store_rows *r = store_query(c, "SELECT lang FROM account WHERE id = $1", STORE_P(SP_I(id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) *lang = phrase_lang(store_text(r, 0));
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err account_set_lang(store_conn *c, int64_t id, const char *lang)
{
    if (!lang || (strcmp(lang, "id") != 0 && strcmp(lang, "en") != 0)) return LK_ERR_INVALID;
    return store_exec(c, "UPDATE account SET lang = $1 WHERE id = $2 AND lang <> $1", STORE_P(SP_T(lang), SP_I(id)), NULL);
}
