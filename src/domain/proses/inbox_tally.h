/* domain/proses/inbox_tally.h — the kept inbox counts (migration 017) checked against a
 * fresh count, and refilled.  The triggers of 017 keep inbox_tally in step with every
 * change of permohonan; these are for an operator who suspects otherwise (a table
 * edited by hand, a restore that skipped triggers): `loket inbox check|rebuild`. */
#ifndef LOKET_INBOX_TALLY_H
#define LOKET_INBOX_TALLY_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

/* One group whose kept count differs from the applications counted now. */
typedef struct {
    int64_t instansi_id, unit_id;
    const char *role_key, *step_name, *due_at;
    int64_t kept, counted;
} inbox_tally_diff;

/* Every group that differs (none: *n = 0), in the caller's arena. */
lk_err inbox_tally_check(store_conn *c, arena *a, inbox_tally_diff **out, size_t *n);

/* Refills inbox_tally from the applications in one transaction (on PostgreSQL writers
 * of permohonan wait for it); *groups receives how many groups it holds. */
lk_err inbox_tally_rebuild(store *s, int64_t *groups);

#endif
