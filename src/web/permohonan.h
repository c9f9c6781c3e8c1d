/* web/permohonan.h — the pages of an application's draft, *Buat* and the bukti
 * pendaftaran (web/permohonan.c) for a given permohonan_where (web/permohonan_view.h):
 * the applicant's own handlers and the counter's (web/loket.c) call them after their
 * guard has established whose application it is.  Each sends the response itself. */
#ifndef LOKET_WEB_PERMOHONAN_H
#define LOKET_WEB_PERMOHONAN_H
#include <stdint.h>
#include "http/http.h"
#include "web/permohonan_view.h"

void permohonan_page_draft(req *r, const permohonan_where *w, int64_t id);
/* The POSTs below expect the caller to have checked the CSRF token already. */
void permohonan_page_simpan(req *r, const permohonan_where *w, int64_t id);
void permohonan_page_unggah(req *r, const permohonan_where *w, int64_t id, int64_t pid);
void permohonan_page_buat(req *r, const permohonan_where *w, int64_t id);
void permohonan_page_bukti(req *r, const permohonan_where *w, int64_t id);

#endif
