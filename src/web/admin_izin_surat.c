/* web/admin_izin_surat.c — the permit-type editor's *Surat Izin* tab (SPEC 4.12): the
 * title and text of the permit this jenis izin issues, with the placeholders it may use,
 * *Simpan*, *Pratinjau (PDF)* of a sample permit drawn from the text as typed (nothing
 * stored), and *Kembalikan ke Bawaan*.  The rules are in domain/izin/izin_template.c. */
#include "domain/izin/izin_template.h"
#include "domain/katalog/catalogue.h"
#include "util/datetime.h"
#include "web/admin.h"
#include "web/admin_izin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

static const admin_label LABELS[] = {{"judul", "Judul"}, {"isi", "Isi"}, {"ttd_letak", "Letak Tanda Tangan"}, {NULL, NULL}};

static const char *notice_of(req *r)
{
    const char *msg = req_query(r, "pesan");
    if (!msg) return NULL;
    if (strcmp(msg, "disimpan") == 0) return "Template surat izin disimpan. Izin yang terbit sejak sekarang memakainya; izin yang sudah terbit tidak berubah.";
    if (strcmp(msg, "bawaan") == 0) return "Template bawaan dipakai lagi.";
    return NULL;
}

/* The page with `judul`/`isi` in the fields (the stored ones, or what was posted). */
static void show(req *r, const account *me, int status, const jenis_izin_detail *ji, int64_t revision,
                 const char *judul, const char *isi, const char *ttd_letak, const issues *errs)
{
    store_conn *c = store_acquire(APP(r)->db);
    izin_template t;
    lk_err e = izin_template_get(c, r->a, ji->s.id, &t);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = admin_izin_page(r, ji, revision, "surat");
    tv_set(ctx, "action", arena_printf(r->a, IZIN_PATH "/%lld/surat-izin", (long long)ji->s.id));
    tv_set(ctx, "judul", judul ? judul : t.judul);
    tv_set(ctx, "isi", isi ? isi : t.isi);
    const char *letak = ttd_letak ? ttd_letak : t.ttd_letak;
    tv_set_bool(ctx, "ttd_kiri", strcmp(letak, "kiri") == 0);
    tv_set_bool(ctx, "ttd_kanan", strcmp(letak, "kiri") != 0);
    tv_set_bool(ctx, "custom", t.custom);
    if (t.custom) tv_set(ctx, "updated", page_datetime(r, t.updated_at));
    tv *list = tv_set_list(ctx, "placeholders");
    for (const izin_placeholder *p = izin_template_placeholders(r->a, ji); p->key; p++) {
        tv *row = tv_push_map(list);
        tv_set(row, "key", arena_printf(r->a, "{%s}", p->key));
        tv_set(row, "meaning", strncmp(p->key, "dt.", 3) == 0 ? p->meaning : page_t(r, p->meaning));
    }
    const char *notice = notice_of(r);
    if (notice) tv_set(ctx, "notice", page_t(r, notice));
    if (errs) admin_errors(r, ctx, errs, LABELS);
    page_send(r, status, "admin-izin-surat", ctx);
}

void handle_admin_izin_surat(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    jenis_izin_detail ji;
    int64_t revision = 0;
    if (!admin_izin_load(r, me, &ji, &revision)) return;
    show(r, me, 200, &ji, revision, NULL, NULL, NULL, NULL);
}

/* Pratinjau: a sample permit from the posted text, checked first as a save would be. */
static void preview(req *r, const jenis_izin_detail *ji, const char *judul, const char *isi, const char *ttd_letak)
{
    store_conn *c = store_acquire(APP(r)->db);
    instansi inst;
    lk_err e = catalogue_instansi_get(c, r->a, ji->s.instansi_slug, &inst);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    buf pdf = BUF_INIT;
    e = izin_template_preview(r->a, ji, judul, isi, ttd_letak, inst.name, ji->s.unit_name ? ji->s.unit_name : inst.office_name,
                              inst.address, APP(r)->base_url, &pdf);
    if (e == LK_OK) {
        resp_header(r, "Content-Disposition", "inline; filename=\"pratinjau-surat-izin.pdf\"");
        resp_header(r, "Cache-Control", "no-store");
        resp_bytes(r, 200, "application/pdf", pdf.data, pdf.len, 1);
    } else {
        page_fail(r, e);
    }
    buf_free(&pdf);
}

void handle_admin_izin_surat_simpan(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    jenis_izin_detail ji;
    int64_t revision = 0;
    if (!admin_izin_load(r, me, &ji, &revision)) return;
    const char *aksi = req_form(r, "aksi");
    const char *judul = req_form(r, "judul"), *isi = req_form(r, "isi"), *letak = req_form(r, "ttd_letak");
    const char *base = arena_printf(r->a, IZIN_PATH "/%lld/surat-izin", (long long)ji.s.id);
    store_conn *c = store_acquire(APP(r)->db);
    issues errs = {0};
    lk_err e;
    if (aksi && strcmp(aksi, "bawaan") == 0) {
        e = izin_template_reset(c, me->id, me->instansi_id, ji.s.id, time(NULL));
        store_release(c);
        if (e == LK_OK) resp_redirect(r, 303, arena_printf(r->a, "%s?pesan=bawaan", base));
        else page_fail(r, e);
        return;
    }
    int is_preview = aksi && strcmp(aksi, "pratinjau") == 0;
    if (is_preview) e = izin_template_check(r->a, &ji, judul, isi, letak, &errs);   /* nothing stored */
    else e = izin_template_save(c, r->a, me->id, me->instansi_id, &ji, judul, isi, letak, time(NULL), &errs);
    store_release(c);
    if (e == LK_OK && is_preview) preview(r, &ji, judul, isi, letak);
    else if (e == LK_OK) resp_redirect(r, 303, arena_printf(r->a, "%s?pesan=disimpan", base));
    else if (e == LK_ERR_INVALID) show(r, me, 400, &ji, revision, judul ? judul : "", isi ? isi : "", letak ? letak : "kanan", &errs);
    else if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Jenis izin tidak ditemukan.");
    else page_fail(r, e);
}
