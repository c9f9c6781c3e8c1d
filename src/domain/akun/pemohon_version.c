/* domain/akun/pemohon_version.c — the versions an applicant's pages are rendered under
 * (see pemohon_version.h). */
#include "domain/akun/pemohon_version.h"
#include "domain/akun/session.h"

lk_err pemohon_version_read(store_conn *c, int64_t account_id, int64_t *pub, int64_t *own)
{
    *pub = *own = 0;
    store_rows *r = store_query(c,
        "SELECT (SELECT version FROM data_version WHERE name = 'publik'), "
        "COALESCE((SELECT version FROM pemohon_version WHERE account_id = $1), 0)",
        STORE_P(SP_I(account_id)));
    if (!r) return LK_ERR_DB;
    lk_err e = LK_ERR_DB;
    if (store_next(r) == 1) {
        *pub = store_int(r, 0);
        *own = store_int(r, 1);
        e = LK_OK;
    }
    store_rows_close(r);
    return e;
}

lk_err pemohon_version_of_session(store_conn *c, const char *id_hash, time_t now, int64_t *account_id, int64_t *pub,
                                  int64_t *own)
{
    *account_id = *pub = *own = 0;
    store_rows *r = store_query(c,
        "SELECT s.account_id, s.expires_at, s.last_seen_at, "
        "(SELECT version FROM data_version WHERE name = 'publik'), "
        "COALESCE((SELECT version FROM pemohon_version WHERE account_id = s.account_id), 0) "
        "FROM session s WHERE s.id_hash = $1",
        STORE_P(SP_T(id_hash)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    lk_err e = got < 0 ? LK_ERR_DB : LK_ERR_NOTFOUND;
    if (got == 1) {
        int64_t expires_at = store_int(r, 1), last_seen_at = store_int(r, 2);
        if (store_int(r, 0) > 0 && now < expires_at && now - last_seen_at < SESSION_TOUCH_S) {
            *account_id = store_int(r, 0);
            *pub = store_int(r, 3);
            *own = store_int(r, 4);
            e = LK_OK;
        }
    }
    store_rows_close(r);
    return e;
}
