/* domain/proses/berkas.c — the officer's reading of an application and audited file
 * views (see berkas.h). */
#include "domain/proses/berkas.h"
#include "domain/proses/audit.h"
#include <string.h>

static const char *dup(arena *a, store_rows *r, int col)
{
    return arena_strdup(a, store_text(r, col));
}

static lk_err read_steps(store_conn *c, arena *a, berkas *b)
{
    store_rows *r = store_query(c,
        "SELECT s.id, s.position, s.sla_days, s.paused_days, s.name, s.role_key, COALESCE(ro.name, s.role_key), s.kind,"
        " s.status, s.started_at, s.due_at, s.finished_at, fb.nama, s.jadwal, s.catatan, s.outcome,"
        " COALESCE(s.laporan_dokumen_id, 0), d.file_name"
        " FROM permohonan_step s LEFT JOIN role ro ON ro.key = s.role_key LEFT JOIN account fb ON fb.id = s.finished_by"
        " LEFT JOIN dokumen d ON d.id = s.laporan_dokumen_id WHERE s.permohonan_id = $1 ORDER BY s.position",
        STORE_P(SP_I(b->p.id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    b->current = -1;
    while ((got = store_next(r)) == 1) {
        b->steps = arena_grow(a, b->steps, &cap, b->nsteps, sizeof *b->steps);
        berkas_step *s = &b->steps[b->nsteps];
        s->id = store_int(r, 0);
        s->position = (int)store_int(r, 1);
        s->sla_days = (int)store_int(r, 2);
        s->paused_days = (int)store_int(r, 3);
        s->name = dup(a, r, 4);
        s->role_key = dup(a, r, 5);
        s->role_name = dup(a, r, 6);
        s->kind = dup(a, r, 7);
        s->status = dup(a, r, 8);
        s->started_at = dup(a, r, 9);
        s->due_at = dup(a, r, 10);
        s->finished_at = dup(a, r, 11);
        s->finished_by_nama = dup(a, r, 12);
        s->jadwal = dup(a, r, 13);
        s->catatan = dup(a, r, 14);
        s->outcome = dup(a, r, 15);
        s->laporan_dokumen_id = store_int(r, 16);
        s->laporan_file_name = dup(a, r, 17);
        if (strcmp(s->status, "berjalan") == 0) b->current = (int)b->nsteps;
        b->nsteps++;
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err berkas_get(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id, berkas *out)
{
    memset(out, 0, sizeof *out);
    int64_t applicant = 0;
    store_rows *r = store_query(c,
        "SELECT p.account_id, COALESCE(ap.instansi_id, 0), p.version, COALESCE(p.claimed_by, 0), cl.nama, p.claimed_at,"
        " p.paused_at, p.paused_days, COALESCE(p.perbaikan_position, 0)"
        " FROM permohonan p JOIN account ap ON ap.id = p.account_id LEFT JOIN account cl ON cl.id = p.claimed_by"
        " WHERE p.id = $1 AND p.instansi_id = $2 AND p.status <> 'draft'",
        STORE_P(SP_I(permohonan_id), SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        applicant = store_int(r, 0);
        out->applicant_instansi_id = store_int(r, 1);
        out->version = store_int(r, 2);
        out->claimed_by = store_int(r, 3);
        out->claimed_by_nama = dup(a, r, 4);
        out->claimed_at = dup(a, r, 5);
        out->paused_at = dup(a, r, 6);
        out->paused_days = (int)store_int(r, 7);
        out->perbaikan_position = (int)store_int(r, 8);
    }
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    lk_err e = permohonan_get(c, a, applicant, permohonan_id, &out->p);
    if (e == LK_OK) e = read_steps(c, a, out);
    return e;
}

static lk_err record(store_conn *c, const account *officer, const char *action, const char *type, int64_t id,
                     const char *detail, time_t now)
{
    lk_err e = store_begin(c);
    if (e) return e;
    e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, action, type, id, detail}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err berkas_lihat(store_conn *c, const account *officer, int64_t permohonan_id, time_t now)
{
    return record(c, officer, "permohonan.lihat", "permohonan", permohonan_id, NULL, now);
}

lk_err berkas_file(store_conn *c, arena *a, const account *officer, int64_t permohonan_id, int64_t dokumen_id,
                   const char *data_dir, time_t now, dokumen_file *out)
{
    memset(out, 0, sizeof *out);
    store_rows *r = store_query(c,
        "SELECT d.storage_name, d.content_type, d.file_name, d.size FROM dokumen d JOIN permohonan p ON p.id = $2"
        " WHERE d.id = $1 AND p.instansi_id = $3 AND p.status <> 'draft' AND ("
        "  EXISTS (SELECT 1 FROM permohonan_syarat ps WHERE ps.permohonan_id = p.id AND ps.dokumen_id = d.id)"
        "  OR EXISTS (SELECT 1 FROM dokumen nv JOIN permohonan_syarat ps ON ps.dokumen_id = nv.id"
        "             WHERE ps.permohonan_id = p.id AND nv.replaces_id = d.id)"
        "  OR EXISTS (SELECT 1 FROM permohonan_step s WHERE s.permohonan_id = p.id AND s.laporan_dokumen_id = d.id))",
        STORE_P(SP_I(dokumen_id), SP_I(permohonan_id), SP_I(officer->instansi_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    lk_err e = got == 1 ? LK_OK : got == 0 ? LK_ERR_NOTFOUND : LK_ERR_DB;
    if (e == LK_OK) {
        out->content_type = dup(a, r, 1);
        out->file_name = dup(a, r, 2);
        out->size = store_int(r, 3);
        e = dokumen_file_at(a, data_dir, store_text(r, 0), dokumen_id, out);
    }
    store_rows_close(r);
    if (e == LK_OK)
        e = record(c, officer, "dokumen.lihat", "dokumen", dokumen_id,
                   arena_printf(a, "Permohonan %lld: %s", (long long)permohonan_id, out->file_name), now);
    return e;
}
