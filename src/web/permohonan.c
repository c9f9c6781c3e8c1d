/* web/permohonan.c — *Tambah*: the new application's pages (SPEC 4.8).
 *   GET  /pemohon/permohonan/baru               a draft (a new one, or the empty one the
 *                                                applicant already has), then its page
 *   GET  /pemohon/permohonan/:id                the draft's page; a submitted application
 *                                                goes to its tracking page
 *   POST /pemohon/permohonan/:id                aksi=simpan (Simpan) or pilih (the lists'
 *                                                "Pilih" without JavaScript): saves the draft
 *   POST /pemohon/permohonan/:id/syarat/:pid    an upload for one requirement (multipart;
 *                                                answers JSON to permohonan.js)
 *   POST /pemohon/permohonan/:id/buat           *Buat*: saves what the form carries (when it
 *                                                is the draft form), then submits
 *   GET  /pemohon/permohonan/:id/bukti          the bukti pendaftaran (PDF)
 * The rules live in domain/permohonan/permohonan.h; rendering is in web/permohonan_view.c.  Only the
 * owner sees a draft: another applicant's id is answered 404.
 *
 * The same pages serve a counter officer entering an application for a walk-in
 * (web/loket.c): the permohonan_page_* functions take a permohonan_where saying whose
 * application it is and where its pages live, and an officer's changes are written with
 * an audit record in the same transaction.
 *
 * Connections: the session is loaded (web_require_pemohon, web_csrf_ok) before a store
 * connection is taken, so a handler never holds one connection while waiting for another. */
#include "domain/surat/mailer.h"
#include "domain/permohonan/permohonan.h"
#include "html/escape.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/permohonan.h"
#include "web/permohonan_view.h"
#include "domain/proses/audit.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ":name" as a positive id, or 0. */
static int64_t id_param(req *r, const char *name)
{
    const char *s = req_param(r, name);
    int64_t v = 0;
    return s && parse_int64(s, 1, INT64_MAX, &v) == 0 ? v : 0;
}

static void not_found(req *r)
{
    page_error(r, 404, "Permohonan tidak ditemukan.");
}

void handle_permohonan_baru(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    int64_t id = 0;
    lk_err e = permohonan_draft_new(c, me->id, me->instansi_id, &id);
    store_release(c);
    if (e == LK_ERR_TOOBIG)
        page_error(r, 409, "Terlalu banyak draf permohonan. Selesaikan atau hapus draf yang ada di tab Permohonan.");
    else if (e != LK_OK) page_fail(r, e);
    else resp_redirect(r, 303, arena_printf(r->a, "/pemohon/permohonan/%lld", (long long)id));
}

/* An officer's change is one transaction with its audit record: begin before the domain
 * call (whose own transaction joins this one, store.h) ... */
static lk_err officer_begin(store_conn *c, const permohonan_where *w)
{
    return w->officer ? store_begin(c) : LK_OK;
}

/* ... and after it, the record and the commit, or the rollback when the call failed. */
static lk_err officer_end(store_conn *c, const permohonan_where *w, lk_err e, const char *action, int64_t id,
                          const char *detail)
{
    if (!w->officer) return e;
    if (e == LK_OK)
        e = audit_record(c, &(audit_entry){w->officer->id, w->officer->instansi_id, action, "permohonan", id, detail},
                         time(NULL), NULL);
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

void handle_permohonan_draft(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_draft(r, &w, id_param(r, "id"));
}

void permohonan_page_draft(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) {
        not_found(r);
        return;
    }
    const char *csrf = web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK && strcmp(p.status, "draft") != 0)
        resp_redirect(r, 303, arena_printf(r->a, "%s/%lld/lacak", w->lacak, (long long)id));
    else if (e == LK_OK) {
        /* An officer's look at the applicant's data and documents is on the record. */
        if (w->officer) e = officer_end(c, w, officer_begin(c, w), "permohonan.lihat_loket", id, NULL);
        permohonan_issues none = {0};
        const char *notice = req_query(r, "tersimpan") ? "Draf permohonan tersimpan."
                           : req_query(r, "terunggah") ? "Berkas terunggah dan dipilih untuk persyaratan ini. Jangan lupa centang Terpenuhi."
                           : NULL;
        e = permohonan_view_draft_at(r, c, w, csrf, &p, &none, notice, 200);
    }
    store_release(c);
    if (e == LK_ERR_NOTFOUND) not_found(r);
    else if (e != LK_OK) page_fail(r, e);
}

/* What the draft form posted, for the draft's current jenis izin (rows not in the draft
 * are ignored by permohonan_draft_save). */
static void read_input(req *r, const permohonan_where *w, const jenis_izin_detail *ji, permohonan_input *in)
{
    memset(in, 0, sizeof *in);
    in->jenis_permohonan = req_form(r, "jenis_permohonan");
    in->nomor_izin_lama = req_form(r, "nomor_izin_lama");
    /* At the counter the application stays in the officer's instansi. */
    in->instansi = w->officer ? NULL : req_form(r, "instansi");
    in->unit = req_form(r, "unit");
    in->jenis_izin = req_form(r, "jenis_izin");
    in->tipe_pemohon = req_form(r, "tipe_pemohon");
    in->perusahaan = req_form(r, "perusahaan");
    in->lokasi_nama = req_form(r, "lokasi_nama");
    in->lokasi_alamat = req_form(r, "lokasi_alamat");
    if (ji) {
        permohonan_nilai *values = arena_alloc(r->a, (ji->field_count + 1) * sizeof *values);
        for (size_t i = 0; i < ji->field_count; i++) {
            values[i].key = ji->fields[i].key;
            values[i].value = req_form(r, arena_printf(r->a, "dt_%s", ji->fields[i].key));
        }
        in->data_teknis = values;
        in->data_teknis_count = ji->field_count;
    }
    const char **shown = NULL;
    size_t n = req_form_all(r, "syarat", &shown);
    permohonan_pilihan *rows = arena_alloc(r->a, (n + 1) * sizeof *rows);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t pid = 0;
        if (parse_int64(shown[i], 1, INT64_MAX, &pid) != 0) continue;
        rows[count].persyaratan_id = pid;
        rows[count].dokumen = req_form(r, arena_printf(r->a, "syarat_%lld_dokumen", (long long)pid));
        rows[count].terpenuhi = req_form(r, arena_printf(r->a, "syarat_%lld_terpenuhi", (long long)pid)) != NULL;
        count++;
    }
    in->syarat = rows;
    in->syarat_count = count;
}

/* Saves the posted draft form.  LK_OK with *msgs for values that were not taken. */
static lk_err save_posted(req *r, store_conn *c, const permohonan_where *w, int64_t id, permohonan_issues *msgs)
{
    permohonan p;
    jenis_izin_detail ji;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e) return e;
    if (strcmp(p.status, "draft") != 0) return LK_ERR_CONFLICT;
    lk_err je = permohonan_jenis_izin(c, r->a, &p, &ji);
    if (je != LK_OK && je != LK_ERR_NOTFOUND) return je;
    permohonan_input in;
    read_input(r, w, je == LK_OK ? &ji : NULL, &in);
    e = officer_begin(c, w);
    if (e) return e;
    e = permohonan_draft_save(c, r->a, w->owner->id, id, &in, msgs);
    return officer_end(c, w, e, "permohonan.simpan_loket", id, NULL);
}

/* The draft's page again with messages (status 400), after a refused save or Buat. */
static lk_err show_again(req *r, store_conn *c, const permohonan_where *w, int64_t id, const permohonan_issues *msgs,
                         const char *notice)
{
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK) e = permohonan_view_draft_at(r, c, w, web_csrf(r), &p, msgs, notice, 400);
    return e;
}

void handle_permohonan_simpan(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_simpan(r, &w, id_param(r, "id"));
}

void permohonan_page_simpan(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) {
        not_found(r);
        return;
    }
    web_csrf(r);
    const char *aksi = req_form(r, "aksi");
    store_conn *c = store_acquire(APP(r)->db);
    permohonan_issues msgs = {0};
    lk_err e = save_posted(r, c, w, id, &msgs);
    if (e == LK_OK && msgs.count) e = show_again(r, c, w, id, &msgs, NULL);
    else if (e == LK_OK)
        resp_redirect(r, 303, arena_printf(r->a, "%s/%lld%s", w->base, (long long)id,
                                           aksi && strcmp(aksi, "pilih") == 0 ? "#bagian-permohonan" : "?tersimpan=1"));
    else if (e == LK_ERR_CONFLICT) {
        resp_redirect(r, 303, arena_printf(r->a, "%s/%lld/lacak", w->lacak, (long long)id));
        e = LK_OK;
    }
    store_release(c);
    if (e == LK_ERR_NOTFOUND) not_found(r);
    else if (e != LK_OK) page_fail(r, e);
}

/* ---- uploads for one requirement ------------------------------------------------ */

static int wants_json(req *r)
{
    const char *accept = req_header(r, "Accept");
    return accept && strstr(accept, "application/json") != NULL;
}

/* A refused file without JavaScript: the draft's page again, the message beside the row. */
static void upload_refused_page(req *r, const permohonan_where *w, int64_t id, int64_t pid, const char *msg)
{
    store_conn *c = store_acquire(APP(r)->db);
    permohonan p;
    permohonan_issues msgs = {0};
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    const char *name = NULL;
    for (size_t i = 0; e == LK_OK && i < p.syarat_count; i++)
        if (p.syarat[i].persyaratan_id == pid) name = p.syarat[i].name;
    if (e == LK_OK && name && strcmp(p.status, "draft") == 0) {
        permohonan_issue issue = {arena_printf(r->a, "syarat-%lld", (long long)pid), name, msg};
        msgs.items = &issue;
        msgs.count = msgs.cap = 1;
        e = permohonan_view_draft_at(r, c, w, web_csrf(r), &p, &msgs, NULL, 400);
    } else if (e == LK_OK) {
        page_error(r, 400, msg);
    }
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

static void upload_answer(req *r, const permohonan_where *w, int status, int64_t id, int64_t pid, int64_t dokumen_id,
                          const char *label, const char *msg)
{
    if (!wants_json(r)) {
        if (status == 200)
            resp_redirect(r, 303, arena_printf(r->a, "%s/%lld?terunggah=1#syarat-%lld", w->base, (long long)id,
                                               (long long)pid));
        else if (status == 400)
            upload_refused_page(r, w, id, pid, msg);
        else
            page_error(r, status, msg);
        return;
    }
    buf b = BUF_INIT;
    if (status == 200) {
        buf_printf(&b, "{\"ok\":true,\"dokumen\":%lld,\"label\":", (long long)dokumen_id);
        json_escape(&b, label, strlen(label));
    } else {
        buf_puts(&b, "{\"ok\":false,\"pesan\":");
        json_escape(&b, page_t(r, msg), strlen(page_t(r, msg)));
    }
    buf_puts(&b, "}");
    resp_text(r, status, "application/json; charset=utf-8", buf_str(&b));
    buf_free(&b);
}

void handle_permohonan_unggah(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_unggah(r, &w, id_param(r, "id"), id_param(r, "pid"));
}

void permohonan_page_unggah(req *r, const permohonan_where *w, int64_t id, int64_t pid)
{
    if (!id || !pid) {
        not_found(r);
        return;
    }
    http_upload *u = req_upload(r, "berkas");
    if (!u || (u->size == 0 && (!u->file_name || !*u->file_name))) {
        upload_answer(r, w, 400, id, pid, 0, NULL, "Pilih berkas yang akan diunggah.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    int64_t dokumen_id = 0;
    const char *msg = NULL;
    lk_err e = officer_begin(c, w);
    if (e == LK_OK) {
        e = permohonan_attach_upload(c, r->a, APP(r)->data_dir, w->owner->id, id, pid, u->tmp_path, u->file_name,
                                     &dokumen_id, &msg);
        e = officer_end(c, w, e, "permohonan.unggah_loket", id, u->file_name);
    }
    store_release(c);
    if (e == LK_OK) {
        req_upload_claim(u);   /* moved into the locker: nothing left to delete */
        upload_answer(r, w, 200, id, pid, dokumen_id, u->file_name, NULL);
    } else if (e == LK_ERR_NOTFOUND) {
        upload_answer(r, w, 404, id, pid, 0, NULL, "Permohonan tidak ditemukan.");
    } else if (e == LK_ERR_INVALID) {
        upload_answer(r, w, 400, id, pid, 0, NULL, msg);
    } else if (e == LK_ERR_CONFLICT) {
        upload_answer(r, w, 409, id, pid, 0, NULL, msg ? msg : "Permohonan ini sudah diajukan.");
    } else {
        log_error("permohonan %lld: upload not stored: %s", (long long)id, lk_err_name(e));
        upload_answer(r, w, 500, id, pid, 0, NULL, msg ? msg : "Berkas unggahan tidak dapat disimpan.");
    }
}

/* ---- Buat ----------------------------------------------------------------------- */

void handle_permohonan_buat(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_buat(r, &w, id_param(r, "id"));
}

void permohonan_page_buat(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) {
        not_found(r);
        return;
    }
    web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    permohonan_issues msgs = {0};
    lk_err e = LK_OK;
    /* From the draft form, what it carries is saved first; a refused value stops Buat. */
    if (req_form(r, "draft")) {
        e = save_posted(r, c, w, id, &msgs);
        if (e == LK_ERR_CONFLICT) e = LK_OK;   /* submitted already: answered below */
        if (e == LK_OK && msgs.count) {
            e = show_again(r, c, w, id, &msgs, "Periksa isian berikut sebelum Buat.");
            goto out;
        }
        if (e) goto out;
    }
    permohonan_submitted done;
    e = officer_begin(c, w);
    if (e) goto out;
    e = permohonan_submit(c, r->a, w->owner, id, APP(r)->base_url, time(NULL), &done, &msgs);
    if (e == LK_OK && done.already && w->officer) {
        store_rollback(c);   /* nothing changed: no record */
    } else {
        e = officer_end(c, w, e, "permohonan.buat_loket", id, e == LK_OK ? done.nomor : NULL);
    }
    if (e == LK_ERR_INVALID) {
        e = show_again(r, c, w, id, &msgs, "Permohonan belum lengkap. Lengkapi yang berikut lalu tekan Buat lagi.");
        goto out;
    }
    if (e) goto out;
    if (!done.already) {
        log_info("permohonan %lld submitted as %s", (long long)id, done.nomor);
        if (APP(r)->mail) mailer_wake(APP(r)->mail);
    }
    permohonan p;
    e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK) permohonan_view_selesai_at(r, w, &p);
out:
    store_release(c);
    if (e == LK_ERR_NOTFOUND) not_found(r);
    else if (e != LK_OK) page_fail(r, e);
}

/* ---- bukti pendaftaran ------------------------------------------------------------ */

void handle_permohonan_bukti(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_bukti(r, &w, id_param(r, "id"));
}

void permohonan_page_bukti(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) {
        not_found(r);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK && !p.nomor) e = LK_ERR_NOTFOUND;   /* a draft has no receipt */
    buf qr = BUF_INIT, pdf = BUF_INIT;
    if (e == LK_OK) {
        buf_printf(&qr, "%s/lacak?nomor=", APP(r)->base_url);
        url_encode(&qr, p.nomor, strlen(p.nomor));
        e = permohonan_bukti(c, r->a, w->owner, id, buf_str(&qr), &pdf);
    }
    if (e == LK_OK && w->officer) e = officer_end(c, w, officer_begin(c, w), "permohonan.bukti_loket", id, NULL);
    store_release(c);
    if (e == LK_OK) {
        const char *name = arena_printf(r->a, "bukti-pendaftaran-%lld.pdf", (long long)id);
        resp_header(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", name));
        resp_bytes(r, 200, "application/pdf", pdf.data, pdf.len, 1);
    } else if (e == LK_ERR_NOTFOUND) {
        not_found(r);
    } else {
        page_fail(r, e);
    }
    buf_free(&qr);
    buf_free(&pdf);
}
