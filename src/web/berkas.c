/* web/berkas.c — the officer's application page and its actions (SPEC 5.1–5.3, issue 7
 * items 4–6):
 *   GET  /petugas/permohonan/:id                 the applicant's data, company, data
 *        teknis, every requirement with its file previewed inline, the workflow with due
 *        dates, the history, and the current step's panel and actions (the view is
 *        recorded in the audit trail)
 *   GET  /petugas/permohonan/:id/dokumen/:did    a file of it, inline (each view audited)
 *   POST /petugas/permohonan/:id/aksi            aksi = ambil | periksa | rekomendasi |
 *        teruskan | setujui | tolak | kembalikan | kembali | alihkan | tte_totp, with the
 *        versi and tahap the page was shown with; at tanda tangan, teruskan also carries
 *        the electronic signature's tte_passphrase or tte_totp (never shown again)
 *   POST /petugas/permohonan/:id/tinjau          tinjau lapangan: jadwal and the report
 *        (multipart)
 * A refused action shows the page again with the reason and everything the officer
 * typed (400 bad input, 403 not theirs, 409 someone else acted first). */
#include "domain/akun/approval.h"
#include "domain/izin/izin_tte.h"
#include "domain/permohonan/lacak.h"
#include "domain/permohonan/perusahaan.h"
#include "domain/proses/aksi.h"
#include "domain/proses/berkas.h"
#include "domain/proses/inbox.h"
#include "domain/proses/step_kind.h"
#include "domain/proses/step_records.h"
#include "domain/surat/mailer.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/applicant_view.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/lacak_view.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>

static int64_t id_param(req *r, const char *name)
{
    int64_t v = 0;
    return parse_int64(req_param(r, name), 1, INT64_MAX, &v) == 0 ? v : 0;
}

/* A posted field when the page is shown again after a refusal, else `stored`. */
static const char *typed(req *r, int posted, const char *name, const char *stored)
{
    const char *v = posted ? req_form(r, name) : NULL;
    return v ? v : stored ? stored : "";
}

static int is_image(const char *mime)
{
    return mime && strncmp(mime, "image/", 6) == 0;
}

/* The requirement rows, with the check form's values when the officer can check. */
static void fill_syarat(req *r, const berkas *b, int posted, tv *ctx)
{
    tv *list = tv_set_list(ctx, "syarat");
    for (size_t i = 0; i < b->p.syarat_count; i++) {
        const permohonan_syarat *s = &b->p.syarat[i];
        tv *row = tv_push_map(list);
        tv_set_int(row, "pid", s->persyaratan_id);
        tv_set_int(row, "no", (long long)i + 1);
        tv_set(row, "name", s->name);
        tv_set_bool(row, "wajib", s->wajib);
        if (s->dokumen_id) {
            tv_set(row, "file_href", arena_printf(r->a, "/petugas/permohonan/%lld/dokumen/%lld", (long long)b->p.id,
                                                  (long long)s->dokumen_id));
            tv_set(row, "file_name", s->dokumen_file_name);
            tv_set_bool(row, "file_image", is_image(s->dokumen_type));
        }
        const char *cek = typed(r, posted, arena_printf(r->a, "cek_%lld", (long long)s->persyaratan_id), s->cek);
        tv_set_bool(row, "sesuai", strcmp(cek, "sesuai") == 0);
        tv_set_bool(row, "tidak_sesuai", strcmp(cek, "tidak_sesuai") == 0);
        tv_set(row, "cek_label", !s->cek ? page_t(r, "Belum diperiksa")
                                : strcmp(s->cek, "sesuai") == 0 ? page_t(r, "Sesuai") : page_t(r, "Tidak sesuai"));
        tv_set(row, "cek_class", !s->cek ? "st" : strcmp(s->cek, "sesuai") == 0 ? "st st-selesai" : "st st-ditolak");
        tv_set(row, "cek_note", typed(r, posted, arena_printf(r->a, "cek_note_%lld", (long long)s->persyaratan_id),
                                      s->cek_note));
        tv_set(row, "catatan", typed(r, posted, arena_printf(r->a, "catatan_%lld", (long long)s->persyaratan_id),
                                     s->cek && strcmp(s->cek, "tidak_sesuai") == 0 ? s->cek_note : NULL));
    }
    tv_set_bool(ctx, "has_syarat", b->p.syarat_count > 0);
}

static void fill_data(req *r, store_conn *c, const berkas *b, tv *ctx)
{
    const permohonan *p = &b->p;
    tv *d = tv_set_map(ctx, "data");
    tv_set(d, "nomor", p->nomor);
    tv_set(d, "jenis_izin", p->jenis_izin_name);
    tv_set(d, "jenis_permohonan", page_t(r, jenis_permohonan_label(p->jp)));
    tv_set(d, "nomor_izin_lama", *p->nomor_izin_lama ? p->nomor_izin_lama : NULL);
    tv_set(d, "unit", p->unit_name);
    tv_set(d, "tipe_pemohon", page_t(r, strcmp(p->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0 ? "Perusahaan" : "Perorangan"));
    tv_set(d, "lokasi_nama", p->lokasi_nama);
    tv_set(d, "lokasi_alamat", p->lokasi_alamat);
    tv_set(d, "tanggal", datetime_long_iso(r->a, p->submitted_at));
    tv_set(d, "status", page_t(r, lacak_status_label(p->status)));
    tv_setf(d, "status_class", "st st-%s", p->status);
    perusahaan pt;
    if (p->perusahaan_id && perusahaan_get(c, r->a, p->account_id, p->perusahaan_id, &pt) == LK_OK) {
        tv *co = tv_set_map(d, "perusahaan");
        tv_set(co, "nama", pt.v[PF_NAMA]);
        tv_set(co, "bentuk", pt.v[PF_BENTUK_USAHA]);
        tv_set(co, "nib", pt.v[PF_NIB]);
        tv_set(co, "npwp", pt.v[PF_NPWP]);
        tv_set(co, "alamat", pt.v[PF_ALAMAT]);
    }
    jenis_izin_detail ji;
    tv *dt = tv_set_list(d, "teknis");
    if (permohonan_jenis_izin(c, r->a, p, &ji) == LK_OK) {
        for (size_t i = 0; i < ji.field_count; i++) {
            const char *v = permohonan_nilai_of(p, ji.fields[i].key);
            tv *f = tv_push_map(dt);
            tv_set(f, "label", ji.fields[i].label);
            tv_set(f, "value", *v ? v : "—");
            tv_set(f, "unit", ji.fields[i].unit);
        }
        tv_set_bool(d, "has_teknis", ji.field_count > 0);
    }
    applicant ap;
    if (approval_get(c, r->a, b->applicant_instansi_id, p->account_id, &ap) == LK_OK)
        applicant_view(r, tv_set_map(ctx, "pemohon"), &ap);
}

/* Tanda tangan: which electronic signature the officer's Teruskan makes, and what it
 * asks for (passphrase, TOTP), or that the PDF gets only the QR signature. */
static void fill_tte(req *r, store_conn *c, const account *me, tv *ctx)
{
    const izin_tte_config *cfg = APP(r)->tte;
    const izin_tte_signer *signer = NULL;
    if (izin_tte_choose(c, cfg, me->id, &signer) != LK_OK) return;
    tv *t = tv_set_map(ctx, "tte");
    tv_set_bool(t, "remote", signer == &IZIN_TTE_REMOTE);
    tv_set_bool(t, "ask", signer != NULL);
    tv_set_bool(t, "required", cfg && cfg->required);
    izin_tte_cert cert;
    if (signer == &IZIN_TTE_LOKAL && izin_tte_cert_get(c, r->a, me->id, &cert) == LK_OK) {
        tv_set(t, "cn", cert.subject_cn);
        tv_set(t, "not_after", datetime_long_iso(r->a, cert.not_after));
    }
}

/* The current step: who has it, its panel, and which actions the officer may take. */
static void fill_step(req *r, store_conn *c, const account *me, const berkas *b, int posted, tv *ctx)
{
    tv_set_int(ctx, "versi", b->version);
    tv_set(ctx, "aksi_href", arena_printf(r->a, "/petugas/permohonan/%lld/aksi", (long long)b->p.id));
    tv_set(ctx, "tinjau_href", arena_printf(r->a, "/petugas/permohonan/%lld/tinjau", (long long)b->p.id));
    tv_set(ctx, "retribusi_href", arena_printf(r->a, "/petugas/permohonan/%lld/retribusi", (long long)b->p.id));
    if (b->claimed_by) tv_set(ctx, "claimed", b->claimed_by == me->id ? page_t(r, "Anda") : b->claimed_by_nama);
    if (b->current < 0) return;
    const berkas_step *s = &b->steps[b->current];
    int perbaikan = strcmp(b->p.status, "perbaikan") == 0;
    tv *cur = tv_set_map(ctx, "current");
    tv_set_int(cur, "position", s->position);
    tv_set(cur, "name", s->name);
    tv_set(cur, "role", page_t(r, s->role_name));
    tv_set(cur, "kind", page_t(r, step_kind_label(s->kind)));
    tv_set_bool(cur, "perbaikan", perbaikan);
    if (!perbaikan) {
        calendar cal;
        calendar_open(&cal, c, b->p.instansi_id);
        lacak_view_sla(r, &cal, s->due_at, time(NULL), cur);
        calendar_close(&cal);
    }
    int mine = proses_has_role(me, s->role_key);
    int free_or_me = !b->claimed_by || b->claimed_by == me->id;
    int can_act = mine && free_or_me && !perbaikan;
    tv_set_bool(ctx, "can_act", can_act);
    tv_set_bool(ctx, "can_claim", mine && !b->claimed_by && !perbaikan);
    tv_set_bool(ctx, "not_mine", !mine);
    tv_set_bool(ctx, "taken", mine && !free_or_me);
    const step_kind *k = step_kind_find(s->kind);
    if (can_act && k && k->panel) tv_set_bool(ctx, arena_printf(r->a, "panel_%s", k->panel), 1);
    if (can_act && strcmp(s->kind, "tanda_tangan") == 0) fill_tte(r, c, me, ctx);
    tv_set_bool(ctx, "decides", k && k->decides);
    tv_set(ctx, "jadwal", typed(r, posted, "jadwal", s->jadwal));
    if (s->laporan_dokumen_id) {
        tv_set(ctx, "laporan_href", arena_printf(r->a, "/petugas/permohonan/%lld/dokumen/%lld", (long long)b->p.id,
                                                 (long long)s->laporan_dokumen_id));
        tv_set(ctx, "laporan_name", s->laporan_file_name);
    }
    tv_set(ctx, "rekomendasi", typed(r, posted, "rekomendasi", s->catatan));
    tv_set(ctx, "catatan", typed(r, posted, "catatan", NULL));
    tv_set(ctx, "alasan", typed(r, posted, "alasan", NULL));
    tv_set(ctx, "alasan_kembali", typed(r, posted, "alasan_kembali", NULL));
    tv_set(ctx, "catatan_umum", typed(r, posted, "catatan_umum", NULL));
    tv *earlier = tv_set_list(ctx, "earlier");
    for (int i = 0; i < b->current; i++) {
        tv *o = tv_push_map(earlier);
        tv_set_int(o, "position", b->steps[i].position);
        tv_set(o, "name", b->steps[i].name);
    }
    tv_set_bool(ctx, "has_earlier", b->current > 0);
    /* Reports recorded at earlier steps stay visible (tinjau lapangan, rekomendasi). */
    tv *notes = tv_set_list(ctx, "step_notes");
    for (size_t i = 0; i < b->nsteps; i++) {
        const berkas_step *x = &b->steps[i];
        if (!x->jadwal && !x->catatan && !x->laporan_dokumen_id) continue;
        tv *n = tv_push_map(notes);
        tv_set(n, "name", x->name);
        tv_set(n, "jadwal", x->jadwal ? date_long(r->a, x->jadwal) : NULL);
        tv_set(n, "catatan", x->catatan);
        if (x->laporan_dokumen_id) {
            tv_set(n, "laporan_href", arena_printf(r->a, "/petugas/permohonan/%lld/dokumen/%lld", (long long)b->p.id,
                                                   (long long)x->laporan_dokumen_id));
            tv_set(n, "laporan_name", x->laporan_file_name);
        }
    }
    if (inbox_sees_all(me) && !perbaikan) {
        proses_officer *cands = NULL;
        size_t n = 0;
        if (proses_candidates(c, r->a, me->instansi_id, b->p.id, &cands, &n) == LK_OK) {
            tv *list = tv_set_list(ctx, "candidates");
            for (size_t i = 0; i < n; i++) {
                tv *o = tv_push_map(list);
                tv_set_int(o, "id", cands[i].id);
                tv_setf(o, "label", "%s (%s)", cands[i].nama, cands[i].username);
                tv_set_bool(o, "selected", cands[i].id == b->claimed_by);
            }
            tv_set_bool(ctx, "can_reassign", n > 0);
        }
    }
}

/* Sends the page; `posted` keeps what the officer typed, `error` says why it was refused. */
static void show(req *r, const account *me, int64_t id, int status, const char *error, const char *notice, int posted)
{
    store_conn *c = store_acquire(APP(r)->db);
    berkas b;
    lacak_detail d;
    lk_err e = berkas_get(c, r->a, me->instansi_id, id, &b);
    if (e == LK_OK) e = lacak_for_petugas(c, r->a, me->instansi_id, id, &d);
    if (e == LK_OK && !posted) e = berkas_lihat(c, me, id, time(NULL));
    if (e != LK_OK) {
        store_release(c);
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, arena_printf(r->a, "%s %s", page_t(r, "Permohonan"), b.p.nomor), "inbox");
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    fill_data(r, c, &b, ctx);
    fill_syarat(r, &b, posted, ctx);
    lacak_view_fill(r, c, &d, 1, ctx);
    fill_step(r, c, me, &b, posted, ctx);
    store_release(c);
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, status, "petugas-permohonan", ctx);
}

static const char *notice_of(const char *pesan)
{
    static const char *const NOTICES[][2] = {
        {"ambil", "Permohonan ini sekarang Anda kerjakan."},
        {"periksa", "Hasil pemeriksaan persyaratan disimpan."},
        {"rekomendasi", "Rekomendasi disimpan."},
        {"tinjau", "Jadwal dan laporan tinjau lapangan disimpan."},
        {"alihkan", "Permohonan dialihkan."},
        {"tte_totp", "Kode TOTP dikirim oleh layanan tanda tangan elektronik."},
    };
    for (size_t i = 0; pesan && i < sizeof NOTICES / sizeof *NOTICES; i++)
        if (strcmp(pesan, NOTICES[i][0]) == 0) return NOTICES[i][1];
    return NULL;
}

void handle_petugas_permohonan(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    int64_t id = id_param(r, "id");
    if (!id) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    show(r, me, id, 200, NULL, notice_of(req_query(r, "pesan")), 0);
}

void handle_petugas_berkas(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    int64_t id = id_param(r, "id"), did = id_param(r, "did");
    if (!id || !did) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    dokumen_file f;
    lk_err e = berkas_file(c, r->a, me, id, did, APP(r)->data_dir, time(NULL), &f);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_file(r, f.path, f.content_type, NULL);
    resp_header(r, "Content-Disposition", "inline");
    resp_header(r, "Cache-Control", "private, no-store");
    /* Shown inside the officer's page: framing by our own pages only, nothing active. */
    resp_header(r, "Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    resp_header(r, "X-Frame-Options", "SAMEORIGIN");
}

/* The target the form was shown with; -1 when its fields are malformed. */
static int read_target(req *r, int64_t id, proses_target *t)
{
    int64_t pos = 0, ver = 0;
    const char *ps = req_form(r, "tahap"), *vs = req_form(r, "versi");
    if (!ps || !vs || parse_int64(ps, 1, 10000, &pos) != 0 || parse_int64(vs, 0, INT64_MAX, &ver) != 0) return -1;
    *t = (proses_target){id, (int)pos, ver};
    return 0;
}

static int status_of(lk_err e)
{
    switch (e) {
    case LK_ERR_INVALID: return 400;
    case LK_ERR_DENIED: return 403;
    case LK_ERR_NOTFOUND: return 404;
    case LK_ERR_CONFLICT: return 409;
    default: return 500;
    }
}

/* Answers a refused action: 403 with the reason for what is not theirs (nothing of it is
 * shown again), the error page for what does not exist or failed, else the page again
 * with the reason and what was typed. */
static void refusal(req *r, const account *me, int64_t id, lk_err e, const char *msg)
{
    if (e == LK_ERR_DENIED) {
        page_error(r, 403, msg ? msg : "Anda tidak berhak membuka halaman ini.");
        return;
    }
    if (e == LK_ERR_NOTFOUND || status_of(e) == 500) {
        page_fail(r, e);
        return;
    }
    show(r, me, id, status_of(e), msg ? msg : "Permintaan tidak sah.", NULL, 1);
}

/* The posted requirement ids (fields syarat=ID, repeated). */
static size_t posted_rows(req *r, int64_t **ids)
{
    const char **vals = NULL;
    size_t n = req_form_all(r, "syarat", &vals);
    *ids = arena_alloc(r->a, (n + 1) * sizeof **ids);
    size_t k = 0;
    for (size_t i = 0; i < n && i < 200; i++) {
        int64_t v = 0;
        if (parse_int64(vals[i], 1, INT64_MAX, &v) == 0) (*ids)[k++] = v;
    }
    return k;
}

static const char *field_of(req *r, const char *prefix, int64_t pid)
{
    return req_form(r, arena_printf(r->a, "%s_%lld", prefix, (long long)pid));
}

static const char *redirect_notice(aksi_kind k, const aksi_result *res)
{
    if (k == AKSI_TOLAK) return "ditolak";
    if (k == AKSI_KEMBALIKAN) return "dikembalikan";
    if (k == AKSI_KEMBALI_TAHAP) return "kembali";
    if (k == AKSI_SETUJUI) return "disetujui";
    return strcmp(res->status, "selesai") == 0 ? "selesai" : "diteruskan";
}

/* The start of every officer POST here: an officer, a valid CSRF token, a numeric id
 * (0 when it is not: the caller answers 404).  Sends the refusal itself and returns -1. */
static int officer_post(req *r, const account **me, int64_t *id)
{
    *me = web_require_petugas(r, 0);
    if (!*me) return -1;
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return -1;
    }
    *id = id_param(r, "id");
    return 0;
}

/* The action itself, after officer_post passed: on the request thread, or on the
 * background pool when it unlocks a sealed certificate (handle_petugas_aksi). */
static void petugas_aksi_work(req *r)
{
    const account *me = web_account(r);
    int64_t id = id_param(r, "id");
    proses_target t;
    const char *aksi = req_form(r, "aksi");
    if (!id) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    if (!aksi || read_target(r, id, &t) != 0) {
        show(r, me, id, 400, "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi.", NULL, 1);
        return;
    }
    static const struct { const char *key; aksi_kind kind; } MOVES[] = {
        {"teruskan", AKSI_TERUSKAN}, {"setujui", AKSI_SETUJUI}, {"tolak", AKSI_TOLAK},
        {"kembalikan", AKSI_KEMBALIKAN}, {"kembali", AKSI_KEMBALI_TAHAP},
    };
    time_t now = time(NULL);
    const char *msg = NULL;
    lk_err e = LK_ERR_INVALID;
    store_conn *c = store_acquire(APP(r)->db);
    for (size_t i = 0; i < sizeof MOVES / sizeof *MOVES; i++) {
        if (strcmp(aksi, MOVES[i].key) != 0) continue;
        aksi_input in = {.kind = MOVES[i].kind, .target = t};
        /* Teruskan at tanda tangan signs the PDF with what the signer typed. */
        izin_tte_input tte = {APP(r)->tte, req_form(r, "tte_passphrase"), req_form(r, "tte_totp")};
        if (in.kind == AKSI_TERUSKAN) in.tte = &tte;
        if (in.kind == AKSI_TOLAK) in.note = req_form(r, "alasan");
        else if (in.kind == AKSI_KEMBALI_TAHAP) in.note = req_form(r, "alasan_kembali");
        else if (in.kind == AKSI_KEMBALIKAN) in.note = req_form(r, "catatan_umum");
        else in.note = req_form(r, "catatan");
        if (in.kind == AKSI_KEMBALI_TAHAP) {
            int64_t to = 0;
            const char *ts = req_form(r, "ke_tahap");
            in.to_position = ts && parse_int64(ts, 1, 10000, &to) == 0 ? (int)to : 0;
        }
        if (in.kind == AKSI_KEMBALIKAN) {
            int64_t *ids = NULL;
            size_t n = posted_rows(r, &ids);
            aksi_catatan *notes = arena_alloc(r->a, (n + 1) * sizeof *notes);
            for (size_t j = 0; j < n; j++) {
                const char *v = field_of(r, "catatan", ids[j]);
                notes[j] = (aksi_catatan){ids[j], v ? v : ""};
            }
            in.catatan = notes;
            in.ncatatan = n;
        }
        aksi_result res;
        e = aksi_run(c, r->a, me, &in, APP(r)->data_dir, APP(r)->base_url, now, &res, &msg);
        store_release(c);
        if (e == LK_OK) {
            if (APP(r)->mail) mailer_wake(APP(r)->mail);
            resp_redirect(r, 303, arena_printf(r->a, "/petugas/inbox?pesan=%s&nomor=%lld", redirect_notice(in.kind, &res),
                                               (long long)id));
            return;
        }
        goto refused;
    }
    const char *back = NULL;
    if (strcmp(aksi, "tte_totp") == 0) {
        e = izin_tte_request_totp(c, r->a, APP(r)->tte, me->id, me->email, &msg);
        back = "tte_totp";
    } else if (strcmp(aksi, "ambil") == 0) {
        e = proses_ambil(c, r->a, me, &t, now, &msg);
        back = "ambil";
    } else if (strcmp(aksi, "rekomendasi") == 0) {
        e = proses_rekomendasi(c, r->a, me, &t, req_form(r, "rekomendasi"), now, &msg);
        back = "rekomendasi";
    } else if (strcmp(aksi, "periksa") == 0) {
        int64_t *ids = NULL;
        size_t n = posted_rows(r, &ids);
        cek_input *rows = arena_alloc(r->a, (n + 1) * sizeof *rows);
        for (size_t j = 0; j < n; j++) rows[j] = (cek_input){ids[j], field_of(r, "cek", ids[j]), field_of(r, "cek_note", ids[j])};
        e = proses_cek_syarat(c, r->a, me, &t, rows, n, now, &msg);
        back = "periksa";
    } else if (strcmp(aksi, "alihkan") == 0) {
        int64_t to = 0;
        const char *ks = req_form(r, "petugas");
        e = ks && parse_int64(ks, 1, INT64_MAX, &to) == 0 ? proses_alihkan(c, r->a, me, &t, to, now, &msg) : LK_ERR_INVALID;
        if (!msg && e == LK_ERR_INVALID) msg = "Pilih petugas tujuan.";
        back = "alihkan";
    } else {
        msg = "Tindakan tidak dikenal.";
    }
    store_release(c);
    if (e == LK_OK) {
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/permohonan/%lld?pesan=%s", (long long)id, back));
        return;
    }
refused:
    refusal(r, me, id, e, msg);
}

void handle_petugas_aksi(req *r)
{
    const account *me;
    int64_t id;
    if (officer_post(r, &me, &id) != 0) return;
    /* A passphrase opens the signer's sealed certificate with Argon2id (64 MiB): that is
     * password hashing, so it runs on the hashing pool like a log-in, at its CPU share
     * and behind its bounded queue, instead of on a request thread that a loaded machine
     * starves (http/server.c renices those). */
    const char *passphrase = req_form(r, "tte_passphrase");
    if (passphrase && *passphrase) {
        web_csrf(r);   /* the session is loaded here, on the request thread */
        req_defer(r, petugas_aksi_work);
        return;
    }
    petugas_aksi_work(r);
}

void handle_petugas_tinjau(req *r)
{
    const account *me;
    int64_t id;
    if (officer_post(r, &me, &id) != 0) return;
    proses_target t;
    if (!id) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    if (read_target(r, id, &t) != 0) {
        show(r, me, id, 400, "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi.", NULL, 1);
        return;
    }
    time_t now = time(NULL);
    const char *msg = NULL;
    int64_t laporan = 0;
    lk_err e = LK_OK;
    store_conn *c = store_acquire(APP(r)->db);
    http_upload *u = req_upload(r, "laporan");
    if (u && u->file_name && *u->file_name) {
        e = dokumen_store_upload(c, r->a, APP(r)->data_dir, me->id, "Laporan tinjau lapangan", "", "", "", u->tmp_path,
                                 u->file_name, NULL, &laporan, &msg);
        if (e == LK_OK) req_upload_claim(u);
    }
    if (e == LK_OK) e = proses_tinjau(c, r->a, me, &t, req_form(r, "jadwal"), laporan, now, &msg);
    /* A report that could not be attached leaves nothing behind. */
    if (e != LK_OK && laporan) {
        const char *ignored = NULL;
        dokumen_delete(c, r->a, APP(r)->data_dir, me->id, laporan, &ignored);
    }
    store_release(c);
    if (e == LK_OK) {
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/permohonan/%lld?pesan=tinjau", (long long)id));
        return;
    }
    refusal(r, me, id, e, msg);
}
