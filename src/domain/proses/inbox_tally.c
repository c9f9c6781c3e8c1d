/* domain/proses/inbox_tally.c — checking and refilling the kept inbox counts (see
 * inbox_tally.h).  The fresh count groups permohonan exactly as the triggers of
 * migration 017 do. */
#include "domain/proses/inbox_tally.h"

/* The open applications by group, as the triggers key them. */
#define COUNTED_GROUPS                                                                                         \
    "SELECT instansi_id, current_role_key, COALESCE(unit_id, 0) AS unit_id,"                                   \
    " COALESCE(current_step_name, '') AS current_step_name, COALESCE(current_due_at, '') AS current_due_at,"   \
    " COUNT(*) AS n FROM permohonan WHERE status IN ('diajukan', 'diproses') AND current_role_key IS NOT NULL"  \
    " GROUP BY instansi_id, current_role_key, COALESCE(unit_id, 0), COALESCE(current_step_name, ''),"          \
    " COALESCE(current_due_at, '')"

lk_err inbox_tally_check(store_conn *c, arena *a, inbox_tally_diff **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT instansi_id, unit_id, current_role_key, current_step_name, current_due_at,"
        " CAST(SUM(kept) AS BIGINT), CAST(SUM(counted) AS BIGINT) FROM ("
        "  SELECT instansi_id, unit_id, current_role_key, current_step_name, current_due_at, n AS kept, 0 AS counted"
        "  FROM inbox_tally"
        "  UNION ALL SELECT instansi_id, unit_id, current_role_key, current_step_name, current_due_at, 0, n"
        "  FROM (" COUNTED_GROUPS ") g"
        ") x GROUP BY instansi_id, unit_id, current_role_key, current_step_name, current_due_at"
        " HAVING SUM(kept) <> SUM(counted)"
        " ORDER BY instansi_id, unit_id, current_role_key, current_step_name, current_due_at",
        STORE_NOP);
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        (*out)[(*n)++] = (inbox_tally_diff){store_int(r, 0), store_int(r, 1), arena_strdup(a, store_text(r, 2)),
                                            arena_strdup(a, store_text(r, 3)), arena_strdup(a, store_text(r, 4)),
                                            store_int(r, 5), store_int(r, 6)};
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err inbox_tally_rebuild(store *s, int64_t *groups)
{
    *groups = 0;
    store_conn *c = store_acquire(s);
    lk_err e = store_begin(c);
    /* SQLite's write transaction already excludes other writers; PostgreSQL's writers
     * would otherwise move counts between the delete and the refill. */
    if (e == LK_OK && store_kind_of(s) == STORE_PG)
        e = store_exec(c, "LOCK TABLE permohonan IN SHARE MODE", STORE_NOP, NULL);
    if (e == LK_OK) e = store_exec(c, "DELETE FROM inbox_tally", STORE_NOP, NULL);
    if (e == LK_OK)
        e = store_exec(c,
                       "INSERT INTO inbox_tally (instansi_id, current_role_key, unit_id, current_step_name, current_due_at, n)"
                       " " COUNTED_GROUPS,
                       STORE_NOP, groups);
    /* Kept inbox pages (web/inbox_cache.c) were read from the old counts. */
    if (e == LK_OK) e = store_exec(c, "UPDATE inbox_version SET version = version + 1", STORE_NOP, NULL);
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    store_release(c);
    return e;
}
