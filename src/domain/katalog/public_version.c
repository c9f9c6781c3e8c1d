/* domain/katalog/public_version.c — the public pages' data version (see public_version.h). */
#include "domain/katalog/public_version.h"

lk_err public_version_bump(store_conn *c)
{
    return store_exec(c, "UPDATE data_version SET version = version + 1 WHERE name = 'publik'", STORE_NOP, NULL);
}

lk_err public_version_read(store_conn *c, int64_t *out)
{
    return store_query_int(c, "SELECT version FROM data_version WHERE name = 'publik'", STORE_NOP, out);
}
