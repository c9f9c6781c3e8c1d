/* domain/proses/step_records.c — checks, schedule, report, recommendation, claim and
 * reassignment on the current step (see step_records.h). */
#include "domain/proses/step_records.h"
#include "domain/proses/audit.h"
#include "domain/proses/step_kind.h"
#include "util/buf.h"
#include "util/datetime.h"
#include "util/text.h"
#include <string.h>

/* Locks and checks that the current step is of the kind with this panel. */
static lk_err lock_kind(store_conn *c, arena *a, const account *officer, const proses_target *t, const char *panel,
                        time_t now, proses_ctx *p, const char **msg)
{
    lk_err e = proses_lock(c, a, officer, t, now, p, msg);
    if (e) return e;
    const step_kind *k = step_kind_find(p->kind);
    if (!k || !k->panel || strcmp(k->panel, panel) != 0) {
        *msg = "Tahap yang sedang berjalan tidak memiliki isian ini.";
        return LK_ERR_INVALID;
    }
    return LK_OK;
}

static lk_err finish(store_conn *c, lk_err e, const account *officer, const char *action, int64_t id,
                     const char *detail, time_t now)
{
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, action, "permohonan", id, detail}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err proses_cek_syarat(store_conn *c, arena *a, const account *officer, const proses_target *t, const cek_input *rows,
                         size_t n, time_t now, const char **msg)
{
    *msg = NULL;
    proses_ctx p;
    const char *now_iso = datetime_iso(a, now);
    lk_err e = store_begin(c);
    if (e) return e;
    e = lock_kind(c, a, officer, t, "syarat", now, &p, msg);
    buf detail = BUF_INIT;
    for (size_t i = 0; i < n && e == LK_OK; i++) {
        const cek_input *r = &rows[i];
        const char *note = r->note && !is_blank(r->note) ? r->note : NULL;
        if (!r->cek || !*r->cek) continue;
        int sesuai = strcmp(r->cek, "sesuai") == 0;
        if (!sesuai && strcmp(r->cek, "tidak_sesuai") != 0) {
            *msg = "Pilih Sesuai atau Tidak Sesuai.";
            e = LK_ERR_INVALID;
        } else if (!sesuai && !note) {
            *msg = "Tulis catatan untuk persyaratan yang Tidak Sesuai: catatan ini dibaca pemohon.";
            e = LK_ERR_INVALID;
        } else if (note && utf8_length(note) > CEK_NOTE_MAX) {
            *msg = "Catatan terlalu panjang (paling banyak 1000 karakter).";
            e = LK_ERR_INVALID;
        } else {
            int64_t changed = 0;
            e = store_exec(c, "UPDATE permohonan_syarat SET cek = $3, cek_note = $4, cek_by = $5, cek_at = $6"
                              " WHERE permohonan_id = $1 AND persyaratan_id = $2",
                           STORE_P(SP_I(p.id), SP_I(r->persyaratan_id), SP_T(r->cek), SP_T(note), SP_I(officer->id),
                                   SP_T(now_iso)),
                           &changed);
            if (e == LK_OK && !changed) {
                *msg = "Persyaratan itu bukan bagian dari permohonan ini.";
                e = LK_ERR_INVALID;
            }
            if (e == LK_OK) buf_printf(&detail, "%s%lld %s", detail.len ? ", " : "", (long long)r->persyaratan_id, r->cek);
        }
    }
    const char *d = arena_printf(a, "Pemeriksaan persyaratan: %s", detail.len ? buf_str(&detail) : "-");
    buf_free(&detail);
    return finish(c, e, officer, "persyaratan.periksa", t->permohonan_id, d, now);
}

static int date_ok(const char *v)
{
    time_t t;
    if (!v || strlen(v) != 10 || datetime_parse(v, &t) != 0) return 0;
    struct tm tm;
    gmtime_r(&t, &tm);
    char back[11];
    strftime(back, sizeof back, "%Y-%m-%d", &tm);
    return strcmp(back, v) == 0;
}

lk_err proses_tinjau(store_conn *c, arena *a, const account *officer, const proses_target *t, const char *jadwal,
                     int64_t laporan_dokumen_id, time_t now, const char **msg)
{
    *msg = NULL;
    if (!date_ok(jadwal)) {
        *msg = "Isi jadwal tinjau lapangan dengan tanggal yang benar.";
        return LK_ERR_INVALID;
    }
    proses_ctx p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = lock_kind(c, a, officer, t, "tinjau", now, &p, msg);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan_step SET jadwal = $2, laporan_dokumen_id = COALESCE($3, laporan_dokumen_id)"
                          " WHERE id = $1",
                       STORE_P(SP_I(p.step_id), SP_T(jadwal), laporan_dokumen_id ? SP_I(laporan_dokumen_id) : SP_N), NULL);
    const char *d = laporan_dokumen_id ? arena_printf(a, "Jadwal tinjau lapangan %s; laporan dokumen %lld", jadwal,
                                                      (long long)laporan_dokumen_id)
                                       : arena_printf(a, "Jadwal tinjau lapangan %s", jadwal);
    return finish(c, e, officer, "permohonan.tinjau_lapangan", t->permohonan_id, d, now);
}

lk_err proses_rekomendasi(store_conn *c, arena *a, const account *officer, const proses_target *t, const char *text,
                          time_t now, const char **msg)
{
    *msg = NULL;
    if (!text || is_blank(text) || utf8_length(text) > REKOMENDASI_MAX) {
        *msg = "Tulis rekomendasinya (paling banyak 4000 karakter).";
        return LK_ERR_INVALID;
    }
    proses_ctx p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = lock_kind(c, a, officer, t, "rekomendasi", now, &p, msg);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan_step SET catatan = $2 WHERE id = $1", STORE_P(SP_I(p.step_id), SP_T(text)),
                       NULL);
    return finish(c, e, officer, "permohonan.rekomendasi", t->permohonan_id, arena_printf(a, "Rekomendasi: %s", text), now);
}

lk_err proses_ambil(store_conn *c, arena *a, const account *officer, const proses_target *t, time_t now,
                    const char **msg)
{
    *msg = NULL;
    proses_ctx p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = proses_lock(c, a, officer, t, now, &p, msg);
    const char *d = e == LK_OK ? arena_printf(a, "Diambil di tahap %d %s", p.position, p.step_name) : NULL;
    return finish(c, e, officer, "permohonan.ambil", t->permohonan_id, d, now);
}

lk_err proses_alihkan(store_conn *c, arena *a, const account *admin, const proses_target *t, int64_t to_id, time_t now,
                      const char **msg)
{
    *msg = NULL;
    if (!(admin->roles & ROLE_ADMIN_INSTANSI)) {
        *msg = "Hanya Admin Instansi yang dapat mengalihkan permohonan.";
        return LK_ERR_DENIED;
    }
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t bumped = 0;
    e = store_exec(c, "UPDATE permohonan SET version = version + 1, claimed_by = $4, claimed_at = $5"
                      " WHERE id = $1 AND instansi_id = $2 AND version = $3 AND status IN ('diajukan', 'diproses')",
                   STORE_P(SP_I(t->permohonan_id), SP_I(admin->instansi_id), SP_I(t->version), SP_I(to_id),
                           SP_T(datetime_iso(a, now))),
                   &bumped);
    if (e == LK_OK && !bumped) {
        *msg = "Permohonan ini sudah diubah sejak halaman ini dibuka, atau bukan milik instansi Anda; tidak ada yang berubah.";
        e = LK_ERR_CONFLICT;
    }
    int64_t fits = 0;
    if (e == LK_OK)
        e = store_query_int(c,
            "SELECT COUNT(*) FROM account a JOIN permohonan p ON p.id = $2"
            " JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan' AND s.position = $4"
            " WHERE a.id = $1 AND a.kind = 'petugas' AND a.status = 'aktif' AND a.instansi_id = $3"
            " AND EXISTS (SELECT 1 FROM account_role ar JOIN role r ON r.id = ar.role_id"
            "             WHERE ar.account_id = a.id AND r.key = s.role_key)"
            " AND (NOT EXISTS (SELECT 1 FROM account_unit u WHERE u.account_id = a.id)"
            "      OR EXISTS (SELECT 1 FROM account_unit u WHERE u.account_id = a.id AND u.unit_id = p.unit_id))",
            STORE_P(SP_I(to_id), SP_I(t->permohonan_id), SP_I(admin->instansi_id), SP_I(t->position)), &fits);
    if (e == LK_OK && !fits) {
        *msg = "Petugas itu tidak dapat mengerjakan tahap ini (peran, unit atau instansi lain), atau tahapnya sudah berganti.";
        e = LK_ERR_INVALID;
    }
    return finish(c, e, admin, "permohonan.alihkan", t->permohonan_id,
                  arena_printf(a, "Dialihkan ke petugas %lld", (long long)to_id), now);
}

lk_err proses_candidates(store_conn *c, arena *a, int64_t instansi_id, int64_t permohonan_id, proses_officer **out,
                         size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT a.id, a.nama, a.username FROM account a JOIN permohonan p ON p.id = $2 AND p.instansi_id = $1"
        " JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan'"
        " WHERE a.kind = 'petugas' AND a.status = 'aktif' AND a.instansi_id = $1"
        " AND EXISTS (SELECT 1 FROM account_role ar JOIN role r ON r.id = ar.role_id"
        "             WHERE ar.account_id = a.id AND r.key = s.role_key)"
        " ORDER BY a.nama, a.id",
        STORE_P(SP_I(instansi_id), SP_I(permohonan_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        (*out)[(*n)++] = (proses_officer){store_int(r, 0), arena_strdup(a, store_text(r, 1)),
                                          arena_strdup(a, store_text(r, 2))};
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}
