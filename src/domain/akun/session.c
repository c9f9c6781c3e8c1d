/* domain/akun/session.c — database-stored sessions (see session.h). */
#include "domain/akun/session.h"
#include "domain/akun/app_secret.h"
#include <stdio.h>
#include <sodium.h>
#include <string.h>

lk_err session_form_key(store_conn *c, unsigned char key[32])
{
    return app_secret_key(c, "csrf_form", key);
}

lk_err session_create(store_conn *c, int64_t account_id, time_t now, session *out)
{
    memset(out, 0, sizeof *out);
    token_new(out->token);
    token_hash(out->token, out->id_hash);
    token_new(out->csrf);
    out->account_id = account_id;
    out->created_at = out->last_seen_at = now;
    out->expires_at = now + SESSION_MAX_S;
    return store_exec(c,
        "INSERT INTO session (id_hash, account_id, csrf, created_at, last_seen_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $4, $5)",
        STORE_P(SP_T(out->id_hash), account_id ? SP_I(account_id) : SP_N, SP_T(out->csrf),
                SP_I(now), SP_I(out->expires_at)), NULL);
}

lk_err session_find(store_conn *c, const char *token, time_t now, session *out)
{
    memset(out, 0, sizeof *out);
    if (!token || strlen(token) != TOKEN_CHARS) return LK_ERR_NOTFOUND;
    token_hash(token, out->id_hash);
    store_rows *r = store_query(c,
        "SELECT account_id, csrf, created_at, last_seen_at, expires_at FROM session WHERE id_hash = $1",
        STORE_P(SP_T(out->id_hash)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        out->account_id = store_int(r, 0);
        snprintf(out->csrf, sizeof out->csrf, "%s", store_text(r, 1) ? store_text(r, 1) : "");
        out->created_at = store_int(r, 2);
        out->last_seen_at = store_int(r, 3);
        out->expires_at = store_int(r, 4);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    if (got == 0) return LK_ERR_NOTFOUND;
    if (now >= out->expires_at || now - out->last_seen_at >= SESSION_IDLE_S) {
        session_delete(c, out->id_hash);
        return LK_ERR_NOTFOUND;
    }
    if (now - out->last_seen_at >= SESSION_TOUCH_S) {
        out->last_seen_at = now;
        store_exec(c, "UPDATE session SET last_seen_at = $1 WHERE id_hash = $2",
                   STORE_P(SP_I(now), SP_T(out->id_hash)), NULL);
    }
    return LK_OK;
}

lk_err session_delete(store_conn *c, const char *id_hash)
{
    return store_exec(c, "DELETE FROM session WHERE id_hash = $1", STORE_P(SP_T(id_hash)), NULL);
}

lk_err session_delete_account(store_conn *c, int64_t account_id, const char *keep_hash)
{
    return store_exec(c, "DELETE FROM session WHERE account_id = $1 AND id_hash <> $2",
                      STORE_P(SP_I(account_id), SP_T(keep_hash ? keep_hash : "")), NULL);
}

lk_err session_purge(store_conn *c, time_t now, int64_t *removed)
{
    return store_exec(c, "DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2",
                      STORE_P(SP_I(now), SP_I(now - SESSION_IDLE_S)), removed);
}
