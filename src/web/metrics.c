/* web/metrics.c — GET /metrics in the Prometheus text format (SPEC 8): the HTTP layer's
 * counters (requests by route and status, latency, in flight, background queue), the
 * database pool, the outbox (queue length, age of the oldest pending mail, failed
 * mails, this process's delivery attempts) and the region index.
 *
 * Off unless LOKET_METRICS=loopback; then only a client on this machine that did not
 * come through a proxy gets an answer (nginx in front connects from loopback too, so
 * a request carrying X-Forwarded-For or X-Real-IP is refused), everyone else the plain
 * 404 of an unknown page.  The numbers are per process: scrape each node. */
#include "domain/surat/mailer.h"
#include "domain/surat/outbox.h"
#include "domain/wilayah/wilayah_cache.h"
#include "web/handlers.h"
#include "web/inbox_cache.h"
#include "web/public_cache.h"
#include "web/page.h"
#include <string.h>
#include <time.h>

static int is_loopback(const char *ip)
{
    return strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 || strncmp(ip, "::ffff:127.", 11) == 0;
}

static int allowed(req *r)
{
    if (!APP(r)->metrics_on) return 0;
    if (req_header(r, "X-Forwarded-For") || req_header(r, "X-Real-IP") || req_header(r, "Forwarded")) return 0;
    return is_loopback(req_client_ip(r));
}

static void gauge(buf *b, const char *name, const char *help, long long value)
{
    buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help, name, name, value);
}

void handle_metrics(req *r)
{
    if (!allowed(r)) {
        page_error(r, 404, "Halaman tidak ditemukan.");
        return;
    }
    buf *b = resp_body(r);
    req_write_http_metrics(r, b);

    int size = 0, busy = 0;
    store_pool_use(APP(r)->db, &size, &busy);
    gauge(b, "loket_db_pool_size", "Database connections of this process.", size);
    gauge(b, "loket_db_pool_in_use", "Database connections taken now.", busy);

    store_conn *c = store_acquire(APP(r)->db);
    int64_t pending = 0, sent = 0, failed = 0;
    time_t oldest = 0;
    lk_err e = outbox_stats(c, &pending, &sent, &failed);
    if (e == LK_OK) e = outbox_oldest_pending(c, &oldest);
    store_release(c);
    gauge(b, "loket_outbox_readable", "1 when the outbox could be read for these figures.", e == LK_OK);
    gauge(b, "loket_outbox_pending", "Mails waiting to be sent (all nodes).", pending);
    gauge(b, "loket_outbox_failed", "Mails given up after every retry (all nodes).", failed);
    long long age = oldest ? (long long)(time(NULL) - oldest) : 0;
    gauge(b, "loket_outbox_oldest_pending_seconds", "Age of the oldest pending mail; 0 when none.", age < 0 ? 0 : age);

    uint64_t delivered = 0, attempts_failed = 0;
    mailer_counts(APP(r)->mail, &delivered, &attempts_failed);
    buf_printf(b, "# HELP loket_mail_sent_total Mails this process delivered.\n# TYPE loket_mail_sent_total counter\n"
                  "loket_mail_sent_total %llu\n", (unsigned long long)delivered);
    buf_printf(b, "# HELP loket_mail_failures_total Delivery attempts of this process that failed.\n"
                  "# TYPE loket_mail_failures_total counter\nloket_mail_failures_total %llu\n",
               (unsigned long long)attempts_failed);

    int64_t version = 0;
    uint64_t reloads = 0;
    wilayah_cache_state(APP(r)->wilayah, &version, &reloads);
    gauge(b, "loket_wilayah_version", "data_version of the regions the in-memory index was built from.", version);
    buf_printf(b, "# HELP loket_wilayah_reloads_total Rebuilds of the region index since start.\n"
                  "# TYPE loket_wilayah_reloads_total counter\nloket_wilayah_reloads_total %llu\n",
               (unsigned long long)reloads);

    inbox_cache_stats ic;
    inbox_cache_stats_get(APP(r)->inbox_pages, &ic);
    buf_printf(b, "# HELP loket_inbox_cache_hits_total Inbox pages answered from kept data.\n"
                  "# TYPE loket_inbox_cache_hits_total counter\nloket_inbox_cache_hits_total %llu\n"
                  "# HELP loket_inbox_cache_misses_total Inbox pages read from the database.\n"
                  "# TYPE loket_inbox_cache_misses_total counter\nloket_inbox_cache_misses_total %llu\n",
               (unsigned long long)ic.hits, (unsigned long long)ic.misses);

    public_cache_stats pcs;
    public_cache_stats_get(APP(r)->public_pages, &pcs);
    buf_printf(b, "# HELP loket_page_cache_hits_total Public pages answered from memory.\n"
                  "# TYPE loket_page_cache_hits_total counter\nloket_page_cache_hits_total %llu\n"
                  "# HELP loket_page_cache_misses_total Public pages rendered and kept.\n"
                  "# TYPE loket_page_cache_misses_total counter\nloket_page_cache_misses_total %llu\n"
                  "# HELP loket_pemohon_cache_hits_total Applicants' own pages answered from memory.\n"
                  "# TYPE loket_pemohon_cache_hits_total counter\nloket_pemohon_cache_hits_total %llu\n"
                  "# HELP loket_pemohon_cache_misses_total Applicants' own pages rendered.\n"
                  "# TYPE loket_pemohon_cache_misses_total counter\nloket_pemohon_cache_misses_total %llu\n"
                  "# HELP loket_page_cache_bytes Bytes of kept pages (plain and gzip).\n"
                  "# TYPE loket_page_cache_bytes gauge\nloket_page_cache_bytes %zu\n",
               (unsigned long long)pcs.hits, (unsigned long long)pcs.misses, (unsigned long long)pcs.private_hits,
               (unsigned long long)pcs.private_misses, pcs.bytes);

    resp_header(r, "Cache-Control", "no-store");
    resp_header(r, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    resp_status(r, 200);
}
