/* web/tarif_form.c — a tarif's inputs as form fields and its result as lines (see
 * tarif_form.h). */
#include "web/tarif_form.h"
#include "web/page.h"
#include <string.h>

static const char *field(req *r, const char *prefix, const char *kode, int from_query)
{
    const char *name = arena_printf(r->a, "%s%s", prefix, kode);
    return from_query ? req_query(r, name) : req_form(r, name);
}

void tarif_form_read(req *r, const tarif *t, int from_query, tarif_masukan *out)
{
    out->jumlah = arena_alloc(r->a, (t->nitems + 1) * sizeof *out->jumlah);
    out->kategori = arena_alloc(r->a, (t->nitems + 1) * sizeof *out->kategori);
    for (size_t i = 0; i < t->nitems; i++) {
        out->jumlah[i] = field(r, "j_", t->items[i].kode, from_query);
        out->kategori[i] = field(r, "k_", t->items[i].kode, from_query);
    }
}

int tarif_form_present(req *r, const tarif *t, int from_query)
{
    for (size_t i = 0; i < t->nitems; i++) {
        const char *j = field(r, "j_", t->items[i].kode, from_query), *k = field(r, "k_", t->items[i].kode, from_query);
        if ((j && *j) || (k && *k)) return 1;
    }
    return 0;
}

void tarif_form_fields(req *r, tv *ctx, const tarif *t, const tarif_masukan *m, const tarif_hasil *h)
{
    tv *list = tv_set_list(ctx, "items");
    for (size_t i = 0; i < t->nitems; i++) {
        const tarif_item *it = &t->items[i];
        tv *x = tv_push_map(list);
        tv_set(x, "kode", it->kode);
        tv_set(x, "nama", it->nama);
        const char *what = h && h->failed && h->item_what ? h->item_what[i] : NULL;
        if (what)
            tv_set(x, "err", h->item_detail[i] ? arena_printf(r->a, "%s %s", page_t(r, what), h->item_detail[i])
                                               : page_t(r, what));
        const char *kat = m && m->kategori ? m->kategori[i] : NULL;
        const char *jml = m && m->jumlah ? m->jumlah[i] : NULL;
        const char *per = it->satuan && *it->satuan ? arena_printf(r->a, " %s %s", page_t(r, "per"), it->satuan) : "";
        if (it->jenis != TI_ANGKA && (it->nkategori > 1 || it->jenis == TI_PILIHAN)) {
            tv_set_bool(x, "choose", 1);
            tv_set(x, "choose_label", page_t(r, it->jenis == TI_HARGA ? "Kategori" : "Pilihan"));
            tv *opts = tv_set_list(x, "options");
            tv *none = tv_push_map(opts);
            tv_set(none, "value", "");
            tv_set(none, "label", page_t(r, "— Pilih —"));
            for (size_t k = 0; k < it->nkategori; k++) {
                tv *o = tv_push_map(opts);
                tv_setf(o, "value", "%zu", k + 1);
                if (it->jenis == TI_HARGA)
                    tv_setf(o, "label", "%s — Rp %s%s", it->kategori[k].nama, dec_id(r->a, it->kategori[k].nilai), per);
                else
                    tv_setf(o, "label", "%s (%s)", it->kategori[k].nama, dec_id(r->a, it->kategori[k].nilai));
                tv_set_bool(o, "selected", kat && strcmp(kat, tv_get(o, "value")) == 0);
            }
        } else if (it->jenis == TI_HARGA && it->nkategori == 1) {
            tv_setf(x, "hint", "%s: Rp %s%s", page_t(r, "Tarif"), dec_id(r->a, it->kategori[0].nilai), per);
        }
        if (it->jenis != TI_PILIHAN) {
            tv_set_bool(x, "amount", 1);
            const char *label = page_t(r, it->jenis == TI_HARGA ? "Jumlah" : "Nilai");
            tv_set(x, "amount_label", it->satuan && *it->satuan ? arena_printf(r->a, "%s (%s)", label, it->satuan) : label);
            tv_set(x, "value", jml ? jml : "");
            tv_setf(x, "range", "%s: %s – %s", page_t(r, "Batas"), dec_id(r->a, it->min), dec_id(r->a, it->max));
        }
    }
}

void tarif_form_lines(req *r, tv *list, const tarif_baris *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        tv *l = tv_push_map(list);
        tv_set(l, "uraian", b[i].uraian);
        tv_set(l, "rincian", b[i].rincian);
        tv_set(l, "jumlah", b[i].has_jumlah ? arena_printf(r->a, "Rp %s", dec_id(r->a, b[i].jumlah)) : "");
    }
}

void tarif_form_result(req *r, tv *ctx, const tarif_hasil *h)
{
    if (h->failed) {
        if (h->item_errors) {
            tv_set(ctx, "input_error", page_t(r, "Periksa isian yang ditandai, lalu hitung lagi."));
            return;
        }
        const formula_error *e = &h->formula_err;
        const char *msg = page_t(r, e->what ? e->what : "Rumus tidak dapat dihitung.");
        if (e->detail) msg = arena_printf(r->a, "%s «%s»", msg, e->detail);
        if (e->line) msg = arena_printf(r->a, "%s %d, %s %d: %s", page_t(r, "Baris"), e->line, page_t(r, "kolom"), e->col, msg);
        tv_set(ctx, "hasil_error", msg);
        return;
    }
    tv *res = tv_set_map(ctx, "hasil");
    tarif_form_lines(r, tv_set_list(res, "lines"), h->baris, h->nbaris);
    tv_set(res, "total", dec_rupiah(r->a, h->total));
}
