/* domain/proses/current.h — the application's running step copied onto its row
 * (permohonan.current_position, current_role_key, current_step_name, current_due_at; see
 * migration 006), which the inbox reads through one index in due order.  Every change of
 * an application's steps calls proses_sync_current in its transaction. */
#ifndef LOKET_PROSES_CURRENT_H
#define LOKET_PROSES_CURRENT_H
#include <stdint.h>
#include "store/store.h"
#include "util/err.h"

/* Copies the step with status 'berjalan' (or NULLs when there is none). */
lk_err proses_sync_current(store_conn *c, int64_t permohonan_id);

#endif
