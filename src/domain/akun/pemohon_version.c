/* domain/akun/pemohon_version.c — the versions an applicant's pages are rendered under
 * (see pemohon_version.h). */
#include "domain/akun/pemohon_version.h"

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
