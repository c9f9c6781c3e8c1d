/* web/izin_pemohon.c — tab *Izin* of Profil dan Permohonan (SPEC 4.12, 4.15):
 *   GET  /pemohon/izin                    the applicant's permits: status, validity, the
 *                                         PDF, the verification link, Perpanjang / Ubah,
 *                                         and the survey
 *   GET  /pemohon/izin/:id/unduh          the permit PDF (after the survey when the
 *                                         instansi requires it)
 *   POST /pemohon/izin/:id/perpanjang     a Perpanjangan draft prefilled from the permit
 *   POST /pemohon/izin/:id/ubah           a Perubahan draft prefilled from the permit
 *   GET  /pemohon/izin/:id/survei         the nine unsur of the survey
 *   POST /pemohon/izin/:id/survei         the answer (once)
 * Another applicant's permit id reads as not found everywhere. */
#include "domain/izin/izin.h"
#include "domain/izin/izin_lanjut.h"
#include "domain/izin/survei.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t id_param(req *r)
{
    int64_t id = 0;
    const char *s = req_param(r, "id");
    if (!s || parse_int64(s, 1, INT64_MAX, &id) != 0) return 0;
    return id;
}

/* The end of a POST: a refusal in words (409), another failure's page, or the way on. */
static void answer(req *r, lk_err e, const char *msg, const char *location)
{
    if (e == LK_ERR_CONFLICT) page_error(r, 409, msg);
    else if (e) page_fail(r, e);
    else resp_redirect(r, 303, location);
}

void handle_pemohon_izin(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    tv *ctx = page_new(r, "Izin", "profil");
    tv_set_bool(ctx, "tab_izin", 1);
    tv_set(ctx, "csrf", web_csrf(r));
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "survei") == 0) tv_set(ctx, "notice", page_t(r, "Terima kasih, jawaban survei Anda tersimpan."));
    if (pesan && strcmp(pesan, "survei-wajib") == 0)
        tv_set(ctx, "notice", page_t(r, "Instansi meminta Anda mengisi Survei Kepuasan Masyarakat sebelum mengunduh izin."));
    store_conn *c = store_acquire(APP(r)->db);
    izin_rec *list = NULL;
    size_t n = 0;
    lk_err e = izin_list(c, r->a, me->id, &list, &n);
    const char *today = izin_today(r->a, time(NULL));
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n && e == LK_OK; i++) {
        const izin_rec *z = &list[i];
        tv *row = tv_push_map(rows);
        const char *state = izin_state(z, today), *url = NULL;
        int answered = 0;
        e = survei_answered(c, z->id, &answered);
        if (e == LK_OK) e = izin_verify_url(r->a, z, APP(r)->base_url, &url);
        tv_set(row, "nomor", z->nomor);
        tv_set(row, "jenis_izin", z->jenis_izin_name);
        tv_set(row, "pemegang", z->pemegang);
        tv_set(row, "terbit", datetime_long_iso(r->a, z->issued_at));
        tv_set(row, "dari", date_long(r->a, z->berlaku_dari));
        tv_set(row, "sampai", *z->berlaku_sampai ? date_long(r->a, z->berlaku_sampai) : page_t(r, "Tidak dibatasi"));
        tv_set(row, "status", page_t(r, izin_state_label(state)));
        tv_setf(row, "status_class", "st st-izin-%s", state);
        tv_set(row, "kode", z->kode);
        tv_set(row, "verifikasi", url);
        tv_setf(row, "unduh", "/pemohon/izin/%lld/unduh", (long long)z->id);
        tv_setf(row, "perpanjang", "/pemohon/izin/%lld/perpanjang", (long long)z->id);
        tv_setf(row, "ubah", "/pemohon/izin/%lld/ubah", (long long)z->id);
        tv_setf(row, "survei", "/pemohon/izin/%lld/survei", (long long)z->id);
        tv_setf(row, "rid", "izin-%lld", (long long)z->id);
        tv_set_bool(row, "survei_open", !answered);
        tv_set_bool(row, "can_follow", strcmp(state, "dicabut") != 0);
        if (*z->izin_lama_nomor) tv_set(row, "izin_lama", z->izin_lama_nomor);
    }
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv_set_bool(ctx, "has_rows", n > 0);
    page_send(r, 200, "izin-saya", ctx);
}

void handle_izin_unduh(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    izin_rec z;
    izin_setting s;
    int answered = 0;
    lk_err e = izin_get(c, r->a, me->id, id_param(r), &z);
    if (e == LK_OK) e = izin_setting_get(c, z.instansi_id, &s);
    if (e == LK_OK) e = survei_answered(c, z.id, &answered);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    if (s.survei_required && !answered) {
        resp_redirect(r, 303, arena_printf(r->a, "/pemohon/izin/%lld/survei?wajib=1", (long long)z.id));
        return;
    }
    char *name = arena_printf(r->a, "%s %s.pdf", z.document_type, z.nomor);
    for (char *p = name; *p; p++)
        if (*p == '/' || *p == '\\' || *p == '"') *p = '-';
    resp_header(r, "Cache-Control", "private, no-store");
    resp_file(r, arena_printf(r->a, "%s/izin/%s", APP(r)->data_dir, z.pdf_storage_name), "application/pdf", name);
}

static void lanjut(req *r, jenis_permohonan jp)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    int64_t draft = 0;
    const char *msg = NULL;
    lk_err e = izin_lanjut(c, r->a, me->id, id_param(r), jp, &draft, &msg);
    store_release(c);
    answer(r, e, msg, arena_printf(r->a, "/pemohon/permohonan/%lld", (long long)draft));
}

void handle_izin_perpanjang(req *r) { lanjut(r, JP_PERPANJANGAN); }
void handle_izin_ubah(req *r) { lanjut(r, JP_PERUBAHAN); }

/* The survey form; `scores` and `komentar` keep what was posted (NULL: empty). */
static void survei_form(req *r, int status, const izin_rec *z, const int *scores, const char *komentar,
                        const char *error)
{
    tv *ctx = page_new(r, "Survei Kepuasan Masyarakat", "profil");
    tv_set_bool(ctx, "tab_izin", 1);
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "nomor", z->nomor);
    tv_set(ctx, "jenis_izin", z->jenis_izin_name);
    tv_setf(ctx, "action", "/pemohon/izin/%lld/survei", (long long)z->id);
    tv_set(ctx, "komentar", komentar ? komentar : "");
    tv_set_bool(ctx, "wajib", req_query(r, "wajib") != NULL);
    if (error) tv_set(ctx, "error", page_t(r, error));
    tv *list = tv_set_list(ctx, "unsur");
    for (int i = 0; i < SURVEI_UNSUR; i++) {
        tv *u = tv_push_map(list);
        tv_set_int(u, "no", i + 1);
        tv_set(u, "name", page_t(r, SURVEI_UNSUR_LIST[i].name));
        tv_set(u, "question", page_t(r, SURVEI_UNSUR_LIST[i].question));
        tv_setf(u, "field", "u%d", i + 1);
        tv_set_bool(u, "missing", error && scores && (scores[i] < 1 || scores[i] > 4));
        tv *answers = tv_set_list(u, "answers");
        for (int k = 0; k < 4; k++) {
            tv *ans = tv_push_map(answers);
            tv_set_int(ans, "value", k + 1);
            tv_set(ans, "label", page_t(r, SURVEI_UNSUR_LIST[i].answers[k]));
            tv_setf(ans, "id", "u%d-%d", i + 1, k + 1);
            tv_set_bool(ans, "checked", scores && scores[i] == k + 1);
        }
    }
    page_send(r, status, "izin-survei", ctx);
}

void handle_izin_survei_form(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    izin_rec z;
    int answered = 0;
    lk_err e = izin_get(c, r->a, me->id, id_param(r), &z);
    if (e == LK_OK) e = survei_answered(c, z.id, &answered);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    if (answered) {
        resp_redirect(r, 303, "/pemohon/izin?pesan=survei");
        return;
    }
    survei_form(r, 200, &z, NULL, NULL, NULL);
}

void handle_izin_survei(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int scores[SURVEI_UNSUR];
    for (int i = 0; i < SURVEI_UNSUR; i++) {
        int64_t v = 0;
        const char *s = req_form(r, arena_printf(r->a, "u%d", i + 1));
        scores[i] = s && parse_int64(s, 1, 4, &v) == 0 ? (int)v : 0;
    }
    const char *komentar = req_form(r, "komentar");
    store_conn *c = store_acquire(APP(r)->db);
    izin_rec z;
    const char *msg = NULL;
    lk_err e = izin_get(c, r->a, me->id, id_param(r), &z);
    if (e == LK_OK) e = survei_submit(c, r->a, me->id, z.id, scores, komentar, time(NULL), &msg);
    store_release(c);
    if (e == LK_ERR_INVALID) survei_form(r, 400, &z, scores, komentar, msg);
    else answer(r, e, msg, "/pemohon/izin?pesan=survei");
}
