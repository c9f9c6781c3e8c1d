/* domain/izin/pengingat.c — expiry reminders and the claim of the shared job (see
 * pengingat.h). */
#include "domain/izin/pengingat.h"
#include "domain/izin/izin.h"
#include "domain/izin/survei.h"
#include "domain/surat/mailer.h"
#include "domain/surat/outbox.h"
#include "util/alloc.h"
#include <pthread.h>
#include <stdlib.h>
#include "util/datetime.h"
#include "util/log.h"
#include "util/phrase.h"
#include <string.h>

lk_err pengingat_claim(store_conn *c, time_t now, int *mine)
{
    int64_t changed = 0;
    lk_err e = store_exec(c, "UPDATE job_schedule SET next_run_at = $2, last_run_at = $1"
                             " WHERE name = 'izin_pengingat' AND next_run_at <= $1",
                          STORE_P(SP_I(now), SP_I(now + PENGINGAT_INTERVAL_S)), &changed);
    *mine = e == LK_OK && changed == 1;
    return e;
}

typedef struct {
    int64_t id, instansi_id;
    const char *nomor, *jenis_izin, *sampai, *email, *nama, *office, *lang;
} due_izin;

/* One reminder: the row and the mail in one transaction; *sent += 1 when it was new. */
static lk_err remind(store_conn *c, arena *a, const due_izin *z, int days, int days_left, const char *base_url,
                     time_t now, int *sent)
{
    lk_err e = store_begin(c);
    if (e) return e;
    int64_t inserted = 0;
    e = store_exec(c, "INSERT INTO izin_pengingat (izin_id, days_before, sent_at) VALUES ($1, $2, $3)"
                      " ON CONFLICT (izin_id, days_before) DO NOTHING",
                   STORE_P(SP_I(z->id), SP_I(days), SP_T(datetime_iso(a, now))), &inserted);
    if (e == LK_OK && inserted == 1) {
        const char *vars[] = {"nama", z->nama, "nomor", z->nomor, "jenis_izin", z->jenis_izin,
                              "hari", arena_printf(a, "%d", days_left), "berlaku_sampai", date_long_in(a, z->sampai, strcmp(z->lang, "en") == 0),
                              "link", arena_printf(a, "%s/pemohon/izin", base_url), "instansi", z->office, NULL};
        const char *subject = NULL, *body = NULL;
        e = mail_compose(z->lang, "izin_pengingat", vars, a, &subject, &body);
        if (e == LK_OK) e = outbox_queue(c, z->instansi_id, "izin_pengingat", z->email, subject, body);
    }
    if (e == LK_OK) e = store_commit(c);
    else store_rollback(c);
    if (e == LK_OK && inserted == 1) (*sent)++;
    return e;
}

/* Reminders of one instansi for threshold `days` (the next smaller one is `lower`, -1 for
 * none): permits whose berlaku sampai is within days and beyond lower, not yet reminded. */
static lk_err run_threshold(store_conn *c, arena *a, int64_t instansi_id, int days, int lower, const char *today,
                            const char *base_url, time_t now, int *sent)
{
    const char *until = izin_day_add(a, today, days), *after = izin_day_add(a, today, lower);
    store_rows *r = store_query(c,
        "SELECT z.id, z.nomor, z.jenis_izin_name, z.berlaku_sampai, a.email, a.nama, i.office_name, a.lang FROM izin z"
        " JOIN account a ON a.id = z.account_id JOIN instansi i ON i.id = z.instansi_id"
        " WHERE z.instansi_id = $1 AND z.status = 'berlaku' AND z.berlaku_sampai IS NOT NULL"
        " AND z.berlaku_sampai <= $2 AND z.berlaku_sampai > $3"
        " AND NOT EXISTS (SELECT 1 FROM izin_pengingat g WHERE g.izin_id = z.id AND g.days_before = $4)"
        " ORDER BY z.id LIMIT 500",
        STORE_P(SP_I(instansi_id), SP_T(until), SP_T(after), SP_I(days)));
    if (!r) return LK_ERR_DB;
    due_izin *list = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = store_next(r)) == 1) {
        list = arena_grow(a, list, &cap, n, sizeof *list);
        due_izin *z = &list[n++];
        z->id = store_int(r, 0);
        z->instansi_id = instansi_id;
        z->nomor = arena_strdup(a, store_text(r, 1));
        z->jenis_izin = arena_strdup(a, store_text(r, 2));
        z->sampai = arena_strdup(a, store_text(r, 3));
        z->email = arena_strdup(a, store_text(r, 4));
        z->nama = arena_strdup(a, store_text(r, 5));
        z->office = arena_strdup(a, store_text(r, 6));
        z->lang = phrase_lang(store_text(r, 7));
    }
    store_rows_close(r);
    if (rc < 0) return LK_ERR_DB;
    time_t t_today = 0;
    datetime_parse(today, &t_today);
    for (size_t i = 0; i < n; i++) {
        time_t t_end = 0;
        datetime_parse(list[i].sampai, &t_end);
        int left = (int)((t_end - t_today) / 86400);
        lk_err e = remind(c, a, &list[i], days, left, base_url, now, sent);
        if (e) return e;
    }
    return LK_OK;
}

lk_err pengingat_run(store_conn *c, const char *base_url, time_t now, int *sent)
{
    int count = 0;
    arena *a = arena_new();
    const char *today = izin_today(a, now);
    store_rows *r = store_query(c, "SELECT id FROM instansi ORDER BY id", STORE_NOP);
    lk_err e = r ? LK_OK : LK_ERR_DB;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    while (r && (rc = store_next(r)) == 1) {
        ids = arena_grow(a, ids, &cap, n, sizeof *ids);
        ids[n++] = store_int(r, 0);
    }
    store_rows_close(r);
    if (rc < 0) e = LK_ERR_DB;
    for (size_t i = 0; i < n && e == LK_OK; i++) {
        izin_setting s;
        e = izin_setting_get(c, ids[i], &s);
        for (int k = 0; k < s.n_reminders && e == LK_OK; k++)
            e = run_threshold(c, a, ids[i], s.reminder_days[k], k + 1 < s.n_reminders ? s.reminder_days[k + 1] : -1,
                              today, base_url, now, &count);
    }
    if (count) log_info("izin: %d expiry reminder(s) queued", count);
    if (sent) *sent = count;
    arena_free(a);
    return e;
}

/* ---- the thread in loket serve ------------------------------------------------- */

struct pengingat_job {
    store *db;
    char *base_url;
    struct mailer *mail;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping;
};

static void *job_main(void *arg)
{
    pengingat_job *j = arg;
    pthread_mutex_lock(&j->lock);
    while (!j->stopping) {
        pthread_mutex_unlock(&j->lock);
        time_t now = time(NULL);
        store_conn *c = store_acquire(j->db);
        int mine = 0, sent = 0;
        if (pengingat_claim(c, now, &mine) == LK_OK && mine && pengingat_run(c, j->base_url, now, &sent) != LK_OK)
            log_warn("izin: the expiry reminders stopped early (%s); the next run continues", store_errmsg(c));
        store_release(c);
        if (sent && j->mail) mailer_wake(j->mail);
        pthread_mutex_lock(&j->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 60;
        while (!j->stopping && pthread_cond_timedwait(&j->wake, &j->lock, &until) == 0) {}
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

pengingat_job *pengingat_start(store *s, const char *base_url, struct mailer *m)
{
    pengingat_job *j = xcalloc(1, sizeof *j);
    j->db = s;
    j->base_url = xstrdup(base_url);
    j->mail = m;
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->wake, NULL);
    if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
        free(j->base_url);
        free(j);
        return NULL;
    }
    return j;
}

void pengingat_stop(pengingat_job *j)
{
    if (!j) return;
    pthread_mutex_lock(&j->lock);
    j->stopping = 1;
    pthread_cond_signal(&j->wake);
    pthread_mutex_unlock(&j->lock);
    pthread_join(j->thread, NULL);
    pthread_cond_destroy(&j->wake);
    pthread_mutex_destroy(&j->lock);
    free(j->base_url);
    free(j);
}
