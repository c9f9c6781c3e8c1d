/* web/admin.h — what Admin Instansi's pages share (web/admin_petugas.c, admin_libur.c,
 * admin_izin*.c): the guards, ids from the address, and form errors on a page.
 *
 * Every page and action here is for holders of the admin_instansi role only, on the
 * data of their own instansi; the domain functions take the admin's account and treat
 * other instansi's ids as not found. */
#ifndef LOKET_WEB_ADMIN_H
#define LOKET_WEB_ADMIN_H
#include <stdint.h>
#include "domain/akun/account.h"
#include "html/tmpl.h"
#include "http/http.h"
#include "util/issues.h"

/* The admin of a GET page, or NULL after the refusal was sent. */
const account *admin_require(req *r);
/* The admin of a POST: the role first, then the form's CSRF token. */
const account *admin_post(req *r);

/* The route capture `name` as a positive id; 0 when it is not one. */
int64_t admin_id_param(req *r, const char *name);
/* A posted field trimmed of surrounding ASCII spaces; NULL stays NULL. */
const char *admin_field(req *r, const char *name);

/* Field labels for an error summary: {key, label} pairs ending with {NULL, NULL}. */
typedef struct {
    const char *key, *label;
} admin_label;

/* Puts `errs` on the page: ctx.errors.list (label: message, linking to #key) for the
 * summary, and ctx.err.<key> beside each field.  Nothing when errs is empty. */
void admin_errors(req *r, tv *ctx, const issues *errs, const admin_label *labels);

/* For the issues whose key starts with `prefix`: row.e.<rest of the key> = message, so
 * a list of forms (one per row) shows each row's errors beside its fields. */
void admin_row_errors(req *r, tv *row, const issues *errs, const char *prefix);

/* Wakes the mail sender after a change that queued mail committed. */
void admin_wake_mailer(req *r);

#endif
