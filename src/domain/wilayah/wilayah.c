/* domain/wilayah/wilayah.c — Indonesia's administrative regions: the CSV import and the queries
 * the pickers use (see wilayah.h).
 *
 * The import reads and validates all four files before touching the database, then
 * upserts every row in one transaction (parents before children, multi-row INSERTs to
 * keep round trips few) and deletes rows that are no longer in the data.  A region still
 * referenced (by an instansi, an address…) makes that delete fail and the import roll
 * back, which is what we want: the data never lose a region in use.
 *
 * Case-insensitive matching folds ASCII only: the names of the data are ASCII apart from
 * a few apostrophes (’). */
#include "domain/wilayah/wilayah.h"
#include "domain/wilayah/csv.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/log.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WILAYAH_FILE_MAX (64u << 20)   /* villages.csv is 2.8 MB */
#define WILAYAH_NAME_MAX 100           /* bytes; the schema's CHECK says the same */
/* Rows per INSERT.  Few round trips matter on PostgreSQL; SQLite looks each "$n" name up
 * with a linear scan, so a statement of 1,250 parameters spends most of its time binding
 * (measured: 40 rows 1.2 s CPU for the whole import, 250 rows 1.6 s). */
#define WILAYAH_BATCH_SQLITE 40
#define WILAYAH_BATCH_PG 250
#define SEARCH_Q_MAX 100               /* bytes */

/* ---- code shapes --------------------------------------------------------------- */

/* The level (1..4) of a code shaped "DD", "DD.DD", "DD.DD.DD" or "DD.DD.DD.DDDD",
 * or 0 when it has another shape. */
static int code_level(const char *code)
{
    static const int digits[4] = {2, 2, 2, 4};
    if (!code) return 0;
    const char *p = code;
    for (int level = 1; level <= 4; level++) {
        for (int i = 0; i < digits[level - 1]; i++, p++)
            if (*p < '0' || *p > '9') return 0;
        if (*p == '\0') return level;
        if (*p != '.') return 0;
        p++;
    }
    return 0;
}

int wilayah_code_valid(const char *code)
{
    return code_level(code) != 0;
}

/* ---- text helpers ---------------------------------------------------------------- */

/* Number of code points if s[0..len) is valid UTF-8 (no overlongs, surrogates or values
 * over U+10FFFF), else -1. */
static long utf8_length(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    long count = 0;
    while (p < end) {
        unsigned c = *p;
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) { p++; count++; continue; }
        else if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
        else return -1;
        if ((size_t)(end - p) < n) return -1;
        for (size_t i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80) return -1;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        p += n;
        count++;
    }
    return count;
}

static char *ascii_lower(arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return out;
}

/* A LIKE pattern matching names that contain q literally: '%', '_' and the escape
 * character itself are escaped with '\' (the queries say ESCAPE '\'). */
static char *like_contains(arena *a, const char *q)
{
    buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Copies at most 24 bytes of untrusted text for an error message, printable ASCII only. */
static void excerpt(char *dst, size_t dstlen, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && i < 24 && i + 1 < dstlen; i++)
        dst[i] = (s[i] >= 0x20 && s[i] < 0x7F) ? s[i] : '?';
    if (dstlen) dst[i < dstlen ? i : dstlen - 1] = '\0';
}

/* ---- the import -------------------------------------------------------------------- */

typedef struct {
    const char *code, *parent, *name, *name_lower;
    int level;
} wrow;

typedef struct {
    wrow *rows;
    size_t count, cap;
    /* Open-addressing set of the codes seen so far (indexes into rows + 1, 0 = empty). */
    uint32_t *slots;
    size_t nslots;
} wset;

static uint64_t hash_code(const char *s)
{
    uint64_t h = 1469598103934665603u;  /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Index of code in set->rows, or -1. */
static long wset_find(const wset *set, const char *code)
{
    if (set->nslots == 0) return -1;
    size_t mask = set->nslots - 1;
    for (size_t i = hash_code(code) & mask;; i = (i + 1) & mask) {
        uint32_t v = set->slots[i];
        if (v == 0) return -1;
        if (strcmp(set->rows[v - 1].code, code) == 0) return (long)v - 1;
    }
}

static void wset_add(wset *set, const wrow *row)
{
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 1024;
        set->rows = xrealloc(set->rows, set->cap * sizeof *set->rows);
    }
    if ((set->count + 1) * 2 > set->nslots) {   /* keep the load under one half */
        size_t nslots = set->nslots ? set->nslots * 2 : 4096;
        uint32_t *slots = xcalloc(nslots, sizeof *slots);
        for (size_t r = 0; r < set->count; r++) {
            size_t i = hash_code(set->rows[r].code) & (nslots - 1);
            while (slots[i]) i = (i + 1) & (nslots - 1);
            slots[i] = (uint32_t)r + 1;
        }
        free(set->slots);
        set->slots = slots;
        set->nslots = nslots;
    }
    set->rows[set->count] = *row;
    size_t i = hash_code(row->code) & (set->nslots - 1);
    while (set->slots[i]) i = (i + 1) & (set->nslots - 1);
    set->slots[i] = (uint32_t)(++set->count);
}

static const struct wilayah_file {
    const char *name, *header, *kind;
    int level, columns;
} wilayah_files[4] = {
    {"provinces.csv", "code,name", "provinsi", 1, 2},
    {"regencies.csv", "code,province_code,name", "kabupaten/kota", 2, 3},
    {"districts.csv", "code,regency_code,name", "kecamatan", 3, 3},
    {"villages.csv", "code,district_code,name", "desa/kelurahan", 4, 3},
};

/* Official spellings where the data set writes a name apart: the city's own name is
 * "Pangkalpinang", as its office calls itself, not "Pangkal Pinang". */
static const struct {
    const char *code, *name;
} OFFICIAL_NAMES[] = {
    {"19.71", "Kota Pangkalpinang"},
};

static const char *official_name(const char *code)
{
    for (size_t i = 0; i < sizeof OFFICIAL_NAMES / sizeof *OFFICIAL_NAMES; i++)
        if (strcmp(OFFICIAL_NAMES[i].code, code) == 0) return OFFICIAL_NAMES[i].name;
    return NULL;
}

/* Checks one data row of `f` and adds it to the set; on error writes the reason (without
 * the file and line, which the caller adds) and returns -1. */
static int check_row(wset *set, arena *a, const struct wilayah_file *f, const char **fields,
                     char *why, size_t whylen)
{
    char shown[32];
    wrow row = {0};
    row.level = f->level;
    row.code = fields[0];
    row.parent = f->level > 1 ? fields[1] : NULL;
    const char *name = fields[f->columns - 1];

    if (code_level(row.code) != f->level) {
        excerpt(shown, sizeof shown, row.code);
        snprintf(why, whylen, "'%s' is not a %s code", shown, f->kind);
        return -1;
    }
    if (wset_find(set, row.code) >= 0) {
        snprintf(why, whylen, "duplicate code %s", row.code);
        return -1;
    }
    if (row.parent) {
        size_t plen = (size_t)(strrchr(row.code, '.') - row.code);
        if (strlen(row.parent) != plen || strncmp(row.parent, row.code, plen) != 0) {
            excerpt(shown, sizeof shown, row.parent);
            snprintf(why, whylen, "code %s does not belong under '%s'", row.code, shown);
            return -1;
        }
        if (wset_find(set, row.parent) < 0) {
            snprintf(why, whylen, "parent %s of %s does not exist", row.parent, row.code);
            return -1;
        }
    }
    while (*name == ' ') name++;
    size_t len = strlen(name);
    while (len && name[len - 1] == ' ') len--;
    if (len == 0 || len > WILAYAH_NAME_MAX) {
        snprintf(why, whylen, "name of %s is empty or longer than %d bytes", row.code, WILAYAH_NAME_MAX);
        return -1;
    }
    if (utf8_length(name, len) < 0) {
        snprintf(why, whylen, "name of %s is not valid UTF-8", row.code);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F) {
            snprintf(why, whylen, "name of %s contains a control character", row.code);
            return -1;
        }
    }
    row.name = arena_strndup(a, name, len);
    row.name_lower = ascii_lower(a, row.name);
    if (official_name(row.code)) {   /* found by either spelling, shown by the official one */
        row.name_lower = arena_printf(a, "%s %s", ascii_lower(a, official_name(row.code)), row.name_lower);
        row.name = official_name(row.code);
    }
    wset_add(set, &row);
    return 0;
}

/* Reads and checks one file into the set.  LK_ERR_INVALID / LK_ERR_IO with err set. */
static lk_err read_file(wset *set, arena *a, const char *dir, const struct wilayah_file *f,
                        long *rows_out, char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    char *path = arena_printf(a, "%s/%s", dir, f->name);
    char *data = NULL;
    size_t len = 0;
    *rows_out = 0;

    rc = csv_read_file(path, WILAYAH_FILE_MAX, &data, &len);
    if (rc) {
        snprintf(err, errlen, "%s: %s", f->name,
                 rc == LK_ERR_TOOBIG ? "file too big" : "cannot be read");
        goto out;
    }
    csv_reader r;
    csv_init(&r, data, len);
    const char *fields[3];
    int n = 0;
    long line = 0;
    char why[200] = "";

    int got = csv_next(&r, a, fields, 3, &n, &line, why, sizeof why);
    buf header = BUF_INIT;
    for (int i = 0; got == 1 && i < n && i < 3; i++) buf_printf(&header, "%s%s", i ? "," : "", fields[i]);
    int header_ok = got == 1 && n == f->columns && strcmp(buf_str(&header), f->header) == 0;
    buf_free(&header);
    if (!header_ok) {
        snprintf(err, errlen, "%s:1: expected the header \"%s\"", f->name, f->header);
        rc = LK_ERR_INVALID;
        goto out;
    }
    while ((got = csv_next(&r, a, fields, 3, &n, &line, why, sizeof why)) == 1) {
        if (n == 1 && fields[0][0] == '\0') continue;   /* a blank line */
        if (n != f->columns) {
            snprintf(err, errlen, "%s:%ld: expected %d fields, found %d", f->name, line,
                     f->columns, n > 3 ? 4 : n);
            rc = LK_ERR_INVALID;
            goto out;
        }
        if (check_row(set, a, f, fields, why, sizeof why)) {
            snprintf(err, errlen, "%s:%ld: %s", f->name, line, why);
            rc = LK_ERR_INVALID;
            goto out;
        }
        (*rows_out)++;
    }
    if (got < 0) {
        snprintf(err, errlen, "%s:%ld: %s", f->name, line, why);
        rc = LK_ERR_INVALID;
        goto out;
    }
    if (*rows_out == 0) {
        snprintf(err, errlen, "%s: no rows", f->name);
        rc = LK_ERR_INVALID;
    }
out:
    free(data);
    return rc;
}

/* "INSERT … VALUES ($1,…,$5),…" for `rows` rows, upserting by code.  Unchanged rows are
 * left alone so a second import writes almost nothing. */
static char *upsert_sql(arena *a, size_t rows)
{
    buf b = BUF_INIT;
    buf_puts(&b, "INSERT INTO wilayah (code, parent_code, level, name, name_lower) VALUES ");
    for (size_t i = 0; i < rows; i++) {
        size_t p = i * 5;
        buf_printf(&b, "%s($%zu, $%zu, $%zu, $%zu, $%zu)", i ? ", " : "", p + 1, p + 2, p + 3,
                   p + 4, p + 5);
    }
    buf_puts(&b, " ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code,"
                 " level = excluded.level, name = excluded.name, name_lower = excluded.name_lower"
                 " WHERE wilayah.parent_code IS DISTINCT FROM excluded.parent_code"
                 " OR wilayah.level <> excluded.level OR wilayah.name <> excluded.name"
                 " OR wilayah.name_lower <> excluded.name_lower");
    char *sql = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return sql;
}

static lk_err write_rows(store_conn *c, arena *a, size_t batch, const wset *set, char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    store_param *params = xcalloc(batch * 5, sizeof *params);
    const char *full_sql = upsert_sql(a, batch);
    for (size_t start = 0; start < set->count; start += batch) {
        size_t n = set->count - start < batch ? set->count - start : batch;
        for (size_t i = 0; i < n; i++) {
            const wrow *r = &set->rows[start + i];
            params[i * 5 + 0] = SP_T(r->code);
            params[i * 5 + 1] = SP_T(r->parent);
            params[i * 5 + 2] = SP_I(r->level);
            params[i * 5 + 3] = SP_T(r->name);
            params[i * 5 + 4] = SP_T(r->name_lower);
        }
        const char *sql = n == batch ? full_sql : upsert_sql(a, n);
        rc = store_exec(c, sql, params, (int)(n * 5), NULL);
        if (rc) {
            snprintf(err, errlen, "%s: writing %s: %s", wilayah_files[set->rows[start].level - 1].name,
                     set->rows[start].code, store_errmsg(c));
            goto out;
        }
    }
out:
    free(params);
    return rc;
}

/* Deletes the rows the new data no longer have, deepest level first. */
static lk_err delete_stale(store_conn *c, arena *a, const wset *set, char *err, size_t errlen)
{
    const char **stale = NULL;
    size_t nstale = 0, cap = 0;
    store_rows *r = NULL;
    int64_t total = 0;
    lk_err rc = store_query_int(c, "SELECT count(*) FROM wilayah", STORE_NOP, &total);
    if (rc || (size_t)total == set->count) goto out;   /* usual case: nothing is stale */

    r = store_query(c, "SELECT code FROM wilayah ORDER BY level DESC, code", STORE_NOP);
    if (!r) { rc = LK_ERR_DB; goto out; }
    int got;
    while ((got = store_next(r)) == 1) {
        const char *code = store_text(r, 0);
        if (code && wset_find(set, code) >= 0) continue;
        if (nstale == cap) {
            cap = cap ? cap * 2 : 64;
            stale = xrealloc(stale, cap * sizeof *stale);
        }
        stale[nstale++] = arena_strdup(a, code);
    }
    store_rows_close(r);
    if (got < 0) { rc = LK_ERR_DB; goto out; }
    for (size_t i = 0; i < nstale; i++) {
        rc = store_exec(c, "DELETE FROM wilayah WHERE code = $1", STORE_P(SP_T(stale[i])), NULL);
        if (rc == LK_ERR_CONFLICT) {
            snprintf(err, errlen, "wilayah %s is no longer in the data but is still in use", stale[i]);
            goto out;
        }
        if (rc) goto out;
    }
out:
    if (rc && rc != LK_ERR_CONFLICT) snprintf(err, errlen, "removing old wilayah: %s", store_errmsg(c));
    free(stale);
    return rc;
}

lk_err wilayah_import(store *s, const char *csv_dir, wilayah_import_stats *stats, char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    arena *a = arena_new();
    wset set = {0};
    store_conn *c = NULL;
    long counts[4] = {0};
    int in_tx = 0;
    if (stats) memset(stats, 0, sizeof *stats);
    if (errlen) err[0] = '\0';

    for (int i = 0; i < 4; i++) {
        rc = read_file(&set, a, csv_dir, &wilayah_files[i], &counts[i], err, errlen);
        if (rc) goto out;
    }

    c = store_acquire(s);
    rc = store_begin(c);
    if (rc) {
        snprintf(err, errlen, "starting the import: %s", store_errmsg(c));
        goto out;
    }
    in_tx = 1;
    rc = write_rows(c, a, store_kind_of(s) == STORE_PG ? WILAYAH_BATCH_PG : WILAYAH_BATCH_SQLITE,
                    &set, err, errlen);
    if (rc) goto out;
    rc = delete_stale(c, a, &set, err, errlen);
    if (rc) goto out;
    /* Tells every serve process to reload its in-memory index (wilayah_cache.c). */
    rc = store_exec(c, "UPDATE data_version SET version = version + 1 WHERE name = 'wilayah'", STORE_NOP, NULL);
    if (rc) {
        snprintf(err, errlen, "marking the regions changed: %s", store_errmsg(c));
        goto out;
    }
    rc = store_commit(c);
    if (rc) {
        snprintf(err, errlen, "committing the import: %s", store_errmsg(c));
        goto out;
    }
    in_tx = 0;
    /* Fresh statistics, so the planners see 91,600 rows instead of an empty table.  The
     * data are committed already: a failure here only costs speed. */
    if (store_exec(c, "ANALYZE wilayah", STORE_NOP, NULL))
        log_warn("wilayah import: ANALYZE failed: %s", store_errmsg(c));
    if (stats) {
        stats->provinsi = counts[0];
        stats->kabupaten = counts[1];
        stats->kecamatan = counts[2];
        stats->desa = counts[3];
    }
out:
    if (c) {
        if (in_tx) store_rollback(c);
        store_release(c);
    }
    free(set.rows);
    free(set.slots);
    arena_free(a);
    return rc;
}

/* ---- queries ----------------------------------------------------------------------- */

/* Columns: code, name, level, parent name, grandparent name. */
#define WILAYAH_SELECT \
    "SELECT w.code, w.name, w.level, p.name, g.name FROM wilayah w" \
    " LEFT JOIN wilayah p ON p.code = w.parent_code" \
    " LEFT JOIN wilayah g ON g.code = p.parent_code "

/* Search: the hits first (inner query, ordered and limited), then their parents. */
#define SEARCH_SELECT_HITS \
    "SELECT w.code, w.name, w.level, p.name, g.name FROM (SELECT code FROM wilayah "
#define SEARCH_ORDER_LIMIT \
    " ORDER BY length(name_lower), name_lower, code LIMIT $3) hit" \
    " JOIN wilayah w ON w.code = hit.code" \
    " LEFT JOIN wilayah p ON p.code = w.parent_code" \
    " LEFT JOIN wilayah g ON g.code = p.parent_code" \
    " ORDER BY length(w.name_lower), w.name_lower, w.code"

static void row_to_wilayah(store_rows *r, arena *a, wilayah *w)
{
    w->code = arena_strdup(a, store_text(r, 0));
    w->name = arena_strdup(a, store_text(r, 1));
    w->level = (int)store_int(r, 2);
    const char *parent = store_text(r, 3), *grand = store_text(r, 4);
    if (parent && grand) w->parent_name = arena_printf(a, "%s, %s", parent, grand);
    else w->parent_name = arena_strdup(a, parent);
}

/* Runs a query selecting WILAYAH_SELECT columns (or only the first three) into an
 * arena array of at most `max` rows. */
static lk_err collect(store_conn *c, arena *a, const char *sql, const store_param *p, int np,
                      size_t max, wilayah **out, size_t *count)
{
    store_rows *r = store_query(c, sql, p, np);
    if (!r) return LK_ERR_DB;
    size_t cap = 16, n = 0;
    wilayah *items = arena_alloc(a, cap * sizeof *items);
    int got = 0;
    while (n < max && (got = store_next(r)) == 1) {
        if (n == cap) {
            wilayah *bigger = arena_alloc(a, cap * 2 * sizeof *items);
            memcpy(bigger, items, cap * sizeof *items);
            items = bigger;
            cap *= 2;
        }
        row_to_wilayah(r, a, &items[n++]);
    }
    if (n < max && got < 0) {
        store_rows_close(r);
        return LK_ERR_DB;
    }
    store_rows_close(r);
    *out = items;
    *count = n;
    return LK_OK;
}

lk_err wilayah_children(store_conn *c, arena *a, const char *parent_code,
                        wilayah **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!parent_code || !*parent_code)
        return collect(c, a, "SELECT code, name, level, NULL, NULL FROM wilayah"
                             " WHERE parent_code IS NULL ORDER BY name", STORE_NOP, SIZE_MAX, out, count);
    if (!wilayah_code_valid(parent_code) || code_level(parent_code) == 4) return LK_OK;
    return collect(c, a, "SELECT code, name, level, NULL, NULL FROM wilayah"
                         " WHERE parent_code = $1 ORDER BY name",
                   STORE_P(SP_T(parent_code)), SIZE_MAX, out, count);
}

lk_err wilayah_search(store_conn *c, arena *a, const char *q, int level, const char *parent_code,
                      int limit, wilayah **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!q || level < 0 || level > 4) return LK_OK;
    size_t qlen = strlen(q);
    if (qlen > SEARCH_Q_MAX) return LK_OK;
    while (qlen && q[qlen - 1] == ' ') qlen--;
    while (qlen && *q == ' ') { q++; qlen--; }
    if (utf8_length(q, qlen) < 2) return LK_OK;   /* also rejects invalid UTF-8 (-1) */
    if (parent_code && !wilayah_code_valid(parent_code)) return LK_OK;
    if (limit < 1) limit = 1;
    if (limit > 50) limit = 50;

    char *pattern = like_contains(a, ascii_lower(a, arena_strndup(a, q, qlen)));
    /* The inner query picks the codes from name_lower alone, so SQLite answers it from the
     * covering (name_lower, level, code) index and PostgreSQL from its trigram index; only
     * the `limit` hits are then joined to their parents.
     * PostgreSQL plans a prepared statement once for any pattern, and a trigram index
     * cannot serve fewer than 3 characters (measured 44 ms instead of 8 ms by scanning), so
     * short queries get a text the index cannot match: "(name_lower || '')".  The same
     * keeps it on the primary-key range under a parent ("19.71." < code < "19.71/"). */
    if (!parent_code && utf8_length(q, qlen) >= 3)
        return collect(c, a, SEARCH_SELECT_HITS
                       "WHERE name_lower LIKE $1 ESCAPE '\\' AND ($2 = 0 OR level = $2)"
                       SEARCH_ORDER_LIMIT,
                       STORE_P(SP_T(pattern), SP_I(level), SP_I(limit)), (size_t)limit, out, count);
    if (!parent_code)
        return collect(c, a, SEARCH_SELECT_HITS
                       "WHERE (name_lower || '') LIKE $1 ESCAPE '\\' AND ($2 = 0 OR level = $2)"
                       SEARCH_ORDER_LIMIT,
                       STORE_P(SP_T(pattern), SP_I(level), SP_I(limit)), (size_t)limit, out, count);
    char *low = arena_printf(a, "%s.", parent_code), *high = arena_printf(a, "%s/", parent_code);
    return collect(c, a, SEARCH_SELECT_HITS
                   "WHERE code > $4 AND code < $5 AND (name_lower || '') LIKE $1 ESCAPE '\\'"
                   " AND ($2 = 0 OR level = $2)" SEARCH_ORDER_LIMIT,
                   STORE_P(SP_T(pattern), SP_I(level), SP_I(limit), SP_T(low), SP_T(high)),
                   (size_t)limit, out, count);
}

lk_err wilayah_get(store_conn *c, arena *a, const char *code, wilayah *out)
{
    memset(out, 0, sizeof *out);
    if (!wilayah_code_valid(code)) return LK_ERR_NOTFOUND;
    wilayah *found = NULL;
    size_t n = 0;
    lk_err rc = collect(c, a, WILAYAH_SELECT "WHERE w.code = $1", STORE_P(SP_T(code)), 1, &found, &n);
    if (rc) return rc;
    if (n == 0) return LK_ERR_NOTFOUND;
    *out = found[0];
    return LK_OK;
}

lk_err wilayah_check_pick(store_conn *c, arena *a, const char *code, int level,
                          const char *parent_code, const char **msg)
{
    static const char *const missing[5] = {"", "Pilih provinsi.", "Pilih kabupaten/kota.", "Pilih kecamatan.",
                                           "Pilih desa/kelurahan."};
    static const char *const outside[5] = {"", "Provinsi tidak dikenal.",
                                           "Kabupaten/kota tidak berada di provinsi yang dipilih.",
                                           "Kecamatan tidak berada di kabupaten/kota yang dipilih.",
                                           "Desa/kelurahan tidak berada di kecamatan yang dipilih."};
    *msg = NULL;
    if (level < 1 || level > 4) return LK_ERR_INTERNAL;
    if (!code || !*code || strspn(code, " \t") == strlen(code)) {
        *msg = missing[level];
        return LK_OK;
    }
    size_t plen = parent_code ? strlen(parent_code) : 0;
    if (!wilayah_code_valid(code) || (parent_code && (strncmp(code, parent_code, plen) != 0 || code[plen] != '.'))) {
        *msg = outside[level];
        return LK_OK;
    }
    wilayah w;
    lk_err e = wilayah_get(c, a, code, &w);
    if (e == LK_ERR_NOTFOUND || (e == LK_OK && w.level != level)) {
        *msg = "Wilayah tidak dikenal. Pilih dari daftar.";
        return LK_OK;
    }
    return e;
}
