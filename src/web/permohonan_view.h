/* web/permohonan_view.h — the pages of *Tambah* (web/permohonan_view.c), rendered for
 * the handlers of web/permohonan.c. */
#ifndef LOKET_WEB_PERMOHONAN_VIEW_H
#define LOKET_WEB_PERMOHONAN_VIEW_H
#include "domain/akun/account.h"
#include "domain/permohonan/permohonan.h"
#include "http/http.h"

/* Sends the draft's page with `status`: its values, the lists of the cascade, the
 * applicant's profile, companies and documents, `msgs` in a summary and beside their
 * fields, an optional `notice`, and what is still missing beside a disabled *Buat*.
 * Returns an error without sending anything when a query fails. */
lk_err permohonan_view_draft(req *r, store_conn *c, const account *me, const char *csrf, const permohonan *p,
                             const permohonan_issues *msgs, const char *notice, int status);

/* Sends "Permohonan Izin telah selesai dibuat" for a submitted application. */
void permohonan_view_selesai(req *r, const permohonan *p);

#endif
