/* web/admin_izin_alur.c — the permit-type editor's *Alur Proses* page (SPEC 5.2, 5.8):
 * the current version of a jenis izin × jenis permohonan workflow as rows of inputs
 * (order, name, role, kind, SLA, remove) plus empty rows to add steps, all in one form
 * that works without JavaScript.  Saving writes a new version (domain/katalog/
 * editor_alur.c); applications already submitted keep theirs. */
#include "domain/katalog/editor.h"
#include "util/text.h"
#include "web/admin.h"
#include "web/admin_izin.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

#define EMPTY_ROWS 3                        /* blank rows offered for new steps */
#define ROWS_MAX (EDITOR_STEPS_MAX + 10)    /* rows a form may post */

/* The summary's labels: "Langkah 3" for each field of row 2. */
static const admin_label *labels_for(req *r, size_t rows)
{
    static const char *const FIELDS[] = {"order", "name", "role", "kind", "sla"};
    admin_label *l = arena_alloc(r->a, (rows * 5 + 1) * sizeof *l);
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t f = 0; f < 5; f++)
            l[n++] = (admin_label){arena_printf(r->a, "langkah-%zu-%s", i, FIELDS[f]),
                                   arena_printf(r->a, "%s %zu", page_t(r, "Langkah"), i + 1)};
    l[n] = (admin_label){NULL, NULL};
    return l;
}

static void add_row(req *r, tv *rows, size_t i, const char *order, const char *name, const char *role,
                    const char *kind, const char *sla, int remove, const issues *errs)
{
    tv *row = tv_push_map(rows);
    tv_setf(row, "i", "%zu", i);
    tv_setf(row, "no", "%zu", i + 1);
    tv_set(row, "order", order);
    tv_set(row, "name", name);
    tv_set(row, "sla", sla);
    tv_set_bool(row, "remove", remove);
    tv *roles = tv_set_list(row, "roles");
    tv *o = tv_push_map(roles);
    tv_set(o, "value", "");
    tv_set(o, "label", page_t(r, "— pilih peran —"));
    for (int b = 0; b < ROLE_COUNT; b++) {
        o = tv_push_map(roles);
        tv_set(o, "value", role_key((role_bit)(1u << b)));
        tv_set(o, "label", page_t(r, role_name((role_bit)(1u << b))));
        tv_set_bool(o, "selected", role && strcmp(role, role_key((role_bit)(1u << b))) == 0);
    }
    tv *kinds = tv_set_list(row, "kinds");
    o = tv_push_map(kinds);
    tv_set(o, "value", "");
    tv_set(o, "label", page_t(r, "— pilih jenis —"));
    for (size_t k = 0; k < editor_step_kind_count; k++) {
        o = tv_push_map(kinds);
        tv_set(o, "value", editor_step_kinds[k].key);
        tv_set(o, "label", page_t(r, editor_step_kinds[k].label));
        tv_set_bool(o, "selected", kind && strcmp(kind, editor_step_kinds[k].key) == 0);
    }
    admin_row_errors(r, row, errs, arena_printf(r->a, "langkah-%zu-", i));
}

/* The page with the current version, or with the posted rows after a refusal. */
static void show(req *r, const account *me, int status, const jenis_izin_detail *ji, int64_t revision,
                 jenis_permohonan jp, const editor_step_input *posted, size_t nposted, const issues *errs,
                 const char *notice)
{
    const char *jp_key = jenis_permohonan_key(jp);
    int version = 0;
    editor_step *steps = NULL;
    size_t n = 0;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = editor_alur_get(c, r->a, me->instansi_id, ji->s.id, jp, &version, &steps, &n);
    store_release(c);
    if (e) {
        page_fail(r, e);
        return;
    }
    tv *ctx = admin_izin_page(r, ji, revision, arena_printf(r->a, "alur-%s", jp_key));
    tv_set(ctx, "notice", notice ? page_t(r, notice) : NULL);
    admin_errors(r, ctx, errs, labels_for(r, nposted));
    tv_set(ctx, "jp_label", page_t(r, jenis_permohonan_label(jp)));
    tv_set(ctx, "action", arena_printf(r->a, IZIN_PATH "/%lld/alur/%s", (long long)ji->s.id, jp_key));
    tv_set_int(ctx, "versi", version);
    tv_set_int(ctx, "versi_baru", version + 1);
    const jenis_izin_setting *s = &ji->settings[jp];
    tv_set_bool(ctx, "enabled", s->enabled);
    tv_set_int(ctx, "sla", s->sla_days);
    int days = 0;
    for (size_t i = 0; i < n; i++) days += steps[i].sla_days;
    tv_set_int(ctx, "jumlah_sla", days);
    tv *rows = tv_set_list(ctx, "rows");
    size_t count = 0;
    if (posted) {
        for (size_t i = 0; i < nposted; i++, count++)
            add_row(r, rows, i, posted[i].order, posted[i].name, posted[i].role_key, posted[i].kind, posted[i].sla_days,
                    posted[i].remove, errs);
    } else {
        for (size_t i = 0; i < n; i++, count++)
            add_row(r, rows, i, arena_printf(r->a, "%zu", i + 1), steps[i].name, steps[i].role_key, steps[i].kind,
                    arena_printf(r->a, "%d", steps[i].sla_days), 0, NULL);
        for (size_t i = 0; i < EMPTY_ROWS; i++, count++)
            add_row(r, rows, count, NULL, NULL, NULL, NULL, NULL, 0, NULL);
    }
    tv_setf(ctx, "baris", "%zu", count);
    page_send(r, status, "admin-izin-alur", ctx);
}

static int jp_of(req *r, jenis_permohonan *jp)
{
    if (jenis_permohonan_parse(req_param(r, "jp"), jp) == 0) return 1;
    page_error(r, 404, "Halaman tidak ditemukan.");
    return 0;
}

void handle_admin_alur(req *r)
{
    const account *me = admin_require(r);
    if (!me) return;
    jenis_permohonan jp;
    if (!jp_of(r, &jp)) return;
    jenis_izin_detail ji;
    int64_t revision;
    if (!admin_izin_load(r, me, &ji, &revision)) return;
    const char *msg = req_query(r, "pesan");
    show(r, me, 200, &ji, revision, jp, NULL, 0, NULL,
         msg && strcmp(msg, "disimpan") == 0
             ? "Alur proses disimpan sebagai versi baru. Permohonan baru memakainya; permohonan yang sudah diajukan tetap memakai alur versinya."
             : NULL);
}

void handle_admin_alur_simpan(req *r)
{
    const account *me = admin_post(r);
    if (!me) return;
    jenis_permohonan jp;
    if (!jp_of(r, &jp)) return;
    int64_t id = admin_id_param(r, "id"), nrows = 0;
    /* Another instansi's jenis izin is not found, whatever the form holds. */
    store_conn *own = store_acquire(APP(r)->db);
    jenis_izin_detail owned;
    lk_err found = id ? catalogue_jenis_izin_by_id(own, r->a, me->instansi_id, id, &owned) : LK_ERR_NOTFOUND;
    store_release(own);
    if (found != LK_OK) {
        if (found == LK_ERR_NOTFOUND) page_error(r, 404, "Jenis izin tidak ditemukan.");
        else page_fail(r, found);
        return;
    }
    if (parse_int64(req_form(r, "baris"), 0, ROWS_MAX, &nrows) != 0) {
        page_error(r, 400, "Formulir alur proses tidak lengkap. Muat ulang halaman lalu coba lagi.");
        return;
    }
    editor_step_input *rows = arena_alloc(r->a, ((size_t)nrows + 1) * sizeof *rows);
    for (int64_t i = 0; i < nrows; i++) {
        const char *p = arena_printf(r->a, "langkah-%lld-", (long long)i);
        rows[i] = (editor_step_input){
            .order = admin_field(r, arena_printf(r->a, "%sorder", p)),
            .name = admin_field(r, arena_printf(r->a, "%sname", p)),
            .role_key = req_form(r, arena_printf(r->a, "%srole", p)),
            .kind = req_form(r, arena_printf(r->a, "%skind", p)),
            .sla_days = admin_field(r, arena_printf(r->a, "%ssla", p)),
            .remove = req_form(r, arena_printf(r->a, "%sremove", p)) != NULL,
        };
    }
    issues errs = {0};
    int version = 0;
    store_conn *c = store_acquire(APP(r)->db);
    lk_err e = id ? editor_alur_save(c, r->a, me, id, admin_izin_posted_revision(r), jp, rows, (size_t)nrows, time(NULL),
                                     &version, &errs)
                  : LK_ERR_NOTFOUND;
    store_release(c);
    jenis_izin_detail ji;
    int64_t revision;
    int status;
    const char *location = arena_printf(r->a, IZIN_PATH "/%lld/alur/%s?pesan=disimpan", (long long)id,
                                        jenis_permohonan_key(jp));
    if (admin_izin_answer(r, me, e, location, "Jenis izin tidak ditemukan.", &errs, &ji, &revision, &status))
        show(r, me, status, &ji, revision, jp, rows, (size_t)nrows, &errs, "Alur proses belum disimpan; tidak ada yang berubah.");
}
