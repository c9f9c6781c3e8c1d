/* demo/demo.c — `loket demo`: writes the demo master data of demo/demo_data.h
 * (see demo.h).
 *
 * Every row is upserted by its natural key — instansi by slug, units by (instansi, slug),
 * blank forms by storage name, jenis izin by (instansi, slug), settings by (jenis izin,
 * jenis permohonan), requirements and fields by (jenis izin, position) — so a second run
 * updates in place and leaves the same row counts.  The blank-form PDFs are written
 * before the transaction (no database lock held while rendering); the rows are written
 * in one transaction. */
#include "demo/demo.h"
#include "demo/demo_data.h"
#include "demo/demo_forms.h"
#include "domain/katalog/public_version.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The blank forms written for one instansi, by demo_form index. */
typedef struct {
    char storage_name[128];
    char sha256[65];
    int64_t size;
} written_form;

/* "{KANTOR}" in a numbering format becomes the office's code. */
static char *number_format(arena *a, const char *fmt, const char *office_code)
{
    const char *at = strstr(fmt, "{KANTOR}");
    if (!at) return arena_strdup(a, fmt);
    return arena_printf(a, "%.*s%s%s", (int)(at - fmt), fmt, office_code, at + strlen("{KANTOR}"));
}

static lk_err ensure_dir(const char *path, char *err, size_t errlen)
{
    if (mkdir(path, 0750) == 0 || errno == EEXIST) return LK_OK;
    snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
    return LK_ERR_IO;
}

static lk_err write_forms(const char *data_dir, const demo_instansi *inst, written_form *out,
                          char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    buf path = BUF_INIT;
    for (size_t i = 0; i < demo_form_count; i++) {
        const demo_form *f = &demo_form_table[i];
        snprintf(out[i].storage_name, sizeof out[i].storage_name, "demo-%s-%s.pdf", inst->slug, f->key);
        buf_reset(&path);
        buf_printf(&path, "%s/forms/%s", data_dir, out[i].storage_name);
        rc = demo_form_write(f, inst, buf_str(&path), out[i].sha256, &out[i].size, err, errlen);
        if (rc) break;
    }
    buf_free(&path);
    return rc;
}

/* Runs an upsert, naming `what` in the error. */
static lk_err run(store_conn *c, const char *what, const char *sql, const store_param *p, int n,
                  char *err, size_t errlen)
{
    lk_err rc = store_exec(c, sql, p, n, NULL);
    if (rc) snprintf(err, errlen, "%s: %s", what, store_errmsg(c));
    return rc;
}

static lk_err id_of(store_conn *c, const char *what, const char *sql, const store_param *p, int n,
                    int64_t *id, char *err, size_t errlen)
{
    lk_err rc = store_query_int(c, sql, p, n, id);
    if (rc) snprintf(err, errlen, "%s: %s", what, rc == LK_ERR_NOTFOUND ? "row missing after upsert" : store_errmsg(c));
    return rc;
}

static lk_err load_jenis_izin(store_conn *c, arena *a, const demo_instansi *inst, int64_t instansi_id,
                              int64_t unit_id, const demo_jenis_izin *j, const int64_t *form_ids,
                              char *err, size_t errlen)
{
    lk_err rc;
    int64_t jid = 0;
    rc = run(c, j->slug,
             "INSERT INTO jenis_izin (instansi_id, unit_id, slug, name, short_description, description,"
             " is_izin, document_type, gratis, tarif_formula, tarif_note, active)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)"
             " ON CONFLICT (instansi_id, slug) DO UPDATE SET unit_id = excluded.unit_id,"
             " name = excluded.name, short_description = excluded.short_description,"
             " description = excluded.description, is_izin = excluded.is_izin,"
             " document_type = excluded.document_type, gratis = excluded.gratis,"
             " tarif_formula = excluded.tarif_formula, tarif_note = excluded.tarif_note, active = 1",
             STORE_P(SP_I(instansi_id), SP_I(unit_id), SP_T(j->slug), SP_T(j->name),
                     SP_T(j->short_description), SP_T(j->description), SP_I(j->is_izin),
                     SP_T(j->document_type), SP_I(j->gratis), SP_T(j->tarif_formula), SP_T(j->tarif_note)),
             err, errlen);
    if (rc) return rc;
    rc = id_of(c, j->slug, "SELECT id FROM jenis_izin WHERE instansi_id = $1 AND slug = $2",
               STORE_P(SP_I(instansi_id), SP_T(j->slug)), &jid, err, errlen);
    if (rc) return rc;

    static const char *const jp_keys[3] = {"baru", "perpanjangan", "perubahan"};
    for (int jp = 0; jp < 3; jp++) {
        const demo_setting *s = &j->settings[jp];
        rc = run(c, j->slug,
                 "INSERT INTO jenis_izin_setting (jenis_izin_id, jenis_permohonan, enabled, sla_days,"
                 " validity_value, validity_unit, number_format_permohonan, number_format_izin)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                 " ON CONFLICT (jenis_izin_id, jenis_permohonan) DO UPDATE SET enabled = excluded.enabled,"
                 " sla_days = excluded.sla_days, validity_value = excluded.validity_value,"
                 " validity_unit = excluded.validity_unit,"
                 " number_format_permohonan = excluded.number_format_permohonan,"
                 " number_format_izin = excluded.number_format_izin",
                 STORE_P(SP_I(jid), SP_T(jp_keys[jp]), SP_I(s->enabled), SP_I(s->sla_days),
                         SP_I(s->validity_value), SP_T(s->validity_unit),
                         SP_T(DEMO_NUMBER_FORMAT_PERMOHONAN),
                         SP_T(number_format(a, s->number_format_izin, inst->office_code))),
                 err, errlen);
        if (rc) return rc;
    }

    for (size_t i = 0; i < j->requirement_count; i++) {
        const demo_requirement *r = &j->requirements[i];
        int64_t form_id = 0;
        if (r->form_key) {
            const demo_form *f = demo_form_find(r->form_key);
            if (!f) {
                snprintf(err, errlen, "%s: unknown blank form %s", j->slug, r->form_key);
                return LK_ERR_INTERNAL;
            }
            form_id = form_ids[f - demo_form_table];
        }
        rc = run(c, j->slug,
                 "INSERT INTO persyaratan (jenis_izin_id, position, name, description, wajib,"
                 " applies_baru, applies_perpanjangan, applies_perubahan, accepted_types, blank_form_id)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                 " ON CONFLICT (jenis_izin_id, position) DO UPDATE SET name = excluded.name,"
                 " description = excluded.description, wajib = excluded.wajib,"
                 " applies_baru = excluded.applies_baru, applies_perpanjangan = excluded.applies_perpanjangan,"
                 " applies_perubahan = excluded.applies_perubahan, accepted_types = excluded.accepted_types,"
                 " blank_form_id = excluded.blank_form_id",
                 STORE_P(SP_I(jid), SP_I(i + 1), SP_T(r->name), SP_T(r->description), SP_I(r->wajib),
                         SP_I(r->baru), SP_I(r->perpanjangan), SP_I(r->perubahan), SP_T(r->accepted_types),
                         form_id ? SP_I(form_id) : SP_N),
                 err, errlen);
        if (rc) return rc;
    }
    /* Rows past the end are left over from an older, longer demo list. */
    rc = run(c, j->slug, "DELETE FROM persyaratan WHERE jenis_izin_id = $1 AND position > $2",
             STORE_P(SP_I(jid), SP_I(j->requirement_count)), err, errlen);
    if (rc) return rc;

    for (size_t i = 0; i < j->field_count; i++) {
        const demo_field *f = &j->fields[i];
        rc = run(c, j->slug,
                 "INSERT INTO data_teknis_field (jenis_izin_id, position, key, label, type, required,"
                 " options, unit, help) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                 " ON CONFLICT (jenis_izin_id, position) DO UPDATE SET key = excluded.key,"
                 " label = excluded.label, type = excluded.type, required = excluded.required,"
                 " options = excluded.options, unit = excluded.unit, help = excluded.help",
                 STORE_P(SP_I(jid), SP_I(i + 1), SP_T(f->key), SP_T(f->label), SP_T(f->type),
                         SP_I(f->required), SP_T(f->options), SP_T(f->unit), SP_T(f->help)),
                 err, errlen);
        if (rc) return rc;
    }
    return run(c, j->slug, "DELETE FROM data_teknis_field WHERE jenis_izin_id = $1 AND position > $2",
               STORE_P(SP_I(jid), SP_I(j->field_count)), err, errlen);
}

static lk_err load_instansi(store_conn *c, arena *a, const demo_instansi *inst, const written_form *forms,
                            char *err, size_t errlen)
{
    lk_err rc;
    int64_t instansi_id = 0, unit_id = 0;
    int64_t *form_ids = arena_alloc(a, demo_form_count * sizeof *form_ids);

    rc = run(c, inst->slug,
             "INSERT INTO instansi (slug, name, wilayah_code, office_name, address, phone, email, whatsapp, office_hours)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
             " ON CONFLICT (slug) DO UPDATE SET name = excluded.name, wilayah_code = excluded.wilayah_code,"
             " office_name = excluded.office_name, address = excluded.address, phone = excluded.phone,"
             " email = excluded.email, whatsapp = excluded.whatsapp, office_hours = excluded.office_hours",
             STORE_P(SP_T(inst->slug), SP_T(inst->name), SP_T(inst->wilayah_code), SP_T(inst->office_name),
                     SP_T(inst->address), SP_T(inst->phone), SP_T(inst->email), SP_T(inst->whatsapp),
                     SP_T(inst->office_hours)),
             err, errlen);
    if (rc == LK_ERR_CONFLICT)
        snprintf(err, errlen, "%s: another instansi already uses wilayah %s", inst->slug, inst->wilayah_code);
    if (rc) return rc;
    rc = id_of(c, inst->slug, "SELECT id FROM instansi WHERE slug = $1", STORE_P(SP_T(inst->slug)),
               &instansi_id, err, errlen);
    if (rc) return rc;

    rc = run(c, inst->unit_slug,
             "INSERT INTO unit_kerja (instansi_id, slug, name) VALUES ($1, $2, $3)"
             " ON CONFLICT (instansi_id, slug) DO UPDATE SET name = excluded.name",
             STORE_P(SP_I(instansi_id), SP_T(inst->unit_slug), SP_T(inst->unit_name)), err, errlen);
    if (rc) return rc;
    rc = id_of(c, inst->unit_slug, "SELECT id FROM unit_kerja WHERE instansi_id = $1 AND slug = $2",
               STORE_P(SP_I(instansi_id), SP_T(inst->unit_slug)), &unit_id, err, errlen);
    if (rc) return rc;

    for (size_t i = 0; i < demo_form_count; i++) {
        const written_form *w = &forms[i];
        rc = run(c, w->storage_name,
                 "INSERT INTO blank_form (storage_name, file_name, content_type, sha256, size)"
                 " VALUES ($1, $2, 'application/pdf', $3, $4)"
                 " ON CONFLICT (storage_name) DO UPDATE SET file_name = excluded.file_name,"
                 " content_type = excluded.content_type, sha256 = excluded.sha256, size = excluded.size",
                 STORE_P(SP_T(w->storage_name), SP_T(demo_form_table[i].file_name), SP_T(w->sha256),
                         SP_I(w->size)),
                 err, errlen);
        if (rc) return rc;
        rc = id_of(c, w->storage_name, "SELECT id FROM blank_form WHERE storage_name = $1",
                   STORE_P(SP_T(w->storage_name)), &form_ids[i], err, errlen);
        if (rc) return rc;
    }

    for (size_t i = 0; i < demo_jenis_izin_count; i++) {
        rc = load_jenis_izin(c, a, inst, instansi_id, unit_id, &demo_jenis_izin_table[i], form_ids,
                             err, errlen);
        if (rc) return rc;
    }
    return LK_OK;
}

lk_err demo_load(store *s, const char *data_dir, char *err, size_t errlen)
{
    lk_err rc = LK_OK;
    arena *a = arena_new();
    store_conn *c = store_acquire(s);
    written_form *forms = xcalloc(demo_instansi_count * demo_form_count, sizeof *forms);
    int in_tx = 0;
    if (errlen) err[0] = '\0';

    for (size_t i = 0; i < demo_instansi_count; i++) {
        int64_t found = 0;
        rc = store_query_int(c, "SELECT count(*) FROM wilayah WHERE code = $1",
                             STORE_P(SP_T(demo_instansi_table[i].wilayah_code)), &found);
        if (rc) {
            snprintf(err, errlen, "reading wilayah: %s", store_errmsg(c));
            goto out;
        }
        if (!found) {
            snprintf(err, errlen, "wilayah %s (%s) is not in the database: run `loket import-wilayah` first",
                     demo_instansi_table[i].wilayah_code, demo_instansi_table[i].name);
            rc = LK_ERR_NOTFOUND;
            goto out;
        }
    }

    rc = ensure_dir(data_dir, err, errlen);
    if (rc) goto out;
    rc = ensure_dir(arena_printf(a, "%s/forms", data_dir), err, errlen);
    if (rc) goto out;
    for (size_t i = 0; i < demo_instansi_count; i++) {
        rc = write_forms(data_dir, &demo_instansi_table[i], &forms[i * demo_form_count], err, errlen);
        if (rc) goto out;
    }

    rc = store_begin(c);
    if (rc) {
        snprintf(err, errlen, "starting the demo load: %s", store_errmsg(c));
        goto out;
    }
    in_tx = 1;
    for (size_t i = 0; i < demo_instansi_count; i++) {
        rc = load_instansi(c, a, &demo_instansi_table[i], &forms[i * demo_form_count], err, errlen);
        if (rc) goto out;
    }
    rc = public_version_bump(c);
    if (rc) {
        snprintf(err, errlen, "marking the catalogue changed: %s", store_errmsg(c));
        goto out;
    }
    rc = store_commit(c);
    if (rc) {
        snprintf(err, errlen, "committing the demo data: %s", store_errmsg(c));
        goto out;
    }
    in_tx = 0;
out:
    if (in_tx) store_rollback(c);
    store_release(c);
    free(forms);
    arena_free(a);
    return rc;
}
