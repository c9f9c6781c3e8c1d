/* web/inbox.c — the officer's home and inbox (SPEC 5.1, issue 7 items 1 and 3).
 *
 *   GET /petugas (and / for a logged-in officer)   counts: in the inbox, overdue,
 *                                                  claimed by me; the menu of my roles
 *   GET /petugas/inbox?q=&jenis_izin=&status=&tampil=&hal=
 *                                                  the applications whose running step
 *                                                  is mine, due first, counts per step
 * Overdue is said in words ("Terlambat"), not only by colour. */
#include "domain/katalog/catalogue.h"
#include "domain/proses/inbox.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/inbox_cache.h"
#include "web/page.h"
#include "web/lacak_view.h"
#include "html/escape.h"
#include "domain/permohonan/lacak.h"
#include <string.h>

/* Every officer role that can hold a workflow step, and the Admin who reassigns. */
#define INBOX_ROLES (ROLE_ADMIN_INSTANSI | ROLE_FRONT_OFFICE | ROLE_VERIFIKATOR | ROLE_TIM_TEKNIS | ROLE_BENDAHARA | \
                     ROLE_PENANDATANGAN | ROLE_PENYERAHAN)

void handle_petugas_home(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    int64_t open = 0, overdue = 0, mine = 0;
    lk_err e = inbox_summary(c, me, time(NULL), &open, &overdue, &mine);
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Beranda Petugas", "home");
    tv_set_int(ctx, "open", open);
    tv_set_int(ctx, "overdue", overdue);
    tv_set_int(ctx, "mine", mine);
    tv *roles = tv_set_list(ctx, "roles");
    for (int i = 0; i < ROLE_COUNT; i++)
        if (me->roles & (1u << i)) tv_push_str(roles, page_t(r, role_name((role_bit)(1u << i))));
    const char *msg = req_query(r, "pesan");
    if (msg && strcmp(msg, "password") == 0) tv_set(ctx, "notice", page_t(r, "Password baru Anda telah disimpan."));
    page_send(r, 200, "petugas-home", ctx);
}

static int64_t query_id(req *r, const char *name)
{
    int64_t v = 0;
    const char *s = req_query(r, name);
    return s && parse_int64(s, 1, INT64_MAX, &v) == 0 ? v : 0;
}

static const char *query_encode(arena *a, const char *s)
{
    buf b = BUF_INIT;
    if (s) url_encode(&b, s, strlen(s));
    const char *out = arena_strdup(a, b.len ? buf_str(&b) : "");
    buf_free(&b);
    return out;
}

static const char *one_of(const char *v, const char *const *allowed)
{
    for (size_t i = 0; v && allowed[i]; i++)
        if (strcmp(v, allowed[i]) == 0) return allowed[i];
    return "";
}

void handle_inbox(req *r)
{
    const account *me = web_require_petugas(r, INBOX_ROLES);
    if (!me) return;
    static const char *const STATUSES[] = {"diajukan", "diproses", "perbaikan", NULL};
    static const char *const TAMPIL[] = {"terlambat", "saya", NULL};
    inbox_filter f = {
        .text = req_query(r, "q"),
        .jenis_izin_id = query_id(r, "jenis_izin"),
        .status = one_of(req_query(r, "status"), STATUSES),
        .tampil = one_of(req_query(r, "tampil"), TAMPIL),
        .page = (int)query_id(r, "hal"),
    };
    if (f.text && utf8_length(f.text) > 100) f.text = NULL;
    if (f.page < 1) f.page = 1;
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    inbox_page pg;
    lk_err e = inbox_cache_read(APP(r)->inbox_pages, c, r->a, me, &f, now, &pg);
    const inbox_row *rows = pg.rows;
    const inbox_count *counts = pg.counts;
    const jenis_izin_summary *izin = pg.izin;
    size_t n = pg.n, ncounts = pg.ncounts, nizin = pg.nizin;
    int64_t total = pg.total;
    tv *ctx = e == LK_OK ? page_new(r, "Kotak Masuk", "inbox") : NULL;
    if (ctx) {
        calendar cal;   /* the instansi's holidays, read once for every row's due date */
        calendar_open(&cal, c, me->instansi_id);
        tv *list = tv_set_list(ctx, "rows");
        for (size_t i = 0; i < n; i++) {
            const inbox_row *x = &rows[i];
            tv *row = tv_push_map(list);
            tv_set(row, "nomor", x->nomor);
            tv_set(row, "pemohon", x->perusahaan ? arena_printf(r->a, "%s (%s)", x->pemohon, x->perusahaan) : x->pemohon);
            tv_set(row, "jenis_izin", x->jenis_izin);
            tv_setf(row, "tahap", "%d. %s", x->position, x->step_name);
            tv_set(row, "status", page_t(r, lacak_status_label(x->status)));
            tv_setf(row, "status_class", "st st-%s", x->status);
            tv_setf(row, "href", "/petugas/permohonan/%lld", (long long)x->id);
            if (strcmp(x->status, "perbaikan") == 0) tv_set(row, "sla", page_t(r, "Menunggu perbaikan pemohon"));
            else lacak_view_sla(r, &cal, x->due_at, now, row);
            tv_set(row, "claimed", x->claimed_by == me->id ? page_t(r, "Anda") : x->claimed_by_nama);
            tv_set_bool(row, "free", x->claimed_by == 0);
        }
        calendar_close(&cal);
        static const char *const NOTICES[][2] = {
            {"diteruskan", "Tahap selesai; permohonan diteruskan ke tahap berikutnya."},
            {"disetujui", "Permohonan disetujui dan diteruskan ke tahap berikutnya."},
            {"selesai", "Tahap terakhir selesai; permohonan selesai diproses."},
            {"ditolak", "Permohonan ditolak. Alasannya dikirim ke email pemohon."},
            {"dikembalikan", "Permohonan dikembalikan ke pemohon untuk perbaikan."},
            {"kembali", "Permohonan dikembalikan ke tahap sebelumnya."},
        };
        const char *pesan = req_query(r, "pesan");
        for (size_t i = 0; pesan && i < sizeof NOTICES / sizeof *NOTICES; i++)
            if (strcmp(pesan, NOTICES[i][0]) == 0) tv_set(ctx, "notice", page_t(r, NOTICES[i][1]));
        tv_set_bool(ctx, "has_rows", n > 0);
        tv_set_int(ctx, "total", total);
        tv *cl = tv_set_list(ctx, "counts");
        for (size_t i = 0; i < ncounts; i++) {
            tv *item = tv_push_map(cl);
            tv_set(item, "name", counts[i].step_name);
            tv_set_int(item, "count", counts[i].count);
            if (counts[i].overdue > 0) tv_set_int(item, "overdue", counts[i].overdue);
        }
        tv_set_bool(ctx, "has_counts", ncounts > 0);
        tv_set(ctx, "q", f.text ? f.text : "");
        tv *opts = tv_set_list(ctx, "izin_options");
        for (size_t i = 0; i < nizin; i++) {
            tv *o = tv_push_map(opts);
            tv_set_int(o, "id", izin[i].id);
            tv_set(o, "name", izin[i].name);
            tv_set_bool(o, "selected", izin[i].id == f.jenis_izin_id);
        }
        tv *st = tv_set_list(ctx, "status_options");
        for (size_t i = 0; STATUSES[i]; i++) {
            tv *o = tv_push_map(st);
            tv_set(o, "value", STATUSES[i]);
            tv_set(o, "label", page_t(r, lacak_status_label(STATUSES[i])));
            tv_set_bool(o, "selected", strcmp(STATUSES[i], f.status) == 0);
        }
        tv_set_bool(ctx, "tampil_terlambat", strcmp(f.tampil, "terlambat") == 0);
        tv_set_bool(ctx, "tampil_saya", strcmp(f.tampil, "saya") == 0);
        tv_set_bool(ctx, "sees_all", inbox_sees_all(me));
        /* Paging links keep the filters. */
        const char *base = arena_printf(r->a, "/petugas/inbox?q=%s&jenis_izin=%lld&status=%s&tampil=%s",
                                        query_encode(r->a, f.text), (long long)f.jenis_izin_id, f.status,
                                        f.tampil);
        int64_t pages = (total + INBOX_PAGE - 1) / INBOX_PAGE;
        tv_set_int(ctx, "page", f.page);
        tv_set_int(ctx, "pages", pages > 0 ? pages : 1);
        if (f.page > 1) tv_set(ctx, "prev_href", arena_printf(r->a, "%s&hal=%d", base, f.page - 1));
        if (f.page < pages) tv_set(ctx, "next_href", arena_printf(r->a, "%s&hal=%d", base, f.page + 1));
    }
    store_release(c);
    if (e != LK_OK) {
        page_fail(r, e);
        return;
    }
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, 200, "petugas-inbox", ctx);
}
