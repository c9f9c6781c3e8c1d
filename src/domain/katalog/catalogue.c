/* domain/katalog/catalogue.c — read-only queries over the service catalogue (see catalogue.h):
 * instansi, their units, the jenis izin offered and what each asks for.
 * Every result lives in the caller's arena; nothing here writes. */
#include "domain/katalog/catalogue.h"
#include "util/buf.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_Q_MAX 100   /* bytes */

static const char *const jp_keys[JP_COUNT] = {"baru", "perpanjangan", "perubahan"};
static const char *const jp_labels[JP_COUNT] = {"Baru", "Perpanjangan", "Perubahan"};

const char *jenis_permohonan_key(jenis_permohonan jp)
{
    return (unsigned)jp < JP_COUNT ? jp_keys[jp] : "baru";
}

const char *jenis_permohonan_label(jenis_permohonan jp)
{
    return (unsigned)jp < JP_COUNT ? jp_labels[jp] : "Baru";
}

int jenis_permohonan_parse(const char *key, jenis_permohonan *out)
{
    for (int i = 0; key && i < JP_COUNT; i++) {
        if (strcmp(key, jp_keys[i]) == 0) {
            *out = (jenis_permohonan)i;
            return 0;
        }
    }
    return -1;
}

/* ---- small helpers -------------------------------------------------------------- */

static const char *dup_text(arena *a, store_rows *r, int col)
{
    return arena_strdup(a, store_text(r, col));
}

/* 1 if s is valid UTF-8 (structure only; enough to refuse garbage before a query). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2)) return 0;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80) return 0;
    }
    return 1;
}

/* "%q%" lowercased (ASCII) with LIKE's special characters escaped by '\'. */
static char *like_contains(arena *a, const char *q)
{
    buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        char ch = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
        if (ch == '%' || ch == '_' || ch == '\\') buf_putc(&b, '\\');
        buf_putc(&b, ch);
    }
    buf_putc(&b, '%');
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* ---- instansi and units ------------------------------------------------------------ */

#define INSTANSI_SELECT \
    "SELECT id, slug, name, wilayah_code, office_name, address, phone, email, auto_approve, whatsapp, office_hours" \
    " FROM instansi "

static void row_to_instansi(store_rows *r, arena *a, instansi *i)
{
    i->id = store_int(r, 0);
    i->slug = dup_text(a, r, 1);
    i->name = dup_text(a, r, 2);
    i->wilayah_code = dup_text(a, r, 3);
    i->office_name = dup_text(a, r, 4);
    i->address = dup_text(a, r, 5);
    i->phone = dup_text(a, r, 6);
    i->email = dup_text(a, r, 7);
    i->auto_approve = (int)store_int(r, 8);
    i->whatsapp = dup_text(a, r, 9);
    i->office_hours = dup_text(a, r, 10);
}

lk_err catalogue_instansi_list(store_conn *c, arena *a, instansi **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    store_rows *r = store_query(c, INSTANSI_SELECT "ORDER BY name, id", STORE_NOP);
    if (!r) return LK_ERR_DB;
    size_t cap = 0, n = 0;
    instansi *items = NULL;
    int got;
    while ((got = store_next(r)) == 1) {
        items = arena_grow(a, items, &cap, n, sizeof *items);
        row_to_instansi(r, a, &items[n++]);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    *out = items;
    *count = n;
    return LK_OK;
}

lk_err catalogue_instansi_get(store_conn *c, arena *a, const char *slug, instansi *out)
{
    memset(out, 0, sizeof *out);
    if (!slug || !*slug || strlen(slug) > 64 || !utf8_ok(slug)) return LK_ERR_NOTFOUND;
    store_rows *r = store_query(c, INSTANSI_SELECT "WHERE slug = $1", STORE_P(SP_T(slug)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) row_to_instansi(r, a, out);
    store_rows_close(r);
    return got == 1 ? LK_OK : got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
}

lk_err catalogue_units(store_conn *c, arena *a, int64_t instansi_id, unit_kerja **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    store_rows *r = store_query(c, "SELECT id, instansi_id, slug, name FROM unit_kerja"
                                   " WHERE instansi_id = $1 ORDER BY name, id",
                                STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0, n = 0;
    unit_kerja *items = NULL;
    int got;
    while ((got = store_next(r)) == 1) {
        items = arena_grow(a, items, &cap, n, sizeof *items);
        unit_kerja *u = &items[n++];
        u->id = store_int(r, 0);
        u->instansi_id = store_int(r, 1);
        u->slug = dup_text(a, r, 2);
        u->name = dup_text(a, r, 3);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    *out = items;
    *count = n;
    return LK_OK;
}

/* ---- jenis izin ---------------------------------------------------------------------- */

/* Columns 0..10 of a jenis_izin_summary; detail adds 11..15. */
#define SUMMARY_SELECT \
    "SELECT j.id, j.unit_id, j.instansi_id, j.slug, j.name, j.short_description," \
    " u.name, i.name, i.slug, j.is_izin, j.gratis," \
    " j.description, j.document_type, j.tarif_formula, j.tarif_note, j.active" \
    " FROM jenis_izin j JOIN unit_kerja u ON u.id = j.unit_id" \
    " JOIN instansi i ON i.id = j.instansi_id "

static void row_to_summary(store_rows *r, arena *a, jenis_izin_summary *s)
{
    s->id = store_int(r, 0);
    s->unit_id = store_int(r, 1);
    s->instansi_id = store_int(r, 2);
    s->slug = dup_text(a, r, 3);
    s->name = dup_text(a, r, 4);
    s->short_description = dup_text(a, r, 5);
    s->unit_name = dup_text(a, r, 6);
    s->instansi_name = dup_text(a, r, 7);
    s->instansi_slug = dup_text(a, r, 8);
    s->is_izin = (int)store_int(r, 9);
    s->gratis = (int)store_int(r, 10);
}

/* Reads the rows of a SUMMARY_SELECT query (r NULL: it failed) into *out. */
static lk_err summaries(arena *a, store_rows *r, jenis_izin_summary **out, size_t *count)
{
    if (!r) return LK_ERR_DB;
    size_t cap = 0, n = 0;
    jenis_izin_summary *items = NULL;
    int got;
    while ((got = store_next(r)) == 1) {
        items = arena_grow(a, items, &cap, n, sizeof *items);
        row_to_summary(r, a, &items[n++]);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    *out = items;
    *count = n;
    return LK_OK;
}

lk_err catalogue_search(store_conn *c, arena *a, const char *q, int64_t instansi_id,
                        jenis_izin_summary **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!q) q = "";
    while (*q == ' ') q++;
    if (strlen(q) > SEARCH_Q_MAX || !utf8_ok(q)) return LK_OK;   /* nothing can match */
    /* An empty pattern "%%" matches every row, so one SQL text serves both cases. */
    char *pattern = like_contains(a, q);
    return summaries(a, store_query(c, SUMMARY_SELECT
        "WHERE j.active = 1 AND (j.instansi_id = $2 OR $2 = 0)"
        " AND (lower(j.name) LIKE $1 ESCAPE '\\' OR lower(j.short_description) LIKE $1 ESCAPE '\\'"
        "      OR lower(coalesce(j.description, '')) LIKE $1 ESCAPE '\\')"
        " ORDER BY i.name, u.name, j.name, j.id",
        STORE_P(SP_T(pattern), SP_I(instansi_id))), out, count);
}

lk_err catalogue_of_instansi(store_conn *c, arena *a, int64_t instansi_id, jenis_izin_summary **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    /* No LIKE over the descriptions, whose bound pattern makes SQLite plan the statement
     * again at every run. */
    return summaries(a, store_query(c, SUMMARY_SELECT "WHERE j.active = 1 AND j.instansi_id = $1"
                                                         " ORDER BY u.name, j.name, j.id",
                                       STORE_P(SP_I(instansi_id))), out, count);
}

static lk_err load_settings(store_conn *c, arena *a, jenis_izin_detail *d)
{
    for (int jp = 0; jp < JP_COUNT; jp++) {
        d->settings[jp] = (jenis_izin_setting){.jp = (jenis_permohonan)jp, .validity_unit = "tahun"};
    }
    store_rows *r = store_query(c,
        "SELECT jenis_permohonan, enabled, sla_days, validity_value, validity_unit,"
        " number_format_permohonan, number_format_izin"
        " FROM jenis_izin_setting WHERE jenis_izin_id = $1", STORE_P(SP_I(d->s.id)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1) {
        jenis_permohonan jp;
        if (jenis_permohonan_parse(store_text(r, 0), &jp)) continue;  /* CHECK forbids this */
        jenis_izin_setting *s = &d->settings[jp];
        s->enabled = (int)store_int(r, 1);
        s->sla_days = (int)store_int(r, 2);
        s->validity_value = (int)store_int(r, 3);
        s->validity_unit = dup_text(a, r, 4);
        s->number_format_permohonan = dup_text(a, r, 5);
        s->number_format_izin = dup_text(a, r, 6);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

static lk_err load_persyaratan(store_conn *c, arena *a, jenis_izin_detail *d)
{
    store_rows *r = store_query(c,
        "SELECT p.id, p.position, p.name, p.description, p.wajib, p.applies_baru,"
        " p.applies_perpanjangan, p.applies_perubahan, p.accepted_types, p.blank_form_id,"
        " f.file_name"
        " FROM persyaratan p LEFT JOIN blank_form f ON f.id = p.blank_form_id"
        " WHERE p.jenis_izin_id = $1 AND p.removed_at IS NULL ORDER BY p.position", STORE_P(SP_I(d->s.id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0, n = 0;
    persyaratan *items = NULL;
    int got;
    while ((got = store_next(r)) == 1) {
        items = arena_grow(a, items, &cap, n, sizeof *items);
        persyaratan *p = &items[n++];
        p->id = store_int(r, 0);
        p->position = (int)store_int(r, 1);
        p->name = dup_text(a, r, 2);
        p->description = dup_text(a, r, 3);
        p->wajib = (int)store_int(r, 4);
        p->applies[JP_BARU] = (int)store_int(r, 5);
        p->applies[JP_PERPANJANGAN] = (int)store_int(r, 6);
        p->applies[JP_PERUBAHAN] = (int)store_int(r, 7);
        p->accepted_types = dup_text(a, r, 8);
        p->blank_form_id = store_int(r, 9);
        p->blank_form_name = dup_text(a, r, 10);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    d->persyaratan = items;
    d->persyaratan_count = n;
    return LK_OK;
}

static lk_err load_fields(store_conn *c, arena *a, jenis_izin_detail *d)
{
    store_rows *r = store_query(c,
        "SELECT id, position, key, label, type, required, options, unit, help"
        " FROM data_teknis_field WHERE jenis_izin_id = $1 ORDER BY position",
        STORE_P(SP_I(d->s.id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0, n = 0;
    data_teknis_field *items = NULL;
    int got;
    while ((got = store_next(r)) == 1) {
        items = arena_grow(a, items, &cap, n, sizeof *items);
        data_teknis_field *f = &items[n++];
        f->id = store_int(r, 0);
        f->position = (int)store_int(r, 1);
        f->key = dup_text(a, r, 2);
        f->label = dup_text(a, r, 3);
        f->type = dup_text(a, r, 4);
        f->required = (int)store_int(r, 5);
        f->options = dup_text(a, r, 6);
        f->unit = dup_text(a, r, 7);
        f->help = dup_text(a, r, 8);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    d->fields = items;
    d->field_count = n;
    return LK_OK;
}

/* The detail of the one row `sql` selects (SUMMARY_SELECT + WHERE) with `p`. */
static lk_err load_detail(store_conn *c, arena *a, const char *sql, const store_param *p, int n,
                          jenis_izin_detail *out)
{
    store_rows *r = store_query(c, sql, p, n);
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        row_to_summary(r, a, &out->s);
        out->description = dup_text(a, r, 11);
        out->document_type = dup_text(a, r, 12);
        out->tarif_formula = dup_text(a, r, 13);
        out->tarif_note = dup_text(a, r, 14);
        out->s.active = (int)store_int(r, 15);
    }
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;

    lk_err rc = load_settings(c, a, out);
    if (!rc) rc = load_persyaratan(c, a, out);
    if (!rc) rc = load_fields(c, a, out);
    return rc;
}

lk_err catalogue_jenis_izin(store_conn *c, arena *a, const char *instansi_slug, const char *slug,
                            jenis_izin_detail *out)
{
    memset(out, 0, sizeof *out);
    if (!instansi_slug || !slug || strlen(instansi_slug) > 64 || strlen(slug) > 64 ||
        !utf8_ok(instansi_slug) || !utf8_ok(slug))
        return LK_ERR_NOTFOUND;
    return load_detail(c, a, SUMMARY_SELECT "WHERE i.slug = $1 AND j.slug = $2 AND j.active = 1",
                       STORE_P(SP_T(instansi_slug), SP_T(slug)), out);
}

lk_err catalogue_jenis_izin_by_id(store_conn *c, arena *a, int64_t instansi_id, int64_t id,
                                  jenis_izin_detail *out)
{
    memset(out, 0, sizeof *out);
    return load_detail(c, a, SUMMARY_SELECT "WHERE j.instansi_id = $1 AND j.id = $2",
                       STORE_P(SP_I(instansi_id), SP_I(id)), out);
}

/* ---- blank forms --------------------------------------------------------------------- */

/* Storage names are Loket's own ("demo-kota-pangkalpinang-sip-dokter.pdf"); refuse
 * anything else so a bad row can never point outside data_dir/forms/. */
static int storage_name_safe(const char *name)
{
    if (!name || !*name || name[0] == '.' || strlen(name) > 100) return 0;
    for (const char *p = name; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
              ch == '.'))
            return 0;
    }
    return 1;
}

lk_err catalogue_blank_form(store_conn *c, arena *a, const char *data_dir, int64_t id, blank_form *out)
{
    memset(out, 0, sizeof *out);
    if (id <= 0) return LK_ERR_NOTFOUND;
    store_rows *r = store_query(c, "SELECT id, file_name, content_type, size, storage_name"
                                   " FROM blank_form WHERE id = $1", STORE_P(SP_I(id)));
    if (!r) return LK_ERR_DB;
    const char *storage = NULL;
    int got = store_next(r);
    if (got == 1) {
        out->id = store_int(r, 0);
        out->file_name = dup_text(a, r, 1);
        out->content_type = dup_text(a, r, 2);
        out->size = store_int(r, 3);
        storage = dup_text(a, r, 4);
    }
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    if (!storage_name_safe(storage)) return LK_ERR_INTERNAL;

    char *dir = realpath(data_dir, NULL);   /* the path handed out is absolute */
    if (!dir) return LK_ERR_IO;
    out->path = arena_printf(a, "%s/forms/%s", dir, storage);
    free(dir);
    return LK_OK;
}
