/* web/wilayah_picker.h — the Provinsi → Kabupaten → Kecamatan → Desa cascade of a form,
 * shared by Registrasi Pemohon and Perusahaan.
 *
 * It works without JavaScript: each list is rendered from the codes chosen so far, and
 * the provinsi, kabupaten and kecamatan lists carry a "Pilih" button (aksi=wilayah) that
 * posts the form back so the server fills the list below.  static/registrasi.js loads
 * the lists from /api/v1/wilayah instead when it can (select[data-level][data-child]).
 * The form fields are named provinsi, kabupaten, kecamatan and desa.
 *
 * codes[0..3] are the chosen provinsi, kabupaten, kecamatan and desa codes (NULL or ""
 * = not chosen), e.g. &draft.v[RF_PROVINSI] when the four fields are adjacent. */
#ifndef LOKET_WEB_WILAYAH_PICKER_H
#define LOKET_WEB_WILAYAH_PICKER_H
#include "html/tmpl.h"
#include "http/http.h"
#include "store/store.h"
#include "util/err.h"

/* Appends an <option> map {value, label, selected} to list; selected when value equals
 * current ("" when current is NULL, so the placeholder is chosen by default). */
void form_option(tv *list, const char *value, const char *label, const char *current);

/* Fills the field map m of the region list of `level` (1 provinsi .. 4 desa) for a
 * generic <select> block: "select", "options" (a translated "Pilih ..." placeholder and
 * the regions under the level above, or only the placeholder while that is not chosen),
 * "level", and for levels 1–3 "pick" and "child" (the key of the list below). */
lk_err wilayah_picker_field(req *r, store_conn *c, tv *m, int level, const char *const codes[4]);

/* After a "Pilih": clears the chosen codes that no longer lie under the level above. */
void wilayah_picker_trim(const char *codes[4]);

/* The key of the list to show after a "Pilih" (the first lower one still empty):
 * "kabupaten", "kecamatan" or "desa" — a fragment to scroll to. */
const char *wilayah_picker_next(const char *const codes[4]);

#endif
