/* domain/proses/audit.h — the append-only, hash-chained audit trail (SPEC 5.1, 6).
 *
 * Every officer action that changes an application, an account or an instansi's settings,
 * and every officer's view of an applicant's file, appends one record in the same
 * transaction as the change (so a record exists exactly when the change committed).
 * Record n carries SHA-256(record n's fields ‖ hash of record n-1); audit_verify walks the
 * chain and names the first record that does not fit.  Nothing ever updates or deletes a
 * record.  Appends are serialised by the audit_head row (see migration 005). */
#ifndef LOKET_AUDIT_H
#define LOKET_AUDIT_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/err.h"

typedef struct {
    int64_t account_id;        /* who; 0 = the system (a scheduled job, a command) */
    int64_t instansi_id;       /* whose data; 0 = none */
    const char *action;        /* dotted verb, e.g. "permohonan.teruskan", "dokumen.lihat" */
    const char *object_type;   /* "permohonan", "account", "jenis_izin", … */
    int64_t object_id;         /* 0 = none */
    const char *detail;        /* free text (a note, "step 2 → 3"); may be NULL */
} audit_entry;

/* Appends one record at time `now`.  Must be called inside the caller's transaction
 * (store_begin … store_commit); the record commits or rolls back with the change.
 * `id_out` (may be NULL) receives the record's id. */
lk_err audit_record(store_conn *c, const audit_entry *e, time_t now, int64_t *id_out);

/* The same in a transaction of its own, for what changes nothing but must be recorded
 * (an officer's view of an applicant's file or complaint). */
lk_err audit_record_alone(store_conn *c, const audit_entry *e, time_t now);

/* The outcome of a walk over the chain. */
typedef struct {
    int64_t checked;           /* records that fitted */
    int64_t first_bad_id;      /* 0 when the whole chain fits */
    char reason[160];          /* why the first bad record does not fit (English) */
} audit_report;

/* Walks every record in id order.  LK_OK with first_bad_id = 0 when the chain holds,
 * LK_OK with first_bad_id set when it does not, LK_ERR_DB when it could not be read. */
lk_err audit_verify(store_conn *c, audit_report *out);

#endif
