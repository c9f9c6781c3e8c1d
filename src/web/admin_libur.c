/* web/admin_libur.c — Admin Instansi's *Hari Libur* page (SPEC 3, 5.8): the calendar of a
 * year with the national holidays and cuti bersama read-only, the instansi's own
 * holidays with *Hapus*, and a form to add one.  Working-day SLA due dates computed
 * after a change follow it (domain/proses/calendar.c reads the same table).  The rules
 * are in domain/katalog/hari_libur.c. */
#include "domain/katalog/hari_libur.h"
#include "util/datetime.h"
#include "util/text.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define LIBUR_PATH "/petugas/admin/libur"
#define WIB_OFFSET_S (7 * 3600)

static const admin_label LABELS[] = {{"tanggal", "Tanggal"}, {"nama", "Nama hari libur"}, {NULL, NULL}};
static const char *const WEEKDAYS[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};

static int this_year(void)
{
    time_t t = time(NULL) + WIB_OFFSET_S;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static void show(req *r, const account *me, int status, int year, const char *tanggal, const char *nama,
                 const issues *errs, const char *notice)
{
    store_conn *c = store_acquire(APP(r)->db);
    hari_libur *list = NULL;
    size_t n = 0;
    lk_err e = hari_libur_list(c, r->a, me->instansi_id, year, &list, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = page_new(r, "Hari Libur", "admin-libur");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "instansi", me->instansi_name);
    tv_set_int(ctx, "tahun", year);
    if (year > HARI_LIBUR_YEAR_MIN) tv_set(ctx, "prev", arena_printf(r->a, LIBUR_PATH "?tahun=%d", year - 1));
    if (year < HARI_LIBUR_YEAR_MAX) tv_set(ctx, "next", arena_printf(r->a, LIBUR_PATH "?tahun=%d", year + 1));
    tv_setf(ctx, "prev_year", "%d", year - 1);
    tv_setf(ctx, "next_year", "%d", year + 1);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, LABELS);
    tv *f = tv_set_map(ctx, "f");
    tv_set(f, "tanggal", tanggal);
    tv_set(f, "nama", nama);
    tv *rows = tv_set_list(ctx, "rows");
    int local = 0;
    for (size_t i = 0; i < n; i++) {
        tv *row = tv_push_map(rows);
        int wd = 0;
        hari_libur_parse_date(list[i].tanggal, &wd);
        tv_set(row, "id", arena_printf(r->a, "libur-%lld", (long long)list[i].id));
        tv_set(row, "tanggal", arena_printf(r->a, "%s, %s", page_t(r, WEEKDAYS[wd]), date_long(r->a, list[i].tanggal)));
        tv_set(row, "iso", list[i].tanggal);
        tv_set(row, "nama", list[i].nama);
        tv_set(row, "jenis", page_t(r, list[i].cuti_bersama ? "Cuti bersama" : list[i].nasional ? "Libur nasional"
                                                                                                  : "Libur daerah"));
        tv_set_bool(row, "lokal", !list[i].nasional);
        if (!list[i].nasional) {
            local++;
            tv_set(row, "hapus", arena_printf(r->a, LIBUR_PATH "/%lld/hapus", (long long)list[i].id));
        }
    }
    tv_set_bool(ctx, "has_rows", n > 0);
    tv_set_int(ctx, "lokal", local);
    page_send(r, status, "admin-libur", ctx);
}

static int year_of(req *r, const char *v)
{
    int64_t y = 0;
    return v && parse_int64(v, HARI_LIBUR_YEAR_MIN, HARI_LIBUR_YEAR_MAX, &y) == 0 ? (int)y : this_year();
}

void handle_admin_libur(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    const char *msg = req_query(r, "pesan");
    show(r, me, 200, year_of(r, req_query(r, "tahun")), NULL, NULL, NULL,
         msg && strcmp(msg, "ditambah") == 0 ? "Hari libur ditambahkan. Batas waktu (SLA) yang dihitung sesudah ini melewatinya."
         : msg && strcmp(msg, "dihapus") == 0 ? "Hari libur dihapus."
                                              : NULL);
}

void handle_admin_libur_tambah(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    const char *tanggal = admin_field(r, "tanggal"), *nama = admin_field(r, "nama");
    issues errs = {0};
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = hari_libur_add(c, r->a, me, tanggal, nama, time(NULL), NULL, &errs);
    store_release(c);
    if (e == LK_ERR_INVALID) {
        int year = tanggal && hari_libur_parse_date(tanggal, NULL) == 0 ? year_of(r, arena_strndup(r->a, tanggal, 4))
                                                                        : year_of(r, req_form(r, "tahun"));
        show(r, me, 400, year, tanggal, nama, &errs, NULL);
        return;
    }
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, arena_printf(r->a, LIBUR_PATH "?tahun=%.4s&pesan=ditambah", tanggal));
}

void handle_admin_libur_hapus(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    int64_t id = admin_id_param(r, "id");
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? hari_libur_remove(c, me, id, time(NULL)) : LK_ERR_NOTFOUND;
    store_release(c);
    if (e == LK_ERR_DENIED) {
        page_error(r, 403, "Hari libur nasional dan cuti bersama tidak dapat dihapus oleh instansi.");
        return;
    }
    if (e == LK_ERR_NOTFOUND) {
        page_error(r, 404, "Hari libur tidak ditemukan. Mungkin sudah dihapus.");
        return;
    }
    if (e) {
        page_fail(r, e);
        return;
    }
    resp_redirect(r, 303, arena_printf(r->a, LIBUR_PATH "?tahun=%d&pesan=dihapus", year_of(r, req_form(r, "tahun"))));
}
