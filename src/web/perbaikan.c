/* web/perbaikan.c — the applicant's side of a returned application (SPEC 4.10, issue 7
 * item 7):
 *   GET  /pemohon/permohonan/:id/perbaikan        the officer's note per requirement and
 *        in general, a file field per requirement, Kirim Perbaikan
 *   POST /pemohon/permohonan/:id/perbaikan/:pid   a new file for one requirement
 *        (multipart "berkas"): a new version in Dokumen, the old one kept
 *   POST /pemohon/permohonan/:id/perbaikan/data   the Lokasi Izin changed
 *   POST /pemohon/permohonan/:id/perbaikan/kirim  Kirim Perbaikan: back to the step that
 *        returned it, the SLA clock running again */
#include "domain/permohonan/lacak.h"
#include "domain/permohonan/permohonan.h"
#include "domain/proses/perbaikan.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>

static int64_t id_param(req *r, const char *name)
{
    int64_t v = 0;
    return parse_int64(req_param(r, name), 1, INT64_MAX, &v) == 0 ? v : 0;
}

static void show(req *r, const account *me, int64_t id, int status, const char *error, const char *notice,
                 int posted)
{
    store_conn *c = store_acquire(APP(r)->db);
    permohonan p;
    lacak_detail d;
    lk_err e = permohonan_get(c, r->a, me->id, id, &p);
    if (e == LK_OK && !p.nomor) e = LK_ERR_NOTFOUND;
    if (e == LK_OK) e = lacak_for_pemohon(c, r->a, me->id, id, &d);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Perbaikan Permohonan", "profil");
    tv_set(ctx, "error", error ? page_t(r, error) : NULL);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    tv_set(ctx, "nomor", p.nomor);
    tv_set(ctx, "jenis_izin", p.jenis_izin_name);
    tv_set(ctx, "status", page_t(r, lacak_status_label(p.status)));
    tv_setf(ctx, "status_class", "st st-%s", p.status);
    int open = strcmp(p.status, "perbaikan") == 0;
    tv_set_bool(ctx, "open", open);
    tv_setf(ctx, "lacak_href", "/pemohon/permohonan/%lld/lacak", (long long)id);
    tv_setf(ctx, "kirim_href", "/pemohon/permohonan/%lld/perbaikan/kirim", (long long)id);
    tv_setf(ctx, "data_href", "/pemohon/permohonan/%lld/perbaikan/data", (long long)id);
    const char *nama = posted ? req_form(r, "lokasi_nama") : NULL, *alamat = posted ? req_form(r, "lokasi_alamat") : NULL;
    tv_set(ctx, "lokasi_nama", nama ? nama : p.lokasi_nama);
    tv_set(ctx, "lokasi_alamat", alamat ? alamat : p.lokasi_alamat);
    /* The officer's general note: the newest return's. */
    for (size_t i = d.nevents; i-- > 0;)
        if (strcmp(d.events[i].kind, "dikembalikan") == 0) {
            tv_set(ctx, "catatan", d.events[i].note);
            break;
        }
    tv *rows = tv_set_list(ctx, "syarat");
    int to_fix = 0;
    for (size_t i = 0; i < p.syarat_count; i++) {
        const permohonan_syarat *s = &p.syarat[i];
        tv *row = tv_push_map(rows);
        tv_set_int(row, "pid", s->persyaratan_id);
        tv_set(row, "name", s->name);
        tv_set_bool(row, "wajib", s->wajib);
        tv_set(row, "file_name", s->dokumen_file_name);
        tv_set(row, "accepted", s->accepted_types);
        int fix = s->cek && strcmp(s->cek, "tidak_sesuai") == 0;
        int replaced = !s->cek && s->cek_note;
        to_fix += fix;
        tv_set_bool(row, "fix", fix);
        tv_set_bool(row, "replaced", replaced);
        tv_set(row, "note", s->cek_note);
        tv_setf(row, "ganti_href", "/pemohon/permohonan/%lld/perbaikan/%lld", (long long)id, (long long)s->persyaratan_id);
    }
    tv_set_int(ctx, "to_fix", to_fix);
    tv_set(ctx, "csrf", web_csrf(r));
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, status, "perbaikan", ctx);
}

void handle_perbaikan(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    int64_t id = id_param(r, "id");
    if (!id) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    const char *pesan = req_query(r, "pesan");
    show(r, me, id, 200, NULL,
         pesan && strcmp(pesan, "diganti") == 0 ? "Dokumen baru tersimpan. Dokumen lama tetap disimpan sebagai arsip."
         : pesan && strcmp(pesan, "data") == 0 ? "Lokasi Izin diperbarui." : NULL, 0);
}

static int status_of(lk_err e)
{
    return e == LK_ERR_INVALID ? 400 : e == LK_ERR_CONFLICT ? 409 : e == LK_ERR_TOOBIG ? 413 : 500;
}

/* The start of the applicant's posts here: CSRF, an active applicant, a numeric id.
 * Sends the refusal itself and returns -1. */
static int pemohon_post(req *r, const account **me, int64_t *id)
{
    *me = web_pemohon_post(r);
    if (!*me) return -1;
    *id = id_param(r, "id");
    if (!*id) {
        page_fail(r, LK_ERR_NOTFOUND);
        return -1;
    }
    return 0;
}

/* After an action: to `done` when it went through, else the error page for what does not
 * exist, or the page again with the reason (and what was typed when `posted`). */
static void answer(req *r, const account *me, int64_t id, lk_err e, const char *msg, const char *done, int posted)
{
    if (e == LK_OK) {
        resp_redirect(r, 303, done);
        return;
    }
    if (e == LK_ERR_NOTFOUND) {
        page_fail(r, e);
        return;
    }
    show(r, me, id, status_of(e), msg ? msg : "Perbaikan tidak dapat dikirim.", NULL, posted);
}

void handle_perbaikan_ganti(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int64_t id = id_param(r, "id"), pid = id_param(r, "pid");
    if (!id || !pid) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    http_upload *u = req_upload(r, "berkas");
    if (!u || !u->file_name || !*u->file_name) {
        show(r, me, id, 400, "Pilih berkas yang akan diunggah.", NULL, 0);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    int64_t dokumen_id = 0;
    const char *msg = NULL;
    lk_err e = perbaikan_ganti(c, r->a, APP(r)->data_dir, me->id, id, pid, u->tmp_path, u->file_name, &dokumen_id, &msg);
    store_release(c);
    if (dokumen_id) req_upload_claim(u);   /* moved into the locker */
    answer(r, me, id, e, msg ? msg : "Dokumen tidak dapat disimpan.",
           arena_printf(r->a, "/pemohon/permohonan/%lld/perbaikan?pesan=diganti", (long long)id), 0);
}

void handle_perbaikan_kirim(req *r)
{
    const account *me;
    int64_t id;
    if (pemohon_post(r, &me, &id) != 0) return;
    store_conn *c = store_acquire(APP(r)->db);
    const char *msg = NULL;
    lk_err e = perbaikan_kirim(c, r->a, me, id, time(NULL), &msg);
    store_release(c);
    answer(r, me, id, e, msg, arena_printf(r->a, "/pemohon/permohonan/%lld/lacak?pesan=perbaikan", (long long)id), 0);
}

void handle_perbaikan_data(req *r)
{
    const account *me;
    int64_t id;
    if (pemohon_post(r, &me, &id) != 0) return;
    store_conn *c = store_acquire(APP(r)->db);
    const char *msg = NULL;
    lk_err e = perbaikan_lokasi(c, r->a, me, id, req_form(r, "lokasi_nama"), req_form(r, "lokasi_alamat"), time(NULL), &msg);
    store_release(c);
    answer(r, me, id, e, msg, arena_printf(r->a, "/pemohon/permohonan/%lld/perbaikan?pesan=data", (long long)id), 1);
}
