/* domain/proses/inbox.c — the inbox queries (see inbox.h).
 *
 * One WHERE clause serves the list, the counts and the home; a NULL or 0 parameter
 * switches its condition off (the CASTs tell PostgreSQL the type of a parameter first
 * seen in IS NULL).  Parameters: $1 instansi, $2 officer, $3 sees all (1/0), $4 now. */
#include "domain/proses/inbox.h"
#include "util/datetime.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define INBOX_FROM \
    "FROM permohonan p JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan' " \
    "JOIN account ap ON ap.id = p.account_id LEFT JOIN perusahaan pr ON pr.id = p.perusahaan_id " \
    "LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id LEFT JOIN account cl ON cl.id = p.claimed_by "
#define INBOX_VISIBLE \
    "WHERE p.instansi_id = $1 " \
    "AND ($3 = 1 OR s.role_key IN (SELECT r.key FROM account_role ar JOIN role r ON r.id = ar.role_id " \
    "                              WHERE ar.account_id = $2)) " \
    "AND ($3 = 1 OR NOT EXISTS (SELECT 1 FROM account_unit u WHERE u.account_id = $2) " \
    "     OR p.unit_id IN (SELECT u.unit_id FROM account_unit u WHERE u.account_id = $2)) "
#define INBOX_ACTIVE "AND p.status IN ('diajukan', 'diproses') "

int inbox_sees_all(const account *officer)
{
    return (officer->roles & ROLE_ADMIN_INSTANSI) != 0;
}

/* "%text%" for LIKE, lower-cased (ASCII), with LIKE's own characters escaped by '\'. */
static const char *like_pattern(arena *a, const char *text)
{
    size_t n = strlen(text);
    char *out = arena_alloc(a, 2 * n + 3), *w = out;
    *w++ = '%';
    for (const char *s = text; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') *w++ = '\\';
        *w++ = (char)tolower((unsigned char)*s);
    }
    *w++ = '%';
    *w = '\0';
    return out;
}

static const char *blank_null(const char *s)
{
    return s && *s ? s : NULL;
}

lk_err inbox_list(store_conn *c, arena *a, const account *officer, const inbox_filter *f, time_t now, inbox_row **rows,
                  size_t *n, int64_t *total)
{
    *rows = NULL;
    *n = 0;
    *total = 0;
    const char *text = blank_null(f->text) ? like_pattern(a, f->text) : NULL;
    const char *status = blank_null(f->status);
    const char *tampil = blank_null(f->tampil);
    int page = f->page > 0 && f->page < 100000 ? f->page : 1;
    const char *where =
        INBOX_VISIBLE
        "AND ((CAST($5 AS TEXT) IS NULL AND p.status IN ('diajukan', 'diproses')) OR p.status = $5) "
        "AND (CAST($6 AS TEXT) IS NULL OR lower(p.nomor) LIKE $6 ESCAPE '\\' OR lower(ap.nama) LIKE $6 ESCAPE '\\' "
        "     OR lower(COALESCE(pr.nama, '')) LIKE $6 ESCAPE '\\') "
        "AND ($7 = 0 OR p.jenis_izin_id = $7) "
        "AND (CAST($8 AS TEXT) IS NULL OR ($8 = 'terlambat' AND s.due_at < $4) OR ($8 = 'saya' AND p.claimed_by = $2)) ";
    const char *now_iso = datetime_iso(a, now);
    char sql[3072];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) " INBOX_FROM "%s", where);
#define INBOX_PARAMS SP_I(officer->instansi_id), SP_I(officer->id), SP_I(inbox_sees_all(officer)), SP_T(now_iso), \
        SP_T(status), SP_T(text), SP_I(f->jenis_izin_id), SP_T(tampil)
    lk_err e = store_query_int(c, sql, STORE_P(INBOX_PARAMS), total);
    if (e) return e;
    snprintf(sql, sizeof sql,
             "SELECT p.id, p.version, COALESCE(p.claimed_by, 0), p.nomor, p.status, ap.nama, pr.nama, j.name, s.name,"
             " s.role_key, s.due_at, cl.nama, s.position, CASE WHEN s.due_at < $4 THEN 1 ELSE 0 END "
             INBOX_FROM "%s ORDER BY s.due_at, p.id LIMIT $9 OFFSET $10", where);
    store_rows *r = store_query(c, sql, STORE_P(INBOX_PARAMS, SP_I(INBOX_PAGE), SP_I((int64_t)(page - 1) * INBOX_PAGE)));
#undef INBOX_PARAMS
    if (!r) return LK_ERR_DB;
    *rows = arena_alloc(a, INBOX_PAGE * sizeof **rows);
    int got;
    while ((got = store_next(r)) == 1 && *n < INBOX_PAGE) {
        inbox_row *o = &(*rows)[(*n)++];
        o->id = store_int(r, 0);
        o->version = store_int(r, 1);
        o->claimed_by = store_int(r, 2);
        o->nomor = arena_strdup(a, store_text(r, 3));
        o->status = arena_strdup(a, store_text(r, 4));
        o->pemohon = arena_strdup(a, store_text(r, 5));
        o->perusahaan = arena_strdup(a, store_text(r, 6));
        o->jenis_izin = arena_strdup(a, store_text(r, 7));
        o->step_name = arena_strdup(a, store_text(r, 8));
        o->role_key = arena_strdup(a, store_text(r, 9));
        o->due_at = arena_strdup(a, store_text(r, 10));
        o->claimed_by_nama = arena_strdup(a, store_text(r, 11));
        o->position = (int)store_int(r, 12);
        o->overdue = (int)store_int(r, 13);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err inbox_counts(store_conn *c, arena *a, const account *officer, time_t now, inbox_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT s.name, COUNT(*), SUM(CASE WHEN s.due_at < $4 THEN 1 ELSE 0 END) " INBOX_FROM INBOX_VISIBLE INBOX_ACTIVE
        "GROUP BY s.name ORDER BY s.name",
        STORE_P(SP_I(officer->instansi_id), SP_I(officer->id), SP_I(inbox_sees_all(officer)),
                SP_T(datetime_iso(a, now))));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        (*out)[(*n)++] = (inbox_count){arena_strdup(a, store_text(r, 0)), store_int(r, 1), store_int(r, 2)};
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err inbox_summary(store_conn *c, const account *officer, time_t now, int64_t *open, int64_t *overdue,
                     int64_t *mine)
{
    *open = *overdue = *mine = 0;
    char now_iso[32];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(now_iso, sizeof now_iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    store_rows *r = store_query(c,
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.due_at < $4 THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN p.claimed_by = $2 THEN 1 ELSE 0 END), 0) " INBOX_FROM INBOX_VISIBLE INBOX_ACTIVE,
        STORE_P(SP_I(officer->instansi_id), SP_I(officer->id), SP_I(inbox_sees_all(officer)), SP_T(now_iso)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        *open = store_int(r, 0);
        *overdue = store_int(r, 1);
        *mine = store_int(r, 2);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}
