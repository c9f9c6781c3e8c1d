/* domain/permohonan/lacak.c — the applicant's list, tracking for owner and officers, and public
 * tracking (see lacak.h). */
#include "domain/permohonan/lacak.h"
#include "domain/permohonan/kode_lacak.h"
#include "domain/proses/sla.h"
#include "util/datetime.h"
#include <sodium.h>
#include <string.h>

#define ROW_COLUMNS \
    "p.id, p.nomor, p.status, j.name, p.jenis_permohonan, pr.nama, COALESCE(p.submitted_at, p.created_at), " \
    "p.instansi_id, i.office_name, p.account_id "
#define ROW_FROM \
    "FROM permohonan p JOIN instansi i ON i.id = p.instansi_id " \
    "LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id LEFT JOIN perusahaan pr ON pr.id = p.perusahaan_id "

static void read_row(store_rows *r, arena *a, lacak_row *o)
{
    o->id = store_int(r, 0);
    o->nomor = arena_strdup(a, store_text(r, 1));
    o->status = arena_strdup(a, store_text(r, 2));
    o->jenis_izin = arena_strdup(a, store_text(r, 3));
    o->jenis_permohonan = arena_strdup(a, store_text(r, 4));
    o->perusahaan = arena_strdup(a, store_text(r, 5));
    o->tanggal = arena_strdup(a, store_text(r, 6));
}

lk_err lacak_list(store_conn *c, arena *a, int64_t account_id, const lacak_filter *f,
                  lacak_row **rows, size_t *count, int64_t *total)
{
    *rows = arena_alloc(a, LACAK_LIST_MAX * sizeof **rows);
    *count = 0;
    *total = 0;
    const char *text = f && f->text && *f->text ? store_like_pattern(a, f->text) : NULL;
    const char *from = f && f->from_iso && *f->from_iso ? f->from_iso : NULL;
    const char *until = f && f->until_iso && *f->until_iso ? f->until_iso : NULL;
    /* A NULL parameter switches its condition off, so one statement serves every mix of
     * filters (the CASTs tell PostgreSQL the type of a parameter first seen in IS NULL).
     * lower() on both sides: PostgreSQL's LIKE is case-sensitive. */
    const char *where =
        "WHERE p.account_id = $1 "
        "AND (CAST($2 AS TEXT) IS NULL OR lower(COALESCE(p.nomor, '')) LIKE $2 ESCAPE '\\' "
        "OR lower(COALESCE(j.name, '')) LIKE $2 ESCAPE '\\' OR lower(COALESCE(pr.nama, '')) LIKE $2 ESCAPE '\\') "
        "AND (CAST($3 AS TEXT) IS NULL OR COALESCE(p.submitted_at, p.created_at) >= $3) "
        "AND (CAST($4 AS TEXT) IS NULL OR COALESCE(p.submitted_at, p.created_at) < $4) ";
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT " ROW_COLUMNS ROW_FROM "%s"
             "ORDER BY COALESCE(p.submitted_at, p.created_at) DESC, p.id DESC LIMIT $5", where);
    store_rows *r = store_query(c, sql, STORE_P(SP_I(account_id), SP_T(text), SP_T(from), SP_T(until),
                                                SP_I(LACAK_LIST_MAX)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1 && *count < LACAK_LIST_MAX) read_row(r, a, &(*rows)[(*count)++]);
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    /* Fewer rows than the limit are all there are: the count query is only needed when
     * the list was cut (it was a fifth of the list page's database time). */
    *total = (int64_t)*count;
    if (*count < LACAK_LIST_MAX) return LK_OK;
    snprintf(sql, sizeof sql, "SELECT COUNT(*) " ROW_FROM "%s", where);
    return store_query_int(c, sql, STORE_P(SP_I(account_id), SP_T(text), SP_T(from), SP_T(until)), total);
}

static lk_err read_steps(store_conn *c, arena *a, int64_t permohonan_id, lacak_detail *out)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM permohonan_step WHERE permohonan_id = $1",
                               STORE_P(SP_I(permohonan_id)), &n);
    if (e != LK_OK) return e;
    out->steps = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof *out->steps);
    store_rows *r = store_query(c,
        "SELECT s.position, s.name, s.role_key, COALESCE(ro.name, s.role_key), s.status, s.sla_days, "
        "s.started_at, s.due_at, s.finished_at, s.paused_days "
        "FROM permohonan_step s LEFT JOIN role ro ON ro.key = s.role_key "
        "WHERE s.permohonan_id = $1 ORDER BY s.position",
        STORE_P(SP_I(permohonan_id)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1 && out->nsteps < (size_t)n) {
        lacak_step *s = &out->steps[out->nsteps++];
        s->position = (int)store_int(r, 0);
        s->name = arena_strdup(a, store_text(r, 1));
        s->role_key = arena_strdup(a, store_text(r, 2));
        s->role_name = arena_strdup(a, store_text(r, 3));
        s->status = arena_strdup(a, store_text(r, 4));
        s->sla_days = (int)store_int(r, 5);
        s->started_at = arena_strdup(a, store_text(r, 6));
        s->due_at = arena_strdup(a, store_text(r, 7));
        s->finished_at = arena_strdup(a, store_text(r, 8));
        s->paused_days = (int)store_int(r, 9);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

static lk_err read_events(store_conn *c, arena *a, int64_t permohonan_id, int64_t owner_id, lacak_detail *out)
{
    int64_t n = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM permohonan_event WHERE permohonan_id = $1",
                               STORE_P(SP_I(permohonan_id)), &n);
    if (e != LK_OK) return e;
    out->events = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof *out->events);
    store_rows *r = store_query(c,
        "SELECT e.at, e.kind, e.note, e.account_id, ro.name "
        "FROM permohonan_event e LEFT JOIN role ro ON ro.key = e.role_key "
        "WHERE e.permohonan_id = $1 ORDER BY e.at, e.id",
        STORE_P(SP_I(permohonan_id)));
    if (!r) return LK_ERR_DB;
    int got;
    while ((got = store_next(r)) == 1 && out->nevents < (size_t)n) {
        lacak_event *ev = &out->events[out->nevents++];
        ev->at = arena_strdup(a, store_text(r, 0));
        ev->kind = arena_strdup(a, store_text(r, 1));
        ev->note = arena_strdup(a, store_text(r, 2));
        int64_t who = store_int(r, 3);
        const char *role = store_text(r, 4);
        /* The role, never an officer's name: the applicant deals with the office. */
        ev->role_name = role ? arena_strdup(a, role)
                      : who && who == owner_id ? "Pemohon"
                      : who ? "Petugas" : "Sistem";
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

/* One submitted application matching `cond` ($1 = permohonan id, $2 = the asker), with
 * steps and events. */
static lk_err detail_where(store_conn *c, arena *a, const char *cond, int64_t permohonan_id, int64_t asker,
                           lacak_detail *out)
{
    memset(out, 0, sizeof *out);
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT " ROW_COLUMNS ROW_FROM "WHERE p.id = $1 AND p.status <> 'draft' AND %s", cond);
    store_rows *r = store_query(c, sql, STORE_P(SP_I(permohonan_id), SP_I(asker)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    int64_t owner = 0;
    if (got == 1) {
        read_row(r, a, &out->p);
        out->instansi_id = store_int(r, 7);
        out->instansi = arena_strdup(a, store_text(r, 8));
        owner = store_int(r, 9);
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    if (got == 0) return LK_ERR_NOTFOUND;
    lk_err e = read_steps(c, a, permohonan_id, out);
    int64_t paused = 0;
    if (e == LK_OK)
        e = store_query_int(c, "SELECT paused_days FROM permohonan WHERE id = $1", STORE_P(SP_I(permohonan_id)), &paused);
    if (e != LK_OK) return e;
    out->paused_days = (int)paused;
    return read_events(c, a, permohonan_id, owner, out);
}

lk_err lacak_for_pemohon(store_conn *c, arena *a, int64_t account_id, int64_t permohonan_id, lacak_detail *out)
{
    return detail_where(c, a, "p.account_id = $2", permohonan_id, account_id, out);
}

lk_err lacak_for_petugas(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id, lacak_detail *out)
{
    return detail_where(c, a, "p.instansi_id = $2", permohonan_id, instansi_id, out);
}

lk_err lacak_public(store_conn *c, arena *a, const char *nomor, const char *kode, lacak_detail *out)
{
    memset(out, 0, sizeof *out);
    char typed[KODE_LACAK_LEN + 1];
    if (!nomor || !*nomor || strlen(nomor) > 100 || kode_lacak_normalize(kode, typed) != 0) return LK_ERR_INVALID;
    store_rows *r = store_query(c,
        "SELECT p.id, p.nomor, p.status, j.name, p.jenis_permohonan, p.instansi_id, i.office_name "
        "FROM permohonan p JOIN instansi i ON i.id = p.instansi_id "
        "LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id "
        "WHERE p.nomor = $1 AND p.status <> 'draft'",
        STORE_P(SP_T(nomor)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    lacak_detail found = {0};
    if (got == 1) {
        found.p.id = store_int(r, 0);
        found.p.nomor = arena_strdup(a, store_text(r, 1));
        found.p.status = arena_strdup(a, store_text(r, 2));
        found.p.jenis_izin = arena_strdup(a, store_text(r, 3));
        found.p.jenis_permohonan = arena_strdup(a, store_text(r, 4));
        found.instansi_id = store_int(r, 5);
        found.instansi = arena_strdup(a, store_text(r, 6));
    }
    store_rows_close(r);
    if (got < 0) return LK_ERR_DB;
    /* An unknown number is checked against the code of a row that cannot exist (id 0),
     * so the answer takes as long either way. */
    char have[KODE_LACAK_LEN + 1];
    lk_err e = kode_lacak_of(c, found.p.id, nomor, have);
    if (e != LK_OK) return e;
    int match = sodium_memcmp(have, typed, KODE_LACAK_LEN) == 0;
    if (!match || got != 1) return LK_ERR_NOTFOUND;
    *out = found;
    return read_steps(c, a, out->p.id, out);
}

lk_err lacak_overall_due(store_conn *c, arena *a, const lacak_detail *d, time_t *due)
{
    (void)a;
    time_t submitted;
    if (!d->p.tanggal || datetime_parse(d->p.tanggal, &submitted) != 0) return LK_ERR_INTERNAL;
    int sla = 0;
    for (size_t i = 0; i < d->nsteps; i++) sla += d->steps[i].sla_days;
    return sla_overall_due(c, d->instansi_id, submitted, sla, d->paused_days, due);
}

const char *lacak_status_label(const char *status)
{
    static const char *const labels[][2] = {
        {"draft", "Draft"}, {"diajukan", "Diajukan"}, {"diproses", "Diproses"},
        {"perbaikan", "Perlu perbaikan"}, {"ditolak", "Ditolak"}, {"selesai", "Selesai"},
    };
    for (size_t i = 0; status && i < sizeof labels / sizeof *labels; i++)
        if (strcmp(status, labels[i][0]) == 0) return labels[i][1];
    return status ? status : "";
}

const char *lacak_step_label(const char *status)
{
    if (status && strcmp(status, "selesai") == 0) return "Selesai";
    if (status && strcmp(status, "berjalan") == 0) return "Sedang diproses";
    return "Menunggu";
}

const char *lacak_event_label(const char *kind)
{
    static const char *const labels[][2] = {
        {"dibuat", "Draft permohonan dibuat"},
        {"diajukan", "Permohonan diajukan"},
        {"diterima", "Permohonan diterima"},
        {"diteruskan", "Tahap selesai, diteruskan"},
        {"selesai_tahap", "Tahap selesai"},
        {"dikembalikan", "Dikembalikan ke pemohon untuk perbaikan"},
        {"perbaikan", "Dikembalikan ke pemohon untuk perbaikan"},
        {"diperbaiki", "Perbaikan diajukan kembali"},
        {"diajukan_ulang", "Perbaikan diajukan kembali"},
        {"kembali_tahap", "Dikembalikan ke tahap sebelumnya"},
        {"disetujui", "Permohonan disetujui"},
        {"ditolak", "Permohonan ditolak"},
        {"catatan", "Catatan"},
        {"diterbitkan", "Izin diterbitkan"},
        {"selesai", "Permohonan selesai"},
    };
    for (size_t i = 0; kind && i < sizeof labels / sizeof *labels; i++)
        if (strcmp(kind, labels[i][0]) == 0) return labels[i][1];
    return kind ? kind : "";
}
