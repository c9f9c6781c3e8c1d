/* domain/proses/aksi.c — Teruskan, Setujui, Tolak, Kembalikan ke pemohon and back to an
 * earlier step (see aksi.h). */
#include "domain/proses/aksi.h"
#include "domain/proses/audit.h"
#include "domain/proses/calendar.h"
#include "domain/proses/current.h"
#include "domain/proses/step_kind.h"
#include "util/buf.h"
#include "util/datetime.h"
#include "util/text.h"
#include <string.h>

const char *aksi_audit_name(aksi_kind k)
{
    switch (k) {
    case AKSI_TERUSKAN: return "permohonan.teruskan";
    case AKSI_SETUJUI: return "permohonan.setujui";
    case AKSI_TOLAK: return "permohonan.tolak";
    case AKSI_KEMBALIKAN: return "permohonan.kembalikan";
    case AKSI_KEMBALI_TAHAP: return "permohonan.kembali_tahap";
    }
    return "permohonan.aksi";
}

static int blank(const char *s)
{
    return !s || is_blank(s);
}

/* A reason of AKSI_ALASAN_MIN..MAX characters; *msg otherwise. */
static int reason_ok(const char *s, const char **msg)
{
    size_t n = s ? utf8_length(s) : 0;
    if (blank(s) || n < AKSI_ALASAN_MIN || n > AKSI_ALASAN_MAX) {
        *msg = "Tulis alasannya (5 sampai 1000 karakter).";
        return 0;
    }
    return 1;
}

/* Makes step `position` the running one with its SLA due date from now. */
static lk_err start_step(store_conn *c, arena *a, const proses_ctx *p, int position, time_t now, const char *now_iso,
                         const char **name)
{
    int64_t sla = 0;
    store_rows *r = store_query(c, "SELECT sla_days, name FROM permohonan_step WHERE permohonan_id = $1 AND position = $2",
                                STORE_P(SP_I(p->id), SP_I(position)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        sla = store_int(r, 0);
        *name = arena_strdup(a, store_text(r, 1));
    }
    store_rows_close(r);
    if (got != 1) return got == 0 ? LK_ERR_INTERNAL : LK_ERR_DB;
    time_t due = 0;
    lk_err e = calendar_due(c, p->instansi_id, now, (int)sla, &due);
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan_step SET status = 'berjalan', started_at = $3, due_at = $4,"
                          " finished_at = NULL, finished_by = NULL, outcome = NULL"
                          " WHERE permohonan_id = $1 AND position = $2",
                       STORE_P(SP_I(p->id), SP_I(position), SP_T(now_iso), SP_T(datetime_iso(a, due))), NULL);
    return e;
}

static lk_err finish_step(store_conn *c, const proses_ctx *p, const account *officer, const char *outcome,
                          const char *now_iso)
{
    return store_exec(c, "UPDATE permohonan_step SET status = 'selesai', finished_at = $2, finished_by = $3, outcome = $4"
                         " WHERE id = $1",
                      STORE_P(SP_I(p->step_id), SP_T(now_iso), SP_I(officer->id), SP_T(outcome)), NULL);
}

static lk_err set_status(store_conn *c, const proses_ctx *p, const char *status, int keep_claim)
{
    return store_exec(c, keep_claim ? "UPDATE permohonan SET status = $2 WHERE id = $1"
                                    : "UPDATE permohonan SET status = $2, claimed_by = NULL, claimed_at = NULL WHERE id = $1",
                      STORE_P(SP_I(p->id), SP_T(status)), NULL);
}

static const char *with_note(arena *a, const char *what, const char *note)
{
    return blank(note) ? what : arena_printf(a, "%s. Catatan: %s", what, note);
}

/* Teruskan and Setujui: the step is done, the next one runs, or the application is
 * finished after the last one. */
static lk_err forward(store_conn *c, arena *a, const account *officer, const aksi_input *in, const proses_ctx *p,
                      const char *data_dir, const char *base_url, time_t now, const char *now_iso, aksi_result *out, const char **msg,
                      const char **detail)
{
    const step_kind *k = step_kind_find(p->kind);
    int decides = k && k->decides;
    if (in->kind == AKSI_TERUSKAN && decides) {
        *msg = "Di tahap penetapan pilih Setujui atau Tolak.";
        return LK_ERR_INVALID;
    }
    if (in->kind == AKSI_SETUJUI && !decides) {
        *msg = "Setujui hanya ada di tahap penetapan; gunakan Teruskan.";
        return LK_ERR_INVALID;
    }
    if (in->note && utf8_length(in->note) > AKSI_CATATAN_MAX) {
        *msg = "Catatan terlalu panjang (paling banyak 1000 karakter).";
        return LK_ERR_INVALID;
    }
    step_ref ref = {p->id, p->step_id, p->instansi_id, officer->id, now, data_dir, base_url, in->tte};
    if (k && k->ready) {
        lk_err e = k->ready(c, &ref, msg);
        if (e) return e;
    }
    lk_err e = finish_step(c, p, officer, decides ? "disetujui" : NULL, now_iso);
    if (e == LK_OK && k && k->done) e = k->done(c, a, &ref, msg);
    int64_t next = 0;
    if (e == LK_OK)
        e = store_query_int(c, "SELECT COALESCE(MIN(position), 0) FROM permohonan_step WHERE permohonan_id = $1 AND position > $2",
                            STORE_P(SP_I(p->id), SP_I(p->position)), &next);
    if (e) return e;
    const char *next_name = NULL;
    if (next) e = start_step(c, a, p, (int)next, now, now_iso, &next_name);
    if (e == LK_OK) e = set_status(c, p, next ? "diproses" : "selesai", 0);
    if (e) return e;
    out->status = next ? "diproses" : "selesai";
    out->position = (int)next;
    const char *what = next ? arena_printf(a, "Tahap %d %s selesai; berikutnya tahap %d %s", p->position, p->step_name,
                                           (int)next, next_name)
                            : arena_printf(a, "Tahap %d %s selesai; permohonan selesai diproses", p->position, p->step_name);
    *detail = with_note(a, what, in->note);
    e = proses_event(c, p, officer, decides ? "disetujui" : next ? "diteruskan" : "selesai", *detail, now_iso);
    if (e) return e;
    if (decides) {
        const char *extra[] = {"tahap_berikut", next_name ? next_name : "-", NULL};
        return proses_mail(c, a, p, "permohonan_disetujui", base_url, extra);
    }
    if (!next) return proses_mail(c, a, p, "permohonan_selesai", base_url, NULL);
    const char *extra[] = {"tahap_selesai", p->step_name, "tahap_berikut", next_name, NULL};
    return proses_mail(c, a, p, "permohonan_diproses", base_url, extra);
}

static lk_err refuse(store_conn *c, arena *a, const account *officer, const aksi_input *in, const proses_ctx *p,
                     const char *base_url, const char *now_iso, aksi_result *out, const char **msg, const char **detail)
{
    if (!reason_ok(in->note, msg)) return LK_ERR_INVALID;
    lk_err e = finish_step(c, p, officer, "ditolak", now_iso);
    if (e == LK_OK) e = set_status(c, p, "ditolak", 0);
    if (e) return e;
    out->status = "ditolak";
    *detail = arena_printf(a, "Ditolak di tahap %d %s. Alasan: %s", p->position, p->step_name, in->note);
    e = proses_event(c, p, officer, "ditolak", in->note, now_iso);
    const char *extra[] = {"alasan", in->note, NULL};
    if (e == LK_OK) e = proses_mail(c, a, p, "permohonan_ditolak", base_url, extra);
    return e;
}

/* Kembalikan ke pemohon: the notes go onto the requirements, the clock pauses. */
static lk_err send_back(store_conn *c, arena *a, const account *officer, const aksi_input *in, const proses_ctx *p,
                        const char *base_url, const char *now_iso, aksi_result *out, const char **msg,
                        const char **detail)
{
    buf list = BUF_INIT;
    int notes = 0;
    lk_err e = LK_OK;
    if (in->note && utf8_length(in->note) > AKSI_CATATAN_MAX) {
        *msg = "Catatan terlalu panjang (paling banyak 1000 karakter).";
        return LK_ERR_INVALID;
    }
    for (size_t i = 0; i < in->ncatatan && e == LK_OK; i++) {
        const aksi_catatan *n = &in->catatan[i];
        if (blank(n->note)) continue;
        if (utf8_length(n->note) > AKSI_CATATAN_MAX) {
            *msg = "Catatan persyaratan terlalu panjang (paling banyak 1000 karakter).";
            e = LK_ERR_INVALID;
            break;
        }
        int64_t changed = 0;
        e = store_exec(c, "UPDATE permohonan_syarat SET cek = 'tidak_sesuai', cek_note = $3, cek_by = $4, cek_at = $5"
                          " WHERE permohonan_id = $1 AND persyaratan_id = $2",
                       STORE_P(SP_I(p->id), SP_I(n->persyaratan_id), SP_T(n->note), SP_I(officer->id), SP_T(now_iso)),
                       &changed);
        if (e == LK_OK && !changed) {
            *msg = "Persyaratan yang diberi catatan bukan bagian dari permohonan ini.";
            e = LK_ERR_INVALID;
        }
        if (e == LK_OK) {
            store_rows *r = store_query(c, "SELECT name FROM persyaratan WHERE id = $1", STORE_P(SP_I(n->persyaratan_id)));
            if (r && store_next(r) == 1) buf_printf(&list, "- %s: %s\n", store_text(r, 0), n->note);
            store_rows_close(r);
            notes++;
        }
    }
    if (e == LK_OK && !notes && blank(in->note)) {
        *msg = "Tulis apa yang harus diperbaiki pemohon: catatan pada persyaratan atau catatan umum.";
        e = LK_ERR_INVALID;
    }
    if (e == LK_OK)
        e = store_exec(c, "UPDATE permohonan SET status = 'perbaikan', paused_at = $2, perbaikan_position = $3 WHERE id = $1",
                       STORE_P(SP_I(p->id), SP_T(now_iso), SP_I(p->position)), NULL);
    if (e == LK_OK) {
        if (!blank(in->note)) buf_printf(&list, "%s%s\n", notes ? "\n" : "", in->note);
        const char *catatan = arena_strdup(a, buf_str(&list));
        out->status = "perbaikan";
        out->position = p->position;
        *detail = arena_printf(a, "Dikembalikan ke pemohon di tahap %d %s. %s", p->position, p->step_name, catatan);
        e = proses_event(c, p, officer, "dikembalikan", catatan, now_iso);
        const char *extra[] = {"catatan", catatan, NULL};
        if (e == LK_OK) e = proses_mail(c, a, p, "permohonan_perbaikan", base_url, extra);
    }
    buf_free(&list);
    return e;
}

/* Back to an earlier step: it runs again with a fresh SLA, the steps after it wait. */
static lk_err step_back(store_conn *c, arena *a, const account *officer, const aksi_input *in, const proses_ctx *p,
                        time_t now, const char *now_iso, aksi_result *out, const char **msg, const char **detail)
{
    if (!reason_ok(in->note, msg)) return LK_ERR_INVALID;
    int64_t exists = 0;
    lk_err e = store_query_int(c, "SELECT COUNT(*) FROM permohonan_step WHERE permohonan_id = $1 AND position = $2",
                               STORE_P(SP_I(p->id), SP_I(in->to_position)), &exists);
    if (e) return e;
    if (!exists || in->to_position >= p->position) {
        *msg = "Pilih tahap sebelumnya yang akan mengulang pemeriksaan.";
        return LK_ERR_INVALID;
    }
    e = store_exec(c, "UPDATE permohonan_step SET status = 'menunggu', started_at = NULL, due_at = NULL, finished_at = NULL,"
                      " finished_by = NULL, outcome = NULL WHERE permohonan_id = $1 AND position >= $2 AND position <= $3",
                   STORE_P(SP_I(p->id), SP_I(in->to_position), SP_I(p->position)), NULL);
    const char *name = NULL;
    if (e == LK_OK) e = start_step(c, a, p, in->to_position, now, now_iso, &name);
    if (e == LK_OK) e = set_status(c, p, "diproses", 0);
    if (e) return e;
    out->status = "diproses";
    out->position = in->to_position;
    *detail = arena_printf(a, "Dari tahap %d %s kembali ke tahap %d %s. Alasan: %s", p->position, p->step_name,
                           in->to_position, name, in->note);
    return proses_event(c, p, officer, "kembali_tahap", arena_printf(a, "Kembali ke tahap %s: %s", name, in->note), now_iso);
}

lk_err aksi_run(store_conn *c, arena *a, const account *officer, const aksi_input *in, const char *data_dir,
                const char *base_url, time_t now, aksi_result *out, const char **msg)
{
    memset(out, 0, sizeof *out);
    *msg = NULL;
    const char *now_iso = datetime_iso(a, now);
    proses_ctx p;
    lk_err e = store_begin(c);
    if (e) return e;
    e = proses_lock(c, a, officer, &in->target, now, &p, msg);
    const char *detail = NULL;
    if (e == LK_OK) {
        switch (in->kind) {
        case AKSI_TERUSKAN:
        case AKSI_SETUJUI: e = forward(c, a, officer, in, &p, data_dir, base_url, now, now_iso, out, msg, &detail); break;
        case AKSI_TOLAK: e = refuse(c, a, officer, in, &p, base_url, now_iso, out, msg, &detail); break;
        case AKSI_KEMBALIKAN: e = send_back(c, a, officer, in, &p, base_url, now_iso, out, msg, &detail); break;
        case AKSI_KEMBALI_TAHAP: e = step_back(c, a, officer, in, &p, now, now_iso, out, msg, &detail); break;
        default: e = LK_ERR_INVALID;
        }
    }
    if (e == LK_OK) e = proses_sync_current(c, p.id);
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){officer->id, officer->instansi_id, aksi_audit_name(in->kind), "permohonan",
                                           p.id, detail}, now, NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}
