/* web/lacak.c — tracking an application (SPEC 4.9): the owner's page
 * /pemohon/permohonan/:id/lacak (with the application's Kode Lacak), the same page for
 * officers of the application's instansi at /petugas/permohonan/:id/lacak, and public
 * tracking at /lacak by number plus the Kode Lacak printed on the bukti pendaftaran
 * (domain/permohonan/kode_lacak.h; step statuses only, no personal data).
 *
 * Public guessing is throttled (domain/akun/throttle.h) per client address and per
 * application number, whoever asks: a guesser spread over many addresses still gets only
 * LACAK_NUMBER_LOCK wrong codes per number a day against 2^50 possible codes.  Either counter answers 429 with Retry-After.  A
 * right pair does not reset the counts: otherwise one's own valid pair would launder
 * guesses. */
#include "domain/akun/throttle.h"
#include "domain/proses/calendar.h"
#include "domain/permohonan/lacak.h"
#include "domain/permohonan/kode_lacak.h"
#include "domain/proses/berkas.h"
#include "domain/tarif/retribusi.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/lacak_view.h"
#include "web/page.h"
#include <stdio.h>
#include <string.h>

#define WIB_OFFSET_S (7 * 3600)

/* "25 November 2026": the WIB calendar date of an ISO moment. */
static const char *wib_date(req *r, const char *iso)
{
    time_t t;
    if (!iso || datetime_parse(iso, &t) != 0) return iso ? iso : "";
    t += WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&t, &tm);
    char ymd[16];
    strftime(ymd, sizeof ymd, "%Y-%m-%d", &tm);
    return page_date(r, ymd);
}

void lacak_view_sla(req *r, calendar *cal, const char *due_iso, time_t now, tv *item)
{
    time_t due;
    if (!due_iso || datetime_parse(due_iso, &due) != 0) return;
    tv_set(item, "due", wib_date(r, due_iso));
    int days = 0;
    if (now > due) {
        tv_set_bool(item, "late", 1);
        if (calendar_days_between_on(cal, due, now, &days) == LK_OK && days > 0)
            tv_setf(item, "sla", "%s %s", page_t(r, "Terlambat"), page_count(r, days, "{n} hari kerja"));
        else
            tv_set(item, "sla", page_t(r, "Terlambat"));
        return;
    }
    tv_set_bool(item, "on_time", 1);
    if (calendar_days_between_on(cal, now, due, &days) == LK_OK && days > 0)
        tv_setf(item, "sla", "%s, %s %s", page_t(r, "Tepat waktu"), page_t(r, "sisa"), page_count(r, days, "{n} hari kerja"));
    else
        tv_setf(item, "sla", "%s, %s", page_t(r, "Tepat waktu"), page_t(r, "hari ini hari terakhir"));
}

void lacak_view_fill(req *r, store_conn *c, const lacak_detail *d, int with_events, tv *ctx)
{
    time_t now = time(NULL);
    tv *p = tv_set_map(ctx, "permohonan");
    tv_set(p, "nomor", d->p.nomor);
    tv_set(p, "jenis_izin", d->p.jenis_izin ? d->p.jenis_izin : "—");
    tv_set(p, "status", page_t(r, lacak_status_label(d->p.status)));
    tv_set(p, "status_key", d->p.status);
    tv_set(p, "instansi", d->instansi);
    tv_set(p, "tanggal", page_datetime(r, d->p.tanggal));
    int paused = strcmp(d->p.status, "perbaikan") == 0;
    tv_set_bool(p, "perbaikan", paused);

    tv *steps = tv_set_list(ctx, "steps");
    tv_set_bool(ctx, "has_steps", d->nsteps > 0);
    calendar cal;
    calendar_open(&cal, c, d->instansi_id);
    for (size_t i = 0; i < d->nsteps; i++) {
        const lacak_step *s = &d->steps[i];
        tv *item = tv_push_map(steps);
        tv_set_int(item, "no", s->position);
        tv_set(item, "name", s->name);
        tv_set(item, "role", page_t(r, s->role_name));
        tv_set(item, "state", page_t(r, lacak_step_label(s->status)));
        int done = strcmp(s->status, "selesai") == 0, current = strcmp(s->status, "berjalan") == 0;
        tv_set(item, "class", done ? "step-done" : current ? "step-current" : "step-waiting");
        tv_set_bool(item, "done", done);
        tv_set_bool(item, "current", current);
        tv_setf(item, "sla_days", "%d", s->sla_days);
        tv_set(item, "sla_days_text", page_count(r, s->sla_days, "{n} hari kerja"));
        if (done) {
            tv_set(item, "finished", page_datetime(r, s->finished_at));
            time_t due, fin;
            if (s->due_at && s->finished_at && datetime_parse(s->due_at, &due) == 0 &&
                datetime_parse(s->finished_at, &fin) == 0)
                tv_set(item, "sla", page_t(r, fin <= due ? "Tepat waktu" : "Terlambat"));
        } else if (current) {
            if (s->started_at) tv_set(item, "started", page_datetime(r, s->started_at));
            if (s->paused_days > 0) tv_set_int(item, "paused_days", s->paused_days);
            if (paused) tv_set_bool(item, "paused", 1);
            else lacak_view_sla(r, &cal, s->due_at, now, item);
        }
    }
    calendar_close(&cal);
    if (!with_events) return;
    tv *events = tv_set_list(ctx, "events");
    tv_set_bool(ctx, "has_events", d->nevents > 0);
    for (size_t i = 0; i < d->nevents; i++) {
        const lacak_event *ev = &d->events[i];
        tv *item = tv_push_map(events);
        tv_set(item, "at", page_datetime(r, ev->at));
        tv_set(item, "who", page_t(r, ev->role_name));
        tv_set(item, "what", page_t(r, lacak_event_label(ev->kind)));
        tv_set(item, "note", ev->note && *ev->note ? ev->note : NULL);
    }
}

lk_err kode_lacak_view_add(store_conn *c, tv *ctx, int64_t id, const char *nomor)
{
    char kode[KODE_LACAK_LEN + 1], shown[KODE_LACAK_SHOWN + 1];
    lk_err e = kode_lacak_of(c, id, nomor, kode);
    if (e != LK_OK) return e;
    kode_lacak_format(kode, shown);
    tv_set(ctx, "kode_lacak", shown);
    return LK_OK;
}

static int permohonan_id(req *r, int64_t *id)
{
    return parse_int64(req_param(r, "id"), 1, INT64_MAX, id);
}

/* The owner's or an officer's tracking page; `officer` picks the rule. */
static void show_tracking(req *r, const account *me, int officer)
{
    int64_t id;
    if (permohonan_id(r, &id) != 0) {
        page_fail(r, LK_ERR_NOTFOUND);
        return;
    }
    store_conn *c = store_acquire(APP(r)->db);
    if (!officer) store_read_snapshot(c);   /* the owner's look only reads */
    lacak_detail d;
    lk_err e = officer ? lacak_for_petugas(c, r->a, me->instansi_id, id, &d)
                       : lacak_for_pemohon(c, r->a, me->id, id, &d);
    /* An officer's view of an application is recorded in the audit trail (issue 7). */
    if (e == LK_OK && officer) e = berkas_lihat(c, me, id, time(NULL));
    if (e != LK_OK) {
        store_release(c);
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Lacak Permohonan", officer ? "" : "profil");
    lacak_view_fill(r, c, &d, 1, ctx);
    tv_set_bool(ctx, "officer", officer);
    if (!officer) {
        tv_setf(ctx, "bukti_href", "/pemohon/permohonan/%lld/bukti", (long long)id);
        /* The owner's own copy of the code, for the public form on another device, and
         * the SKRD once the office has assessed the fee. */
        lk_err ve = kode_lacak_view_add(c, ctx, id, d.p.nomor);
        retribusi x;
        lk_err re = ve == LK_OK ? retribusi_get(c, r->a, id, &x) : LK_OK;
        if (re == LK_OK && ve == LK_OK && x.nomor_skrd) {
            tv *skrd = tv_set_map(ctx, "skrd");
            tv_setf(skrd, "href", "/pemohon/permohonan/%lld/skrd", (long long)id);
            tv_set(skrd, "nomor", x.nomor_skrd);
            tv_set(skrd, "state", page_t(r, x.paid ? "Lunas" : "Belum dibayar"));
        }
        if (ve != LK_OK || (re != LK_OK && re != LK_ERR_NOTFOUND)) {
            store_release(c);
            page_fail(r, ve != LK_OK ? ve : re);
            return;
        }
    }
    /* The perbaikan page, the overall due date and the pause (issue 7 items 7, 8). */
    if (!officer && strcmp(d.p.status, "perbaikan") == 0)
        tv_setf(ctx, "perbaikan_href", "/pemohon/permohonan/%lld/perbaikan", (long long)id);
    time_t overall;
    if ((strcmp(d.p.status, "selesai") != 0 && strcmp(d.p.status, "ditolak") != 0) &&
        lacak_overall_due(c, r->a, &d, &overall) == LK_OK)
        tv_set(ctx, "overall_due", wib_date(r, datetime_iso(r->a, overall)));
    if (d.paused_days > 0) tv_set_int(ctx, "paused_days", d.paused_days);
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "perbaikan") == 0)
        tv_set(ctx, "notice", page_t(r, "Perbaikan terkirim. Permohonan kembali diproses petugas."));
    store_release(c);
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, 200, "lacak", ctx);
}

void handle_pemohon_lacak(req *r)
{
    const account *me = web_require_pemohon(r);
    if (me) show_tracking(r, me, 0);
}

void handle_petugas_lacak(req *r)
{
    const account *me = web_require_petugas(r, 0);
    if (me) show_tracking(r, me, 1);
}

/* The public form, with what was typed and an error message, or the result.  The code
 * typed is never sent back: a shared screen or the back button does not show it. */
static void public_page(req *r, int status, const char *nomor, const char *error, const char *kode_error,
                        const lacak_detail *d, store_conn *c)
{
    tv *ctx = page_new(r, "Lacak Permohonan", "lacak");
    tv_set(ctx, "nomor", nomor ? nomor : "");
    if (error) tv_set(ctx, "error", page_t(r, error));
    if (kode_error) tv_set(ctx, "kode_error", page_t(r, kode_error));
    tv_set_bool(ctx, "kode_invalid", kode_error != NULL);
    if (d) {
        tv_set_bool(ctx, "found", 1);
        lacak_view_fill(r, c, d, 0, ctx);
    }
    resp_header(r, "Cache-Control", "no-store");
    page_send(r, status, "lacak-publik", ctx);
}

/* GET /lacak: the form, the number filled in when given (the receipt's QR code). */
void handle_lacak(req *r)
{
    const char *nomor = req_query(r, "nomor");
    public_page(r, 200, nomor && strlen(nomor) <= 100 ? nomor : "", NULL, NULL, NULL, NULL);
}

static const throttle_rule LACAK_CLIENT_RULE = {10, 50, 900, 60};
/* Per number: 3 wrong codes free, then growing waits, and the 10th locks it for a day. */
#define LACAK_NUMBER_LOCK 10
static const throttle_rule LACAK_NUMBER_RULE = {3, LACAK_NUMBER_LOCK, 86400, 300};

/* POST /lacak: number and tracking code, in the body so the code stays out of addresses,
 * browser history and logs. */
void handle_lacak_cari(req *r)
{
    /* A lookup that changes nothing but the guess counters: the page is one cached page
     * for every visitor (no per-visitor token), so a post from another site is refused by
     * what the browser says of its origin (web_same_origin_ok). */
    if (!web_same_origin_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const char *nomor = req_form(r, "nomor");
    const char *kode = req_form(r, "kode");
    char bare[KODE_LACAK_LEN + 1];
    if (!nomor || !*nomor || strlen(nomor) > 100) {
        public_page(r, 400, "", "Isi No. Permohonan seperti tertulis pada bukti pendaftaran.", NULL, NULL, NULL);
        return;
    }
    if (!kode || strlen(kode) > 40 || kode_lacak_normalize(kode, bare) != 0) {
        public_page(r, 400, nomor, NULL, "Kode Lacak terdiri dari 10 huruf dan angka, contoh 7KQ4M-2XHPA.", NULL, NULL);
        return;
    }
    char client[64], number[64];
    throttle_key(client, "lacak:ip:", req_client_ip(r), "");
    throttle_key(number, "lacak:no:", nomor, "");
    time_t now = time(NULL);
    store_conn *c = store_acquire(APP(r)->db);
    int64_t wait_s = 0, number_wait = 0;
    lk_err e = throttle_wait(c, client, now, &wait_s);
    if (e == LK_OK) e = throttle_wait(c, number, now, &number_wait);
    if (number_wait > wait_s) wait_s = number_wait;
    if (e == LK_OK && wait_s > 0) {
        store_release(c);
        resp_header(r, "Retry-After", arena_printf(r->a, "%lld", (long long)wait_s));
        public_page(r, 429, nomor,
                    arena_printf(r->a, "%s %lld %s", page_t(r, "Terlalu banyak percobaan yang gagal. Coba lagi dalam"),
                                 (long long)wait_s, page_t(r, "detik.")), NULL, NULL, NULL);
        return;
    }
    lacak_detail d;
    if (e == LK_OK) e = lacak_public(c, r->a, nomor, bare, &d);
    if (e == LK_ERR_NOTFOUND || e == LK_ERR_INVALID) {
        throttle_fail(c, client, &LACAK_CLIENT_RULE, now);
        throttle_fail(c, number, &LACAK_NUMBER_RULE, now);
        store_release(c);
        public_page(r, 404, nomor, "Nomor permohonan dan Kode Lacak tidak cocok.", NULL, NULL, NULL);
        return;
    }
    if (e != LK_OK) {
        store_release(c);
        page_fail(r, e);
        return;
    }
    public_page(r, 200, nomor, NULL, NULL, &d, c);
    store_release(c);
}
