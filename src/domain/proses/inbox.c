/* domain/proses/inbox.c — the inbox queries (see inbox.h).
 *
 * They read the running step copied onto the application's row (current.h) through the
 * partial index permohonan_inbox_idx, so a page of an inbox of 10,000 applications is
 * one index range in due order; the counts read the groups kept in inbox_tally
 * (migration 017, inbox_tally.h) rather than every open application.  The WHERE clause is built per request from the
 * conditions that apply, each with its own bound parameter (PostgreSQL wants every
 * parameter used); values are never spliced into SQL text. */
#include "domain/proses/inbox.h"
#include "util/buf.h"
#include "util/datetime.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_PARAMS 24

typedef struct {
    buf sql;
    store_param p[MAX_PARAMS];
    int n;
} query;

/* Appends text with "$?" replaced by the next parameter's number, binding v to it. */
static void add(query *q, const char *text, store_param v)
{
    const char *mark = strstr(text, "$?");
    if (!mark || q->n == MAX_PARAMS) {
        buf_puts(&q->sql, text);
        return;
    }
    buf_put(&q->sql, text, (size_t)(mark - text));
    q->p[q->n++] = v;
    buf_printf(&q->sql, "$%d%s", q->n, mark + 2);
}

/* The officer's applications: instansi, the roles of their running steps, the units.
 * `t` is the alias of permohonan or of inbox_tally (migration 017), whose columns carry
 * the same names; only permohonan needs the status (the tally holds open ones only). */
static void visible(query *q, const account *officer, const char *t, int active)
{
    buf_printf(&q->sql, " WHERE %s.instansi_id = ", t);
    add(q, "$?", SP_I(officer->instansi_id));
    /* The literal status list lets the query use the partial index. */
    if (active) buf_printf(&q->sql, " AND %s.status IN ('diajukan', 'diproses')", t);
    if (inbox_sees_all(officer)) {
        buf_printf(&q->sql, " AND %s.current_role_key IS NOT NULL", t);
        return;
    }
    buf_printf(&q->sql, " AND %s.current_role_key IN (", t);
    int first = 1;
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (!(officer->roles & (1u << i))) continue;
        add(q, first ? "$?" : ", $?", SP_T(role_key((role_bit)(1u << i))));
        first = 0;
    }
    buf_puts(&q->sql, first ? "NULL)" : ")");
    add(q, " AND (NOT EXISTS (SELECT 1 FROM account_unit u WHERE u.account_id = $?)", SP_I(officer->id));
    buf_printf(&q->sql, " OR %s.unit_id IN ", t);
    add(q, "(SELECT u.unit_id FROM account_unit u WHERE u.account_id = $?))", SP_I(officer->id));
}

int inbox_sees_all(const account *officer)
{
    return (officer->roles & ROLE_ADMIN_INSTANSI) != 0;
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
    const char *status = blank_null(f->status), *tampil = blank_null(f->tampil);
    int page = f->page > 0 && f->page < 100000 ? f->page : 1;
    const char *now_iso = datetime_iso(a, now);
    query where = {BUF_INIT, {{0}}, 0};
    visible(&where, officer, "p", status == NULL);
    if (status) add(&where, " AND p.status = $?", SP_T(status));
    if (blank_null(f->text)) {
        const char *like = store_like_pattern(a, f->text);
        add(&where, " AND (lower(p.nomor) LIKE $? ESCAPE '\\'", SP_T(like));
        add(&where, " OR lower(ap.nama) LIKE $? ESCAPE '\\'", SP_T(like));
        add(&where, " OR lower(COALESCE(pr.nama, '')) LIKE $? ESCAPE '\\')", SP_T(like));
    }
    if (f->jenis_izin_id) add(&where, " AND p.jenis_izin_id = $?", SP_I(f->jenis_izin_id));
    if (tampil && strcmp(tampil, "terlambat") == 0) add(&where, " AND p.current_due_at < $?", SP_T(now_iso));
    if (tampil && strcmp(tampil, "saya") == 0) add(&where, " AND p.claimed_by = $?", SP_I(officer->id));
    /* The names are joined only when the text filter needs them. */
    const char *from = blank_null(f->text)
        ? " FROM permohonan p JOIN account ap ON ap.id = p.account_id LEFT JOIN perusahaan pr ON pr.id = p.perusahaan_id"
        : " FROM permohonan p";
    query q = {BUF_INIT, {{0}}, 0};
    buf_printf(&q.sql, "SELECT COUNT(*)%s%s", from, buf_str(&where.sql));
    memcpy(q.p, where.p, sizeof where.p);
    q.n = where.n;
    lk_err e = LK_OK;
    if (f->known_total >= 0) *total = f->known_total;
    else e = store_query_int(c, buf_str(&q.sql), q.p, q.n, total);
    buf_reset(&q.sql);
    store_rows *r = NULL;
    if (e == LK_OK) {
        /* The page's ids first, from the index alone in due order, then their names.
         * The names are scalar subqueries rather than joins, and the page length is
         * the constant it is, with OFFSET only past the first page: PostgreSQL then
         * plans the first page once per connection (a generic plan, after its five
         * trial plans) instead of searching five-way join orders on every request —
         * that search was a third of the machine's CPU at 10,000 open applications. */
        buf_printf(&q.sql,
                   "SELECT p.id, p.version, COALESCE(p.claimed_by, 0), p.nomor, p.status,"
                   " (SELECT ap.nama FROM account ap WHERE ap.id = p.account_id),"
                   " (SELECT pr.nama FROM perusahaan pr WHERE pr.id = p.perusahaan_id),"
                   " (SELECT j.name FROM jenis_izin j WHERE j.id = p.jenis_izin_id),"
                   " p.current_step_name, p.current_role_key, p.current_due_at,"
                   " (SELECT cl.nama FROM account cl WHERE cl.id = p.claimed_by), COALESCE(p.current_position, 0)"
                   " FROM permohonan p WHERE p.id IN (SELECT p.id%s%s ORDER BY p.current_due_at, p.id LIMIT %d",
                   from, buf_str(&where.sql), INBOX_PAGE);
        if (page > 1) add(&q, " OFFSET $?", SP_I((int64_t)(page - 1) * INBOX_PAGE));
        buf_puts(&q.sql, ") ORDER BY p.current_due_at, p.id");
        r = store_query(c, buf_str(&q.sql), q.p, q.n);
        if (!r) e = LK_ERR_DB;
    }
    buf_free(&q.sql);
    buf_free(&where.sql);
    if (e) return e;
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
        o->overdue = o->due_at && strcmp(o->due_at, now_iso) < 0;
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

/* The counts come from inbox_tally (migration 017), kept by triggers in the transaction
 * of every change of an application: a few rows per step and due day instead of every
 * open application.  An empty due date ('') is never overdue. */
#define TALLY_OVERDUE "SUM(CASE WHEN t.current_due_at <> '' AND t.current_due_at < $? THEN t.n ELSE 0 END)"

lk_err inbox_counts(store_conn *c, arena *a, const account *officer, time_t now, inbox_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    query q = {BUF_INIT, {{0}}, 0};
    const char *now_iso = datetime_iso(a, now);
    add(&q, "SELECT NULLIF(t.current_step_name, ''), CAST(SUM(t.n) AS BIGINT), CAST(" TALLY_OVERDUE " AS BIGINT)",
        SP_T(now_iso));
    add(&q, ", MIN(CASE WHEN t.current_due_at >= $? THEN t.current_due_at END) FROM inbox_tally t", SP_T(now_iso));
    visible(&q, officer, "t", 0);
    buf_puts(&q.sql, " GROUP BY t.current_step_name HAVING SUM(t.n) > 0 ORDER BY t.current_step_name");
    store_rows *r = store_query(c, buf_str(&q.sql), q.p, q.n);
    buf_free(&q.sql);
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        (*out)[(*n)++] = (inbox_count){arena_strdup(a, store_text(r, 0)), store_int(r, 1), store_int(r, 2),
                                       arena_strdup(a, store_text(r, 3))};
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
    query q = {BUF_INIT, {{0}}, 0};
    add(&q, "SELECT CAST(COALESCE(SUM(t.n), 0) AS BIGINT), CAST(COALESCE(" TALLY_OVERDUE ", 0) AS BIGINT)"
            " FROM inbox_tally t", SP_T(now_iso));
    visible(&q, officer, "t", 0);
    store_rows *r = store_query(c, buf_str(&q.sql), q.p, q.n);
    buf_free(&q.sql);
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        *open = store_int(r, 0);
        *overdue = store_int(r, 1);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    /* Claimed ones are few: read through permohonan_claimed_idx. */
    q = (query){BUF_INIT, {{0}}, 0};
    buf_puts(&q.sql, "SELECT COUNT(*) FROM permohonan p");
    visible(&q, officer, "p", 1);
    add(&q, " AND p.claimed_by = $?", SP_I(officer->id));
    lk_err e = store_query_int(c, buf_str(&q.sql), q.p, q.n, mine);
    buf_free(&q.sql);
    return e;
}

lk_err inbox_version_read(store_conn *c, int64_t instansi_id, int64_t *out)
{
    *out = 0;
    lk_err e = store_query_int(c, "SELECT version FROM inbox_version WHERE instansi_id = $1",
                               STORE_P(SP_I(instansi_id)), out);
    return e == LK_ERR_NOTFOUND ? LK_OK : e;
}
