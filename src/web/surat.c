/* web/surat.c — Status Surat for Admin Instansi (SPEC 6): the office's mails with their
 * status (Menunggu, Terkirim, Gagal), attempts and the last reason, and *Kirim ulang* for
 * a failed one.
 *   GET  /petugas/surat                    the list, newest first
 *   POST /petugas/surat/:id/kirim-ulang    a failed mail back to the outbox, due now
 * Only mails of the officer's own instansi are listed or resent. */
#include "domain/surat/mailer.h"
#include "domain/surat/outbox.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define SURAT_PAGE 200

static const char *status_label(const char *status)
{
    if (strcmp(status, "sent") == 0) return "Terkirim";
    if (strcmp(status, "failed") == 0) return "Gagal";
    return "Menunggu";
}

void handle_petugas_surat(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    outbox_row *rows = NULL;
    size_t n = 0;
    lk_err e = outbox_list(c, r->a, me->instansi_id, SURAT_PAGE, &rows, &n);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Status Surat", "surat");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "instansi", me->instansi_name);
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "ulang") == 0) tv_set(ctx, "notice", page_t(r, "Surat dimasukkan lagi ke antrean pengiriman."));
    tv_set_bool(ctx, "has_rows", n > 0);
    tv *list = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(list);
        tv_setf(row, "id", "%lld", (long long)rows[i].id);
        tv_set(row, "dibuat", datetime_long_iso(r->a, rows[i].created_at));
        tv_set(row, "jenis", rows[i].kind);
        tv_set(row, "kepada", rows[i].to);
        tv_set(row, "perihal", rows[i].subject);
        tv_set(row, "status", page_t(r, status_label(rows[i].status)));
        tv_set(row, "status_key", rows[i].status);
        tv_set(row, "csrf", web_csrf(r));
        tv_setf(row, "percobaan", "%lld", (long long)rows[i].attempts);
        tv_set(row, "alasan", rows[i].last_error);
        tv_set(row, "terkirim", rows[i].sent_at ? datetime_long_iso(r->a, rows[i].sent_at) : NULL);
        if (strcmp(rows[i].status, "failed") == 0)
            tv_setf(row, "action_ulang", "/petugas/surat/%lld/kirim-ulang", (long long)rows[i].id);
    }
    page_send(r, 200, "petugas-surat", ctx);
}

void handle_petugas_surat_ulang(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    int64_t id = 0;
    if (parse_int64(req_param(r, "id"), 1, INT64_MAX, &id) != 0) {
        page_error(r, 404, "Surat tidak ditemukan.");
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = outbox_resend(c, me->instansi_id, id, time(NULL));
    store_release(c);
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Surat tidak ditemukan atau tidak sedang gagal.");
        return;
    }
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    if (APP(r)->mail) mailer_wake(APP(r)->mail);
    resp_redirect(r, 303, "/petugas/surat?pesan=ulang");
}
