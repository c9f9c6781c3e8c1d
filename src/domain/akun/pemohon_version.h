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
#include <time.h>
#include "store/store.h"
#include "util/err.h"

/* The public version and account_id's own, in one query (0 for an applicant whose rows
 * never changed since the migration). */
lk_err pemohon_version_read(store_conn *c, int64_t account_id, int64_t *pub, int64_t *own);

/* For a kept page, in one query: the account of the session whose hash is id_hash and the
 * versions of its pages, when the session is live at `now` and needs no refresh of its
 * last use (session_find's rules, without its write).  LK_ERR_NOTFOUND otherwise: the
 * caller reads the session the usual way.  (What else web_require_pemohon checks — the
 * account's status, kind and one-time password — is on the account row, whose every
 * change moves its version.) */
lk_err pemohon_version_of_session(store_conn *c, const char *id_hash, time_t now, int64_t *account_id, int64_t *pub,
                                  int64_t *own);

#endif
