/* domain/katalog/editor_alur.c — the permit-type editor's workflows (SPEC 5.2; see
 * editor.h): reading the current version and saving a new one.
 *
 * A save never updates a workflow or its steps: it inserts version n + 1 with all its
 * steps in one transaction.  Applications already submitted copied their steps into
 * permohonan_step at *Buat* and keep them; *Buat* takes the highest version. */
#include "domain/akun/validate.h"
#include "domain/katalog/editor.h"
#include "domain/katalog/editor_text.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

/* The kinds of migration 004's CHECK on workflow_step.kind.  The labels are the
 * seeds' and SPEC 5.2's words. */
const editor_step_kind editor_step_kinds[] = {
    {"verifikasi_berkas", "Verifikasi berkas"},
    {"data_teknis", "Data teknis"},
    {"tinjau_lapangan", "Tinjau lapangan"},
    {"rekomendasi", "Rekomendasi"},
    {"hitung_retribusi", "Hitung retribusi"},
    {"konfirmasi_pembayaran", "Konfirmasi pembayaran"},
    {"penetapan", "Penetapan"},
    {"tanda_tangan", "Tanda tangan"},
    {"penyerahan", "Penyerahan"},
};
const size_t editor_step_kind_count = sizeof editor_step_kinds / sizeof *editor_step_kinds;

static int kind_known(const char *kind)
{
    for (size_t i = 0; kind && i < editor_step_kind_count; i++)
        if (strcmp(kind, editor_step_kinds[i].key) == 0) return 1;
    return 0;
}

lk_err editor_alur_get(store_conn *c, arena *a, int64_t instansi_id, int64_t id, jenis_permohonan jp, int *version,
                       editor_step **steps, size_t *n)
{
    *version = 0;
    *steps = NULL;
    *n = 0;
    int64_t wid = 0, ver = 0;
    store_rows *r = store_query(c,
        "SELECT w.id, w.version FROM workflow w JOIN jenis_izin j ON j.id = w.jenis_izin_id"
        " WHERE w.jenis_izin_id = $1 AND j.instansi_id = $2 AND w.jenis_permohonan = $3 ORDER BY w.version DESC LIMIT 1",
        STORE_P(SP_I(id), SP_I(instansi_id), SP_T(jenis_permohonan_key(jp))));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        wid = store_int(r, 0);
        ver = store_int(r, 1);
    }
    store_rows_close(r);
    if (got <= 0) return got < 0 ? LK_ERR_DB : LK_OK;
    *version = (int)ver;
    r = store_query(c, "SELECT position, name, role_key, kind, sla_days FROM workflow_step WHERE workflow_id = $1"
                       " ORDER BY position", STORE_P(SP_I(wid)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    while ((got = store_next(r)) == 1) {
        *steps = arena_grow(a, *steps, &cap, *n, sizeof **steps);
        editor_step *s = &(*steps)[(*n)++];
        s->position = (int)store_int(r, 0);
        s->name = arena_strdup(a, store_text(r, 1));
        s->role_key = arena_strdup(a, store_text(r, 2));
        s->kind = arena_strdup(a, store_text(r, 3));
        s->sla_days = (int)store_int(r, 4);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

/* A checked row, kept with its order and its index in the form. */
typedef struct {
    int64_t order;
    size_t index;
    editor_step step;
} ordered_step;

static int by_order(const void *x, const void *y)
{
    const ordered_step *a = x, *b = y;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int row_empty(const editor_step_input *row)
{
    return editor_blank(row->name) && editor_blank(row->role_key) && editor_blank(row->kind) &&
           editor_blank(row->sla_days);
}

static const char *row_key(arena *a, size_t i, const char *field)
{
    return arena_printf(a, "langkah-%zu-%s", i, field);
}

/* Checks the rows and returns the steps in their order; *count receives how many. */
static ordered_step *check_rows(arena *a, const editor_step_input *rows, size_t n, size_t *count, issues *errs)
{
    ordered_step *out = arena_alloc(a, (n + 1) * sizeof *out);
    *count = 0;
    int penetapan = 0;
    for (size_t i = 0; i < n; i++) {
        const editor_step_input *row = &rows[i];
        if (row->remove || row_empty(row)) continue;
        const char *msg = NULL;
        ordered_step *o = &out[(*count)++];
        o->index = i;
        o->order = (int64_t)i + 1;
        if (!editor_blank(row->order) && parse_int64(row->order, 1, 999, &o->order) != 0)
            issues_add(a, errs, row_key(a, i, "order"), "Urutan diisi angka 1 sampai 999.");
        if (validate_text(row->name, 1, EDITOR_NAME_MAX, &msg) != 0)
            issues_add(a, errs, row_key(a, i, "name"), editor_blank(row->name) ? "Langkah ini belum punya nama." : msg);
        unsigned bit = 0;
        if (editor_blank(row->role_key))
            issues_add(a, errs, row_key(a, i, "role"), "Langkah ini belum punya peran: pilih siapa yang mengerjakannya.");
        else if (roles_parse(row->role_key, &bit) != 0 || strchr(row->role_key, ','))
            issues_add(a, errs, row_key(a, i, "role"), "Peran yang dipilih tidak dikenal.");
        if (!kind_known(row->kind)) issues_add(a, errs, row_key(a, i, "kind"), "Pilih jenis langkah.");
        else if (strcmp(row->kind, "penetapan") == 0) penetapan = 1;
        int64_t sla = 0;
        if (parse_int64(row->sla_days, 0, 365, &sla) != 0)
            issues_add(a, errs, row_key(a, i, "sla"), "SLA langkah diisi angka hari kerja, 0 sampai 365.");
        o->step = (editor_step){0, row->name, row->role_key, row->kind, (int)sla};
    }
    if (*count == 0)
        issues_add(a, errs, "alur", "Alur proses kosong: tambahkan paling sedikit satu langkah.");
    else if (*count > EDITOR_STEPS_MAX)
        issues_add(a, errs, "alur", "Alur proses paling banyak 20 langkah.");
    else if (!penetapan)
        issues_add(a, errs, "alur", "Alur proses harus punya langkah Penetapan, tempat permohonan disetujui atau ditolak.");
    qsort(out, *count, sizeof *out, by_order);
    for (size_t i = 0; i < *count; i++) out[i].step.position = (int)i + 1;
    return out;
}

lk_err editor_alur_save(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                        jenis_permohonan jp, const editor_step_input *rows, size_t n, time_t now, int *version_out,
                        issues *errs)
{
    size_t count = 0;
    ordered_step *steps = check_rows(a, rows, n, &count, errs);
    if (errs->count) return LK_ERR_INVALID;
    int64_t total = 0;
    for (size_t i = 0; i < count; i++) total += steps[i].step.sla_days;

    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t enabled = 0, sla = 0;
    store_rows *r = store_query(c, "SELECT enabled, sla_days FROM jenis_izin_setting WHERE jenis_izin_id = $1"
                                   " AND jenis_permohonan = $2", STORE_P(SP_I(id), SP_T(jenis_permohonan_key(jp))));
    if (!r) e = LK_ERR_DB;
    else {
        int got = store_next(r);
        if (got == 1) {
            enabled = store_int(r, 0);
            sla = store_int(r, 1);
        }
        store_rows_close(r);
        if (got < 0) e = LK_ERR_DB;
    }
    if (e == LK_OK && enabled && total > sla) {
        issues_add(a, errs, "alur",
                   arena_printf(a, "Jumlah SLA langkah (%lld hari kerja) melebihi SLA %s (%lld hari kerja). "
                                   "Kurangi SLA langkah atau naikkan SLA jenis permohonan ini dulu.",
                                (long long)total, jenis_permohonan_label(jp), (long long)sla));
        e = LK_ERR_INVALID;
    }
    int64_t version = 0, wid = 0;
    if (e == LK_OK)
        e = store_query_int(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM workflow WHERE jenis_izin_id = $1"
                               " AND jenis_permohonan = $2", STORE_P(SP_I(id), SP_T(jenis_permohonan_key(jp))), &version);
    if (e == LK_OK)
        e = store_query_int(c, "INSERT INTO workflow (jenis_izin_id, jenis_permohonan, version) VALUES ($1, $2, $3)"
                               " RETURNING id", STORE_P(SP_I(id), SP_T(jenis_permohonan_key(jp)), SP_I(version)), &wid);
    for (size_t i = 0; e == LK_OK && i < count; i++) {
        const editor_step *s = &steps[i].step;
        e = store_exec(c, "INSERT INTO workflow_step (workflow_id, position, name, role_key, kind, sla_days)"
                          " VALUES ($1, $2, $3, $4, $5, $6)",
                       STORE_P(SP_I(wid), SP_I(s->position), SP_T(s->name), SP_T(s->role_key), SP_T(s->kind),
                               SP_I(s->sla_days)), NULL);
    }
    if (e) {
        store_rollback(c);
        return e;
    }
    e = editor_commit(c, actor, id, "izin.alur",
                      arena_printf(a, "%s versi %lld, %zu langkah, %lld hari kerja", jenis_permohonan_key(jp),
                                   (long long)version, count, (long long)total), now);
    if (e == LK_OK && version_out) *version_out = (int)version;
    return e;
}
