/* web/permohonan_view.c — rendering the pages of *Tambah* (see permohonan_view.h): the
 * draft's steps (permohonan.html) with the seeds' fields — Permohonan, Pemohon and
 * Perusahaan, Data Teknis, Persyaratan — and Periksa with every answer before *Buat*;
 * the confirmation (permohonan-selesai.html) and Hapus (permohonan-hapus.html).
 * A message is shown beside its field by the key the domain gives it ("unit",
 * "dt-no_str", "syarat-12"); the template reads it as err_<key> or the row's err. */
#include "domain/akun/approval.h"
#include "domain/permohonan/dokumen.h"
#include "domain/permohonan/perusahaan.h"
#include "web/auth.h"
#include "web/page.h"
#include "web/kontak.h"
#include "web/lacak_view.h"
#include "web/permohonan_view.h"
#include <string.h>

static void add_option(req *r, tv *list, const char *value, const char *label, const char *current)
{
    tv *o = tv_push_map(list);
    tv_set(o, "value", value);
    tv_set(o, "label", label);
    tv_set_bool(o, "selected", strcmp(current, value) == 0);
}

/* The message for `key` among msgs, or NULL. */
static const char *message_for(req *r, const permohonan_issues *msgs, const char *key)
{
    for (size_t i = 0; i < msgs->count; i++)
        if (strcmp(msgs->items[i].key, key) == 0) return page_t(r, msgs->items[i].msg);
    return NULL;
}

static const struct {
    const char *key, *name;
} LANGKAH[LANGKAH_COUNT] = {
    {"permohonan", "Permohonan"},   {"pemohon", "Pemohon dan Perusahaan"}, {"data-teknis", "Data Teknis"},
    {"persyaratan", "Persyaratan"}, {"periksa", "Periksa"},
};

const char *permohonan_langkah_key(permohonan_langkah l)
{
    return LANGKAH[l < LANGKAH_COUNT ? l : 0].key;
}

permohonan_langkah permohonan_langkah_parse(const char *key, permohonan_langkah fallback)
{
    for (int i = 0; key && i < LANGKAH_COUNT; i++)
        if (strcmp(key, LANGKAH[i].key) == 0) return (permohonan_langkah)i;
    return fallback;
}

permohonan_langkah permohonan_langkah_of(const char *issue_key)
{
    if (strncmp(issue_key, "dt-", 3) == 0) return LANGKAH_DATA_TEKNIS;
    if (strncmp(issue_key, "syarat-", 7) == 0) return LANGKAH_PERSYARATAN;
    if (strcmp(issue_key, "perusahaan") == 0) return LANGKAH_PEMOHON;
    return LANGKAH_PERMOHONAN;
}

/* The address of a step of this draft under `base` (permohonan_where), with an anchor. */
static const char *step_href(req *r, const char *base, const permohonan *p, permohonan_langkah l, const char *anchor)
{
    return arena_printf(r->a, "%s/%lld?langkah=%s%s%s", base, (long long)p->id, permohonan_langkah_key(l),
                        anchor ? "#" : "", anchor ? anchor : "");
}

/* Issues as links: to the field on this page, or to the step where it is. */
static void add_issue_list(req *r, tv *list, const char *base, const permohonan *p, const permohonan_issues *issues, permohonan_langkah here)
{
    for (size_t i = 0; i < issues->count; i++) {
        tv *m = tv_push_map(list);
        const char *key = issues->items[i].key;
        permohonan_langkah l = permohonan_langkah_of(key);
        tv_set(m, "key", key);
        tv_set(m, "href", l == here ? arena_printf(r->a, "#%s", key) : step_href(r, base, p, l, key));
        tv_set(m, "label", page_t(r, issues->items[i].label));
        tv_set(m, "msg", page_t(r, issues->items[i].msg));
    }
}

/* The step list at the top: the current step marked; the others are buttons of the form
 * (they save first) or, on Periksa, which has nothing to save, links. */
static void add_steps(req *r, tv *ctx, const char *base, const permohonan *p, permohonan_langkah here)
{
    tv *list = tv_set_list(ctx, "steps");
    for (int i = 0; i < LANGKAH_COUNT; i++) {
        tv *m = tv_push_map(list);
        tv_set_int(m, "n", i + 1);
        tv_set(m, "key", LANGKAH[i].key);
        tv_set(m, "name", page_t(r, LANGKAH[i].name));
        tv_set_bool(m, "current", i == (int)here);
        tv_set_bool(m, "link", here == LANGKAH_PERIKSA);
        tv_set(m, "href", step_href(r, base, p, (permohonan_langkah)i, NULL));
    }
    tv_set_int(ctx, "step_no", here + 1);
    tv_set(ctx, "step_key", LANGKAH[here].key);
    tv_set(ctx, "step_name", page_t(r, LANGKAH[here].name));
    tv_set(ctx, "prev_key", here > 0 ? LANGKAH[here - 1].key : NULL);
    if (here > 0) tv_set(ctx, "prev_href", step_href(r, base, p, here - 1, NULL));
    if (here + 1 < LANGKAH_COUNT) {
        tv_set(ctx, "next_key", LANGKAH[here + 1].key);
        tv_setf(ctx, "next_label", "%s: %s", page_t(r, "Berikutnya"), page_t(r, LANGKAH[here + 1].name));
    }
}

/* One part of Periksa: a title, its step and label/value rows. */
static tv *review_part(req *r, tv *list, const char *base, const permohonan *p, const char *title, permohonan_langkah l)
{
    tv *m = tv_push_map(list);
    tv_set(m, "title", page_t(r, title));
    tv_set(m, "href", step_href(r, base, p, l, NULL));
    return tv_set_list(m, "items");
}

static void review_item(req *r, tv *items, const char *label, const char *value)
{
    tv *m = tv_push_map(items);
    tv_set(m, "label", page_t(r, label));
    tv_set(m, "value", value && *value ? value : NULL);
}

/* "PDF, JPG, PNG" and the matching accept attribute. */
static void describe_types(req *r, const char *accepted, const char **shown, const char **accept)
{
    buf s = BUF_INIT, acc = BUF_INIT;
    static const struct {
        const char *mime, *label, *accept;
    } TYPES[] = {{"application/pdf", "PDF", ".pdf,application/pdf"},
                 {"image/jpeg", "JPG", ".jpg,.jpeg,image/jpeg"},
                 {"image/png", "PNG", ".png,image/png"}};
    for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++) {
        if (!permohonan_type_accepted(accepted, TYPES[i].mime)) continue;
        buf_printf(&s, "%s%s", s.len ? ", " : "", TYPES[i].label);
        buf_printf(&acc, "%s%s", acc.len ? "," : "", TYPES[i].accept);
    }
    buf_printf(&s, " (%s %u MB)", page_t(r, "paling besar"), APP(r)->max_upload_mb);
    *shown = arena_strdup(r->a, buf_str(&s));
    *accept = arena_strdup(r->a, buf_str(&acc));
    buf_free(&s);
    buf_free(&acc);
}

static lk_err add_catalogue(req *r, store_conn *c, tv *ctx, const permohonan *p, int own_instansi_only)
{
    tv *jp = tv_set_list(ctx, "jp_options");
    for (int i = 0; i < JP_COUNT; i++)
        add_option(r, jp, jenis_permohonan_key((jenis_permohonan)i), page_t(r, jenis_permohonan_label((jenis_permohonan)i)),
                   jenis_permohonan_key(p->jp));

    instansi *inst = NULL;
    size_t n = 0;
    lk_err e = catalogue_instansi_list(c, r->a, &inst, &n);
    if (e) return e;
    tv *list = tv_set_list(ctx, "instansi_options");
    for (size_t i = 0; i < n; i++) {
        if (own_instansi_only && inst[i].id != p->instansi_id) continue;
        tv *o = tv_push_map(list);
        tv_setf(o, "value", "%lld", (long long)inst[i].id);
        tv_set(o, "label", inst[i].name);
        tv_set_bool(o, "selected", inst[i].id == p->instansi_id);
    }

    unit_kerja *units = NULL;
    e = catalogue_units(c, r->a, p->instansi_id, &units, &n);
    if (e) return e;
    list = tv_set_list(ctx, "unit_options");
    add_option(r, list, "", page_t(r, "Pilih Unit"), p->unit_id ? "-" : "");
    for (size_t i = 0; i < n; i++) {
        tv *o = tv_push_map(list);
        tv_setf(o, "value", "%lld", (long long)units[i].id);
        tv_set(o, "label", units[i].name);
        tv_set_bool(o, "selected", units[i].id == p->unit_id);
    }

    list = tv_set_list(ctx, "izin_options");
    add_option(r, list, "", page_t(r, p->unit_id ? "Pilih Jenis Izin" : "Pilih Unit lebih dulu"), p->jenis_izin_id ? "-" : "");
    if (!p->unit_id) return LK_OK;
    permohonan_option *izin = NULL;
    e = permohonan_jenis_izin_options(c, r->a, p->unit_id, p->jp, &izin, &n);
    if (e) return e;
    int listed = 0;
    for (size_t i = 0; i < n; i++) {
        tv *o = tv_push_map(list);
        tv_setf(o, "value", "%lld", (long long)izin[i].id);
        tv_set(o, "label", izin[i].name);
        tv_set_bool(o, "selected", izin[i].id == p->jenis_izin_id);
        listed |= izin[i].id == p->jenis_izin_id;
    }
    /* Chosen, but not offered for this jenis permohonan: still shown, and the rule says so. */
    if (p->jenis_izin_id && !listed && p->jenis_izin_name) {
        tv *o = tv_push_map(list);
        tv_setf(o, "value", "%lld", (long long)p->jenis_izin_id);
        tv_set(o, "label", p->jenis_izin_name);
        tv_set_bool(o, "selected", 1);
    }
    return LK_OK;
}

/* The Pemohon facts and, for a company, the Perusahaan list; *company is the chosen
 * company's name (or NULL). */
static lk_err add_pemohon(req *r, store_conn *c, tv *ctx, const account *me, const permohonan *p, applicant *ap_out,
                          const char **company)
{
    *company = NULL;
    applicant ap;
    lk_err e = approval_get(c, r->a, me->instansi_id, me->id, &ap);
    *ap_out = ap;
    if (e) return e;
    tv *m = tv_set_map(ctx, "pemohon");
    tv_set(m, "nama", ap.nama);
    tv_setf(m, "identitas", "%s %s", ap.tipe_identitas, ap.no_identitas);
    tv_set(m, "email", ap.email);
    tv_set(m, "hp", ap.hp);
    tv_setf(m, "alamat", "%s, %s, %s, %s, %s %s", ap.alamat, ap.desa ? ap.desa : "", ap.kecamatan ? ap.kecamatan : "",
            ap.kabupaten ? ap.kabupaten : "", ap.provinsi ? ap.provinsi : "", ap.kode_pos);

    int is_company = strcmp(p->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0;
    tv_set_bool(ctx, "perorangan", !is_company);
    tv_set_bool(ctx, "perusahaan", is_company);
    tv_set_bool(ctx, "perusahaan_tab", is_company);
    if (!is_company) return LK_OK;
    perusahaan *list = NULL;
    size_t n = 0;
    e = perusahaan_list(c, r->a, me->id, &list, &n);
    if (e) return e;
    tv *opts = tv_set_list(ctx, "perusahaan_options");
    add_option(r, opts, "", page_t(r, n ? "Pilih Perusahaan" : "Belum ada perusahaan"), p->perusahaan_id ? "-" : "");
    for (size_t i = 0; i < n; i++) {
        tv *o = tv_push_map(opts);
        tv_setf(o, "value", "%lld", (long long)list[i].id);
        tv_set(o, "label", list[i].v[PF_NAMA]);
        tv_set_bool(o, "selected", list[i].id == p->perusahaan_id);
        if (list[i].id == p->perusahaan_id) *company = list[i].v[PF_NAMA];
    }
    return LK_OK;
}

static void add_data_teknis(req *r, tv *ctx, const permohonan *p, const jenis_izin_detail *ji,
                            const permohonan_issues *msgs)
{
    if (!ji) return;
    tv *list = tv_set_list(ctx, "dt_fields");
    for (size_t i = 0; i < ji->field_count; i++) {
        const data_teknis_field *f = &ji->fields[i];
        tv *m = tv_push_map(list);
        const char *id = arena_printf(r->a, "dt-%s", f->key);
        const char *value = permohonan_nilai_of(p, f->key);
        const char *err = message_for(r, msgs, id);
        tv_set(m, "id", id);
        tv_setf(m, "name", "dt_%s", f->key);
        tv_set(m, "label", f->label);
        tv_set(m, "unit", f->unit);
        tv_set(m, "help", f->help);
        tv_set(m, "err", err);
        tv_set_bool(m, "required", f->required);
        buf described = BUF_INIT;
        if (f->help) buf_printf(&described, "%s-hint", id);
        if (err) buf_printf(&described, "%s%s-err", described.len ? " " : "", id);
        tv_set(m, "describedby", described.len ? buf_str(&described) : NULL);
        buf_free(&described);
        if (strcmp(f->type, "select") == 0) {
            tv_set_bool(m, "is_select", 1);
            tv *opts = tv_set_list(m, "options");
            add_option(r, opts, "", page_t(r, "Pilih"), value);
            for (const char *o = f->options; o && *o;) {
                size_t len = strcspn(o, "|");
                const char *item = arena_strndup(r->a, o, len);
                add_option(r, opts, item, item, value);
                o += len;
                if (*o == '|') o++;
            }
        } else if (strcmp(f->type, "textarea") == 0) {
            tv_set_bool(m, "is_textarea", 1);
            tv_set(m, "value", value);
        } else {
            tv_set_bool(m, "is_input", 1);
            tv_set(m, "value", value);
            int is_date = strcmp(f->type, "date") == 0, is_number = strcmp(f->type, "number") == 0;
            tv_set(m, "type", is_date ? "date" : "text");
            tv_set(m, "inputmode", is_number ? "decimal" : NULL);
            if (!is_date) tv_set_int(m, "max", PERMOHONAN_DT_TEXT_MAX);
        }
    }
}

static lk_err add_syarat(req *r, store_conn *c, tv *ctx, const account *me, const char *base, const permohonan *p,
                         const permohonan_issues *msgs)
{
    tv_set_bool(ctx, "has_syarat", p->syarat_count > 0);
    if (!p->syarat_count) return LK_OK;
    dokumen *docs = NULL;
    size_t n = 0;
    lk_err e = dokumen_list(c, r->a, me->id, &docs, &n);
    if (e) return e;
    tv *list = tv_set_list(ctx, "syarat");
    for (size_t i = 0; i < p->syarat_count; i++) {
        const permohonan_syarat *s = &p->syarat[i];
        tv *m = tv_push_map(list);
        tv_set_int(m, "pid", s->persyaratan_id);
        tv_set(m, "name", s->name);
        tv_set(m, "description", s->description);
        tv_set_bool(m, "wajib", s->wajib);
        tv_set(m, "wajib_flag", s->wajib ? "1" : "0");
        tv_set_bool(m, "terpenuhi", s->terpenuhi);
        tv_set(m, "file", s->dokumen_id ? s->dokumen_file_name : NULL);
        tv_set(m, "err", message_for(r, msgs, arena_printf(r->a, "syarat-%lld", (long long)s->persyaratan_id)));
        const char *types, *accept;
        describe_types(r, s->accepted_types, &types, &accept);
        tv_set(m, "types", types);
        tv_set(m, "accept", accept);
        if (s->blank_form_id) tv_setf(m, "form_href", "/formulir/%lld", (long long)s->blank_form_id);
        else tv_set(m, "form_href", NULL);
        tv_setf(m, "upload_action", "%s/%lld/syarat/%lld", base, (long long)p->id, (long long)s->persyaratan_id);
        tv *opts = tv_set_list(m, "dok_options");
        add_option(r, opts, "", page_t(r, "Belum ada dokumen"), s->dokumen_id ? "-" : "");
        int listed = 0;
        for (size_t d = 0; d < n; d++) {
            if (!permohonan_type_accepted(s->accepted_types, docs[d].content_type)) continue;
            tv *o = tv_push_map(opts);
            tv_setf(o, "value", "%lld", (long long)docs[d].id);
            tv_setf(o, "label", "%s — %s", docs[d].jenis_dokumen, docs[d].file_name);
            tv_set_bool(o, "selected", docs[d].id == s->dokumen_id);
            listed |= docs[d].id == s->dokumen_id;
        }
        if (s->dokumen_id && !listed) {   /* e.g. a version replaced in the locker since */
            tv *o = tv_push_map(opts);
            tv_setf(o, "value", "%lld", (long long)s->dokumen_id);
            tv_setf(o, "label", "%s — %s", s->dokumen_jenis ? s->dokumen_jenis : "", s->dokumen_file_name ? s->dokumen_file_name : "");
            tv_set_bool(o, "selected", 1);
        }
    }
    return LK_OK;
}

/* Periksa: every answer of every step, read back from the saved draft. */
static void add_review(req *r, tv *ctx, const char *base, const permohonan *p, const jenis_izin_detail *ji, const applicant *ap,
                       const char *company)
{
    tv *parts = tv_set_list(ctx, "review");
    tv *items = review_part(r, parts, base, p, "Permohonan", LANGKAH_PERMOHONAN);
    review_item(r, items, "Jenis Permohonan", page_t(r, jenis_permohonan_label(p->jp)));
    if (p->jp != JP_BARU) review_item(r, items, "No. Izin Lama", p->nomor_izin_lama);
    review_item(r, items, "Instansi", p->instansi_name);
    review_item(r, items, "Unit", p->unit_name);
    review_item(r, items, "Jenis Izin", p->jenis_izin_name);
    int is_company = strcmp(p->tipe_pemohon, PERMOHONAN_PERUSAHAAN) == 0;
    review_item(r, items, "Tipe Pemohon", page_t(r, is_company ? "Perusahaan" : "Perorangan"));
    review_item(r, items, "Nama Tempat", p->lokasi_nama);
    review_item(r, items, "Alamat Lokasi", p->lokasi_alamat);

    items = review_part(r, parts, base, p, "Pemohon dan Perusahaan", LANGKAH_PEMOHON);
    review_item(r, items, "Nama", ap->nama);
    review_item(r, items, "No. Identitas", arena_printf(r->a, "%s %s", ap->tipe_identitas, ap->no_identitas));
    review_item(r, items, "Email", ap->email);
    review_item(r, items, "No. HP", ap->hp);
    if (is_company) review_item(r, items, "Perusahaan", company);

    items = review_part(r, parts, base, p, "Data Teknis", LANGKAH_DATA_TEKNIS);
    for (size_t i = 0; ji && i < ji->field_count; i++)
        review_item(r, items, ji->fields[i].label, permohonan_nilai_of(p, ji->fields[i].key));

    items = review_part(r, parts, base, p, "Persyaratan", LANGKAH_PERSYARATAN);
    for (size_t i = 0; i < p->syarat_count; i++) {
        const permohonan_syarat *s = &p->syarat[i];
        tv *m = tv_push_map(items);
        tv_set(m, "label", s->name);
        if (!s->dokumen_id) tv_set(m, "value", page_t(r, "Belum ada berkas."));
        else tv_setf(m, "value", "%s — %s", s->dokumen_file_name ? s->dokumen_file_name : "",
                     page_t(r, s->terpenuhi ? "Terpenuhi" : "belum dicentang Terpenuhi."));
    }
}

const char PERMOHONAN_BASE_PEMOHON[] = "/pemohon/permohonan";

permohonan_where permohonan_where_pemohon(const account *me)
{
    return (permohonan_where){me, NULL, PERMOHONAN_BASE_PEMOHON, PERMOHONAN_BASE_PEMOHON, "/pemohon/profil"};
}

lk_err permohonan_view_draft(req *r, store_conn *c, const permohonan_where *w, const char *csrf, const permohonan *p,
                             const permohonan_issues *msgs, const char *notice, int status, permohonan_langkah l)
{
    const account *me = w->owner;
    const char *base = w->base;
    jenis_izin_detail ji;
    lk_err e = permohonan_jenis_izin(c, r->a, p, &ji);
    if (e && e != LK_ERR_NOTFOUND) return e;
    const jenis_izin_detail *chosen = e == LK_OK ? &ji : NULL;
    permohonan_issues missing = {0};
    if (l == LANGKAH_PERIKSA) {
        e = permohonan_check(c, r->a, p, chosen, &missing);
        if (e) return e;
    }

    tv *ctx = page_new(r, "Buat Permohonan Izin", w->officer ? "loket" : "profil");
    tv_set(ctx, "csrf", csrf);
    if (p->id) tv_setf(ctx, "action", "%s/%lld", base, (long long)p->id);
    else tv_setf(ctx, "action", "%s/baru", base);
    tv_setf(ctx, "buat_action", "%s/%lld/buat", base, (long long)p->id);
    /* Hapus is the applicant's own: the counter has no such page. */
    if (p->id && !w->officer) tv_setf(ctx, "hapus_href", "%s/%lld/hapus", base, (long long)p->id);
    tv_set(ctx, "back_href", w->back);
    tv_set_bool(ctx, "loket", w->officer != NULL);
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    add_steps(r, ctx, base, p, l);
    static const char *const STEP_FLAGS[LANGKAH_COUNT] = {"step_permohonan", "step_pemohon", "step_dt", "step_syarat",
                                                          "periksa"};
    tv_set_bool(ctx, STEP_FLAGS[l], 1);
    if (msgs->count) add_issue_list(r, tv_set_list(tv_set_map(ctx, "errors"), "list"), base, p, msgs, l);
    static const char *const KEYS[] = {"jenis_permohonan", "nomor_izin_lama", "instansi", "unit", "jenis_izin",
                                       "tipe_pemohon", "perusahaan", "lokasi_nama", "lokasi_alamat"};
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        tv_set(ctx, arena_printf(r->a, "err_%s", KEYS[i]), message_for(r, msgs, KEYS[i]));
    tv_set(ctx, "nomor_izin_lama", p->nomor_izin_lama);
    tv_set_bool(ctx, "izin_lama", p->jp != JP_BARU);
    /* Issued permits: an old number from tab Izin is verified; a typed one is not. */
    tv_set_bool(ctx, "izin_lama_verified", p->jp != JP_BARU && p->izin_lama_id);
    tv_set_bool(ctx, "izin_lama_unverified", p->jp != JP_BARU && !p->izin_lama_id && *p->nomor_izin_lama);
    tv_set(ctx, "lokasi_nama", p->lokasi_nama);
    tv_set(ctx, "lokasi_alamat", p->lokasi_alamat);
    tv_set_bool(ctx, "complete", missing.count == 0);
    add_issue_list(r, tv_set_list(ctx, "missing"), base, p, &missing, l);

    const char *company = NULL;
    applicant ap;
    e = add_catalogue(r, c, ctx, p, w->officer != NULL);
    if (e == LK_OK) e = add_pemohon(r, c, ctx, me, p, &ap, &company);
    if (e == LK_OK) add_data_teknis(r, ctx, p, chosen, msgs);
    if (e == LK_OK) e = add_syarat(r, c, ctx, me, base, p, msgs);
    if (e) return e;
    if (l == LANGKAH_PERIKSA) add_review(r, ctx, base, p, chosen, &ap, company);
    page_send(r, status, "permohonan", ctx);
    return LK_OK;
}

void permohonan_view_hapus(req *r, const permohonan *p, const char *csrf)
{
    tv *ctx = page_new(r, "Hapus draf permohonan", "profil");
    tv_set(ctx, "csrf", csrf);
    tv_setf(ctx, "action", "/pemohon/permohonan/%lld/hapus", (long long)p->id);
    tv_setf(ctx, "back_href", "/pemohon/permohonan/%lld", (long long)p->id);
    tv_set(ctx, "jenis_izin", p->jenis_izin_name ? p->jenis_izin_name : page_t(r, "(belum dipilih)"));
    tv_set(ctx, "instansi", p->instansi_name);
    size_t chosen = 0;
    for (size_t i = 0; i < p->syarat_count; i++) chosen += p->syarat[i].dokumen_id != 0;
    tv_set_int(ctx, "documents", (int64_t)chosen);
    page_send(r, 200, "permohonan-hapus", ctx);
}

lk_err permohonan_view_selesai(req *r, store_conn *c, const permohonan_where *w, const permohonan *p)
{
    tv *ctx = page_new(r, "Permohonan Izin telah selesai dibuat", w->officer ? "loket" : "profil");
    tv_set(ctx, "nomor", p->nomor);
    tv_set(ctx, "jenis_izin", p->jenis_izin_name);
    tv_set(ctx, "jenis_permohonan", page_t(r, jenis_permohonan_label(p->jp)));
    tv_set(ctx, "instansi", p->office_name);
    tv_setf(ctx, "bukti_href", "%s/%lld/bukti", w->base, (long long)p->id);
    tv_setf(ctx, "lacak_href", "%s/%lld/lacak", w->lacak, (long long)p->id);
    tv_set(ctx, "back_href", w->back);
    tv_set_bool(ctx, "loket", w->officer != NULL);
    lk_err e = kontak_view_add(r, c, ctx, p->instansi_id);
    if (e == LK_OK && p->nomor) e = kode_lacak_view_add(c, ctx, p->id, p->nomor);
    if (e != LK_OK) return e;
    page_send(r, 200, "permohonan-selesai", ctx);
    return LK_OK;
}
