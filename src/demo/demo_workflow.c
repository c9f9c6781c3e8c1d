/* demo/demo_workflow.c — the demo's workflows (SPEC 5.2): version 1 of a workflow for
 * every demo jenis izin × enabled jenis permohonan, with the steps a DPMPTSP really runs.
 *
 * Every permit goes verifikasi berkas (the counter's completeness check, then the
 * verifikator's) → tinjau lapangan and its rekomendasi by the Tim Teknis → penetapan by
 * the verifikator → tanda tangan by the head of office → penyerahan; Izin Reklame and PBG
 * add the retribution steps of the Bendahara before the penetapan.
 * Each step's SLA (working days) starts from a realistic base and is fitted to the jenis
 * izin's sla_days: a shorter total takes days from the longest steps (never below one
 * day per step), a longer one gives them to the step that waits on outside work.
 *
 * Safe to run twice: workflows are upserted by (jenis izin, jenis permohonan, version 1),
 * steps by (workflow, position), and steps beyond the template are removed. */
#include "demo/demo.h"
#include "demo/demo_data.h"
#include "domain/katalog/public_version.h"
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name, *role_key, *kind;
    int base_days;
} demo_step;

/* `absorbs` marks the step that takes extra days when the SLA is longer than the base. */
typedef struct {
    const demo_step *steps;
    size_t count;
    size_t absorbs;
} demo_template;

static const demo_step health_steps[] = {
    {"Pemeriksaan kelengkapan berkas", "front_office", "verifikasi_berkas", 1},
    {"Verifikasi persyaratan", "verifikator", "verifikasi_berkas", 1},
    {"Tinjau lapangan", "tim_teknis", "tinjau_lapangan", 2},
    {"Rekomendasi teknis", "tim_teknis", "rekomendasi", 1},
    {"Penetapan", "verifikator", "penetapan", 1},
    {"Tanda tangan", "penandatangan", "tanda_tangan", 1},
    {"Penyerahan izin", "penyerahan", "penyerahan", 1},
};

static const demo_step technical_steps[] = {
    {"Pemeriksaan kelengkapan berkas", "front_office", "verifikasi_berkas", 1},
    {"Verifikasi persyaratan", "verifikator", "verifikasi_berkas", 2},
    {"Tinjau lapangan", "tim_teknis", "tinjau_lapangan", 3},
    {"Rekomendasi teknis", "tim_teknis", "rekomendasi", 1},
    {"Hitung retribusi", "bendahara", "hitung_retribusi", 1},
    {"Konfirmasi pembayaran", "bendahara", "konfirmasi_pembayaran", 1},
    {"Penetapan", "verifikator", "penetapan", 1},
    {"Tanda tangan", "penandatangan", "tanda_tangan", 1},
    {"Penyerahan izin", "penyerahan", "penyerahan", 1},
};

#define MAX_STEPS 9
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const demo_template HEALTH = {health_steps, COUNT(health_steps), 2};
static const demo_template TECHNICAL = {technical_steps, COUNT(technical_steps), 2};

static const demo_template *template_for(const char *jenis_izin_slug)
{
    return strcmp(jenis_izin_slug, "izin-reklame") == 0 || strcmp(jenis_izin_slug, "pbg") == 0 ? &TECHNICAL
                                                                                               : &HEALTH;
}

/* Fits the base days to `target`: see the file comment. */
static void fit_days(const demo_template *t, int target, int *days)
{
    int sum = 0;
    for (size_t i = 0; i < t->count; i++) sum += days[i] = t->steps[i].base_days;
    while (sum > target) {
        size_t longest = 0;
        for (size_t i = 1; i < t->count; i++)
            if (days[i] > days[longest]) longest = i;
        if (days[longest] <= 1) break;
        days[longest]--;
        sum--;
    }
    if (sum < target) days[t->absorbs] += target - sum;
}

static lk_err fail(store_conn *c, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "workflow %s: %s", what, store_errmsg(c));
    return LK_ERR_DB;
}

static lk_err load_workflow(store_conn *c, int64_t jenis_izin_id, const char *jp_key, const demo_template *t,
                            int sla_days, const char *what, char *err, size_t errlen)
{
    if (store_exec(c, "INSERT INTO workflow (jenis_izin_id, jenis_permohonan, version) VALUES ($1, $2, 1)"
                      " ON CONFLICT (jenis_izin_id, jenis_permohonan, version) DO NOTHING",
                   STORE_P(SP_I(jenis_izin_id), SP_T(jp_key)), NULL))
        return fail(c, what, err, errlen);
    int64_t workflow_id = 0;
    if (store_query_int(c, "SELECT id FROM workflow WHERE jenis_izin_id = $1 AND jenis_permohonan = $2"
                           " AND version = 1",
                        STORE_P(SP_I(jenis_izin_id), SP_T(jp_key)), &workflow_id))
        return fail(c, what, err, errlen);
    int days[MAX_STEPS];
    fit_days(t, sla_days, days);
    for (size_t i = 0; i < t->count; i++) {
        const demo_step *s = &t->steps[i];
        if (store_exec(c, "INSERT INTO workflow_step (workflow_id, position, name, role_key, kind, sla_days)"
                          " VALUES ($1, $2, $3, $4, $5, $6)"
                          " ON CONFLICT (workflow_id, position) DO UPDATE SET name = excluded.name,"
                          " role_key = excluded.role_key, kind = excluded.kind, sla_days = excluded.sla_days",
                       STORE_P(SP_I(workflow_id), SP_I(i + 1), SP_T(s->name), SP_T(s->role_key), SP_T(s->kind),
                               SP_I(days[i])),
                       NULL))
            return fail(c, what, err, errlen);
    }
    if (store_exec(c, "DELETE FROM workflow_step WHERE workflow_id = $1 AND position > $2",
                   STORE_P(SP_I(workflow_id), SP_I(t->count)), NULL))
        return fail(c, what, err, errlen);
    return LK_OK;
}

lk_err demo_workflows_load(store *s, char *err, size_t errlen)
{
    static const char *const jp_keys[3] = {"baru", "perpanjangan", "perubahan"};
    store_conn *c = store_acquire(s);
    lk_err rc = store_begin(c);
    if (rc) {
        snprintf(err, errlen, "workflow: %s", store_errmsg(c));
        goto out;
    }
    for (size_t i = 0; i < demo_instansi_count && !rc; i++) {
        const demo_instansi *inst = &demo_instansi_table[i];
        for (size_t j = 0; j < demo_jenis_izin_count && !rc; j++) {
            const demo_jenis_izin *ji = &demo_jenis_izin_table[j];
            char what[160];
            snprintf(what, sizeof what, "%s/%s", inst->slug, ji->slug);
            int64_t jenis_izin_id = 0;
            rc = store_query_int(c, "SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id"
                                    " WHERE i.slug = $1 AND j.slug = $2",
                                 STORE_P(SP_T(inst->slug), SP_T(ji->slug)), &jenis_izin_id);
            if (rc) {
                snprintf(err, errlen, "workflow %s: %s", what,
                         rc == LK_ERR_NOTFOUND ? "jenis izin missing (run demo_load first)" : store_errmsg(c));
                break;
            }
            for (int jp = 0; jp < 3 && !rc; jp++) {
                if (!ji->settings[jp].enabled) continue;
                rc = load_workflow(c, jenis_izin_id, jp_keys[jp], template_for(ji->slug), ji->settings[jp].sla_days,
                                   what, err, errlen);
            }
        }
    }
    if (!rc && (rc = public_version_bump(c)) != LK_OK) snprintf(err, errlen, "workflow: %s", store_errmsg(c));
    if (rc) store_rollback(c);
    else if ((rc = store_commit(c)) != LK_OK) snprintf(err, errlen, "workflow: %s", store_errmsg(c));
out:
    store_release(c);
    return rc;
}
