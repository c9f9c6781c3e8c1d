/* web/dokumen.c — tab *Dokumen* of Profil dan Permohonan (SPEC 4.7), the applicant's
 * document locker:
 *   GET  /pemohon/dokumen               the list and the upload form
 *   POST /pemohon/dokumen               upload (multipart: jenis_dokumen, nomor,
 *                                       berlaku_dari, berlaku_sampai, berkas)
 *   GET  /pemohon/dokumen/:id/unduh     download (owner; officers of an instansi that
 *                                       received it with an application)
 *   POST /pemohon/dokumen/:id/hapus     delete, refused for a document a submitted
 *                                       application uses (409, with *Ganti* offered)
 *   GET  /pemohon/dokumen/:id/ganti     the form for a new version
 *   POST /pemohon/dokumen/:id/ganti     upload the new version
 * The rules live in domain/permohonan/dokumen.h; this file reads forms and renders dokumen.html.
 * Connections: the session is loaded (web_csrf_ok, web_require_*) before a store
 * connection is taken. */
#include "domain/permohonan/dokumen.h"
#include "util/datetime.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <stdlib.h>
#include <string.h>


/* What was typed in the upload form, trimmed. */
typedef struct {
    const char *v[DOKF_COUNT];   /* DOKF_FILE unused */
} dok_form;

static const struct {
    const char *key, *label, *type, *hint;
    int required;
} FIELDS[DOKF_COUNT] = {
    [DOKF_JENIS] = {"jenis_dokumen", "Jenis Dokumen", "text", "Contoh: Akta Pendirian, KTP, NPWP, Izin Usaha. Paling banyak 100 karakter.", 1},
    [DOKF_NOMOR] = {"nomor", "Nomor", "text", "Nomor yang tertera pada dokumen. Boleh dikosongkan.", 0},
    [DOKF_DARI] = {"berlaku_dari", "Berlaku Dari", "date", "Boleh dikosongkan.", 0},
    [DOKF_SAMPAI] = {"berlaku_sampai", "Berlaku Sampai", "date", "Kosongkan bila berlaku seterusnya.", 0},
    [DOKF_FILE] = {"berkas", "Berkas", "file", NULL, 1},
};

static const char *trimmed(req *r, const char *s)
{
    if (!s) return "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    return arena_strndup(r->a, s, n);
}

static const char *human_size(req *r, int64_t size)
{
    if (size < 1024) return arena_printf(r->a, "%lld B", (long long)size);
    double kb = (double)size / 1024.0;
    const char *s = kb < 1024 ? arena_printf(r->a, "%.1f KB", kb) : arena_printf(r->a, "%.1f MB", kb / 1024.0);
    char *comma = strchr(s, '.');   /* Indonesian decimal comma */
    if (comma) *comma = ',';
    return s;
}

static int64_t id_param(req *r)
{
    int64_t id = 0;
    const char *s = req_param(r, "id");
    if (!s || parse_int64(s, 1, INT64_MAX, &id) != 0) return 0;
    return id;
}

/* Renders the locker.  `form` holds values to keep (NULL: empty); `err` messages;
 * `ganti` the document being replaced (NULL: the plain locker with its list);
 * `alert` a refusal shown at the top (its document gets a Ganti link). */
static void show(req *r, store_conn *c, int status, const account *me, const dok_form *form,
                 const dokumen_errors *err, const dokumen *ganti, const char *alert, int64_t alert_id)
{
    dokumen *list = NULL;
    size_t n = 0;
    lk_err e = ganti ? LK_OK : dokumen_list(c, r->a, me->id, &list, &n);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, ganti ? "Ganti Dokumen" : "Dokumen", "profil");
    tv_set_bool(ctx, "tab_dokumen", 1);
    tv_set(ctx, "csrf", web_csrf(r));
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "tersimpan") == 0) tv_set(ctx, "notice", page_t(r, "Dokumen tersimpan."));
    else if (pesan && strcmp(pesan, "terhapus") == 0) tv_set(ctx, "notice", page_t(r, "Dokumen dihapus."));
    else if (pesan && strcmp(pesan, "diganti") == 0)
        tv_set(ctx, "notice", page_t(r, "Versi baru dokumen tersimpan. Versi lama tetap tersimpan untuk permohonan yang memakainya."));
    if (alert) {
        tv *al = tv_set_map(ctx, "alert");
        tv_set(al, "text", page_t(r, alert));
        if (alert_id) tv_set(al, "ganti", arena_printf(r->a, "/pemohon/dokumen/%lld/ganti", (long long)alert_id));
    }

    tv_set_bool(ctx, "has_rows", n > 0);
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        const dokumen *d = &list[i];
        tv *row = tv_push_map(rows);
        tv_set(row, "jenis", d->jenis_dokumen);
        tv_set(row, "nomor", *d->nomor ? d->nomor : "—");
        tv_set(row, "dari", *d->berlaku_dari ? page_date(r, d->berlaku_dari) : "—");
        tv_set(row, "sampai", *d->berlaku_sampai ? page_date(r, d->berlaku_sampai) : page_t(r, "Seterusnya"));
        tv_set(row, "file", d->file_name);
        tv_set(row, "size", human_size(r, d->size));
        tv_set(row, "uploaded", page_datetime(r, d->created_at));
        tv_set_bool(row, "in_use", d->in_use);
        tv_set(row, "unduh", arena_printf(r->a, "/pemohon/dokumen/%lld/unduh", (long long)d->id));
        tv_set(row, "hapus", arena_printf(r->a, "/pemohon/dokumen/%lld/hapus", (long long)d->id));
        tv_set(row, "ganti", arena_printf(r->a, "/pemohon/dokumen/%lld/ganti", (long long)d->id));
        tv_setf(row, "rid", "dok-%lld", (long long)d->id);
    }

    if (ganti) {
        tv *g = tv_set_map(ctx, "ganti");
        tv_set(g, "jenis", ganti->jenis_dokumen);
        tv_set(g, "file", ganti->file_name);
        tv_set(g, "back", "/pemohon/dokumen");
    }
    tv_set(ctx, "action", ganti ? arena_printf(r->a, "/pemohon/dokumen/%lld/ganti", (long long)ganti->id) : "/pemohon/dokumen");
    tv_set(ctx, "submit", page_t(r, ganti ? "Simpan Versi Baru" : "Unggah"));
    tv *fields = tv_set_list(ctx, "fields");
    tv *summary = NULL;
    for (int f = 0; f < DOKF_COUNT; f++) {
        tv *m = tv_push_map(fields);
        const char *key = FIELDS[f].key;
        tv_set(m, "key", key);
        tv_set(m, "label", page_t(r, FIELDS[f].label));
        tv_set_bool(m, "required", FIELDS[f].required);
        const char *hint = FIELDS[f].hint ? page_t(r, FIELDS[f].hint) : NULL;
        if (f == DOKF_FILE)
            hint = arena_printf(r->a, "%s %u MB.", page_t(r, "JPEG, PNG atau PDF, paling besar"), APP(r)->max_upload_mb);
        tv_set(m, "hint", hint);
        const char *msg = err ? err->msg[f] : NULL;
        tv_set(m, "err", msg ? page_t(r, msg) : NULL);
        tv_set(m, "describedby", msg ? arena_printf(r->a, "%s-hint %s-err", key, key) : arena_printf(r->a, "%s-hint", key));
        if (f == DOKF_FILE) {
            tv_set_bool(m, "file", 1);
        } else {
            tv_set_bool(m, "input", 1);
            tv_set(m, "type", FIELDS[f].type);
            tv_set(m, "value", form && form->v[f] ? form->v[f] : "");
            if (f == DOKF_JENIS || f == DOKF_NOMOR) tv_set_int(m, "max", f == DOKF_JENIS ? DOKUMEN_JENIS_MAX : DOKUMEN_NOMOR_MAX);
        }
        if (msg) {
            if (!summary) summary = tv_set_list(tv_set_map(ctx, "errors"), "list");
            tv *item = tv_push_map(summary);
            tv_set(item, "key", key);
            tv_set(item, "label", page_t(r, FIELDS[f].label));
            tv_set(item, "msg", page_t(r, msg));
        }
    }
    page_send(r, status, "dokumen", ctx);
}

void handle_dokumen_list(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    show(r, c, 200, me, NULL, NULL, NULL, NULL, 0);
    store_release(c);
}

/* Reads the form, stores the upload (replacing `replaces_id` when not 0), and answers:
 * a redirect on success, the form again with messages otherwise. */
static void take_upload(req *r, const account *me, int64_t replaces_id)
{
    dok_form form;
    memset(&form, 0, sizeof form);
    for (int f = 0; f < DOKF_FILE; f++) form.v[f] = trimmed(r, req_form(r, FIELDS[f].key));
    dokumen_errors err;
    memset(&err, 0, sizeof err);
    dokumen_check(form.v[DOKF_JENIS], form.v[DOKF_NOMOR], form.v[DOKF_DARI], form.v[DOKF_SAMPAI], &err);
    http_upload *u = req_upload(r, FIELDS[DOKF_FILE].key);
    /* A file input left empty arrives as a part with no name and no bytes. */
    if (!u || (u->size == 0 && (!u->file_name || !*u->file_name))) {
        err.msg[DOKF_FILE] = "Pilih berkas yang akan diunggah.";
        err.count++;
    }

    store_conn *c = store_acquire(APP(r)->db);
    dokumen old;
    lk_err e = LK_OK;
    if (replaces_id) {
        e = dokumen_get(c, r->a, me->id, replaces_id, &old);
        if (e != LK_OK) goto out;
    }
    if (err.count == 0) {
        int64_t id = 0;
        const char *msg = NULL;
        e = replaces_id
            ? dokumen_store_replacement(c, r->a, APP(r)->data_dir, me->id, replaces_id, form.v[DOKF_JENIS],
                                        form.v[DOKF_NOMOR], form.v[DOKF_DARI], form.v[DOKF_SAMPAI], u->tmp_path,
                                        u->file_name, DOKUMEN_TYPES, &id, &msg)
            : dokumen_store_upload(c, r->a, APP(r)->data_dir, me->id, form.v[DOKF_JENIS], form.v[DOKF_NOMOR],
                                   form.v[DOKF_DARI], form.v[DOKF_SAMPAI], u->tmp_path, u->file_name,
                                   DOKUMEN_TYPES, &id, &msg);
        if (e == LK_OK) {
            req_upload_claim(u);   /* moved into DATA/files */
            log_info("dokumen: %lld stored for account %lld", (long long)id, (long long)me->id);
            resp_redirect(r, 303, replaces_id ? "/pemohon/dokumen?pesan=diganti" : "/pemohon/dokumen?pesan=tersimpan");
            goto out;
        }
        if (e != LK_ERR_INVALID) goto out;
        /* The typed fields passed dokumen_check, so a refusal is about the file. */
        err.msg[DOKF_FILE] = msg;
        err.count++;
        e = LK_OK;
    }
    show(r, c, 400, me, &form, &err, replaces_id ? &old : NULL, NULL, 0);
out:
    store_release(c);
    if (e != LK_OK) page_fail(r, e);
}

void handle_dokumen_upload(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    take_upload(r, me, 0);
}

void handle_dokumen_unduh(req *r)
{
    const account *me = web_require_login(r);
    if (!me) return;
    int64_t id = id_param(r);
    if (!id) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    dokumen_file f;
    lk_err e = dokumen_get_for_download(c, r->a, id, me, APP(r)->data_dir, &f);
    store_release(c);
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Dokumen tidak ditemukan.");
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_header(r, "Cache-Control", "private, no-store");
    resp_file(r, f.path, f.content_type, f.file_name);
}

void handle_dokumen_hapus(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int64_t id = id_param(r);
    if (!id) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    const char *msg = NULL;
    lk_err e = dokumen_delete(c, r->a, APP(r)->data_dir, me->id, id, &msg);
    if (e == LK_OK) {
        log_info("dokumen: %lld deleted by account %lld", (long long)id, (long long)me->id);
        resp_redirect(r, 303, "/pemohon/dokumen?pesan=terhapus");
    } else if (e == LK_ERR_CONFLICT) {
        show(r, c, 409, me, NULL, NULL, NULL, msg, id);
    } else if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Dokumen tidak ditemukan.");
    } else {
        page_fail(r, e);
    }
    store_release(c);
}

void handle_dokumen_ganti_form(req *r)
{
    const account *me = web_require_pemohon(r);
    if (!me) return;
    int64_t id = id_param(r);
    web_csrf(r);
    store_conn *c = store_acquire(APP(r)->db);
    dokumen old;
    lk_err e = id ? dokumen_get(c, r->a, me->id, id, &old) : LK_ERR_NOTFOUND;
    if (e == LK_OK) {
        dok_form form = {{old.jenis_dokumen, old.nomor, old.berlaku_dari, old.berlaku_sampai, NULL}};
        show(r, c, 200, me, &form, NULL, &old, NULL, 0);
    }
    store_release(c);
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Dokumen tidak ditemukan.");
    else if (e != LK_OK) page_fail(r, e);
}

void handle_dokumen_ganti(req *r)
{
    const account *me = web_pemohon_post(r);
    if (!me) return;
    int64_t id = id_param(r);
    if (!id) {
        page_error(r, 404, "Dokumen tidak ditemukan.");
        return;
    }
    take_upload(r, me, id);
}
