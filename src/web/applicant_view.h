/* web/applicant_view.h — an applicant's registration data as page values, shared by the
 * applicant's own profile and the officer's review page (template partial
 * "pemohon-data"). */
#ifndef LOKET_WEB_APPLICANT_VIEW_H
#define LOKET_WEB_APPLICANT_VIEW_H
#include "domain/akun/approval.h"
#include "html/tmpl.h"
#include "http/http.h"

/* Sets nama, username, email, tipe, nomor, jk, pekerjaan, ttl, npwp, telepon, hp,
 * alamat, wilayah and kode_pos in map p, dates in Indonesian. */
void applicant_view(req *r, tv *p, const applicant *ap);

#endif
