/* cli/cmd_serve.c — `loket serve`: opens the store, compiles the templates, starts the
 * HTTP server and waits for SIGTERM/SIGINT, then stops gracefully.  Meanwhile the main
 * thread checks every LOKET_REFRESH_S seconds whether shared data it keeps in memory (the
 * regions) changed in the database, and every ten minutes removes expired sessions. */
#include "cli/commands.h"
#include "domain/surat/mailer.h"
#include "domain/akun/cleanup.h"
#include "domain/akun/session.h"
#include "domain/wilayah/wilayah_cache.h"
#include "domain/izin/izin_verify.h"
#include "domain/izin/pengingat.h"
#include "util/ratelimit.h"
#include "html/i18n.h"
#include "util/log.h"
#include "util/notify.h"
#include "web/app.h"
#include "web/inbox_cache.h"
#include "web/public_cache.h"
#include "domain/izin/izin_tte.h"
#include <signal.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int cmd_serve(const config *cfg, int argc, char **argv)
{
    int rc = 1;
    char err[512];
    http_limits lim = http_limits_default();
    if (cfg->threads) lim.threads = cfg->threads;
    lim.max_upload = (size_t)cfg->max_upload_mb << 20;
    lim.access_log = cfg->access_log;
    lim.trusted_proxies = cfg->trusted_proxies;
    if (lim.max_body < lim.max_upload * 2) lim.max_body = lim.max_upload * 2;
    /* hardening: the connection guard (docs/SECURITY.md) */
    lim.max_conns_per_ip = cfg->max_conns_per_ip;
    lim.header_timeout_s = cfg->header_timeout_s;
    lim.trusted_proxies = cfg->trusted_proxies;
    if (cfg->login_queue) lim.background_queue = cfg->login_queue;   /* performance (issue 12) */
    if (cfg->login_wait_ms) lim.background_expected_wait_ms = cfg->login_wait_ms;

    /* Blocks of 1 MiB and more straight from the kernel and back to it when freed: glibc
     * otherwise raises its threshold to the largest block freed, so every argon2id hash
     * (7 MiB, http/background.c) after the first came from a thread's heap and stayed
     * resident there (issue 12: RSS < 64 MB). */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);

    /* Block the stop signals in every thread; this one waits for them below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* Request threads, background workers and the mailer each may hold one connection. */
    store *db = cli_open_store(cfg, (int)(lim.threads + lim.background_threads) + 2);
    if (!db) return 1;
    tmpl_set *tmpl = NULL;
    http_router *rt = NULL;
    http_server *srv = NULL;
    mailer *mail = NULL;
    wilayah_cache *regions = NULL;
    izin_keyring *izin_keys = izin_keyring_new();
    ratelimit *verify_limit = ratelimit_new(cfg->verify_per_minute, cfg->verify_per_minute / 2 > 30 ? cfg->verify_per_minute / 2 : 30);
    pengingat_job *reminders = NULL;
    izin_tte_config tte = {0};
    /* Public pages in memory: a few hundred pages of a few tens of KB at most. */
    public_cache *public_pages = public_cache_new(16u << 20, cfg->pemohon_cache);
    /* Inbox pages: a slot per officer and filter seen lately; each holds at least one
     * 16 KB arena block, so 256 slots stay within about 4 MB of the 64 MB budget. */
    inbox_cache *inbox_pages = cfg->inbox_cache ? inbox_cache_new(256) : NULL;
    if (i18n_load() != 0) goto out;
    tmpl = tmpl_set_load(err, sizeof err);
    if (!tmpl) {
        fprintf(stderr, "loket: %s\n", err);
        goto out;
    }
    if (web_init() != 0) goto out;
    regions = wilayah_cache_open(db, err, sizeof err);
    if (!regions) {
        fprintf(stderr, "loket: %s\n", err);
        goto out;
    }
    char mail_dir[1100];
    snprintf(mail_dir, sizeof mail_dir, "%s/mail", cfg->data_dir);
    mail = mailer_start(db, cfg->smtp_url, mail_dir, cfg->mail_from);
    if (!mail) {
        fprintf(stderr, "loket: cannot start the mail sender (see the log above)\n");
        goto out;
    }
    /* Public keys in memory, so /v/ verifies while the database is away. */
    store_conn *kc = store_acquire(db);
    izin_keyring_load(izin_keys, kc, cfg->data_dir);
    store_release(kc);
    reminders = pengingat_start(db, cfg->base_url, mail);
    app application = {.db = db, .tmpl = tmpl, .data_dir = cfg->data_dir, .base_url = cfg->base_url,
                       .mail = mail, .max_upload_mb = cfg->max_upload_mb, .wilayah = regions,
                       .metrics_on = cfg->metrics == METRICS_LOOPBACK,
                       .visitor_mails_per_client = cfg->visitor_mails_per_client,
                       .izin_keys = izin_keys, .verify_limit = verify_limit, .public_pages = public_pages,
                       .inbox_pages = inbox_pages};
    /* Electronic signatures of permit PDFs (issue 14). */
    if (cli_tte_config(cfg, &tte) != 0) goto out;
    application.tte = &tte;
    rt = http_router_new();
    web_routes(rt);
    char upload_dir[1100];
    snprintf(upload_dir, sizeof upload_dir, "%s/tmp", cfg->data_dir);
    srv = http_server_start(cfg->listen, &lim, rt, &application, upload_dir, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "loket: %s\n", err);
        goto out;
    }
    log_info("Loket is serving on http://%s (public address %s, %u threads); mail %s%s%s%s", cfg->listen,
             cfg->base_url, lim.threads, cfg->smtp_url[0] ? "over SMTP" : "written to DATA/mail as .eml files",
             cfg->metrics == METRICS_LOOPBACK ? "; /metrics for loopback clients" : "",
             cfg->config_file[0] ? "; configuration from " : "", cfg->config_file);
    /* The main thread waits for a stop signal.  Meanwhile, every refresh_s seconds, it
     * rebuilds the region index if another process imported regions; soon after start and
     * every ten minutes it removes expired sessions (each is also refused when used; this
     * keeps the table small) and what abandoned work left behind (domain/akun/cleanup.h).
     * Several serve processes may do these at once: all are idempotent. */
    notify_systemd("READY=1");   /* Type=notify: the unit is started now */
    int sig = -1;
    time_t next_purge = 0;
    while (sig < 0) {
        if (time(NULL) >= next_purge) {
            next_purge = time(NULL) + 600;
            store_conn *c = store_acquire(db);
            int64_t removed = 0;
            if (session_purge(c, time(NULL), &removed) == LK_OK && removed > 0)
                log_info("removed %lld expired sessions", (long long)removed);
            cleanup_counts cleaned;
            if (cleanup_run(c, cfg->data_dir, time(NULL), &cleaned) != LK_OK)
                log_warn("clean-up: could not finish (it runs again in ten minutes)");
            store_release(c);
        }
        struct timespec every = {.tv_sec = cfg->refresh_s, .tv_nsec = 0};
        sig = sigtimedwait(&stop, NULL, &every);
        if (sig >= 0) break;
        if (wilayah_cache_refresh(regions, err, sizeof err) < 0) log_warn("wilayah: %s", err);
    }
    log_info("stopping (signal %d): finishing requests in flight", sig);
    notify_systemd("STOPPING=1");
    http_server_stop(srv, 10);
    log_info("stopped");
    rc = 0;
out:
    izin_tte_tsa_unload(&tte);
    pengingat_stop(reminders);
    mailer_stop(mail);
    izin_keyring_free(izin_keys);
    ratelimit_free(verify_limit);
    wilayah_cache_close(regions);
    public_cache_free(public_pages);
    inbox_cache_free(inbox_pages);
    http_router_free(rt);
    tmpl_set_free(tmpl);
    store_close(db);
    return rc;
}
