/* domain/akun/pemohon_version.h — the versions an applicant's own pages are rendered
 * under (the pages kept per session, web/public_cache.c).
 *
 * Triggers (migration 023) bump an applicant's number in the transaction of every change
 * of what their pages show: their account and profile, companies, documents, applications
 * with steps, history, requirements, retribution and payments, permits, surveys and
 * complaints, whoever changes them.  Public data (the catalogue, tarifs, workflows, the
 * holiday calendar) moves the public version (public_version.h). */
#ifndef LOKET_PEMOHON_VERSION_H
#define LOKET_PEMOHON_VERSION_H
#include <stdint.h>
#include "store/store.h"
#include "util/err.h"

/* The public version and account_id's own, in one query (0 for an applicant whose rows
 * never changed since the migration). */
lk_err pemohon_version_read(store_conn *c, int64_t account_id, int64_t *pub, int64_t *own);

#endif
