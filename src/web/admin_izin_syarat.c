/* web/admin_izin_syarat.c — the permit-type editor's *Persyaratan* and *Data Teknis*
 * pages (SPEC 3, 5.8): the list in the applicant's order with *Ubah*, up and down and
 * *Hapus* for each row, and the add form; one row's edit form.  Without JavaScript every
 * action is a small form.  The rules are in domain/katalog/editor_syarat.c. */
#include "domain/katalog/editor.h"
#include "util/text.h"
#include "web/admin.h"
#include "web/admin_izin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

static const admin_label SYARAT_LABELS[] = {
    {"name", "Nama persyaratan"}, {"description", "Keterangan"}, {"applies", "Berlaku untuk"},
    {"types", "Jenis berkas"}, {"formulir", "Formulir kosong"}, {"revisi", NULL}, {NULL, NULL},
};
static const admin_label FIELD_LABELS[] = {
    {"label", "Label"}, {"key", "Kode"}, {"type", "Jenis isian"}, {"options", "Pilihan"},
    {"unit", "Satuan"}, {"help", "Petunjuk"}, {"revisi", NULL}, {NULL, NULL},
};

static const char *row_base(req *r, const jenis_izin_detail *ji, const char *area, int64_t row_id)
{
    return arena_printf(r->a, IZIN_PATH "/%lld/%s/%lld", (long long)ji->s.id, area, (long long)row_id);
}

/* ---- Persyaratan ------------------------------------------------------------------------ */

static editor_syarat_input read_syarat(req *r)
{
    editor_syarat_input in = {.name = admin_field(r, "name"), .description = req_form(r, "description"),
                              .wajib = req_form(r, "wajib") != NULL};
    for (int jp = 0; jp < JP_COUNT; jp++)
        in.applies[jp] = req_form(r, arena_printf(r->a, "applies_%s", jenis_permohonan_key((jenis_permohonan)jp))) != NULL;
    in.pdf = req_form(r, "type_pdf") != NULL;
    in.jpg = req_form(r, "type_jpg") != NULL;
    in.png = req_form(r, "type_png") != NULL;
    return in;
}

static editor_syarat_input syarat_of(const persyaratan *p)
{
    editor_syarat_input in = {.name = p->name, .description = p->description, .wajib = p->wajib};
    memcpy(in.applies, p->applies, sizeof in.applies);
    const char *t = p->accepted_types ? p->accepted_types : "";
    in.pdf = strstr(t, "pdf") != NULL;
    in.jpg = strstr(t, "jpg") != NULL;
    in.png = strstr(t, "png") != NULL;
    return in;
}

static const persyaratan *find_syarat(const jenis_izin_detail *ji, int64_t sid)
{
    for (size_t i = 0; i < ji->persyaratan_count; i++)
        if (ji->persyaratan[i].id == sid) return &ji->persyaratan[i];
    return NULL;
}

static void fill_syarat_form(req *r, tv *ctx, const editor_syarat_input *in)
{
    tv *f = tv_set_map(ctx, "f");
    tv_set(f, "name", in ? in->name : NULL);
    tv_set(f, "description", in ? in->description : NULL);
    tv_set_bool(f, "wajib", in ? in->wajib : 1);
    tv *ap = tv_set_list(f, "applies");
    for (int jp = 0; jp < JP_COUNT; jp++) {
        tv *o = tv_push_map(ap);
        tv_set(o, "key", jenis_permohonan_key((jenis_permohonan)jp));
        tv_set(o, "label", page_t(r, jenis_permohonan_label((jenis_permohonan)jp)));
        tv_set_bool(o, "checked", in ? in->applies[jp] : 1);
    }
    tv_set_bool(f, "pdf", in ? in->pdf : 1);
    tv_set_bool(f, "jpg", in ? in->jpg : 0);
    tv_set_bool(f, "png", in ? in->png : 0);
}

/* The list with the add form (edit_sid 0) or one requirement's edit form. */
static void show_syarat(req *r, int status, const jenis_izin_detail *ji, int64_t revision, int64_t edit_sid,
                        const void *posted, const issues *errs, const char *notice)
{
    const editor_syarat_input *in = posted;
    tv *ctx = admin_izin_page(r, ji, revision, "syarat");
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, SYARAT_LABELS);
    const persyaratan *editing = edit_sid ? find_syarat(ji, edit_sid) : NULL;
    editor_syarat_input current;
    if (editing && !in) {
        current = syarat_of(editing);
        in = &current;
    }
    tv_set_bool(ctx, "edit", editing != NULL);
    tv_set(ctx, "form_action", editing ? row_base(r, ji, "syarat", edit_sid)
                                       : arena_printf(r->a, IZIN_PATH "/%lld/syarat", (long long)ji->s.id));
    if (editing) {
        tv *bf = tv_set_map(ctx, "blank");
        tv_set(bf, "action", arena_printf(r->a, "%s/formulir", row_base(r, ji, "syarat", edit_sid)));
        if (editing->blank_form_id) {
            tv_set(bf, "name", editing->blank_form_name);
            tv_set(bf, "href", arena_printf(r->a, "/formulir/%lld", (long long)editing->blank_form_id));
        }
    }
    fill_syarat_form(r, ctx, in);
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < ji->persyaratan_count; i++) {
        const persyaratan *p = &ji->persyaratan[i];
        tv *row = tv_push_map(rows);
        tv_set_int(row, "no", (long long)i + 1);
        tv_set(row, "name", p->name);
        tv_set(row, "description", p->description);
        tv_set(row, "wajib", page_t(r, p->wajib ? "Wajib" : "Opsional"));
        const char *applies = "";
        for (int jp = 0; jp < JP_COUNT; jp++)
            if (p->applies[jp])
                applies = arena_printf(r->a, "%s%s%s", applies, *applies ? ", " : "",
                                       page_t(r, jenis_permohonan_label((jenis_permohonan)jp)));
        tv_set(row, "applies", applies);
        tv_set(row, "types", p->accepted_types);
        tv_set(row, "base", row_base(r, ji, "syarat", p->id));
        tv_set_bool(row, "first", i == 0);
        tv_set_bool(row, "last", i + 1 == ji->persyaratan_count);
    }
    tv_set_bool(ctx, "has_rows", ji->persyaratan_count > 0);
    page_send(r, status, "admin-izin-syarat", ctx);
}

/* ---- Data Teknis ------------------------------------------------------------------------ */

static const char *const FIELD_TYPE_KEYS[] = {"text", "number", "date", "select", "textarea"};
static const char *const FIELD_TYPE_LABELS[] = {"Teks", "Angka", "Tanggal", "Pilihan", "Teks panjang"};

static editor_field_input read_field(req *r)
{
    return (editor_field_input){
        .label = admin_field(r, "label"), .key = admin_field(r, "key"), .type = req_form(r, "type"),
        .options = req_form(r, "options"), .unit = admin_field(r, "unit"), .help = admin_field(r, "help"),
        .required = req_form(r, "required") != NULL,
    };
}

static const data_teknis_field *find_field(const jenis_izin_detail *ji, int64_t fid)
{
    for (size_t i = 0; i < ji->field_count; i++)
        if (ji->fields[i].id == fid) return &ji->fields[i];
    return NULL;
}

/* "A|B" as one option per line for the textarea. */
static const char *options_lines(req *r, const char *options)
{
    char *s = arena_strdup(r->a, options ? options : "");
    for (char *p = s; *p; p++)
        if (*p == '|') *p = '\n';
    return s;
}

static void show_fields(req *r, int status, const jenis_izin_detail *ji, int64_t revision, int64_t edit_fid,
                        const void *posted, const issues *errs, const char *notice)
{
    const editor_field_input *in = posted;
    tv *ctx = admin_izin_page(r, ji, revision, "teknis");
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, FIELD_LABELS);
    const data_teknis_field *editing = edit_fid ? find_field(ji, edit_fid) : NULL;
    editor_field_input current;
    if (editing && !in) {
        current = (editor_field_input){editing->label, editing->key, editing->type, options_lines(r, editing->options),
                                       editing->unit, editing->help, editing->required};
        in = &current;
    }
    tv_set_bool(ctx, "edit", editing != NULL);
    tv_set(ctx, "form_action", editing ? row_base(r, ji, "teknis", edit_fid)
                                       : arena_printf(r->a, IZIN_PATH "/%lld/teknis", (long long)ji->s.id));
    tv *f = tv_set_map(ctx, "f");
    tv_set(f, "label", in ? in->label : NULL);
    tv_set(f, "key", editing ? editing->key : in ? in->key : NULL);
    tv_set(f, "options", in ? in->options : NULL);
    tv_set(f, "unit", in ? in->unit : NULL);
    tv_set(f, "help", in ? in->help : NULL);
    tv_set_bool(f, "required", in ? in->required : 1);
    tv *types = tv_set_list(f, "types");
    for (size_t i = 0; i < 5; i++) {
        tv *o = tv_push_map(types);
        tv_set(o, "value", FIELD_TYPE_KEYS[i]);
        tv_set(o, "label", page_t(r, FIELD_TYPE_LABELS[i]));
        tv_set_bool(o, "selected", in && in->type && strcmp(in->type, FIELD_TYPE_KEYS[i]) == 0);
    }
    tv *rows = tv_set_list(ctx, "rows");
    for (size_t i = 0; i < ji->field_count; i++) {
        const data_teknis_field *d = &ji->fields[i];
        tv *row = tv_push_map(rows);
        tv_set_int(row, "no", (long long)i + 1);
        tv_set(row, "label", d->label);
        tv_set(row, "key", d->key);
        const char *type = d->type;
        for (size_t t = 0; t < 5; t++)
            if (strcmp(d->type, FIELD_TYPE_KEYS[t]) == 0) type = page_t(r, FIELD_TYPE_LABELS[t]);
        tv_set(row, "type", type);
        tv_set(row, "options", d->options ? arena_printf(r->a, "%s", d->options) : NULL);
        tv_set(row, "required", page_t(r, d->required ? "Wajib" : "Opsional"));
        tv_set(row, "base", row_base(r, ji, "teknis", d->id));
        tv_set_bool(row, "first", i == 0);
        tv_set_bool(row, "last", i + 1 == ji->field_count);
    }
    tv_set_bool(ctx, "has_rows", ji->field_count > 0);
    page_send(r, status, "admin-izin-teknis", ctx);
}

/* ---- the pages and actions, for both lists ---------------------------------------------- */

static int has_syarat(const jenis_izin_detail *ji, int64_t id) { return find_syarat(ji, id) != NULL; }
static int has_field(const jenis_izin_detail *ji, int64_t id) { return find_field(ji, id) != NULL; }

/* One of the two lists: where it lives, how its rows are found and shown. */
typedef struct {
    const char *path;        /* "syarat" or "teknis", after /petugas/admin/izin/:id/ */
    const char *param;       /* the row's route capture */
    const char *not_found;
    int (*has)(const jenis_izin_detail *ji, int64_t id);
    void (*show)(req *r, int status, const jenis_izin_detail *ji, int64_t revision, int64_t edit_id,
                 const void *posted, const issues *errs, const char *notice);
} editor_list;

static const editor_list SYARAT_LIST = {"syarat", "sid", "Persyaratan tidak ditemukan.", has_syarat, show_syarat};
static const editor_list FIELD_LIST = {"teknis", "fid", "Isian data teknis tidak ditemukan.", has_field, show_fields};

static const char *notice_of(req *r)
{
    const char *msg = req_query(r, "pesan");
    if (!msg) return NULL;
    if (strcmp(msg, "disimpan") == 0) return "Perubahan disimpan dan langsung tampil di Katalog Layanan.";
    if (strcmp(msg, "dihapus") == 0)
        return "Dihapus dari jenis izin ini. Permohonan yang sudah diajukan tetap menyimpan persyaratannya.";
    return NULL;
}

/* The list with its add form (row_page 0) or one row's edit form. */
static void list_page(req *r, const editor_list *l, int row_page)
{
    const account *me = admin_require(r);
    if (!me) return;
    jenis_izin_detail ji;
    int64_t revision;
    if (!admin_izin_load(r, me, &ji, &revision)) return;
    int64_t row = row_page ? admin_id_param(r, l->param) : 0;
    if (row_page && !l->has(&ji, row)) {
        page_error(r, 404, l->not_found);
        return;
    }
    l->show(r, 200, &ji, revision, row, NULL, NULL, row_page ? NULL : notice_of(r));
}

/* After a change: back to the list, or the page again with what was refused. */
static void after_change(req *r, const account *me, const editor_list *l, lk_err e, int64_t row, const void *posted,
                         issues *errs, const char *pesan)
{
    jenis_izin_detail ji;
    int64_t revision;
    int status;
    const char *location = arena_printf(r->a, IZIN_PATH "/%lld/%s?pesan=%s", (long long)admin_id_param(r, "id"),
                                        l->path, pesan);
    if (admin_izin_answer(r, me, e, location, l->not_found, errs, &ji, &revision, &status))
        l->show(r, status, &ji, revision, l->has(&ji, row) ? row : 0, posted, errs, NULL);
}

/* "naik" → -1, "turun" → +1, else 0. */
static int direction(req *r)
{
    const char *d = req_form(r, "arah");
    return d && strcmp(d, "naik") == 0 ? -1 : d && strcmp(d, "turun") == 0 ? 1 : 0;
}

typedef lk_err (*row_remove)(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision, int64_t row,
                             time_t now);
typedef lk_err (*row_move)(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision, int64_t row,
                           int delta, time_t now);

/* *Hapus* (move NULL) or up/down of a row. */
static void row_action(req *r, const editor_list *l, row_remove remove, row_move move)
{
    const account *me = admin_post(r);
    if (!me) return;
    issues errs = {0};
    int64_t id = admin_id_param(r, "id"), row = admin_id_param(r, l->param), rev = admin_izin_posted_revision(r);
    int delta = move ? direction(r) : 0;
    lk_err e = LK_ERR_NOTFOUND;
    if (id && row && (!move || delta)) {
        store_conn *c = store_acquire(APP(r)->db);
        e = move ? move(c, r->a, me, id, rev, row, delta, time(NULL)) : remove(c, r->a, me, id, rev, row, time(NULL));
        store_release(c);
    }
    after_change(r, me, l, e, 0, NULL, &errs, move || l == &FIELD_LIST ? "disimpan" : "dihapus");
}

void handle_admin_syarat(req *r) { list_page(r, &SYARAT_LIST, 0); }
void handle_admin_syarat_form(req *r) { list_page(r, &SYARAT_LIST, 1); }
void handle_admin_teknis(req *r) { list_page(r, &FIELD_LIST, 0); }
void handle_admin_teknis_form(req *r) { list_page(r, &FIELD_LIST, 1); }
void handle_admin_syarat_hapus(req *r) { row_action(r, &SYARAT_LIST, editor_syarat_remove, NULL); }
void handle_admin_syarat_pindah(req *r) { row_action(r, &SYARAT_LIST, NULL, editor_syarat_move); }
void handle_admin_teknis_hapus(req *r) { row_action(r, &FIELD_LIST, editor_field_remove, NULL); }
void handle_admin_teknis_pindah(req *r) { row_action(r, &FIELD_LIST, NULL, editor_field_move); }

/* Adding (row 0) or saving a row from its posted form. */
static void save_row(req *r, const editor_list *l, int adding)
{
    const account *me = admin_post(r);
    if (!me) return;
    issues errs = {0};
    int64_t id = admin_id_param(r, "id"), row = adding ? 0 : admin_id_param(r, l->param);
    int64_t rev = admin_izin_posted_revision(r);
    editor_syarat_input syarat;
    editor_field_input field;
    const void *posted = l == &SYARAT_LIST ? (const void *)&syarat : (const void *)&field;
    if (l == &SYARAT_LIST) syarat = read_syarat(r);
    else field = read_field(r);
    lk_err e = LK_ERR_NOTFOUND;
    if (id && (adding || row)) {
        store_conn *c = store_acquire(APP(r)->db);
        time_t now = time(NULL);
        if (l == &SYARAT_LIST)
            e = adding ? editor_syarat_add(c, r->a, me, id, rev, &syarat, now, NULL, &errs)
                       : editor_syarat_update(c, r->a, me, id, rev, row, &syarat, now, &errs);
        else
            e = adding ? editor_field_add(c, r->a, me, id, rev, &field, now, NULL, &errs)
                       : editor_field_update(c, r->a, me, id, rev, row, &field, now, &errs);
        store_release(c);
    }
    after_change(r, me, l, e, row, posted, &errs, "disimpan");
}

void handle_admin_syarat_tambah(req *r) { save_row(r, &SYARAT_LIST, 1); }
void handle_admin_syarat_simpan(req *r) { save_row(r, &SYARAT_LIST, 0); }
void handle_admin_teknis_tambah(req *r) { save_row(r, &FIELD_LIST, 1); }
void handle_admin_teknis_simpan(req *r) { save_row(r, &FIELD_LIST, 0); }

/* The blank form of a requirement: a PDF uploaded in field "berkas", or removed. */
static void blank_form_change(req *r, int remove)
{
    const account *me = admin_post(r);
    if (!me) return;
    issues errs = {0};
    int64_t id = admin_id_param(r, "id"), sid = admin_id_param(r, "sid");
    http_upload *up = remove ? NULL : req_upload(r, "berkas");
    const char *msg = NULL;
    lk_err e = LK_ERR_NOTFOUND;
    if (!remove && (!up || up->size == 0)) {
        e = LK_ERR_INVALID;
        msg = "Pilih berkas PDF formulir kosong.";
    } else if (id && sid) {
        store_conn *c = store_acquire(APP(r)->db);
        e = remove ? editor_syarat_form_remove(c, r->a, me, id, admin_izin_posted_revision(r), sid, time(NULL))
                   : editor_syarat_form_set(c, r->a, me, id, admin_izin_posted_revision(r), sid, APP(r)->data_dir,
                                            up->tmp_path, up->file_name, time(NULL), &msg);
        store_release(c);
    }
    if (e == LK_ERR_INVALID) issues_add(r->a, &errs, "formulir", msg ? msg : "Berkas ini tidak dapat dipakai.");
    after_change(r, me, &SYARAT_LIST, e, sid, NULL, &errs, "disimpan");
}

void handle_admin_syarat_formulir(req *r)
{
    blank_form_change(r, 0);
}

void handle_admin_syarat_formulir_hapus(req *r)
{
    blank_form_change(r, 1);
}

