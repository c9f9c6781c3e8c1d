/* web/admin_tarif.c — Admin Instansi's tarif editor (SPEC 5.8, issue 13 item 2):
 *   GET  /petugas/tarif              the instansi's jenis izin with their tarif in force
 *   GET  /petugas/tarif/:jenis       the newest version in the editor, and every version
 *   POST /petugas/tarif/:jenis       aksi=tambah: one more item row; aksi=uji: the test
 *                                    box computes the fee on the sample inputs; aksi=simpan:
 *                                    the same, and when it computes, the next version is
 *                                    written (domain/tarif/tarif.h tarif_save, audited)
 * Items are rows of fields kode_N, nama_N, satuan_N, jenis_N, min_N, max_N and kategori_N
 * (one "Nama = nilai" per line); the sample inputs are the same fields Simulasi Tarif
 * shows (web/tarif_form.h).  Another instansi's jenis izin reads as not found. */
#include "domain/katalog/catalogue.h"
#include "domain/tarif/tarif.h"
#include "util/log.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/tarif_form.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXTRA_ROWS 2

/* The jenis izin `id` of the officer's instansi; LK_ERR_NOTFOUND for another's. */
static lk_err own_jenis(store_conn *c, req *r, const account *me, int64_t id, jenis_izin_summary *out)
{
    jenis_izin_summary *list;
    size_t n;
    lk_err e = catalogue_search(c, r->a, NULL, me->instansi_id, &list, &n);
    if (e) return e;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id && list[i].instansi_id == me->instansi_id) {
            *out = list[i];
            return LK_OK;
        }
    return LK_ERR_NOTFOUND;
}

static int64_t jenis_param(req *r)
{
    int64_t id = 0;
    const char *s = req_param(r, "jenis");
    return s && parse_int64(s, 1, INT64_MAX, &id) == 0 ? id : 0;
}

void handle_admin_tarif_list(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_summary *list;
    size_t n;
    tv *ctx = page_new(r, "Tarif Retribusi", "tarif");
    tv *rows = tv_set_list(ctx, "rows");
    lk_err e = catalogue_search(c, r->a, NULL, me->instansi_id, &list, &n);
    const char *today = tarif_date_of(r->a, time(NULL));
    for (size_t i = 0; e == LK_OK && i < n; i++) {
        tv *row = tv_push_map(rows);
        tv_set(row, "name", list[i].name);
        tv_setf(row, "href", "/petugas/tarif/%lld", (long long)list[i].id);
        tv_set_bool(row, "gratis", list[i].gratis);
        tarif t;
        lk_err te = tarif_in_force(c, r->a, list[i].id, today, &t);
        if (te == LK_OK) tv_setf(row, "berlaku", "%s %d, %s %s", page_t(r, "versi"), t.version, page_t(r, "mulai"), t.berlaku_mulai);
        else if (te != LK_ERR_NOTFOUND) e = te;
    }
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    page_send(r, 200, "admin-tarif-list", ctx);
}

/* The editor's rows as typed (kept on a refusal). */
typedef struct {
    const char *kode, *nama, *satuan, *jenis, *min, *max, *kategori;
} row_text;

static const char *kategori_text(arena *a, const tarif_item *it)
{
    buf b = BUF_INIT;
    for (size_t k = 0; k < it->nkategori; k++)
        buf_printf(&b, "%s%s = %s", k ? "\n" : "", it->kategori[k].nama, dec_id(a, it->kategori[k].nilai));
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

static const char *trim(arena *a, const char *s)
{
    if (!s) return "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    return arena_strndup(a, s, n);
}

/* Parses "Nama = nilai" lines into it->kategori; 0 or -1 with *what. */
static int parse_kategori(arena *a, const char *text, tarif_item *it, const char **what)
{
    it->kategori = arena_alloc(a, (TARIF_MAX_KATEGORI + 1) * sizeof *it->kategori);
    it->nkategori = 0;
    const char *s = text;
    while (*s) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *line = trim(a, arena_strndup(a, s, len));
        s += len + (end ? 1 : 0);
        if (!*line) continue;
        const char *eq = strrchr(line, '=');
        dec v;
        if (!eq || dec_parse(eq + 1, &v)) {
            *what = "Tulis setiap kategori pada satu baris: Nama = nilai (angka tanpa pemisah ribuan).";
            return -1;
        }
        if (it->nkategori >= TARIF_MAX_KATEGORI) {
            *what = "Paling banyak 40 kategori.";
            return -1;
        }
        it->kategori[it->nkategori].nama = trim(a, arena_strndup(a, line, (size_t)(eq - line)));
        it->kategori[it->nkategori++].nilai = v;
    }
    return 0;
}

/* Reads the editor's form into t and rows; returns the number of rows shown. */
static size_t read_form(req *r, tarif *t, row_text *rows, size_t max_rows, tarif_problem *p, int *bad)
{
    int64_t count = 0;
    const char *rc = req_form(r, "rows");
    if (!rc || parse_int64(rc, 0, TARIF_MAX_ITEMS, &count)) count = 0;
    t->berlaku_mulai = trim(r->a, req_form(r, "berlaku_mulai"));
    t->formula = trim(r->a, req_form(r, "formula"));
    t->catatan = trim(r->a, req_form(r, "catatan"));
    t->items = arena_alloc(r->a, (max_rows + 1) * sizeof *t->items);
    t->nitems = 0;
    *bad = 0;
    size_t shown = 0;
    for (int64_t i = 0; i < count && shown < max_rows; i++) {
        row_text *x = &rows[shown++];
#define F(name) trim(r->a, req_form(r, arena_printf(r->a, name "_%lld", (long long)i)))
        *x = (row_text){F("kode"), F("nama"), F("satuan"), F("jenis"), F("min"), F("max"), F("kategori")};
#undef F
        if (!*x->kode && !*x->nama && !*x->kategori) continue;   /* a blank row */
        tarif_item *it = &t->items[t->nitems++];
        memset(it, 0, sizeof *it);
        it->kode = x->kode;
        it->nama = x->nama;
        it->satuan = x->satuan;
        if (*bad) continue;
        int item = (int)t->nitems - 1;
        const char *what = NULL;
        if (tarif_item_jenis_parse(x->jenis, &it->jenis)) what = "Pilih jenis komponen.";
        else if (dec_parse(*x->min ? x->min : "0", &it->min) || dec_parse(*x->max ? x->max : "1000000000", &it->max))
            what = "Batas bawah dan atas harus angka (tanpa pemisah ribuan).";
        else if (parse_kategori(r->a, x->kategori, it, &what)) (void)0;
        if (what) {
            *p = (tarif_problem){item, "kategori", what, NULL, 0, 0};
            *bad = 1;
        }
    }
    return shown;
}

static void fill_rows(req *r, tv *ctx, const row_text *rows, size_t n, const tarif_problem *p)
{
    tv *list = tv_set_list(ctx, "rows");
    size_t item = 0;
    for (size_t i = 0; i < n + EXTRA_ROWS; i++) {
        row_text blank = {"", "", "", "harga", "0", "1000000000", ""};
        const row_text *x = i < n ? &rows[i] : &blank;
        int is_item = i < n && (*x->kode || *x->nama || *x->kategori);
        tv *m = tv_push_map(list);
        tv_setf(m, "i", "%zu", i);
        tv_setf(m, "no", "%zu", i + 1);
        tv_set(m, "kode", x->kode);
        tv_set(m, "nama", x->nama);
        tv_set(m, "satuan", x->satuan);
        tv_set(m, "min", x->min);
        tv_set(m, "max", x->max);
        tv_set(m, "kategori", x->kategori);
        tv *opts = tv_set_list(m, "jenis");
        static const char *const labels[] = {"Harga (jumlah × harga kategori)", "Pilihan (tabel indeks)", "Angka"};
        for (int k = 0; k < 3; k++) {
            tv *o = tv_push_map(opts);
            tv_set(o, "value", tarif_item_jenis_key((tarif_item_jenis)k));
            tv_set(o, "label", page_t(r, labels[k]));
            tv_set_bool(o, "selected", strcmp(x->jenis, tarif_item_jenis_key((tarif_item_jenis)k)) == 0);
        }
        if (is_item && p && p->what && p->item == (int)item)
            tv_set(m, "err", p->detail ? arena_printf(r->a, "%s «%s»", page_t(r, p->what), p->detail) : page_t(r, p->what));
        if (is_item) item++;
    }
    tv_set_int(ctx, "row_count", (long long)(n + EXTRA_ROWS));
}

static void show(req *r, store_conn *c, int status, const account *me, const jenis_izin_summary *j, const tarif *t,
                 const row_text *rows, size_t nrows, const tarif_problem *p, const tarif_hasil *h, int test_ok)
{
    tv *ctx = page_new(r, "Tarif Retribusi", "tarif");
    tv_set(ctx, "csrf", web_csrf(r));
    tv_set(ctx, "jenis", j->name);
    tv_setf(ctx, "action", "/petugas/tarif/%lld", (long long)j->id);
    tv_set_bool(ctx, "gratis", j->gratis);
    tv_set(ctx, "berlaku_mulai", t->berlaku_mulai ? t->berlaku_mulai : "");
    tv_set(ctx, "formula", t->formula ? t->formula : "");
    tv_set(ctx, "catatan", t->catatan ? t->catatan : "");
    const char *pesan = req_query(r, "pesan");
    if (pesan && strcmp(pesan, "tersimpan") == 0) tv_set(ctx, "notice", page_t(r, "Versi baru tarif tersimpan."));
    if (p && p->what && p->item < 0) {
        const char *msg = page_t(r, p->what);
        if (p->detail) msg = arena_printf(r->a, "%s «%s»", msg, p->detail);
        if (p->line) msg = arena_printf(r->a, "%s %d, %s %d: %s", page_t(r, "Baris"), p->line, page_t(r, "kolom"), p->col, msg);
        const char *key = strcmp(p->field, "berlaku_mulai") == 0 ? "err_berlaku"
                        : strcmp(p->field, "catatan") == 0       ? "err_catatan"
                        : strcmp(p->field, "items") == 0         ? "err_items"
                                                                 : "err_formula";
        tv_set(ctx, key, msg);
    }
    if (p && p->what) tv_set(ctx, "summary", page_t(r, "Tarif belum disimpan: periksa isian yang ditandai."));
    fill_rows(r, ctx, rows, nrows, p);
    /* The test box: the fields of the tarif as it stands, when it checks. */
    if (!p || !p->what) {
        tv_set_bool(ctx, "test_box", 1);
        tarif_masukan m;
        tarif_form_read(r, t, 0, &m);
        tarif_form_fields(r, ctx, t, h ? &m : NULL, h);
        if (h) tarif_form_result(r, ctx, h);
        if (h && test_ok) tv_set_bool(ctx, "test_ok", 1);
    }
    tarif *versions;
    size_t nv;
    if (tarif_versions(c, r->a, j->id, &versions, &nv) == LK_OK) {
        tv *vl = tv_set_list(ctx, "versions");
        for (size_t i = 0; i < nv; i++) {
            tv *v = tv_push_map(vl);
            tv_set_int(v, "version", versions[i].version);
            tv_set(v, "berlaku", versions[i].berlaku_mulai);
            tv_set(v, "formula", *versions[i].formula ? versions[i].formula : page_t(r, "(jumlah komponen berharga)"));
            tv_set(v, "dibuat", versions[i].created_at);
        }
        tv_set_bool(ctx, "has_versions", nv > 0);
    }
    (void)me;
    page_send(r, status, "admin-tarif", ctx);
}

void handle_admin_tarif_form(req *r)
{
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    int64_t id = jenis_param(r);
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_summary j;
    lk_err e = id ? own_jenis(c, r, me, id, &j) : LK_ERR_NOTFOUND;
    tarif t = {.jenis_izin_id = id};
    row_text *rows = NULL;
    size_t nrows = 0;
    if (e == LK_OK) {
        tarif *versions;
        size_t nv;
        e = tarif_versions(c, r->a, id, &versions, &nv);
        if (e == LK_OK && nv) e = tarif_get(c, r->a, versions[0].id, &t);
    }
    if (e == LK_OK) {
        if (!t.berlaku_mulai) t.berlaku_mulai = tarif_date_of(r->a, time(NULL));
        rows = arena_alloc(r->a, (t.nitems + 1) * sizeof *rows);
        for (size_t i = 0; i < t.nitems; i++) {
            const tarif_item *it = &t.items[i];
            rows[nrows++] = (row_text){it->kode, it->nama, it->satuan, tarif_item_jenis_key(it->jenis),
                                       dec_str(r->a, it->min), dec_str(r->a, it->max), kategori_text(r->a, it)};
        }
        web_csrf(r);
        show(r, c, 200, me, &j, &t, rows, nrows, NULL, NULL, 0);
    }
    store_release(c);
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Jenis izin tidak ditemukan.");
    else if (e) page_fail(r, e);
}

void handle_admin_tarif_save(req *r)
{
    if (!web_csrf_ok(r)) {
        web_csrf_failed(r);
        return;
    }
    const account *me = web_require_petugas(r, ROLE_ADMIN_INSTANSI);
    if (!me) return;
    int64_t id = jenis_param(r);
    const char *aksi = req_form(r, "aksi");
    aksi = aksi ? aksi : "uji";
    store_conn *c = store_acquire(APP(r)->db);
    jenis_izin_summary j;
    lk_err e = id ? own_jenis(c, r, me, id, &j) : LK_ERR_NOTFOUND;
    if (e) goto out;
    tarif t = {.jenis_izin_id = id};
    row_text *rows = arena_alloc(r->a, (TARIF_MAX_ITEMS + EXTRA_ROWS + 2) * sizeof *rows);
    tarif_problem p = {0};
    int bad = 0;
    size_t nrows = read_form(r, &t, rows, TARIF_MAX_ITEMS + EXTRA_ROWS + 1, &p, &bad);
    if (strcmp(aksi, "tambah") == 0) {   /* the rows as posted, blank ones too, and two more */
        show(r, c, 200, me, &j, &t, rows, nrows, NULL, NULL, 0);
        goto out;
    }
    while (nrows && !*rows[nrows - 1].kode && !*rows[nrows - 1].nama && !*rows[nrows - 1].kategori) nrows--;
    if (!bad && tarif_check(r->a, &t, &p) == 0) p.what = NULL;
    if (p.what) {
        show(r, c, 400, me, &j, &t, rows, nrows, &p, NULL, 0);
        goto out;
    }
    tarif_masukan m;
    tarif_form_read(r, &t, 0, &m);
    tarif_hasil h;
    int ok = tarif_form_present(r, &t, 0) && tarif_hitung(r->a, &t, &m, &h) == 0;
    if (!tarif_form_present(r, &t, 0)) {
        memset(&h, 0, sizeof h);
        h.failed = 1;
        h.formula_err.what = "Isi contoh masukan di kotak uji lalu tekan Uji Rumus sebelum menyimpan.";
    }
    if (strcmp(aksi, "simpan") != 0 || !ok) {
        if (strcmp(aksi, "simpan") == 0 && ok == 0 && !h.item_errors && !h.formula_err.what)
            h.formula_err.what = "Rumus tidak dapat dihitung.";
        show(r, c, strcmp(aksi, "simpan") == 0 && !ok ? 400 : 200, me, &j, &t, rows, nrows, NULL, &h, ok);
        goto out;
    }
    int64_t new_id = 0;
    e = tarif_save(c, r->a, &t, me->id, me->instansi_id, time(NULL), &new_id, &p);
    if (e == LK_ERR_INVALID) {
        show(r, c, 400, me, &j, &t, rows, nrows, &p, NULL, 0);
        e = LK_OK;
        goto out;
    }
    if (e == LK_OK) {
        log_info("tarif: version %lld of jenis izin %lld saved by account %lld", (long long)new_id, (long long)id,
                 (long long)me->id);
        resp_redirect(r, 303, arena_printf(r->a, "/petugas/tarif/%lld?pesan=tersimpan", (long long)id));
    }
out:
    store_release(c);
    if (e == LK_ERR_NOTFOUND) page_error(r, 404, "Jenis izin tidak ditemukan.");
    else if (e) page_fail(r, e);
}
