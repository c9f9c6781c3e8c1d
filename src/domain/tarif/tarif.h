/* domain/tarif/tarif.h — the tarif of a jenis izin (SPEC 3, 4.14): its inputs (items with
 * price categories, index tables, numbers) and its formula, versioned with a start date,
 * and the one computation that both *Simulasi Tarif* and the SKRD assessment use — so the
 * fee an applicant simulates is exactly the fee the office assesses.
 *
 * A version is never changed once written; tarif_save writes the next one.  The version in
 * force on a date is the one with the highest berlaku_mulai not after it (then the highest
 * version number).
 *
 * Memory: every struct and string comes from the caller's arena.  Messages (`what`) are
 * static Indonesian sentences that html/i18n.h translates; `detail` is the offending text. */
#ifndef LOKET_TARIF_H
#define LOKET_TARIF_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "domain/tarif/decimal.h"
#include "domain/tarif/formula.h"
#include "store/store.h"
#include "util/err.h"

#define TARIF_MAX_ITEMS 30
#define TARIF_MAX_KATEGORI 40

/* harga: a priced item (a quantity is entered; its name in the formula is the quantity,
 * harga(KODE) the price of the chosen category); pilihan: an index table (its name is the
 * chosen category's value); angka: a number typed in. */
typedef enum { TI_HARGA, TI_PILIHAN, TI_ANGKA } tarif_item_jenis;
const char *tarif_item_jenis_key(tarif_item_jenis j);      /* "harga", "pilihan", "angka" */
int tarif_item_jenis_parse(const char *key, tarif_item_jenis *out);

typedef struct {
    const char *nama;
    dec nilai;
} tarif_kategori;

typedef struct {
    const char *kode, *nama, *satuan;
    tarif_item_jenis jenis;
    dec min, max;                 /* bounds of the quantity or number */
    tarif_kategori *kategori;
    size_t nkategori;
} tarif_item;

typedef struct {
    int64_t id, jenis_izin_id;
    int version;
    const char *berlaku_mulai;    /* "YYYY-MM-DD" */
    const char *formula;          /* "" = the sum of every priced item's quantity × price */
    const char *catatan;          /* may be NULL */
    const char *created_at;
    tarif_item *items;
    size_t nitems;
} tarif;

/* The calendar date "YYYY-MM-DD" of moment t in WIB (the date a tarif is looked up by). */
const char *tarif_date_of(arena *a, time_t t);

/* ---- reading ---- */

/* The version in force on `ymd` ("YYYY-MM-DD"), with its items.  LK_ERR_NOTFOUND when the
 * jenis izin has none in force yet. */
lk_err tarif_in_force(store_conn *c, arena *a, int64_t jenis_izin_id, const char *ymd, tarif *out);
/* One version by id, with its items. */
lk_err tarif_get(store_conn *c, arena *a, int64_t tarif_id, tarif *out);
/* Every version of a jenis izin, newest first, without items. */
lk_err tarif_versions(store_conn *c, arena *a, int64_t jenis_izin_id, tarif **out, size_t *n);

/* ---- checking and saving ---- */

/* What is wrong with a tarif, for the editor: which item (-1 = none, the formula or the
 * date) and what.  For the formula, line and col say where. */
typedef struct {
    int item;
    const char *field;            /* "kode", "nama", "kategori", "min", "formula", "berlaku_mulai", … */
    const char *what;
    const char *detail;
    int line, col;
} tarif_problem;

/* Checks a tarif before it is saved (pure): a real berlaku_mulai date; 1..30 items with
 * unique kode names of letters, digits and _ (starting with a letter), a nama, 1..40
 * categories with names for harga and pilihan and none for angka, 0 <= min <= max; a
 * formula that compiles against the items.  0 when fine, else -1 with *p filled. */
int tarif_check(arena *a, const tarif *t, tarif_problem *p);

/* Writes `t` as the jenis izin's next version (its items and categories), with an audit
 * record "tarif.simpan" by account_id of instansi_id, in one transaction.  Checks with
 * tarif_check first (LK_ERR_INVALID, *p filled).  *id_out gets the new version's id. */
lk_err tarif_save(store_conn *c, arena *a, const tarif *t, int64_t account_id, int64_t instansi_id, time_t now,
                  int64_t *id_out, tarif_problem *p);

/* ---- computing ---- */

/* What was entered for each item (parallel to t->items): the quantity or number as typed,
 * and the chosen category as its 1-based position in text ("2").  NULL = not given. */
typedef struct {
    const char **jumlah;
    const char **kategori;
} tarif_masukan;

typedef struct {
    const char *uraian;           /* "Reklame tetap (Jalan Protokol)" */
    const char *rincian;          /* "12 m² × Rp 25.000" */
    int has_jumlah;
    dec jumlah;                   /* the line's amount in Rupiah, when has_jumlah */
} tarif_baris;

typedef struct {
    tarif_baris *baris;
    size_t nbaris;
    dec total;                    /* rounded half up to whole Rupiah */
    /* Refusals: per item (NULL = fine), and of the formula. */
    const char **item_what;
    const char **item_detail;
    int item_errors;
    formula_error formula_err;
    int failed;
} tarif_hasil;

/* Computes the fee: checks each input (a number where a number belongs, within min..max,
 * a category that exists; a quantity left empty counts as 0, a number or choice left
 * empty is refused), evaluates the formula, and writes one line per input, per
 * definition and per priced item with its amount.  A negative total is refused.
 * 0 with out filled, or -1 with out->item_what / out->formula_err saying why. */
int tarif_hitung(arena *a, const tarif *t, const tarif_masukan *m, tarif_hasil *out);

/* The inputs as JSON text ({"KODE": {"jumlah": "12", "kategori": "2"}}), for storing an
 * assessment, and back (missing kode: NULL). */
const char *tarif_masukan_json(arena *a, const tarif *t, const tarif_masukan *m);
int tarif_masukan_from_json(arena *a, const tarif *t, const char *json, tarif_masukan *out);
/* Starting values from an application's data teknis (a flat JSON object): a number or
 * priced item whose kode is a data teknis key takes that value (PBG's L). */
int tarif_masukan_from_data_teknis(arena *a, const tarif *t, const char *json, tarif_masukan *out);

#endif
