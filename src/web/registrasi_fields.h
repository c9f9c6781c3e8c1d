/* web/registrasi_fields.h — the Registrasi Pemohon wizard's fields as template values
 * (web/registrasi.c), shared with the counter's registration form (web/loket.c), so both
 * show the same labels, hints, widgets and messages (template partial
 * registrasi-field.html). */
#ifndef LOKET_WEB_REGISTRASI_FIELDS_H
#define LOKET_WEB_REGISTRASI_FIELDS_H
#include "domain/akun/registration.h"
#include "html/tmpl.h"
#include "http/http.h"
#include "store/store.h"

/* Appends the fields of wizard step `step` (1..3) with the draft's values and err's
 * messages (err may be NULL) to `fields`, and each message to ctx's error summary
 * ("errors" → "list"; *summary is that list, NULL until the first message).  skip_instansi leaves out Instansi
 * yang dituju (the counter registers into the officer's own). */
lk_err registrasi_fields(req *r, store_conn *c, tv *ctx, tv **summary, tv *fields, int step, const reg_draft *d,
                         const reg_errors *err, int skip_instansi);

/* Copies the posted values of step `step`'s fields (0 = every step) into the draft, ""
 * for a field not sent; the scan is not a form value (registration_attach_identity). */
void registrasi_read_fields(req *r, reg_draft *d, int step, int skip_instansi);

#endif
