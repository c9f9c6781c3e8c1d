/* demo/demo_forms.h — renders the demo's blank forms (demo/demo_data.h) as small
 * A4 PDFs with cairo, for the requirements that offer a form to download. */
#ifndef LOKET_DEMO_FORMS_H
#define LOKET_DEMO_FORMS_H
#include <stdint.h>
#include "demo/demo_data.h"
#include "util/err.h"

/* Writes `form`, addressed to the office of `inst`, to `path` (through a temporary file
 * renamed into place, so a reader never sees half a file).  The output is the same bytes
 * on every run.  On success sha256_hex holds the file's SHA-256 and *size its length. */
lk_err demo_form_write(const demo_form *form, const demo_instansi *inst, const char *path,
                       char sha256_hex[65], int64_t *size, char *err, size_t errlen);

#endif
