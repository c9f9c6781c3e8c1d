/* web/admin_izin.h — what the pages of the permit-type editor share (web/admin_izin.c,
 * admin_izin_syarat.c, admin_izin_alur.c): the jenis izin named in the address with its
 * revision, and the editor's heading and tabs. */
#ifndef LOKET_WEB_ADMIN_IZIN_H
#define LOKET_WEB_ADMIN_IZIN_H
#include <stdint.h>
#include "domain/akun/account.h"
#include "domain/katalog/catalogue.h"
#include "html/tmpl.h"
#include "http/http.h"
#include "util/issues.h"

#define IZIN_PATH "/petugas/admin/izin"

/* The jenis izin :id of the admin's instansi and its revision; 0 after a 404 or error
 * page was sent. */
int admin_izin_load(req *r, const account *me, jenis_izin_detail *ji, int64_t *revision);

/* A page of the editor for ji: title, csrf, revision, the tabs (`tab`: "data",
 * "syarat", "teknis", "alur-baru", …) and the link to the public page. */
tv *admin_izin_page(req *r, const jenis_izin_detail *ji, int64_t revision, const char *tab);

/* The revision a posted form was drawn from; -1 when missing or not a number. */
int64_t admin_izin_posted_revision(req *r);

/* The answer to an editor change `e`: LK_OK → 303 to location; LK_ERR_NOTFOUND → 404
 * with `not_found`; another error but LK_ERR_INVALID and LK_ERR_CONFLICT → its error
 * page; those return 0.  For a refusal it loads the jenis izin again (adding the stale
 * form's sentence to errs for LK_ERR_CONFLICT), sets *status (400 or 409) and returns 1:
 * the caller shows its page again with what was posted. */
int admin_izin_answer(req *r, const account *me, lk_err e, const char *location, const char *not_found, issues *errs,
                      jenis_izin_detail *ji, int64_t *revision, int *status);

#endif
