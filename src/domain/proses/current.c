/* domain/proses/current.c — the running step on the application's row (see current.h). */
#include "domain/proses/current.h"

lk_err proses_sync_current(store_conn *c, int64_t permohonan_id)
{
#define RUNNING(col) "(SELECT " col " FROM permohonan_step WHERE permohonan_id = $1 AND status = 'berjalan')"
    return store_exec(c,
        "UPDATE permohonan SET current_position = " RUNNING("position") ", current_role_key = " RUNNING("role_key")
        ", current_step_name = " RUNNING("name") ", current_due_at = " RUNNING("due_at") " WHERE id = $1",
        STORE_P(SP_I(permohonan_id)), NULL);
#undef RUNNING
}
