/* domain/proses/guard.c — the gate of officer changes, mails and events (see guard.h). */
#include "domain/proses/guard.h"
#include "domain/surat/outbox.h"
#include "util/datetime.h"
#include <string.h>

int proses_has_role(const account *officer, const char *role_key)
{
    unsigned bits = 0;
    return role_key && roles_parse(role_key, &bits) == 0 && (officer->roles & bits) != 0;
}

static lk_err load(store_conn *c, arena *a, int64_t id, proses_ctx *o, int64_t *claimed_by)
{
    store_rows *r = store_query(c,
        "SELECT p.id, p.account_id, p.instansi_id, COALESCE(p.unit_id, 0), p.status, p.nomor, j.name, i.office_name,"
        " ap.nama, ap.email, p.version, COALESCE(p.claimed_by, 0),"
        " s.id, s.position, s.sla_days, s.name, s.role_key, s.kind, s.due_at"
        " FROM permohonan p JOIN instansi i ON i.id = p.instansi_id JOIN account ap ON ap.id = p.account_id"
        " LEFT JOIN jenis_izin j ON j.id = p.jenis_izin_id"
        " LEFT JOIN permohonan_step s ON s.permohonan_id = p.id AND s.status = 'berjalan'"
        " WHERE p.id = $1 AND p.status <> 'draft'",
        STORE_P(SP_I(id)));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        o->id = store_int(r, 0);
        o->applicant_id = store_int(r, 1);
        o->instansi_id = store_int(r, 2);
        o->unit_id = store_int(r, 3);
        o->status = arena_strdup(a, store_text(r, 4));
        o->nomor = arena_strdup(a, store_text(r, 5));
        o->jenis_izin = arena_strdup(a, store_text(r, 6) ? store_text(r, 6) : "");
        o->office_name = arena_strdup(a, store_text(r, 7));
        o->applicant_nama = arena_strdup(a, store_text(r, 8));
        o->applicant_email = arena_strdup(a, store_text(r, 9));
        o->version = store_int(r, 10);
        *claimed_by = store_int(r, 11);
        o->step_id = store_int(r, 12);
        o->position = (int)store_int(r, 13);
        o->sla_days = (int)store_int(r, 14);
        o->step_name = arena_strdup(a, store_text(r, 15));
        o->role_key = arena_strdup(a, store_text(r, 16));
        o->kind = arena_strdup(a, store_text(r, 17));
        o->due_at = arena_strdup(a, store_text(r, 18));
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : got == 0 ? LK_ERR_NOTFOUND : LK_OK;
}

/* 1 if the officer works in the unit: listed in account_unit, or no rows at all. */
static lk_err works_in_unit(store_conn *c, int64_t officer_id, int64_t unit_id, int *yes)
{
    int64_t n = 0;
    lk_err e = store_query_int(c,
        "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM account_unit WHERE account_id = $1) THEN 1"
        " WHEN EXISTS (SELECT 1 FROM account_unit WHERE account_id = $1 AND unit_id = $2) THEN 1 ELSE 0 END",
        STORE_P(SP_I(officer_id), SP_I(unit_id)), &n);
    *yes = n == 1;
    return e;
}

lk_err proses_lock(store_conn *c, arena *a, const account *officer, const proses_target *t, time_t now,
                   proses_ctx *out, const char **msg)
{
    memset(out, 0, sizeof *out);
    *msg = NULL;
    int64_t bumped = 0, claimed_by = 0;
    lk_err e = store_exec(c,
        "UPDATE permohonan SET version = version + 1, updated_at = $4"
        " WHERE id = $1 AND instansi_id = $2 AND version = $3 AND status IN ('diajukan', 'diproses')",
        STORE_P(SP_I(t->permohonan_id), SP_I(officer->instansi_id), SP_I(t->version), SP_T(datetime_iso(a, now))),
        &bumped);
    if (e == LK_OK) e = load(c, a, t->permohonan_id, out, &claimed_by);
    if (e == LK_ERR_NOTFOUND) {
        *msg = "Permohonan tidak ditemukan.";
        return e;
    }
    if (e) return e;
    if (out->instansi_id != officer->instansi_id) {
        *msg = "Permohonan ini milik instansi lain.";
        return LK_ERR_DENIED;
    }
    if (strcmp(out->status, "diajukan") != 0 && strcmp(out->status, "diproses") != 0) {
        *msg = strcmp(out->status, "perbaikan") == 0
             ? "Permohonan ini sedang dikembalikan ke pemohon untuk perbaikan; tidak ada yang berubah."
             : "Permohonan ini sudah selesai diproses; tidak ada yang berubah.";
        return LK_ERR_CONFLICT;
    }
    if (!bumped || !out->step_id || out->position != t->position) {
        *msg = "Permohonan ini sudah diubah oleh petugas lain sejak halaman ini dibuka; tidak ada yang berubah. "
               "Periksa keadaannya yang terbaru di bawah ini.";
        return LK_ERR_CONFLICT;
    }
    if (!proses_has_role(officer, out->role_key)) {
        *msg = "Tahap ini bukan tugas peran Anda.";
        return LK_ERR_DENIED;
    }
    int in_unit = 0;
    e = works_in_unit(c, officer->id, out->unit_id, &in_unit);
    if (e) return e;
    if (!in_unit) {
        *msg = "Permohonan ini bukan dari unit kerja Anda.";
        return LK_ERR_DENIED;
    }
    if (claimed_by && claimed_by != officer->id) {
        const char *nama = "petugas lain";
        store_rows *r = store_query(c, "SELECT nama FROM account WHERE id = $1", STORE_P(SP_I(claimed_by)));
        if (r && store_next(r) == 1) nama = arena_strdup(a, store_text(r, 0));
        store_rows_close(r);
        *msg = arena_printf(a, "Permohonan ini sedang dikerjakan oleh %s; tidak ada yang berubah.", nama);
        return LK_ERR_CONFLICT;
    }
    out->version = t->version + 1;
    out->claimed_by = officer->id;
    if (!claimed_by)
        e = store_exec(c, "UPDATE permohonan SET claimed_by = $2, claimed_at = $3 WHERE id = $1",
                       STORE_P(SP_I(out->id), SP_I(officer->id), SP_T(datetime_iso(a, now))), NULL);
    return e;
}

lk_err proses_mail(store_conn *c, arena *a, const proses_ctx *p, const char *kind, const char *base_url,
                   const char *const *extra)
{
    const char *link = arena_printf(a, "%s/pemohon/permohonan/%lld/lacak", base_url, (long long)p->id);
    const char *vars[24] = {"nama", p->applicant_nama, "nomor", p->nomor, "jenis_izin", p->jenis_izin,
                            "instansi", p->office_name, "link", link};
    size_t n = 10;
    for (size_t i = 0; extra && extra[i] && extra[i + 1] && n + 2 < sizeof vars / sizeof *vars; i += 2) {
        vars[n++] = extra[i];
        vars[n++] = extra[i + 1];
    }
    vars[n] = NULL;
    const char *subject = NULL, *body = NULL, *lang = "id";
    lk_err e = account_lang(c, p->applicant_id, &lang);
    if (e == LK_OK) e = mail_compose(lang, kind, vars, a, &subject, &body);
    if (e == LK_OK) e = outbox_queue(c, p->instansi_id, kind, p->applicant_email, subject, body);
    return e;
}

lk_err proses_event(store_conn *c, const proses_ctx *p, const account *who, const char *kind, const char *note,
                    const char *now_iso)
{
    int officer = who && strcmp(who->kind, "pemohon") != 0;
    return store_exec(c,
        "INSERT INTO permohonan_event (permohonan_id, at, account_id, role_key, kind, note) VALUES ($1, $2, $3, $4, $5, $6)",
        STORE_P(SP_I(p->id), SP_T(now_iso), who ? SP_I(who->id) : SP_N, officer ? SP_T(p->role_key) : SP_N, SP_T(kind),
                SP_T(note && *note ? note : NULL)),
        NULL);
}
