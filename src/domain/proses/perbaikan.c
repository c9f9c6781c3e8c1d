/* domain/proses/perbaikan.c — replacing files and Kirim Perbaikan (see perbaikan.h). */
#include "domain/proses/perbaikan.h"
#include "domain/permohonan/dokumen.h"
#include "domain/permohonan/permohonan.h"
#include "domain/proses/audit.h"
#include "domain/proses/current.h"
#include "domain/proses/sla.h"
#include "util/datetime.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

#define NOT_RETURNED "Permohonan ini tidak sedang menunggu perbaikan dari Anda."

/* The row's current document and whether it is still in the locker, for an application of
 * this applicant in perbaikan. */
static lk_err row_of(store_conn *c, arena *a, int64_t account_id, int64_t permohonan_id, int64_t persyaratan_id,
                     int64_t *dokumen_id, int *in_locker, const char **jenis, const char **types, const char **status)
{
    store_rows *r = store_query(c,
        "SELECT p.status, COALESCE(ps.dokumen_id, 0), d.deleted_at IS NULL AND d.account_id = p.account_id,"
        " q.name, q.accepted_types"
        " FROM permohonan p JOIN permohonan_syarat ps ON ps.permohonan_id = p.id AND ps.persyaratan_id = $3"
        " JOIN persyaratan q ON q.id = ps.persyaratan_id LEFT JOIN dokumen d ON d.id = ps.dokumen_id"
        " WHERE p.id = $1 AND p.account_id = $2",
        STORE_P(SP_I(permohonan_id), SP_I(account_id), SP_I(persyaratan_id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        *status = arena_strdup(a, store_text(r, 0));
        *dokumen_id = store_int(r, 1);
        *in_locker = *dokumen_id && store_int(r, 2);
        *jenis = arena_strdup(a, store_text(r, 3));
        *types = arena_strdup(a, store_text(r, 4));
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : got == 0 ? LK_ERR_NOTFOUND : LK_OK;
}

lk_err perbaikan_ganti(store_conn *c, arena *a, const char *data_dir, int64_t account_id, int64_t permohonan_id,
                       int64_t persyaratan_id, const char *tmp_path, const char *file_name, int64_t *dokumen_id,
                       const char **msg)
{
    *msg = NULL;
    *dokumen_id = 0;
    int64_t old = 0;
    int in_locker = 0;
    const char *jenis = NULL, *types = NULL, *status = NULL;
    lk_err e = row_of(c, a, account_id, permohonan_id, persyaratan_id, &old, &in_locker, &jenis, &types, &status);
    if (e == LK_ERR_NOTFOUND) *msg = "Persyaratan tidak ditemukan.";
    if (e) return e;
    if (strcmp(status, "perbaikan") != 0) {
        *msg = NOT_RETURNED;
        return LK_ERR_CONFLICT;
    }
    /* The locker's jenis dokumen is the requirement's name, cut to its limit. */
    char cut[DOKUMEN_JENIS_MAX * 4 + 1];
    snprintf(cut, sizeof cut, "%s", jenis);
    if (strlen(jenis) > DOKUMEN_JENIS_MAX) {
        size_t n = DOKUMEN_JENIS_MAX;
        while (n && ((unsigned char)cut[n] & 0xC0) == 0x80) n--;
        cut[n] = '\0';
    }
    e = in_locker ? dokumen_store_replacement(c, a, data_dir, account_id, old, cut, "", "", "", tmp_path, file_name, types,
                                              dokumen_id, msg)
                  : dokumen_store_upload(c, a, data_dir, account_id, cut, "", "", "", tmp_path, file_name, types,
                                         dokumen_id, msg);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "UPDATE permohonan_syarat SET dokumen_id = $3, cek = NULL, terpenuhi = 1"
                      " WHERE permohonan_id = $1 AND persyaratan_id = $2"
                      " AND permohonan_id IN (SELECT id FROM permohonan WHERE status = 'perbaikan')",
                   STORE_P(SP_I(permohonan_id), SP_I(persyaratan_id), SP_I(*dokumen_id)), &changed);
    if (e == LK_OK && !changed) {
        *msg = "Dokumen tersimpan di tab Dokumen, tetapi permohonan sudah tidak menunggu perbaikan.";
        e = LK_ERR_CONFLICT;
    }
    return e;
}

/* The trimmed value, or NULL when empty or longer than max characters. */
static const char *field(arena *a, const char *v, size_t max)
{
    if (!v) return NULL;
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n') v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n')) n--;
    const char *out = arena_strndup(a, v, n);
    return n && utf8_valid(out, n) && utf8_length(out) <= max ? out : NULL;
}

lk_err perbaikan_lokasi(store_conn *c, arena *a, const account *applicant, int64_t permohonan_id, const char *nama,
                        const char *alamat, time_t now, const char **msg)
{
    *msg = NULL;
    const char *n = field(a, nama, PERMOHONAN_LOKASI_NAMA_MAX), *al = field(a, alamat, PERMOHONAN_LOKASI_ALAMAT_MAX);
    if (!n || !al) {
        *msg = "Isi Nama Tempat (paling banyak 200 karakter) dan Alamat Lokasi (paling banyak 500 karakter).";
        return LK_ERR_INVALID;
    }
    const char *now_iso = datetime_iso(a, now);
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t changed = 0, instansi_id = 0;
    e = store_exec(c, "UPDATE permohonan SET lokasi_nama = $3, lokasi_alamat = $4, updated_at = $5"
                      " WHERE id = $1 AND account_id = $2 AND status = 'perbaikan'",
                   STORE_P(SP_I(permohonan_id), SP_I(applicant->id), SP_T(n), SP_T(al), SP_T(now_iso)), &changed);
    if (e == LK_OK && !changed) {
        *msg = NOT_RETURNED;
        e = LK_ERR_CONFLICT;
    }
    if (e == LK_OK)
        e = store_query_int(c, "SELECT instansi_id FROM permohonan WHERE id = $1", STORE_P(SP_I(permohonan_id)), &instansi_id);
    const char *note = arena_printf(a, "Lokasi Izin diubah: %s, %s", n, al);
    if (e == LK_OK)
        e = store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, kind, note) VALUES ($1, $2, $3, 'catatan', $4)",
                       STORE_P(SP_I(permohonan_id), SP_T(now_iso), SP_I(applicant->id), SP_T(note)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){applicant->id, instansi_id, "permohonan.ubah_lokasi", "permohonan", permohonan_id,
                                           note}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

lk_err perbaikan_kirim(store_conn *c, arena *a, const account *applicant, int64_t permohonan_id, time_t now,
                       const char **msg)
{
    *msg = NULL;
    const char *now_iso = datetime_iso(a, now);
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t changed = 0;
    /* The row lock first, then the reads: a double click finds it no longer returned. */
    e = store_exec(c, "UPDATE permohonan SET version = version + 1, updated_at = $3"
                      " WHERE id = $1 AND account_id = $2 AND status = 'perbaikan'",
                   STORE_P(SP_I(permohonan_id), SP_I(applicant->id), SP_T(now_iso)), &changed);
    if (e == LK_OK && !changed) {
        int64_t mine = 0;
        e = store_query_int(c, "SELECT COUNT(*) FROM permohonan WHERE id = $1 AND account_id = $2 AND status <> 'draft'",
                            STORE_P(SP_I(permohonan_id), SP_I(applicant->id)), &mine);
        if (e == LK_OK) e = mine ? LK_ERR_CONFLICT : LK_ERR_NOTFOUND;
        *msg = mine ? NOT_RETURNED : "Permohonan tidak ditemukan.";
        goto out;
    }
    int64_t instansi_id = 0, step_id = 0;
    const char *paused_iso = NULL, *due_iso = NULL, *step_name = NULL;
    store_rows *r = e ? NULL : store_query(c,
        "SELECT p.instansi_id, p.paused_at, s.id, s.due_at, s.name FROM permohonan p"
        " JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan' WHERE p.id = $1",
        STORE_P(SP_I(permohonan_id)));
    if (!e && !r) e = LK_ERR_DB;
    if (r) {
        int got = store_next(r);
        if (got == 1) {
            instansi_id = store_int(r, 0);
            paused_iso = arena_strdup(a, store_text(r, 1));
            step_id = store_int(r, 2);
            due_iso = arena_strdup(a, store_text(r, 3));
            step_name = arena_strdup(a, store_text(r, 4));
        }
        store_rows_close(r);
        if (got != 1) e = got == 0 ? LK_ERR_INTERNAL : LK_ERR_DB;
    }
    if (e) goto out;
    time_t paused = now, due = now, new_due = now;
    int days = 0;
    if (paused_iso) datetime_parse(paused_iso, &paused);
    if (due_iso && datetime_parse(due_iso, &due) == 0) {
        e = sla_resume(c, instansi_id, due, paused, now, &new_due, &days);
        if (e == LK_OK)
            e = store_exec(c, "UPDATE permohonan_step SET due_at = $2, paused_days = paused_days + $3 WHERE id = $1",
                           STORE_P(SP_I(step_id), SP_T(datetime_iso(a, new_due)), SP_I(days)), NULL);
    }
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan SET status = 'diproses', paused_at = NULL, perbaikan_position = NULL,"
                          " paused_days = paused_days + $2 WHERE id = $1",
                       STORE_P(SP_I(permohonan_id), SP_I(days)), NULL);
    if (e == LK_OK) e = proses_sync_current(c, permohonan_id);
    const char *note = arena_printf(a, "Kembali ke tahap %s; batas waktu dihentikan %d hari kerja", step_name, days);
    if (e == LK_OK)
        e = store_exec(c, "INSERT INTO permohonan_event (permohonan_id, at, account_id, kind, note) VALUES ($1, $2, $3, 'diperbaiki', $4)",
                       STORE_P(SP_I(permohonan_id), SP_T(now_iso), SP_I(applicant->id), SP_T(note)), NULL);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){applicant->id, instansi_id, "permohonan.kirim_perbaikan", "permohonan",
                                           permohonan_id, note}, now, NULL);
    if (e == LK_OK) return store_commit(c);
out:
    store_rollback(c);
    return e;
}
