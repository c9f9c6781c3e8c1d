/* domain/katalog/editor.c — the permit-type editor's jenis izin and settings, and the
 * revision check every editor change starts with (see editor.h). */
#include "domain/katalog/editor.h"
#include "domain/akun/validate.h"
#include "domain/katalog/editor_text.h"
#include "domain/katalog/public_version.h"
#include "domain/permohonan/numbering.h"
#include "domain/proses/audit.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

/* ---- the revision check ------------------------------------------------------------ */

lk_err editor_begin(store_conn *c, const account *actor, int64_t id, int64_t revision)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t changed = 0;
    e = store_exec(c, "UPDATE jenis_izin SET revision = revision + 1 WHERE id = $1 AND instansi_id = $2 AND revision = $3",
                   STORE_P(SP_I(id), SP_I(actor->instansi_id), SP_I(revision)), &changed);
    if (e == LK_OK && changed == 0) {
        int64_t exists = 0;
        e = store_query_int(c, "SELECT count(*) FROM jenis_izin WHERE id = $1 AND instansi_id = $2",
                            STORE_P(SP_I(id), SP_I(actor->instansi_id)), &exists);
        if (e == LK_OK) e = exists ? LK_ERR_CONFLICT : LK_ERR_NOTFOUND;
    }
    if (e) store_rollback(c);
    return e;
}

lk_err editor_commit(store_conn *c, const account *actor, int64_t id, const char *action, const char *detail,
                     time_t now)
{
    lk_err e = audit_record(c, &(audit_entry){actor->id, actor->instansi_id, action, "jenis_izin", id, detail}, now, NULL);
    if (e == LK_OK) e = public_version_bump(c);   /* the public pages show every editor change */
    if (e == LK_OK) return store_commit(c);
    store_rollback(c);
    return e;
}

/* ---- jenis izin ----------------------------------------------------------------------- */

lk_err editor_izin_list(store_conn *c, arena *a, int64_t instansi_id, editor_izin_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_rows *r = store_query(c,
        "SELECT j.id, j.slug, j.name, u.name, j.active, j.revision FROM jenis_izin j JOIN unit_kerja u ON u.id = j.unit_id"
        " WHERE j.instansi_id = $1 ORDER BY u.name, j.name, j.id", STORE_P(SP_I(instansi_id)));
    if (!r) return LK_ERR_DB;
    size_t cap = 0;
    int got;
    while ((got = store_next(r)) == 1) {
        *out = arena_grow(a, *out, &cap, *n, sizeof **out);
        editor_izin_row *row = &(*out)[(*n)++];
        row->id = store_int(r, 0);
        row->slug = arena_strdup(a, store_text(r, 1));
        row->name = arena_strdup(a, store_text(r, 2));
        row->unit_name = arena_strdup(a, store_text(r, 3));
        row->active = (int)store_int(r, 4);
        row->revision = store_int(r, 5);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err editor_izin_revision(store_conn *c, int64_t instansi_id, int64_t id, int64_t *revision)
{
    return store_query_int(c, "SELECT revision FROM jenis_izin WHERE id = $1 AND instansi_id = $2",
                           STORE_P(SP_I(id), SP_I(instansi_id)), revision);
}

static void check_izin(store_conn *c, arena *a, const account *actor, const editor_izin_input *in, issues *errs,
                       lk_err *db)
{
    const char *msg = NULL;
    int64_t n = 0;
    *db = store_query_int(c, "SELECT count(*) FROM unit_kerja WHERE id = $1 AND instansi_id = $2",
                          STORE_P(SP_I(in->unit_id), SP_I(actor->instansi_id)), &n);
    if (*db == LK_OK && !n) issues_add(a, errs, "unit", "Pilih unit instansi ini.");
    if (validate_text(in->name, 1, EDITOR_NAME_MAX, &msg) != 0)
        issues_add(a, errs, "name", editor_blank(in->name) ? "Nama jenis izin wajib diisi." : msg);
    if (validate_text(in->short_description ? in->short_description : "", 0, EDITOR_SHORT_MAX, &msg) != 0)
        issues_add(a, errs, "short_description", msg);
    if (editor_long_text(in->description, EDITOR_DESCRIPTION_MAX, &msg) != 0) issues_add(a, errs, "description", msg);
    if (validate_text(in->document_type, 1, EDITOR_NAME_MAX, &msg) != 0)
        issues_add(a, errs, "document_type",
                   editor_blank(in->document_type) ? "Tulis dokumen yang diterbitkan, misalnya Surat Izin Praktik Dokter." : msg);
}

/* A slug from the name, unique in the instansi: "Izin Usaha Kafe" → "izin-usaha-kafe". */
static lk_err unique_slug(store_conn *c, arena *a, int64_t instansi_id, const char *name, const char **out)
{
    char base[56];
    editor_slug(name, base, sizeof base);
    if (!*base) snprintf(base, sizeof base, "izin");
    for (int i = 1; i < 1000; i++) {
        const char *slug = i == 1 ? arena_strdup(a, base) : arena_printf(a, "%s-%d", base, i);
        int64_t n = 0;
        lk_err e = store_query_int(c, "SELECT count(*) FROM jenis_izin WHERE instansi_id = $1 AND slug = $2",
                                   STORE_P(SP_I(instansi_id), SP_T(slug)), &n);
        if (e) return e;
        if (!n) {
            *out = slug;
            return LK_OK;
        }
    }
    return LK_ERR_CONFLICT;
}

static store_param text_or_null(const char *s)
{
    return s && *s ? SP_T(s) : SP_N;
}

lk_err editor_izin_create(store_conn *c, arena *a, const account *actor, const editor_izin_input *in, time_t now,
                          int64_t *id_out, issues *errs)
{
    lk_err e = store_begin(c);
    if (e) return e;
    check_izin(c, a, actor, in, errs, &e);
    if (e == LK_OK && errs->count) e = LK_ERR_INVALID;
    const char *slug = NULL;
    int64_t id = 0;
    if (e == LK_OK) e = unique_slug(c, a, actor->instansi_id, in->name, &slug);
    if (e == LK_OK)
        e = store_query_int(c,
            "INSERT INTO jenis_izin (instansi_id, unit_id, slug, name, short_description, description, is_izin,"
            " document_type, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            STORE_P(SP_I(actor->instansi_id), SP_I(in->unit_id), SP_T(slug), SP_T(in->name),
                    SP_T(in->short_description ? in->short_description : ""), text_or_null(in->description),
                    SP_I(in->is_izin ? 1 : 0), SP_T(in->document_type), SP_I(in->active ? 1 : 0)), &id);
    if (e) {
        store_rollback(c);
        return e;
    }
    e = editor_commit(c, actor, id, "izin.tambah", in->name, now);
    if (e == LK_OK && id_out) *id_out = id;
    return e;
}

lk_err editor_izin_update(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                          const editor_izin_input *in, time_t now, issues *errs)
{
    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    check_izin(c, a, actor, in, errs, &e);
    if (e == LK_OK && errs->count) e = LK_ERR_INVALID;
    if (e == LK_OK)
        e = store_exec(c,
            "UPDATE jenis_izin SET unit_id = $3, name = $4, short_description = $5, description = $6, is_izin = $7,"
            " document_type = $8, active = $9 WHERE id = $1 AND instansi_id = $2",
            STORE_P(SP_I(id), SP_I(actor->instansi_id), SP_I(in->unit_id), SP_T(in->name),
                    SP_T(in->short_description ? in->short_description : ""), text_or_null(in->description),
                    SP_I(in->is_izin ? 1 : 0), SP_T(in->document_type), SP_I(in->active ? 1 : 0)), NULL);
    if (e) {
        store_rollback(c);
        return e;
    }
    return editor_commit(c, actor, id, "izin.ubah", in->name, now);
}

/* ---- settings per jenis permohonan ---------------------------------------------------- */

static const char *key_of(arena *a, jenis_permohonan jp, const char *field)
{
    return arena_printf(a, "%s-%s", jenis_permohonan_key(jp), field);
}

/* The current workflow's step count and SLA days together (0, 0 when there is none). */
static lk_err workflow_totals(store_conn *c, int64_t id, jenis_permohonan jp, int64_t *steps, int64_t *days)
{
    *steps = *days = 0;
    store_rows *r = store_query(c,
        "SELECT count(*), COALESCE(SUM(s.sla_days), 0) FROM workflow_step s WHERE s.workflow_id ="
        " (SELECT w.id FROM workflow w WHERE w.jenis_izin_id = $1 AND w.jenis_permohonan = $2"
        "  ORDER BY w.version DESC LIMIT 1)",
        STORE_P(SP_I(id), SP_T(jenis_permohonan_key(jp))));
    if (!r) return LK_ERR_DB;
    int got = store_next(r);
    if (got == 1) {
        *steps = store_int(r, 0);
        *days = store_int(r, 1);
    }
    store_rows_close(r);
    return got < 0 ? LK_ERR_DB : LK_OK;
}

lk_err editor_setting_save(store_conn *c, arena *a, const account *actor, int64_t id, int64_t revision,
                           jenis_permohonan jp, const editor_setting_input *in, time_t now, issues *errs)
{
    int64_t sla = 0, validity = 0;
    const char *msg = NULL;
    if (parse_int64(in->sla_days, in->enabled ? 1 : 0, 365, &sla) != 0)
        issues_add(a, errs, key_of(a, jp, "sla_days"), "SLA diisi angka hari kerja, 1 sampai 365.");
    if (parse_int64(in->validity_value, 0, 1000, &validity) != 0)
        issues_add(a, errs, key_of(a, jp, "validity_value"), "Masa berlaku diisi angka 0 sampai 1000 (0 = tanpa batas).");
    const char *unit = in->validity_unit ? in->validity_unit : "";
    if (strcmp(unit, "hari") && strcmp(unit, "bulan") && strcmp(unit, "tahun"))
        issues_add(a, errs, key_of(a, jp, "validity_unit"), "Pilih satuan masa berlaku: hari, bulan atau tahun.");
    if (editor_blank(in->format_permohonan))
        issues_add(a, errs, key_of(a, jp, "format_permohonan"), "Format nomor permohonan wajib diisi.");
    else if (number_format_valid(in->format_permohonan, &msg) != 0)
        issues_add(a, errs, key_of(a, jp, "format_permohonan"), msg);
    if (!editor_blank(in->format_izin) && number_format_valid(in->format_izin, &msg) != 0)
        issues_add(a, errs, key_of(a, jp, "format_izin"), msg);
    if (errs->count) return LK_ERR_INVALID;

    lk_err e = editor_begin(c, actor, id, revision);
    if (e) return e;
    int64_t steps = 0, days = 0;
    e = workflow_totals(c, id, jp, &steps, &days);
    if (e == LK_OK && in->enabled && steps == 0)
        issues_add(a, errs, key_of(a, jp, "enabled"),
                   "Jenis permohonan ini belum punya alur proses. Atur Alur Proses-nya dulu, lalu aktifkan.");
    if (e == LK_OK && in->enabled && days > sla)
        issues_add(a, errs, key_of(a, jp, "sla_days"),
                   arena_printf(a, "SLA lebih pendek dari jumlah SLA langkah alur prosesnya (%lld hari kerja).",
                                (long long)days));
    if (e == LK_OK && errs->count) e = LK_ERR_INVALID;
    if (e == LK_OK)
        e = store_exec(c,
            "INSERT INTO jenis_izin_setting (jenis_izin_id, jenis_permohonan, enabled, sla_days, validity_value,"
            " validity_unit, number_format_permohonan, number_format_izin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (jenis_izin_id, jenis_permohonan) DO UPDATE SET enabled = excluded.enabled,"
            " sla_days = excluded.sla_days, validity_value = excluded.validity_value,"
            " validity_unit = excluded.validity_unit, number_format_permohonan = excluded.number_format_permohonan,"
            " number_format_izin = excluded.number_format_izin",
            STORE_P(SP_I(id), SP_T(jenis_permohonan_key(jp)), SP_I(in->enabled ? 1 : 0), SP_I(sla), SP_I(validity),
                    SP_T(unit), SP_T(in->format_permohonan), text_or_null(in->format_izin)), NULL);
    if (e) {
        store_rollback(c);
        return e;
    }
    return editor_commit(c, actor, id, "izin.pengaturan",
                         arena_printf(a, "%s: %s, SLA %lld, berlaku %lld %s, %s", jenis_permohonan_key(jp),
                                      in->enabled ? "aktif" : "nonaktif", (long long)sla, (long long)validity, unit,
                                      in->format_permohonan), now);
}
