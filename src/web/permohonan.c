/* web/permohonan.c — *Tambah*: the new application's pages (SPEC 4.8).
 *   GET  /pemohon/permohonan/baru               the first step of a new application; no row
 *                                                exists until something is saved
 *   POST /pemohon/permohonan/baru               the first save: creates the draft, then as below
 *   GET  /pemohon/permohonan/:id?langkah=…      one step of the draft (web/permohonan_view.h);
 *                                                a submitted application goes to its tracking page
 *   POST /pemohon/permohonan/:id                saves what the step's form carries, uploads the
 *                                                files chosen on Persyaratan (multipart, without
 *                                                JavaScript), then goes to the step in `ke`
 *                                                (Sebelumnya/Berikutnya/the step list) or stays
 *   POST /pemohon/permohonan/:id/syarat/:pid    an upload for one requirement (multipart;
 *                                                answers JSON to permohonan.js)
 *   POST /pemohon/permohonan/:id/buat           *Buat*, from Periksa
 *   GET  /pemohon/permohonan/:id/hapus          *Hapus*: the confirmation page
 *   POST /pemohon/permohonan/:id/hapus          deletes the draft (never a locker document)
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

/* The guard of a draft's address: the applicant (a form post checks CSRF first) and its
 * ":id"; 0 when a response was already sent (log-in, 403, 404). */
static int64_t applicant_and_id(req *r, int post, const account **me)
{
    *me = post ? web_pemohon_post(r) : web_require_pemohon(r);
    if (!*me) return 0;
    int64_t id = id_param(r, "id");
    if (!id) not_found(r);
    return id;
}

/* The step named by ?langkah= or the posted "langkah" field. */
static permohonan_langkah step_of(const char *key)
{
    return permohonan_langkah_parse(key, LANGKAH_PERMOHONAN);
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

void handle_permohonan_baru(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    const char *csrf = web_csrf(r);
    permohonan_where w = permohonan_where_pemohon(me);
    /* Nothing is stored yet: the page shows a blank draft in the applicant's office. */
    permohonan blank;
    memset(&blank, 0, sizeof blank);
    blank.instansi_id = me->instansi_id;
    blank.jp = JP_BARU;
    blank.tipe_pemohon = PERMOHONAN_PERORANGAN;
    blank.nomor_izin_lama = blank.lokasi_nama = blank.lokasi_alamat = "";
    blank.status = "draft";
    permohonan_issues none = {0};
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = permohonan_view_draft(r, c, &w, csrf, &blank, &none, NULL, 200, LANGKAH_PERMOHONAN);
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

void handle_permohonan_draft(req *r)
{
    const account *me;
    int64_t id = applicant_and_id(r, 0, &me);
    if (!id) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_draft(r, &w, id);
}

void permohonan_page_draft(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) {
        not_found(r);
        return;
    }
    const char *csrf = web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    if (!w->officer) store_read_snapshot(c);   /* the applicant's look only reads */
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK && strcmp(p.status, "draft") != 0)
        resp_redirect(r, 303, arena_printf(r->a, "%s/%lld/lacak", w->lacak, (long long)id));
    else if (e == LK_OK) {
        /* An officer's look at the applicant's data and documents is on the record. */
        if (w->officer) e = officer_end(c, w, officer_begin(c, w), "permohonan.lihat_loket", id, NULL);
        permohonan_issues none = {0};
        const char *notice = req_query(r, "tersimpan") ? "Draf permohonan tersimpan."
                           : req_query(r, "terunggah") ? "Berkas terunggah, dipasang pada persyaratan ini dan dicentang Terpenuhi."
                           : NULL;
        if (e == LK_OK) e = permohonan_view_draft(r, c, w, csrf, &p, &none, notice, 200, step_of(req_query(r, "langkah")));
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

/* The draft's step again with messages (status 400), after a refused save or Buat. */
static lk_err show_again(req *r, store_conn *c, const permohonan_where *w, int64_t id, const permohonan_issues *msgs,
                         const char *notice, permohonan_langkah l)
{
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK) e = permohonan_view_draft(r, c, w, web_csrf(r), &p, msgs, notice, 400, l);
    return e;
}

static void issue_for_row(req *r, permohonan_issues *msgs, int64_t pid, const char *name, const char *msg)
{
    if (msgs->count == msgs->cap) {
        msgs->cap = msgs->cap ? 2 * msgs->cap : 4;
        permohonan_issue *grown = arena_alloc(r->a, msgs->cap * sizeof *grown);
        if (msgs->count) memcpy(grown, msgs->items, msgs->count * sizeof *grown);
        msgs->items = grown;
    }
    msgs->items[msgs->count++] = (permohonan_issue){arena_printf(r->a, "syarat-%lld", (long long)pid), name, msg};
}

/* The files chosen on Persyaratan without JavaScript ("berkas_<pid>"), each stored in the
 * locker and put on its row after the rest of the form was saved.  *uploaded is the last
 * row that got one; a refused file or an Unggah pressed without a file is a message. */
static lk_err attach_posted(req *r, store_conn *c, const permohonan_where *w, int64_t id, permohonan_issues *msgs,
                            int64_t *uploaded)
{
    *uploaded = 0;
    const char *aksi = req_form(r, "aksi");
    int64_t pressed = 0;
    if (aksi && strncmp(aksi, "unggah-", 7) == 0 && parse_int64(aksi + 7, 1, INT64_MAX, &pressed) != 0) pressed = 0;
    permohonan p;
    lk_err e = permohonan_get(c, r->a, w->owner->id, id, &p);
    for (size_t i = 0; e == LK_OK && i < p.syarat_count; i++) {
        const permohonan_syarat *s = &p.syarat[i];
        http_upload *u = req_upload(r, arena_printf(r->a, "berkas_%lld", (long long)s->persyaratan_id));
        if (!u || u->size == 0) {
            if (s->persyaratan_id == pressed) issue_for_row(r, msgs, pressed, s->name, "Pilih berkas yang akan diunggah.");
            continue;
        }
        int64_t dokumen_id = 0;
        const char *msg = NULL;
        e = officer_begin(c, w);
        if (e) break;
        e = permohonan_attach_upload(c, r->a, APP(r)->data_dir, w->owner->id, id, s->persyaratan_id, u->tmp_path,
                                     u->file_name, &dokumen_id, &msg);
        e = officer_end(c, w, e, "permohonan.unggah_loket", id, u->file_name);
        if (e == LK_OK) {
            req_upload_claim(u);   /* moved into the locker: nothing left to delete */
            *uploaded = s->persyaratan_id;
        } else if (e == LK_ERR_INVALID) {
            issue_for_row(r, msgs, s->persyaratan_id, s->name, msg);
            e = LK_OK;
        }
    }
    return e;
}

/* The step to show refused values on: this one if a message is about one of its fields,
 * otherwise the step of the first message (a stale tab may post another step's value). */
static permohonan_langkah step_with_issue(const permohonan_issues *msgs, permohonan_langkah here)
{
    for (size_t i = 0; i < msgs->count; i++)
        if (permohonan_langkah_of(msgs->items[i].key) == here) return here;
    return msgs->count ? permohonan_langkah_of(msgs->items[0].key) : here;
}

/* Saves a step's form and goes where the applicant asked: the step in "ke", or the same
 * step (Simpan, Pilih, Unggah); with messages, the same step again. */
static void save_and_go(req *r, const permohonan_where *w, int64_t id)
{
    web_csrf(r);
    const char *aksi = req_form(r, "aksi");
    permohonan_langkah here = step_of(req_form(r, "langkah"));
    permohonan_langkah to = permohonan_langkah_parse(req_form(r, "ke"), here);
    store_conn *c = store_acquire(APP(r)->db);
    permohonan_issues msgs = {0};
    int64_t uploaded = 0;
    lk_err e = save_posted(r, c, w, id, &msgs);
    if (e == LK_OK) e = attach_posted(r, c, w, id, &msgs, &uploaded);
    if (e == LK_OK && msgs.count) e = show_again(r, c, w, id, &msgs, NULL, step_with_issue(&msgs, here));
    else if (e == LK_OK) {
        const char *base = arena_printf(r->a, "%s/%lld?langkah=%s", w->base, (long long)id,
                                        permohonan_langkah_key(to));
        if (to != here) resp_redirect(r, 303, base);
        else if (uploaded)
            resp_redirect(r, 303, arena_printf(r->a, "%s&terunggah=1#syarat-%lld", base, (long long)uploaded));
        else if (aksi && strcmp(aksi, "pilih") == 0) resp_redirect(r, 303, arena_printf(r->a, "%s#bagian-permohonan", base));
        else resp_redirect(r, 303, arena_printf(r->a, "%s&tersimpan=1", base));
    } else if (e == LK_ERR_CONFLICT) {
        resp_redirect(r, 303, arena_printf(r->a, "%s/%lld/lacak", w->lacak, (long long)id));
        e = LK_OK;
    }
    store_release(c);
    if (e == LK_ERR_NOTFOUND) not_found(r);
    else if (e != LK_OK) page_fail(r, e);
}

void handle_permohonan_baru_post(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    int64_t id = 0;
    lk_err e = permohonan_draft_new(c, me->id, me->instansi_id, &id);
    store_release(c);
    if (e == LK_ERR_TOOBIG)
        page_error(r, 409, "Terlalu banyak draf permohonan. Selesaikan atau hapus draf yang ada di tab Permohonan.");
    else if (e != LK_OK) page_fail(r, e);
    else {
        permohonan_where w = permohonan_where_pemohon(me);
        save_and_go(r, &w, id);
    }
}

void handle_permohonan_simpan(req *r)
{
    const account *me;
    int64_t id = applicant_and_id(r, 1, &me);
    if (!id) return;
    permohonan_where w = permohonan_where_pemohon(me);
    save_and_go(r, &w, id);
}

void permohonan_page_simpan(req *r, const permohonan_where *w, int64_t id)
{
    if (!id) not_found(r);
    else save_and_go(r, w, id);
}

/* ---- Hapus ---------------------------------------------------------------------- */

void handle_permohonan_hapus_form(req *r)
{
    const account *me;
    int64_t id = applicant_and_id(r, 0, &me);
    if (!id) return;
    const char *csrf = web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    permohonan p;
    lk_err e = permohonan_get(c, r->a, me->id, id, &p);
    store_release(c);
    if (e == LK_OK && strcmp(p.status, "draft") != 0)
        page_error(r, 409, "Permohonan ini sudah diajukan dan tidak dapat dihapus.");
    else if (e == LK_OK) permohonan_view_hapus(r, &p, csrf);
    else if (e == LK_ERR_NOTFOUND) not_found(r);
    else page_fail(r, e);
}

void handle_permohonan_hapus(req *r)
{
    const account *me;
    int64_t id = applicant_and_id(r, 1, &me);
    if (!id) return;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = permohonan_draft_delete(c, me->id, id);
    store_release(c);
    if (e == LK_OK) resp_redirect(r, 303, "/pemohon/profil?dihapus=1");
    else if (e == LK_ERR_CONFLICT) page_error(r, 409, "Permohonan ini sudah diajukan dan tidak dapat dihapus.");
    else if (e == LK_ERR_NOTFOUND) not_found(r);
    else page_fail(r, e);
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
        e = permohonan_view_draft(r, c, w, web_csrf(r), &p, &msgs, NULL, 400, LANGKAH_PERSYARATAN);
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
            resp_redirect(r, 303, arena_printf(r->a, "%s/%lld?langkah=persyaratan&terunggah=1#syarat-%lld", w->base,
                                               (long long)id, (long long)pid));
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
    const account *me;
    int64_t id = applicant_and_id(r, 1, &me);
    if (!id) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_buat(r, &w, id);
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
            e = show_again(r, c, w, id, &msgs, "Periksa isian berikut sebelum Buat.", LANGKAH_PERIKSA);
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
        e = show_again(r, c, w, id, &msgs, "Permohonan belum lengkap. Lengkapi yang berikut lalu tekan Buat lagi.",
                       LANGKAH_PERIKSA);
        goto out;
    }
    if (e) goto out;
    if (!done.already) {
        log_info("permohonan %lld submitted as %s", (long long)id, done.nomor);
        if (APP(r)->mail) mailer_wake(APP(r)->mail);
    }
    permohonan p;
    e = permohonan_get(c, r->a, w->owner->id, id, &p);
    if (e == LK_OK) e = permohonan_view_selesai(r, c, w, &p);
out:
    store_release(c);
    if (e == LK_ERR_NOTFOUND) not_found(r);
    else if (e != LK_OK) page_fail(r, e);
}

/* ---- bukti pendaftaran ------------------------------------------------------------ */

/* The receipt's phrases in the page's language. */
static const char *receipt_phrase(void *ctx, const char *phrase)
{
    return page_t(ctx, phrase);
}

void handle_permohonan_bukti(req *r)
{
    const account *me;
    int64_t id = applicant_and_id(r, 0, &me);
    if (!id) return;
    permohonan_where w = permohonan_where_pemohon(me);
    permohonan_page_bukti(r, &w, id);
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
        receipt_lang lang = {receipt_phrase, r, strcmp(page_lang(r), "en") == 0};
        e = permohonan_bukti(c, r->a, w->owner, id, buf_str(&qr), &lang, &pdf);
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
