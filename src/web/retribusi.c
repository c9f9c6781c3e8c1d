/* web/retribusi.c — the fee steps of an application (SPEC 4.11; issue 13 item 4):
 *   GET  /petugas/permohonan/:id/retribusi            the Bendahara's page: the SKRD, and
 *        the step's panel — Hitung Retribusi (inputs, Hitung, Tetapkan SKRD) or
 *        Konfirmasi Pembayaran (jumlah, referensi, tanggal bayar, the applicant's proof)
 *   POST /petugas/permohonan/:id/retribusi            Hitung: computes and keeps the draft
 *   POST /petugas/permohonan/:id/retribusi/tetapkan   Tetapkan SKRD
 *   POST /petugas/permohonan/:id/pembayaran           Catat Pembayaran
 *   GET  /petugas/permohonan/:id/pembayaran/bukti     the applicant's proof of payment
 *   GET  /pemohon/permohonan/:id/skrd                 the applicant's SKRD
 *   POST /pemohon/permohonan/:id/skrd/bukti           the applicant uploads a proof
 * The rules are domain/tarif/retribusi.h; these pages are keyed by application id so the
 * workflow's step-kind table can show them as the panels of those two step kinds.  An
 * officer's look at the page is an audited view of the applicant's file. */
#include "domain/permohonan/dokumen.h"
#include "domain/surat/mailer.h"
#include "domain/proses/audit.h"
#include "domain/tarif/retribusi.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/tarif_form.h"
#include <string.h>
#include <time.h>

static int64_t id_param(req *r)
{
    int64_t id = 0;
    const char *s = req_param(r, "id");
    return s && parse_int64(s, 1, INT64_MAX, &id) == 0 ? id : 0;
}

static void wake_mailer(req *r)
{
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
}

static const char *skrd_link(req *r, int64_t id)
{
    return arena_printf(r->a, "%s/pemohon/permohonan/%lld/skrd", APP(r)->base_url, (long long)id);
}

/* The SKRD's facts and lines ("skrd" in ctx), when it is at least `min_status` far. */
static void fill_skrd(req *r, tv *ctx, const retribusi *x, int drafts_too)
{
    if (!drafts_too && strcmp(x->status, "draf") == 0) return;
    tv *s = tv_set_map(ctx, "skrd");
    int draft = strcmp(x->status, "draf") == 0;
    tv_set_bool(s, "draf", draft);
    tv_set(s, "status", page_t(r, draft ? "Draf (belum ditetapkan)" : strcmp(x->status, "lunas") == 0 ? "Lunas" : "Menunggu pembayaran"));
    tv_set(s, "nomor_skrd", x->nomor_skrd);
    tv_set(s, "kode_bayar", x->kode_bayar);
    tv_set(s, "jatuh_tempo", x->jatuh_tempo ? date_long(r->a, x->jatuh_tempo) : NULL);
    tv_set(s, "ditetapkan", x->confirmed_at ? datetime_long_iso(r->a, x->confirmed_at) : NULL);
    tv_set(s, "total", dec_rupiah(r->a, dec_from_int(x->total)));
    tarif_form_lines(r, tv_set_list(s, "lines"), x->baris, x->nbaris);
    if (x->paid) {
        tv *b = tv_set_map(s, "lunas_info");   /* not "bayar": the page has a "bayar" address */
        tv_set(b, "jumlah", dec_rupiah(r->a, dec_from_int(x->paid_amount)));
        tv_set(b, "referensi", x->referensi);
        tv_set(b, "tanggal", date_long(r->a, x->tanggal_bayar));
    }
    if (x->bukti_dokumen_id) tv_set(s, "bukti_at", datetime_long_iso(r->a, x->bukti_at));
}

static void fill_permohonan(tv *ctx, const retribusi_permohonan *p)
{
    tv *m = tv_set_map(ctx, "p");
    tv_set(m, "nomor", p->nomor);
    tv_set(m, "jenis_izin", p->jenis_izin);
    tv_set(m, "pemohon", p->pemohon_nama);
    tv_set(m, "tahap", p->has_step ? p->step_name : "—");
}

/* What the officer's page shows beside the SKRD.  `h`: a refused Hitung to show again;
 * `pay_msg` and `pay`: a refused payment with what was typed. */
typedef struct {
    const tarif_hasil *h;
    const tarif_masukan *m;
    const char *alert;
    const char *pay_msg;
    const char *pay_jumlah, *pay_referensi, *pay_tanggal;
} officer_view;

static void officer_page(req *r, store_conn *c, int status, const account *me, const retribusi_permohonan *p,
                         const officer_view *v)
{
    tv *ctx = page_new(r, "Retribusi", "retribusi");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_setf(ctx, "action", "/petugas/permohonan/%lld/retribusi", (long long)p->id);
    tv_setf(ctx, "tetapkan", "/petugas/permohonan/%lld/retribusi/tetapkan", (long long)p->id);
    tv_setf(ctx, "bayar", "/petugas/permohonan/%lld/pembayaran", (long long)p->id);
    tv_setf(ctx, "lacak", "/petugas/permohonan/%lld/lacak", (long long)p->id);
    fill_permohonan(ctx, p);
    const char *pesan = req_query(r, "pesan");
    static const char *const notices[][2] = {
        {"dihitung", "Retribusi dihitung. Periksa rinciannya, lalu tetapkan SKRD."},
        {"ditetapkan", "SKRD ditetapkan dan dikirim ke pemohon."},
        {"lunas", "Pembayaran dicatat. Tahap ini dapat diteruskan."},
    };
    for (size_t i = 0; pesan && i < sizeof notices / sizeof notices[0]; i++)
        if (strcmp(pesan, notices[i][0]) == 0) tv_set(ctx, "notice", page_t(r, notices[i][1]));
    if (v && v->alert) tv_set(ctx, "alert", page_t(r, v->alert));

    retribusi x;
    lk_err e = retribusi_get(c, r->a, p->id, &x);
    int has = e == LK_OK;
    if (has) fill_skrd(r, ctx, &x, 1);
    const char *why = NULL;   /* the panels' refusals are not shown: the page says what is open */
    int hitung = retribusi_officer_may(c, me, p, "hitung_retribusi", &why) == LK_OK && (!has || strcmp(x.status, "draf") == 0);
    int bayar = retribusi_officer_may(c, me, p, "konfirmasi_pembayaran", &why) == LK_OK && has && strcmp(x.status, "ditetapkan") == 0;
    if (hitung) {
        tarif t;
        lk_err te = tarif_in_force(c, r->a, p->jenis_izin_id, tarif_date_of(r->a, time(NULL)), &t);
        tv *panel = tv_set_map(ctx, "hitung");
        if (te == LK_OK) {
            tarif_masukan start;
            if (v && v->m) start = *v->m;
            else if (has) tarif_masukan_from_json(r->a, &t, x.masukan, &start);
            else tarif_masukan_from_data_teknis(r->a, &t, p->data_teknis, &start);
            tarif_form_fields(r, ctx, &t, &start, v ? v->h : NULL);
            if (v && v->h) tarif_form_result(r, ctx, v->h);
            tv_set_bool(panel, "can_confirm", has && !(v && v->h));
        } else {
            tv_set(panel, "no_tarif", page_t(r, "Tarif jenis izin ini belum ditetapkan; minta Admin Instansi mengisinya di Tarif Retribusi."));
        }
    }
    if (bayar) {
        tv *panel = tv_set_map(ctx, "pembayaran");
        tv_set(panel, "jumlah", v && v->pay_jumlah ? v->pay_jumlah : arena_printf(r->a, "%lld", (long long)x.total));
        tv_set(panel, "referensi", v && v->pay_referensi ? v->pay_referensi : "");
        tv_set(panel, "tanggal", v && v->pay_tanggal ? v->pay_tanggal : tarif_date_of(r->a, time(NULL)));
        if (v && v->pay_msg) tv_set(panel, "err", page_t(r, v->pay_msg));
        if (x.bukti_dokumen_id) tv_setf(panel, "bukti", "/petugas/permohonan/%lld/pembayaran/bukti", (long long)p->id);
    }
    if (!hitung && !bayar) tv_set(ctx, "no_panel", page_t(r, "Tidak ada tahap retribusi yang menunggu Anda pada permohonan ini."));
    page_send(r, status, "petugas-retribusi", ctx);
}

/* The officer, the application of their instansi, and the audited view; NULL when a
 * refusal was sent. */
static const account *officer_open(req *r, store_conn *c, retribusi_permohonan *p, int post)
{
    if (post && !web_csrf_ok(r)) {
        web_csrf_failed(r);
        return NULL;
    }
    const account *me = web_require_petugas(r, ROLE_BENDAHARA);
    if (!me) return NULL;
    int64_t id = id_param(r);
    lk_err e = id ? retribusi_permohonan_get(c, r->a, id, me->instansi_id, 0, p) : LK_ERR_NOTFOUND;
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Permohonan tidak ditemukan.");
        return NULL;
    }
    if (e) {
        page_fail(r, e);
        return NULL;
    }
    return me;
}

void handle_petugas_retribusi(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    const account *me = officer_open(r, c, &p, 0);
    if (me) {
        audit_entry en = {me->id, me->instansi_id, "retribusi.lihat", "permohonan", p.id, NULL};
        lk_err e = audit_record_alone(c, &en, time(NULL));
        if (e) page_fail(r, e);
        else officer_page(r, c, 200, me, &p, NULL);
    }
    store_release(c);
}

void handle_petugas_retribusi_hitung(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    const account *me = officer_open(r, c, &p, 1);
    if (!me) goto out;
    tarif t;
    lk_err e = tarif_in_force(c, r->a, p.jenis_izin_id, tarif_date_of(r->a, time(NULL)), &t);
    tarif_masukan m = {0};
    if (e == LK_OK) tarif_form_read(r, &t, 0, &m);
    else if (e != LK_ERR_NOTFOUND) {
        page_fail(r, e);
        goto out;
    }
    tarif_hasil h;
    const char *msg = NULL;
    e = retribusi_assess(c, r->a, me, p.id, &m, time(NULL), &h, &msg);
    if (e == LK_OK) {
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/permohonan/%lld/retribusi?pesan=dihitung", (long long)p.id));
    } else if (e == LK_ERR_INVALID || e == LK_ERR_CONFLICT || e == LK_ERR_DENIED) {
        officer_view v = {.h = msg ? NULL : &h, .m = &m, .alert = msg};
        officer_page(r, c, e == LK_ERR_INVALID ? 400 : e == LK_ERR_CONFLICT ? 409 : 403, me, &p, &v);
    } else {
        page_fail(r, e);
    }
out:
    store_release(c);
}

void handle_petugas_retribusi_tetapkan(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    const account *me = officer_open(r, c, &p, 1);
    if (!me) goto out;
    const char *msg = NULL;
    lk_err e = retribusi_confirm(c, r->a, me, p.id, skrd_link(r, p.id), time(NULL), &msg);
    if (e == LK_OK) {
        wake_mailer(r);
        log_info("retribusi: SKRD of permohonan %lld confirmed by account %lld", (long long)p.id, (long long)me->id);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/permohonan/%lld/retribusi?pesan=ditetapkan", (long long)p.id));
    } else if (msg) {
        officer_view v = {.alert = msg};
        officer_page(r, c, e == LK_ERR_DENIED ? 403 : 409, me, &p, &v);
    } else {
        page_fail(r, e);
    }
out:
    store_release(c);
}

void handle_petugas_pembayaran(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    const account *me = officer_open(r, c, &p, 1);
    if (!me) goto out;
    const char *msg = NULL;
    const char *jumlah = req_form(r, "jumlah"), *ref = req_form(r, "referensi"), *tgl = req_form(r, "tanggal_bayar");
    lk_err e = pembayaran_record(c, r->a, me, p.id, jumlah, ref, tgl, skrd_link(r, p.id), time(NULL), &msg);
    if (e == LK_OK) {
        wake_mailer(r);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/permohonan/%lld/retribusi?pesan=lunas", (long long)p.id));
    } else if (e == LK_ERR_DENIED) {
        officer_view v = {.alert = msg};
        officer_page(r, c, 403, me, &p, &v);
    } else if (msg) {
        officer_view v = {.pay_msg = msg, .pay_jumlah = jumlah, .pay_referensi = ref, .pay_tanggal = tgl};
        /* A payment already recorded has no form left to show the message in. */
        if (e == LK_ERR_CONFLICT) v.alert = msg;
        officer_page(r, c, e == LK_ERR_CONFLICT ? 409 : 400, me, &p, &v);
    } else {
        page_fail(r, e);
    }
out:
    store_release(c);
}

void handle_petugas_pembayaran_bukti(req *r)
{
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    const account *me = officer_open(r, c, &p, 0);
    if (!me) goto out;
    retribusi x;
    dokumen d;
    lk_err e = retribusi_get(c, r->a, p.id, &x);
    if (!e && !x.bukti_dokumen_id) e = LK_ERR_NOTFOUND;
    if (!e) e = dokumen_get(c, r->a, p.account_id, x.bukti_dokumen_id, &d);
    if (!e) {
        audit_entry en = {me->id, me->instansi_id, "pembayaran.bukti_lihat", "permohonan", p.id, d.file_name};
        e = audit_record_alone(c, &en, time(NULL));
    }
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Bukti bayar tidak ditemukan.");
    else if (e) page_fail(r, e);
    else {
        resp_header(r, "Cache-Control", "private, no-store");
        resp_file(r, arena_printf(r->a, "%s/files/%s", APP(r)->data_dir, d.storage_name), d.content_type, d.file_name);
    }
out:
    store_release(c);
}

/* ---- the applicant ---- */

static void pemohon_page(req *r, store_conn *c, int status, const retribusi_permohonan *p, const char *err)
{
    tv *ctx = page_new(r, "SKRD", "profil");
    tv_set(ctx, "csrf", web_csrf(r));
    fill_permohonan(ctx, p);
    tv_setf(ctx, "lacak", "/pemohon/permohonan/%lld/lacak", (long long)p->id);
    tv_setf(ctx, "unggah", "/pemohon/permohonan/%lld/skrd/bukti", (long long)p->id);
    tv_set(ctx, "max_mb", arena_printf(r->a, "%u", APP(r)->max_upload_mb));
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "bukti") == 0) tv_set(ctx, "notice", page_t(r, "Bukti bayar terkirim. Petugas akan memeriksanya."));
    retribusi x;
    lk_err e = retribusi_get(c, r->a, p->id, &x);
    if (e && e != LK_ERR_NOTFOUND) {
        page_fail(r, e);
        return;
    }
    if (e == LK_OK) fill_skrd(r, ctx, &x, 0);
    tv_set_bool(ctx, "belum", e == LK_ERR_NOTFOUND || strcmp(x.status, "draf") == 0);
    tv_set_bool(ctx, "upload", e == LK_OK && strcmp(x.status, "ditetapkan") == 0);
    if (err) tv_set(ctx, "err", page_t(r, err));
    page_send(r, status, "pemohon-skrd", ctx);
}

void handle_pemohon_skrd(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    int64_t id = id_param(r);
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    lk_err e = id ? retribusi_permohonan_get(c, r->a, id, 0, me->id, &p) : LK_ERR_NOTFOUND;
    if (e == LK_OK) pemohon_page(r, c, 200, &p, NULL);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Permohonan tidak ditemukan.");
    else page_fail(r, e);
    store_release(c);
}

void handle_pemohon_skrd_bukti(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int64_t id = id_param(r);
    store_conn *c = store_acquire(APP(r)->db);
    retribusi_permohonan p;
    lk_err e = id ? retribusi_permohonan_get(c, r->a, id, 0, me->id, &p) : LK_ERR_NOTFOUND;
    if (e) {
        if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Permohonan tidak ditemukan.");
        else page_fail(r, e);
        goto out;
    }
    http_upload *u = req_upload(r, "berkas");
    if (!u || (u->size == 0 && (!u->file_name || !*u->file_name))) {
        pemohon_page(r, c, 400, &p, "Pilih berkas bukti bayar yang akan diunggah.");
        goto out;
    }
    const char *msg = NULL;
    e = retribusi_bukti(c, r->a, APP(r)->data_dir, me->id, p.id, u->tmp_path, u->file_name, &msg);
    if (e == LK_OK) {
        req_upload_claim(u);
        resp_redirect(r, 303, arena_printf(r->a, "/pemohon/permohonan/%lld/skrd?pesan=bukti", (long long)p.id));
    } else if (msg) {
        pemohon_page(r, c, e == LK_ERR_CONFLICT ? 409 : 400, &p, msg);
    } else {
        page_fail(r, e);
    }
out:
    store_release(c);
}
