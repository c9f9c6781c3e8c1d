/* web/tarif_form.h — the inputs of a tarif as form fields, and the computed lines, shared
 * by Simulasi Tarif, the officer's SKRD assessment and the Admin Instansi's test box, so
 * all three read and show a tarif the same way.  Templates: tarif-fields.html (the
 * fields, inside the caller's <form>) and tarif-hasil.html (the result).
 * Field names: j_KODE (a quantity or number), k_KODE (the chosen category, 1-based). */
#ifndef LOKET_WEB_TARIF_FORM_H
#define LOKET_WEB_TARIF_FORM_H
#include "domain/tarif/tarif.h"
#include "html/tmpl.h"
#include "http/http.h"

/* Reads the inputs of t from the query string (from_query) or the posted form. */
void tarif_form_read(req *r, const tarif *t, int from_query, tarif_masukan *out);
/* 1 if the request carries any of t's fields with a value (a computation was asked for). */
int tarif_form_present(req *r, const tarif *t, int from_query);
/* Sets "items" in ctx: one entry per input with its label, options and the value kept
 * from m (NULL = empty), with h's refusal beside it (h NULL or not failed: none). */
void tarif_form_fields(req *r, tv *ctx, const tarif *t, const tarif_masukan *m, const tarif_hasil *h);
/* Appends one map per line (uraian, rincian, jumlah "Rp 1.234" or "") to list. */
void tarif_form_lines(req *r, tv *list, const tarif_baris *b, size_t n);
/* Sets "hasil" in ctx: the lines and "total" (Indonesian format), or "hasil_error" with
 * the formula's refusal and its place, or "input_error" when inputs were refused. */
void tarif_form_result(req *r, tv *ctx, const tarif_hasil *h);

#endif
