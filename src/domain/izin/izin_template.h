/* domain/izin/izin_template.h — the permit template of a jenis izin (table izin_template,
 * SPEC 4.12): what Admin Instansi edits on the jenis izin's *Surat Izin* tab and what
 * izin.c fills when it issues a permit.  Owner: issuance (domain/izin/).
 *
 * A template is a title and paragraphs separated by blank lines with {placeholders}
 * (domain/izin/izin_pdf.h lists them).  A jenis izin without a row uses the built-in
 * template.  Saving checks every placeholder against the jenis izin's own (its Data
 * Teknis keys included), so a permit can never fail to issue because of its template.
 * Every save and reset is recorded in the audit trail in the same transaction. */
#ifndef LOKET_IZIN_TEMPLATE_H
#define LOKET_IZIN_TEMPLATE_H
#include <stdint.h>
#include <time.h>
#include "domain/izin/izin_pdf.h"
#include "domain/katalog/catalogue.h"
#include "store/store.h"
#include "util/issues.h"

typedef struct {
    const char *judul, *isi;
    const char *ttd_letak;     /* where the signer's block stands: "kanan" (QR left) or "kiri" */
    int custom;                /* 1: the jenis izin's own row; 0: the built-in template */
    const char *updated_at;    /* of the row; NULL for the built-in one */
} izin_template;

/* The template in force for jenis izin `jenis_izin_id` (strings in `a`). */
lk_err izin_template_get(store_conn *c, arena *a, int64_t jenis_izin_id, izin_template *out);

/* One placeholder a template of `ji` may use, with what it stands for. */
typedef struct {
    const char *key;           /* "pemegang", "dt.no_str", "rincian" */
    const char *meaning;       /* "Nama pemegang izin", or the Data Teknis field's label */
} izin_placeholder;

/* Every placeholder of ji, in the order the editor lists them (NULL-key-terminated). */
const izin_placeholder *izin_template_placeholders(arena *a, const jenis_izin_detail *ji);

/* Example values for every placeholder of ji, as izin_template_fill takes them: for the
 * editor's check and its preview PDF. */
const izin_var *izin_template_sample_vars(arena *a, const jenis_izin_detail *ji);

/* The checks of a save without storing (the editor's preview): LK_ERR_INVALID with errs
 * keyed "judul" / "isi" for an empty or too long text, control characters, a placeholder
 * ji does not have, or {rincian} not standing alone as one paragraph; "ttd_letak" for a
 * place other than "kanan" or "kiri" (NULL reads as "kanan"). */
lk_err izin_template_check(arena *a, const jenis_izin_detail *ji, const char *judul, const char *isi,
                           const char *ttd_letak, issues *errs);

/* Saves judul, isi and the signer block's place as ji's template (normalised: CRLF to LF, line ends trimmed), by
 * admin `account_id` of `instansi_id` (ji must be of that instansi: another's reads as
 * LK_ERR_NOTFOUND).  Refusals as izin_template_check. */
lk_err izin_template_save(store_conn *c, arena *a, int64_t account_id, int64_t instansi_id, const jenis_izin_detail *ji,
                          const char *judul, const char *isi, const char *ttd_letak, time_t now, issues *errs);

/* Goes back to the built-in template (removes the row; fine when there is none). */
lk_err izin_template_reset(store_conn *c, int64_t account_id, int64_t instansi_id, int64_t jenis_izin_id, time_t now);

/* A sample permit of ji drawn with judul and isi (already checked) and example values:
 * what the editor's *Pratinjau* downloads.  `office_*` head the page as on a real permit. */
lk_err izin_template_preview(arena *a, const jenis_izin_detail *ji, const char *judul, const char *isi,
                             const char *ttd_letak, const char *instansi_name, const char *office_name, const char *office_address,
                             const char *base_url, buf *pdf);

#endif
